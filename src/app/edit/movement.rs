//! Moving inside a view or dialog: the focused column, the selected variant
//! (the detail scrolls to keep it in sight), scrolling a dialog and the next field.

use super::Overlay;
use crate::app::{AppState, Effect};

pub(super) fn move_column(state: &mut AppState, steps: isize) -> Vec<Effect> {
    let pane = &mut state.products;
    if pane.detail.is_some() {
        pane.variant_column = pane.variant_column.step(steps);
    } else {
        pane.column = pane.column.step(steps);
    }
    Vec::new()
}

pub(super) fn move_variant(state: &mut AppState, steps: isize) -> Vec<Effect> {
    let count = state
        .products
        .detail
        .as_ref()
        .and_then(|d| d.data.as_ref())
        .map_or(0, |d| d.product.variants.len());
    let cursor = &mut state.products.variant_cursor;
    *cursor = cursor
        .saturating_add_signed(steps)
        .min(count.saturating_sub(1));
    // The view follows the selection (the last frame says where the variants are).
    let (first, visible) = state.products.variant_rows;
    let row = first.saturating_add(u16::try_from(*cursor).unwrap_or(u16::MAX));
    if let Some(detail) = state.products.detail.as_mut()
        && visible > 0
    {
        if row < detail.scroll {
            detail.scroll = row;
        } else if row >= detail.scroll.saturating_add(visible) {
            detail.scroll = row + 1 - visible;
        }
    }
    Vec::new()
}

pub(super) fn scroll(state: &mut AppState, delta: i32) -> Vec<Effect> {
    let rows = state.report_rows();
    let step =
        |value: &mut u16| *value = (i32::from(*value) + delta).clamp(0, i32::from(u16::MAX)) as u16;
    match state.edit.overlay.as_mut() {
        Some(Overlay::Confirm(c)) => step(&mut c.scroll),
        Some(Overlay::BulkPreview(p)) => step(&mut p.scroll),
        Some(Overlay::Report(r)) => {
            // Stops at the last screenful, so the way back up starts at once.
            let last = r
                .lines
                .len()
                .saturating_sub(rows)
                .min(usize::from(u16::MAX)) as u16;
            step(&mut r.scroll);
            r.scroll = r.scroll.min(last);
        }
        _ => state.changed = false,
    }
    Vec::new()
}

pub(super) fn next_field(state: &mut AppState, delta: isize) -> Vec<Effect> {
    match state.edit.overlay.as_mut() {
        Some(Overlay::BulkForm(form)) => form.cycle_rounding(delta),
        Some(Overlay::Create(form)) => form.move_focus(delta),
        Some(Overlay::Form(form)) => form.move_focus(delta),
        _ => state.changed = false,
    }
    Vec::new()
}
