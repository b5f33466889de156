//! Customer edits: `c` create (a form), `e` the focused column inline (the
//! name as a two-field form), `E` JSON in `$EDITOR`, `x` delete (the dialog
//! names the customers and how many orders each has), Space marks.

use std::borrow::Cow;

use super::customer_fields::{CustomerField, apply, describe};
use super::external::EditedJson;
use super::form::{Form, FormPurpose, text_of};
use super::inline::InlineEditor;
use super::log::LogRow;
use super::resource::{
    Answer, EditableResource, ResourceWrite, create_refused, failure_text, not_done,
};
use super::write_request::{Write, Written};
use super::{EditIntent, Overlay, Pending, close, open, send, shown};
use crate::api::models::{
    Customer, CustomerAddressWrite, CustomerGroup, CustomerRow, CustomerWrite,
};
use crate::app::update::toast;
use crate::app::{AppState, Effect, Tab, ToastKind};

pub use super::customer_delete::{COUNTING_ORDERS, confirm_delete, delete, remove, start_delete};
pub use super::customer_external::{external_done, open_editor, start_external};

/// The Customers tab's edits.
pub struct Customers;

impl EditableResource for Customers {
    fn target(&self, state: &AppState) -> Option<u64> {
        target(state).map(|c| c.id)
    }
    fn on_intent(&self, state: &mut AppState, intent: EditIntent) -> Vec<Effect> {
        match intent {
            EditIntent::Create => start_create(state),
            EditIntent::Inline => start_inline(state),
            EditIntent::External => start_external(state),
            EditIntent::Delete => start_delete(state),
            EditIntent::Mark => toggle_mark(state),
            EditIntent::CustomerOrders => open_orders(state),
            EditIntent::ColumnLeft => move_column(state, -1),
            EditIntent::ColumnRight => move_column(state, 1),
            _ => Vec::new(),
        }
    }
    fn submit_form(&self, state: &mut AppState, form: Box<Form>) -> Vec<Effect> {
        // Its forms: the rename, else the new customer.
        match form.purpose {
            FormPurpose::EditCustomerName { id } => submit_name(state, id, *form),
            _ => submit_create(state, form),
        }
    }
    fn delete(&self, state: &mut AppState, ids: Vec<u64>) -> Vec<Effect> {
        delete(state, ids)
    }
    fn edited_externally(&self, state: &mut AppState, json: EditedJson) -> Vec<Effect> {
        external_done(state, json)
    }
}

/// A customer write in flight.
#[derive(Debug, Clone)]
pub enum CustomerPending {
    /// The form comes back if the API refuses it.
    Create(Box<Form>),
    /// `before` is shown again if it fails.
    Update {
        before: Box<Customer>,
        changes: Box<CustomerWrite>,
    },
    Delete {
        ids: Vec<u64>,
    },
}

impl ResourceWrite for CustomerPending {
    fn touches(&self, tab: Tab, id: u64) -> bool {
        tab == Tab::Customers
            && match self {
                CustomerPending::Update { before, .. } => before.id == id,
                CustomerPending::Delete { ids } => ids.contains(&id),
                CustomerPending::Create(_) => false,
            }
    }

    fn written(self: Box<Self>, state: &mut AppState, (request, result): Answer) -> Vec<Effect> {
        match (*self, result) {
            (CustomerPending::Create(_), Ok(Written::Customer(created))) => {
                let name = label(&created);
                state
                    .edit
                    .log
                    .set_subject(request, created.id, name.clone());
                state.edit.log.finish(request, &[]);
                let text = format!("Created customer {name} <{}>", created.email);
                state
                    .customers
                    .list
                    .insert_first(CustomerRow::from(&*created));
                toast(state, ToastKind::Info, text)
            }
            (CustomerPending::Create(form), Err(failure)) => {
                create_refused(state, request, form, failure)
            }
            (CustomerPending::Update { before, changes }, Ok(Written::Customer(saved))) => {
                state.edit.log.finish(request, &[]);
                let text = describe(&before, &changes, &state.customers.groups)
                    .into_iter()
                    .map(|(field, old, new)| format!("{field} {old} → {new}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                show(state, &saved);
                let text = format!("Saved {}: {text}", label(&saved));
                toast(state, ToastKind::Info, text)
            }
            (CustomerPending::Update { before, .. }, result) => {
                let message = failure_text(result);
                state.edit.log.fail(request, &message);
                show(state, &before);
                let text = format!("Not saved ({}): {message}", label(&before));
                toast(state, ToastKind::Error, text)
            }
            (CustomerPending::Delete { .. }, Ok(Written::Deleted { deleted, .. })) => {
                state.edit.log.finish(request, &[]);
                remove(state, &deleted);
                let text = match deleted.as_slice() {
                    [one] => format!("Deleted customer #{one}"),
                    many => format!("Deleted {} customers", many.len()),
                };
                toast(state, ToastKind::Info, text)
            }
            (_, result) => not_done(state, request, result),
        }
    }
}

/// A customer cell being edited.
#[derive(Debug, Clone)]
pub struct CellEdit {
    /// The customer.
    pub id: u64,
    /// The field.
    pub field: CustomerField,
    /// The editor.
    pub editor: InlineEditor,
}

/// `#12 Ada Lovelace`.
pub fn label(c: &Customer) -> String {
    format!("#{} {}", c.id, c.full_name())
}

/// The customer the keys act on: the open detail, else the selected row (its list fields).
pub(super) fn target(state: &AppState) -> Option<Cow<'_, Customer>> {
    match &state.customers.detail {
        Some(detail) => detail.data.as_ref().map(|d| Cow::Borrowed(&d.customer)),
        None => state
            .customers
            .list
            .selected()
            .map(|row| Cow::Owned(row.to_customer())),
    }
}

/// Customer `id` as the detail or the list has it: the detail first, as it holds the
/// whole customer; a list row only the list's fields (the rest left empty).
pub(super) fn find(state: &AppState, id: u64) -> Option<Cow<'_, Customer>> {
    let customers = &state.customers;
    let whole = customers.detail.as_ref().and_then(|d| d.data.as_ref());
    shown::find(whole.map(|d| &d.customer), &customers.list.rows, id)
}

/// Shows `customer` wherever it is listed or open.
pub(super) fn show(state: &mut AppState, customer: &Customer) {
    let customers = &mut state.customers;
    let whole = customers.detail.as_mut().and_then(|d| d.data.as_mut());
    // The write answer has no addresses or store credit: keep those.
    let keep = |now: &mut Customer, before: Customer| {
        if now.addresses.is_empty() {
            now.addresses = before.addresses;
        }
        if now.store_credit_amounts.is_empty() {
            now.store_credit_amounts = before.store_credit_amounts;
        }
    };
    let whole = whole.map(|d| &mut d.customer);
    shown::show(&mut customers.list.rows, whole, customer, keep);
}

/// `c`: the new-customer form.
pub fn start_create(state: &mut AppState) -> Vec<Effect> {
    let (groups, nobody) = (&state.customers.groups, Customer::default());
    let group = InlineEditor::new(
        "Group",
        CustomerField::Group.kind(groups, &nobody),
        CustomerField::Group.get(groups, &nobody),
    );
    let form = Form::new(
        "New customer (the address is optional; country as US, GB…)",
        "create",
        FormPurpose::CreateCustomer,
    )
    .text("email", "Email", true, "")
    .text("first_name", "First name", true, "")
    .text("last_name", "Last name", true, "")
    .text("company", "Company", false, "")
    .text("phone", "Phone", false, "")
    .field("customer_group_id", group)
    .text("address1", "Address street", false, "")
    .text("city", "Address city", false, "")
    .text("postal_code", "Address postcode", false, "")
    .text("country_code", "Address country", false, "");
    open(state, Overlay::Form(Box::new(form)));
    Vec::new()
}

/// Enter in the new-customer form: checks the fields, then sends the create.
fn submit_create(state: &mut AppState, mut form: Box<Form>) -> Vec<Effect> {
    let Some(write) = build_create(&mut form, &state.customers.groups) else {
        open(state, Overlay::Form(form));
        return Vec::new();
    };
    let email = write.email.clone().unwrap_or_default();
    let row = LogRow::created("customer", email, "created".into());
    let pending = Pending::Resource(Box::new(CustomerPending::Create(form)));
    send(state, Write::CreateCustomer(write), pending, vec![row])
}

/// The customer the create form describes, or `None` after marking fields.
fn build_create(form: &mut Form, groups: &[CustomerGroup]) -> Option<CustomerWrite> {
    let values = form.values()?;
    let get = |name: &str| {
        values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| text_of(v))
            .unwrap_or_default()
    };
    let optional = |name: &str| Some(get(name)).filter(|t| !t.is_empty());
    let mut write = CustomerWrite {
        email: Some(get("email")),
        first_name: Some(get("first_name")),
        last_name: Some(get("last_name")),
        company: optional("company"),
        phone: optional("phone"),
        ..CustomerWrite::default()
    };
    if let Some((_, value)) = values.iter().find(|(n, _)| *n == "customer_group_id") {
        let group = CustomerField::Group
            .write(groups, 0, value)
            .customer_group_id;
        write.customer_group_id = group.filter(|id| *id > 0);
    }
    if !get("email").contains('@') {
        form.refuse("email", "an email address has an @");
        return None;
    }
    let street = get("address1");
    let any_address = ["address1", "city", "postal_code", "country_code"]
        .iter()
        .any(|n| !get(n).is_empty());
    if any_address {
        // The API needs street, city and country for an address.
        for (name, what) in [
            ("address1", "street"),
            ("city", "city"),
            ("country_code", "country"),
        ] {
            if get(name).is_empty() {
                form.refuse(name, format!("an address needs a {what}"));
                return None;
            }
        }
        write.addresses = Some(vec![CustomerAddressWrite {
            first_name: get("first_name"),
            last_name: get("last_name"),
            address1: street,
            city: get("city"),
            postal_code: optional("postal_code"),
            country_code: get("country_code").to_uppercase(),
            ..CustomerAddressWrite::default()
        }]);
    }
    Some(write)
}

/// `e`: the focused column of the selected customer (the name as a form).
pub fn start_inline(state: &mut AppState) -> Vec<Effect> {
    let Some(customer) = target(state).map(Cow::into_owned) else {
        return Vec::new();
    };
    let (id, field) = (customer.id, state.customers.column);
    if field == CustomerField::Name {
        let form = Form::new(
            format!("Rename customer #{id}"),
            "save",
            FormPurpose::EditCustomerName { id },
        )
        .text("first_name", "First name", true, &customer.first_name)
        .text("last_name", "Last name", true, &customer.last_name);
        open(state, Overlay::Form(Box::new(form)));
        return Vec::new();
    }
    let groups = &state.customers.groups;
    let editor = InlineEditor::new(
        field.label(),
        field.kind(groups, &customer),
        field.get(groups, &customer),
    );
    open(state, Overlay::CustomerCell(CellEdit { id, field, editor }));
    Vec::new()
}

/// Enter in a customer cell: validate, then send only that field.
pub fn submit_cell(state: &mut AppState) -> Vec<Effect> {
    let Some(Overlay::CustomerCell(edit)) = state.edit.overlay.as_mut() else {
        return Vec::new();
    };
    let Some(value) = edit.editor.entered() else {
        return Vec::new();
    };
    if edit.field == CustomerField::Email && !text_of(&value).contains('@') {
        edit.editor.error = Some("an email address has an @".to_string());
        return Vec::new();
    }
    let (id, field, unchanged) = (edit.id, edit.field, value == edit.editor.original);
    close(state);
    if unchanged {
        return toast(
            state,
            ToastKind::Info,
            format!("{} unchanged; nothing sent", field.label()),
        );
    }
    let write = field.write(&state.customers.groups, id, &value);
    save(state, write)
}

/// The rename form was submitted: send the names that changed.
fn submit_name(state: &mut AppState, id: u64, mut form: Form) -> Vec<Effect> {
    let Some(values) = form.values() else {
        open(state, Overlay::Form(Box::new(form)));
        return Vec::new();
    };
    let Some(customer) = find(state, id).map(Cow::into_owned) else {
        return Vec::new();
    };
    let mut write = CustomerWrite {
        id: Some(id),
        ..CustomerWrite::default()
    };
    for (name, value) in values {
        let text = text_of(&value);
        match name {
            "first_name" if text != customer.first_name => write.first_name = Some(text),
            "last_name" if text != customer.last_name => write.last_name = Some(text),
            _ => {}
        }
    }
    if write.first_name.is_none() && write.last_name.is_none() {
        return toast(
            state,
            ToastKind::Info,
            "Name unchanged; nothing sent".into(),
        );
    }
    save(state, write)
}

/// Sends `changes` (with `id`) and shows them at once.
pub(super) fn save(state: &mut AppState, changes: CustomerWrite) -> Vec<Effect> {
    let Some(id) = changes.id else {
        return Vec::new();
    };
    let Some(before) = find(state, id).map(Cow::into_owned) else {
        return toast(
            state,
            ToastKind::Error,
            format!("Customer #{id} is no longer shown"),
        );
    };
    save_over(state, before, changes)
}

/// Sends `changes` (with `id`) over `before`, what the user saw: the log, the undo on
/// failure and the check that the store still holds it are made from `before`.
pub(super) fn save_over(
    state: &mut AppState,
    before: Customer,
    changes: CustomerWrite,
) -> Vec<Effect> {
    let id = before.id;
    let mut shown = before.clone();
    apply(&mut shown, &changes);
    show(state, &shown);
    let rows = describe(&before, &changes, &state.customers.groups)
        .into_iter()
        .map(|(field, old, new)| LogRow {
            id,
            subject: label(&before),
            field,
            old,
            new,
        })
        .collect();
    let expected = crate::api::compare::seen(&before, &changes);
    let pending = Pending::Resource(Box::new(CustomerPending::Update {
        before: Box::new(before),
        changes: Box::new(changes.clone()),
    }));
    send(
        state,
        Write::UpdateCustomer { changes, expected },
        pending,
        rows,
    )
}

/// `h`/`l`: focus another column (what `e` edits).
fn move_column(state: &mut AppState, steps: isize) -> Vec<Effect> {
    state.customers.column = state.customers.column.step(steps);
    Vec::new()
}

/// Space: mark or unmark the selected customer.
pub fn toggle_mark(state: &mut AppState) -> Vec<Effect> {
    let viewport = state.list_rows();
    let pane = &mut state.customers;
    pane.list.toggle_mark(&mut pane.marked, |c| c.id, viewport);
    Vec::new()
}

/// `o`: the Orders tab filtered to the customer (by their email, the filter
/// the Orders tab has).
pub fn open_orders(state: &mut AppState) -> Vec<Effect> {
    let Some(id) = target(state).map(|c| c.id) else {
        return Vec::new();
    };
    state.tab = Tab::Orders;
    state.orders.detail = None;
    state.orders.filter = Some(crate::app::panes::OrderFilter::Customer(id));
    // All of the customer's orders, not only those needing action.
    state.orders.status = None;
    state.orders.needs_action = false;
    state.reload_orders()
}
