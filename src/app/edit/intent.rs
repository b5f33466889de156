//! The edit keys' intents, and how a read-only refusal names each write key.

/// What the edit keys do (the key table maps keys to these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditIntent {
    /// `p`: edit the price of the selected product or variant.
    Price,
    /// `e`: edit the focused column inline.
    Inline,
    /// `E`: edit the product's JSON in `$EDITOR`.
    External,
    /// `x` / Delete: delete the selected or marked products.
    Delete,
    /// Space: mark or unmark the row.
    Mark,
    /// `V`: mark a range (first press sets the start).
    MarkRange,
    /// `*`: mark every loaded row (or clear the marks).
    MarkAll,
    /// `B`: bulk price change of the marked rows.
    Bulk,
    /// `u`: undo the last edit or bulk change.
    Undo,
    /// `c`: create a product.
    Create,
    /// `h`/←: focus the column to the left.
    ColumnLeft,
    /// `l`/→: focus the column to the right.
    ColumnRight,
    /// `]` / `[`: select the next / previous variant in the product detail.
    NextVariant,
    PrevVariant,
    /// `y` in a dialog.
    Yes,
    /// `r` in the dialog of writes with an unknown outcome: send them again.
    RetryUnknown,
    /// Enter in an editor or form.
    Submit,
    /// Esc.
    Cancel,
    /// `o` in the conflict prompt: save anyway.
    Overwrite,
    /// `r` in the conflict prompt: take their version.
    Reload,
    /// Scroll a preview or list.
    ScrollUp,
    ScrollDown,
    /// Scroll a list (`:log`, failures) by a screen, or to its oldest / newest line.
    ScrollPageUp,
    ScrollPageDown,
    ScrollTop,
    ScrollBottom,
    /// Tab / Shift-Tab between form fields.
    NextField,
    PrevField,
    /// `C`: create a top-level category.
    CreateTop,
    /// Space on a category: show or hide it.
    ToggleVisible,
    /// `o` on a customer: their orders.
    CustomerOrders,
    /// Space on a webhook: activate or deactivate it.
    ToggleActive,
    /// `R`: send the view's failed writes again.
    Retry,
    /// `f` on Products: the filter form.
    FilterProducts,
}

impl EditIntent {
    /// What the key does, for the read-only refusal ("p (edit price)").
    pub fn write_name(self) -> Option<&'static str> {
        match self {
            EditIntent::Price => Some("p (edit price)"),
            EditIntent::Inline => Some("e (edit field)"),
            EditIntent::External => Some("E (edit in $EDITOR)"),
            EditIntent::Delete => Some("x (delete)"),
            EditIntent::Bulk => Some("B (bulk price change)"),
            EditIntent::Undo => Some("u (undo)"),
            EditIntent::Create => Some("c (create)"),
            EditIntent::CreateTop => Some("C (create top-level category)"),
            EditIntent::ToggleVisible => Some("Space (show/hide category)"),
            EditIntent::ToggleActive => Some("Space (activate/deactivate webhook)"),
            EditIntent::Retry => Some("R (retry failed writes)"),
            EditIntent::RetryUnknown => Some("r (retry writes of an earlier run)"),
            _ => None,
        }
    }
}
