//! The Products tab's edit face: which product flow each edit key, form,
//! confirmed delete and `$EDITOR` edit reaches. (Product writes keep their own
//! kinds of [`super::Pending`]: batches, undo and retries share them.)

use super::external::EditedJson;
use super::form::{Form, FormPurpose};
use super::movement::{move_column, move_variant};
use super::resource::EditableResource;
use super::{EditIntent, Overlay, bulk, create, failed, open, product, product_filter};
use crate::app::{AppState, Effect};

/// The Products tab's edits.
pub struct Products;

impl EditableResource for Products {
    fn target(&self, state: &AppState) -> Option<u64> {
        match &state.products.detail {
            Some(detail) => detail.data.as_ref().map(|d| d.product.id),
            None => state.products.list.selected().map(|p| p.id),
        }
    }
    fn on_intent(&self, state: &mut AppState, intent: EditIntent) -> Vec<Effect> {
        match intent {
            EditIntent::Price => product::start_price(state),
            EditIntent::Inline => product::start_inline(state),
            EditIntent::External => product::start_external(state),
            EditIntent::Delete => product::start_delete(state),
            EditIntent::Mark => bulk::toggle_mark(state),
            EditIntent::MarkRange => bulk::mark_range(state),
            EditIntent::MarkAll => bulk::mark_all(state),
            EditIntent::Bulk => bulk::start(state),
            EditIntent::Undo => bulk::undo(state),
            EditIntent::Retry => failed::retry(state),
            EditIntent::FilterProducts => product_filter::start(state),
            EditIntent::Create => create::start_create(state),
            EditIntent::ColumnLeft => move_column(state, -1),
            EditIntent::ColumnRight => move_column(state, 1),
            EditIntent::NextVariant => move_variant(state, 1),
            EditIntent::PrevVariant => move_variant(state, -1),
            _ => Vec::new(),
        }
    }
    fn submit_form(&self, state: &mut AppState, form: Box<Form>) -> Vec<Effect> {
        if form.purpose == FormPurpose::FilterProducts {
            return product_filter::submit(state, *form);
        }
        // The new-product form normally sits in `Overlay::Create`; same path.
        open(state, Overlay::Create(form));
        create::submit_create(state)
    }
    fn delete(&self, state: &mut AppState, ids: Vec<u64>) -> Vec<Effect> {
        product::delete(state, ids)
    }
    fn edited_externally(&self, state: &mut AppState, json: EditedJson) -> Vec<Effect> {
        product::external_done(state, json)
    }
}
