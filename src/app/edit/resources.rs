//! Routing for customer and category edits: which intent does what on which
//! tab, the shared form's Enter, counts for dialogs, and write results.

use super::form::{Form, FormPurpose};
use super::{EditIntent, Overlay, WriteFailure, Written, category, close, customer, open};
use crate::api::models::{Customer, CustomerWrite, TreeCategory};
use crate::app::list::RequestId;
use crate::app::update::toast;
use crate::app::{AppState, Effect, Mode, Tab, ToastKind};

/// Counts a dialog or detail needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountQuery {
    /// Orders per customer (for the delete dialog).
    CustomerOrders { ids: Vec<u64> },
    /// Products in category `id`, and (when `below` has ids) in it and its
    /// subcategories together (for the delete dialog, or the detail).
    CategoryProducts {
        id: u64,
        below: Vec<u64>,
        for_delete: bool,
    },
}

impl CountQuery {
    /// Whether a delete dialog waits for it.
    pub fn for_delete(&self) -> bool {
        match self {
            CountQuery::CustomerOrders { .. } => true,
            CountQuery::CategoryProducts { for_delete, .. } => *for_delete,
        }
    }
}

/// A customer or category write in flight.
#[derive(Debug, Clone)]
pub enum ResourcePending {
    /// A customer create; the form comes back if the API refuses it.
    CustomerCreate(Box<Form>),
    /// A customer update; `before` is shown again if it fails.
    CustomerUpdate {
        before: Box<Customer>,
        changes: Box<CustomerWrite>,
    },
    CustomerDelete {
        ids: Vec<u64>,
    },
    /// A category create under `parent_id` (0 = top level).
    CategoryCreate {
        form: Box<Form>,
        parent_id: u64,
    },
    /// A category update; the form (if any) comes back on failure.
    CategoryUpdate {
        before: Box<TreeCategory>,
        form: Option<Box<Form>>,
    },
    CategoryDelete {
        ids: Vec<u64>,
    },
}

/// Normal-mode edit keys on the Customers and Categories tabs (`None`: not
/// theirs). Read-only refusal has already happened in `edit::on_intent`.
pub(super) fn on_intent(state: &mut AppState, intent: EditIntent) -> Option<Vec<Effect>> {
    if state.mode != Mode::Normal {
        return None;
    }
    let effects = match (state.tab, intent) {
        (Tab::Customers, EditIntent::Create) => customer::start_create(state),
        (Tab::Customers, EditIntent::Inline) => customer::start_inline(state),
        (Tab::Customers, EditIntent::External) => customer::start_external(state),
        (Tab::Customers, EditIntent::Delete) => customer::start_delete(state),
        (Tab::Customers, EditIntent::Mark) => customer::toggle_mark(state),
        (Tab::Customers, EditIntent::CustomerOrders) => customer::open_orders(state),
        (Tab::Customers, EditIntent::ColumnLeft) => {
            state.customers.column = state.customers.column.step(-1);
            Vec::new()
        }
        (Tab::Customers, EditIntent::ColumnRight) => {
            state.customers.column = state.customers.column.step(1);
            Vec::new()
        }
        (Tab::Categories, EditIntent::Create) => category::start_create(state, false),
        (Tab::Categories, EditIntent::CreateTop) => category::start_create(state, true),
        (Tab::Categories, EditIntent::Inline) => category::start_edit(state),
        (Tab::Categories, EditIntent::ToggleVisible) => category::toggle_visible(state),
        (Tab::Categories, EditIntent::Delete) => category::start_delete(state),
        (Tab::Webhooks, EditIntent::Create) => crate::app::hooks::start_create(state),
        (Tab::Webhooks, EditIntent::ToggleActive) => crate::app::hooks::toggle_active(state),
        (Tab::Webhooks, EditIntent::Delete) => crate::app::hooks::start_delete(state),
        _ => return None,
    };
    Some(effects)
}

/// Enter in a customer or category form.
pub(super) fn submit_form(state: &mut AppState) -> Vec<Effect> {
    let Some(Overlay::Form(mut form)) = close(state) else {
        return Vec::new();
    };
    match form.purpose.clone() {
        FormPurpose::CreateCustomer => {
            let Some(write) = customer::build_create(&mut form, &state.customers.groups) else {
                open(state, Overlay::Form(form));
                return Vec::new();
            };
            let row = super::log::LogRow {
                id: 0,
                subject: write.email.clone().unwrap_or_default(),
                field: "customer".to_string(),
                old: "-".to_string(),
                new: "created".to_string(),
            };
            super::send(
                state,
                super::Write::CreateCustomer(write),
                super::Pending::Resource(ResourcePending::CustomerCreate(form)),
                vec![row],
            )
        }
        FormPurpose::EditCustomerName { id } => customer::submit_name(state, id, *form),
        FormPurpose::CreateProduct => {
            // The product form normally sits in `Overlay::Create`; same path.
            open(state, Overlay::Create(form));
            super::create::submit_create(state)
        }
        FormPurpose::CreateCategory { .. } | FormPurpose::EditCategory { .. } => {
            category::submit(state, *form)
        }
        FormPurpose::CreateHook => crate::app::hooks::submit_create(state, *form),
        FormPurpose::FilterProducts => super::product_filter::submit(state, *form),
    }
}

/// Counts arrived for a delete dialog or the category detail.
pub fn on_counted(
    state: &mut AppState,
    request: RequestId,
    query: CountQuery,
    result: Result<Vec<(u64, u64)>, String>,
) -> Vec<Effect> {
    match query {
        CountQuery::CustomerOrders { ids } => {
            if state.customers.counting.take() != Some(request) {
                state.changed = false;
                return Vec::new();
            }
            drop_notice(state, customer::COUNTING_ORDERS);
            customer::confirm_delete(state, ids, result);
        }
        CountQuery::CategoryProducts { id, for_delete, .. } => {
            // The first count is the category's own products.
            let own = result
                .as_ref()
                .ok()
                .and_then(|counts| counts.first().map(|(_, n)| *n));
            state.categories.product_counts.insert(id, own);
            if for_delete {
                if state.categories.counting.take() != Some(request) {
                    state.changed = false;
                    return Vec::new();
                }
                drop_notice(state, category::COUNTING_PRODUCTS);
                category::confirm_delete(state, id, result);
            }
        }
    }
    Vec::new()
}

/// Removes the "Counting …" notice once the dialog it announced opens.
fn drop_notice(state: &mut AppState, text: &str) {
    state.toasts.retain(|toast| toast.text != text);
}

/// A customer or category write came back.
pub(super) fn on_written(
    state: &mut AppState,
    request: RequestId,
    pending: ResourcePending,
    result: Result<Written, WriteFailure>,
) -> Vec<Effect> {
    match (pending, result) {
        (ResourcePending::CustomerCreate(_), Ok(Written::Customer(created))) => {
            state
                .edit
                .log
                .set_subject(request, created.id, customer::label(&created));
            state.edit.log.finish(request, &[]);
            let text = format!(
                "Created customer {} <{}>",
                customer::label(&created),
                created.email
            );
            state.customers.list.insert_first(*created);
            toast(state, ToastKind::Info, text)
        }
        (ResourcePending::CustomerCreate(mut form), Err(failure)) => {
            state.edit.log.fail(request, &failure.message);
            form.show_failure(&failure);
            open(state, Overlay::Form(form));
            toast(
                state,
                ToastKind::Error,
                format!("Not created: {}", failure.message),
            )
        }
        (ResourcePending::CustomerUpdate { before, changes }, Ok(Written::Customer(saved))) => {
            state.edit.log.finish(request, &[]);
            let text = super::customer_fields::describe(&before, &changes, &state.customers.groups)
                .into_iter()
                .map(|(field, old, new)| format!("{field} {old} → {new}"))
                .collect::<Vec<_>>()
                .join(", ");
            customer::show(state, &saved);
            toast(
                state,
                ToastKind::Info,
                format!("Saved {}: {text}", customer::label(&saved)),
            )
        }
        (ResourcePending::CustomerUpdate { before, .. }, result) => {
            let message = failure_text(result);
            state.edit.log.fail(request, &message);
            customer::show(state, &before);
            toast(
                state,
                ToastKind::Error,
                format!("Not saved ({}): {message}", customer::label(&before)),
            )
        }
        (ResourcePending::CustomerDelete { ids }, Ok(Written::Deleted { deleted, .. })) => {
            state.edit.log.finish(request, &[]);
            customer::remove(state, &deleted);
            let text = match deleted.as_slice() {
                [one] => format!("Deleted customer #{one}"),
                many => format!("Deleted {} customers", many.len()),
            };
            let _ = ids;
            toast(state, ToastKind::Info, text)
        }
        (ResourcePending::CategoryCreate { parent_id, .. }, Ok(Written::Category(created))) => {
            state.edit.log.finish(request, &[]);
            let text = match &created {
                Some(c) => {
                    state.categories.select_after_load = Some(c.category_id);
                    format!("Created category {}", category::label(c))
                }
                None => "Created the category".to_string(),
            };
            if parent_id != 0 {
                state.categories.opened.insert(parent_id);
            }
            let mut effects = toast(state, ToastKind::Info, text);
            effects.extend(state.reload_categories());
            effects
        }
        (ResourcePending::CategoryCreate { mut form, .. }, Err(failure)) => {
            state.edit.log.fail(request, &failure.message);
            form.show_failure(&failure);
            open(state, Overlay::Form(form));
            toast(
                state,
                ToastKind::Error,
                format!("Not created: {}", failure.message),
            )
        }
        (ResourcePending::CategoryUpdate { before, .. }, Ok(Written::Category(saved))) => {
            state.edit.log.finish(request, &[]);
            let Some(saved) = saved else {
                // Saved, but not read back: re-read the tree.
                let text = format!("Saved category {}", category::label(&before));
                let mut effects = toast(state, ToastKind::Info, text);
                effects.extend(state.reload_categories());
                return effects;
            };
            let text = format!(
                "Saved category {}{}",
                category::label(&saved),
                if saved.is_visible { "" } else { " (hidden)" }
            );
            category::replace(state, *saved);
            toast(state, ToastKind::Info, text)
        }
        (ResourcePending::CategoryUpdate { before, form }, result) => {
            let message = failure_text(result.clone());
            state.edit.log.fail(request, &message);
            category::replace(state, *before);
            if let (Some(mut form), Err(failure)) = (form, result) {
                form.show_failure(&failure);
                open(state, Overlay::Form(form));
            }
            toast(state, ToastKind::Error, format!("Not saved: {message}"))
        }
        (ResourcePending::CategoryDelete { ids }, Ok(Written::Deleted { .. })) => {
            state.edit.log.finish(request, &[]);
            // Select the parent (or a neighbour) rather than jumping to the top.
            let parent = state
                .categories
                .all
                .iter()
                .find(|c| ids.contains(&c.category_id))
                .map_or(0, |c| c.parent_id);
            if parent != 0 {
                state.categories.select_after_load = Some(parent);
            }
            let text = format!("Deleted category #{}", ids.first().copied().unwrap_or(0));
            let mut effects = toast(state, ToastKind::Info, text);
            effects.extend(state.reload_categories());
            effects
        }
        (_, result) => {
            let message = failure_text(result);
            state.edit.log.fail(request, &message);
            toast(state, ToastKind::Error, format!("Not done: {message}"))
        }
    }
}

fn failure_text(result: Result<Written, WriteFailure>) -> String {
    match result {
        Err(failure) => failure.message,
        Ok(other) => format!("unexpected answer {other:?}"),
    }
}
