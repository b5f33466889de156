//! What happens when a write comes back: the row shows the saved value (or
//! the old one again, with the API's message), the log and undo stack are
//! updated, and a toast says what happened.

use super::fields::{describe_changes, undo_write};
use super::product::{Conflict, label, show_product};
use super::resource::refused;
use super::write_request::GuardedWrite;
use super::{Overlay, Pending, WriteFailure, Written, bulk, open, open_report};
use crate::api::compare::FieldDiff;
use crate::api::models::Product;
use crate::app::list::RequestId;
use crate::app::update::toast;
use crate::app::words::counted;
use crate::app::{AppState, Effect, ToastKind};

pub(super) fn on_written(
    state: &mut AppState,
    request: RequestId,
    result: Result<Written, WriteFailure>,
) -> Vec<Effect> {
    let Some(pending) = state.edit.pending.remove(&request) else {
        state.changed = false;
        return Vec::new();
    };
    if state.edit.progress.is_some_and(|p| p.request == request) {
        state.edit.progress = None;
    }
    match (pending, result) {
        (
            Pending::Product {
                before,
                changes,
                undoable,
            },
            Ok(Written::Product { saved, not_taken }),
        ) => {
            show_product(state, &saved);
            let described = describe_changes(&before, &changes);
            if !not_taken.is_empty() {
                // Never a false success: say what the store kept instead.
                let message = crate::api::compare::not_taken_message(&not_taken);
                let write = GuardedWrite::over(&before, (*changes).clone());
                state.edit.failed.record(write, message.clone());
                state
                    .edit
                    .log
                    .finish(request, &[(before.id, message.clone())]);
                return toast(
                    state,
                    ToastKind::Error,
                    format!("Not saved as asked ({}): {message}", label(&before)),
                );
            }
            state.edit.log.finish(request, &[]);
            state.edit.failed.clear(before.id);
            if undoable {
                let what = described
                    .iter()
                    .map(|(field, _, _)| field.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let restore = GuardedWrite::over(&saved, undo_write(&before, &changes));
                bulk::push_undo(
                    state,
                    format!("{what} of {}", label(&before)),
                    vec![restore],
                );
            }
            let text = described
                .iter()
                .map(|(field, old, new)| format!("{field} {old} → {new}"))
                .collect::<Vec<_>>()
                .join(", ");
            toast(state, ToastKind::Info, text)
        }
        (
            Pending::Product {
                before, changes, ..
            },
            Ok(Written::Conflict(current)),
        ) => {
            state
                .edit
                .log
                .fail(request, "not sent: changed by someone else");
            show_product(state, &before);
            open(
                state,
                Overlay::Conflict(Box::new(Conflict {
                    loaded: *before,
                    current: *current,
                    changes: *changes,
                })),
            );
            Vec::new()
        }
        (
            Pending::Product {
                before, changes, ..
            },
            Err(failure),
        ) => {
            state.edit.log.fail(request, &failure.message);
            let write = GuardedWrite::over(&before, *changes);
            state.edit.failed.record(write, failure.message.clone());
            show_product(state, &before);
            toast(
                state,
                ToastKind::Error,
                format!("Not saved ({}): {}", label(&before), failure.message),
            )
        }
        (
            Pending::Batch {
                label,
                before,
                writes,
                undoable,
            },
            result,
        ) => {
            let (saved, failed, changed) = match result {
                Ok(Written::Products {
                    saved,
                    failed,
                    changed,
                }) => (saved, failed, changed),
                Ok(_) => (Vec::new(), Vec::new(), Vec::new()),
                Err(failure) => (
                    Vec::new(),
                    before
                        .iter()
                        .map(|p| (p.id, failure.message.clone()))
                        .collect(),
                    Vec::new(),
                ),
            };
            let outcome = BatchOutcome {
                saved,
                failed,
                changed,
            };
            keep_failed_in_sight(state, writes, &outcome);
            batch_done(state, request, label, before, outcome, undoable)
        }
        (Pending::Delete { ids }, result) => deleted(state, request, ids, result),
        (Pending::Create(form), result) => super::create::created(state, request, *form, result),
        (
            Pending::Variant {
                product_id,
                variant_id,
            },
            result,
        ) => super::variant::saved(state, request, product_id, variant_id, result),
        (Pending::VariantPrices { count }, result) => {
            variant_prices_done(state, request, count, result)
        }
        (Pending::Resource(pending), result) => pending.written(state, (request, result)),
        (Pending::Product { before, .. }, Ok(_)) => {
            state.edit.log.finish(request, &[]);
            show_product(state, &before);
            Vec::new()
        }
    }
}

/// Records the batch's writes the store refused and clears those saved (or skipped
/// because someone changed the product: that is theirs to look at now).
fn keep_failed_in_sight(state: &mut AppState, writes: Vec<GuardedWrite>, outcome: &BatchOutcome) {
    for write in writes {
        let id = write.id();
        match outcome.failed.iter().find(|(failed, _)| *failed == id) {
            Some((_, message)) => state.edit.failed.record(write, message.clone()),
            None => state.edit.failed.clear(id),
        }
    }
}

/// The variant prices of a bulk change came back.
fn variant_prices_done(
    state: &mut AppState,
    request: RequestId,
    count: usize,
    result: Result<Written, WriteFailure>,
) -> Vec<Effect> {
    let failed = match result {
        Ok(Written::VariantPrices { failed, .. }) => failed,
        Ok(_) => Vec::new(),
        Err(failure) => {
            return refused(state, request, "Variant prices not saved", &failure.message);
        }
    };
    state.edit.log.finish(request, &failed);
    if failed.is_empty() {
        return toast(
            state,
            ToastKind::Info,
            format!(
                "Saved {}",
                counted(count, "variant price", "variant prices")
            ),
        );
    }
    let summary = failed
        .iter()
        .map(|(id, message)| format!("variant #{id}: {message}"))
        .collect::<Vec<_>>();
    let mut lines = vec![format!(
        "{} of {count} variant prices not saved; the others are saved.",
        failed.len()
    )];
    lines.extend(summary);
    open_report(
        state,
        "Some variant prices were not saved".to_string(),
        lines,
    );
    toast(
        state,
        ToastKind::Error,
        format!("{} of {count} variant prices not saved", failed.len()),
    )
}

/// What came back from a batch write.
struct BatchOutcome {
    saved: Vec<Product>,
    failed: Vec<(u64, String)>,
    /// Skipped: someone changed them since they were shown.
    changed: Vec<(Product, Vec<FieldDiff>)>,
}

fn batch_done(
    state: &mut AppState,
    request: RequestId,
    label: String,
    before: Vec<Product>,
    outcome: BatchOutcome,
    undoable: bool,
) -> Vec<Effect> {
    let BatchOutcome {
        saved,
        mut failed,
        changed,
    } = outcome;
    // A product someone else changed was not sent: it shows their version now.
    for (current, differences) in &changed {
        failed.push((
            current.id,
            crate::api::compare::changed_message(differences),
        ));
    }
    state.edit.log.finish(request, &failed);
    for product in &saved {
        show_product(state, product);
    }
    let mut restore = Vec::new();
    for old in &before {
        if let Some((current, _)) = changed.iter().find(|(p, _)| p.id == old.id) {
            show_product(state, current);
        } else if failed.iter().any(|(id, _)| *id == old.id) {
            show_product(state, old);
        } else if let Some(new) = saved.iter().find(|p| p.id == old.id) {
            let price_only = crate::api::models::ProductWrite {
                id: Some(old.id),
                price: (old.price != new.price).then_some(old.price),
                ..Default::default()
            };
            restore.push(GuardedWrite::over(new, undo_or(old, new, price_only)));
        }
    }
    if undoable {
        bulk::push_undo(state, label.clone(), restore);
    }
    // Only the rows that still need attention stay marked.
    let attention: std::collections::HashSet<u64> = failed.iter().map(|(id, _)| *id).collect();
    state.products.marked.retain(|id| attention.contains(id));
    if failed.is_empty() {
        return toast(
            state,
            ToastKind::Info,
            format!(
                "Saved {} ({label})",
                counted(saved.len(), "product", "products")
            ),
        );
    }
    let saved_count = saved.iter().filter(|p| !attention.contains(&p.id)).count();
    let mut lines = vec![format!(
        "{saved_count} saved, {} not saved. What was saved stays saved; the others stay marked.",
        failed.len()
    )];
    if failed.iter().any(|(_, message)| message.contains(": 403 ")) {
        // A permission is not a fault of one product: the change stopped there.
        lines.push(
            "The store refused the permission (403), so the change stopped at the first refusal; fix the API account's scopes, then R retries."
                .to_string(),
        );
    }
    for (id, message) in &failed {
        let name = before
            .iter()
            .find(|p| p.id == *id)
            .map_or(String::new(), |p| format!(" {}", p.name));
        lines.push(format!("#{id}{name}: {message}"));
    }
    open_report(
        state,
        format!("Some products were not saved ({label})"),
        lines,
    );
    toast(
        state,
        ToastKind::Error,
        format!(
            "{} of {} not saved",
            failed.len(),
            counted(before.len(), "product", "products")
        ),
    )
}

/// The write that undoes a batch change for one product: every field that
/// differs between `old` and `new` among the editable ones, else `fallback`.
fn undo_or(
    old: &Product,
    new: &Product,
    fallback: crate::api::models::ProductWrite,
) -> crate::api::models::ProductWrite {
    let mut restore = crate::api::models::ProductWrite {
        id: Some(old.id),
        ..Default::default()
    };
    for field in super::ProductField::ALL {
        let (was, now) = (field.get(old), field.get(new));
        if was != now {
            let single = field.write(&was);
            merge(&mut restore, single);
        }
    }
    if restore
        == (crate::api::models::ProductWrite {
            id: Some(old.id),
            ..Default::default()
        })
    {
        fallback
    } else {
        restore
    }
}

fn merge(into: &mut crate::api::models::ProductWrite, from: crate::api::models::ProductWrite) {
    macro_rules! take {
        ($($f:ident),*) => { $( if from.$f.is_some() { into.$f = from.$f; } )* };
    }
    take!(
        name,
        sku,
        price,
        sale_price,
        retail_price,
        cost_price,
        inventory_level,
        is_visible,
        availability
    );
}

fn deleted(
    state: &mut AppState,
    request: RequestId,
    ids: Vec<u64>,
    result: Result<Written, WriteFailure>,
) -> Vec<Effect> {
    match result {
        Ok(Written::Deleted { deleted, missing }) => {
            state.edit.log.finish(request, &[]);
            let gone: Vec<u64> = deleted.iter().chain(&missing).copied().collect();
            remove_rows(state, &gone);
            let mut effects = Vec::new();
            if !deleted.is_empty() {
                let text = match deleted.as_slice() {
                    [one] => format!("Deleted product #{one}"),
                    many => format!("Deleted {} products", many.len()),
                };
                effects.extend(toast(state, ToastKind::Info, text));
            }
            if !missing.is_empty() {
                let list = missing
                    .iter()
                    .map(|id| format!("#{id}"))
                    .collect::<Vec<_>>();
                effects.extend(toast(
                    state,
                    ToastKind::Error,
                    format!("Already gone (404): {}", list.join(", ")),
                ));
            }
            effects
        }
        Ok(_) => Vec::new(),
        Err(failure) => {
            let what = format!("Could not delete {} product(s)", ids.len());
            refused(state, request, &what, &failure.message)
        }
    }
}

/// Takes deleted products out of the list, the marks and the detail view.
fn remove_rows(state: &mut AppState, ids: &[u64]) {
    state.remove_list_rows(crate::app::Tab::Products, ids);
}
