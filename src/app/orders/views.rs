//! Which orders the list shows: "needs action" (the default), everything, or
//! one status.

use crate::api::models::OrderKeys;
use crate::app::panes::{OrderFilter, OrdersPane};
use crate::app::{AppState, Effect};

/// Statuses that want a person: Awaiting Payment, Awaiting Fulfillment,
/// Awaiting Shipment, Awaiting Pickup, Manual Verification Required, Disputed.
pub const NEEDS_ACTION: [u32; 6] = [7, 11, 9, 8, 12, 13];

/// Statuses whose names suggest money moves (Refunded, Cancelled, Declined,
/// Partially Refunded); setting them asks first, because it moves none.
pub fn needs_confirmation(status_id: u32) -> bool {
    matches!(status_id, 4 | 5 | 6 | 14)
}

/// One view of the order list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderView {
    /// The needs-action statuses together, oldest first.
    NeedsAction,
    /// Every order, newest first.
    All,
    /// One status (id, name), newest first.
    Status(u32, String),
}

impl OrderView {
    /// How the view is named in the status line and the picker.
    pub fn label(&self) -> String {
        match self {
            OrderView::NeedsAction => "Needs action".to_string(),
            OrderView::All => "All statuses".to_string(),
            OrderView::Status(_, name) => name.clone(),
        }
    }

    /// Whether an order with `status_id` belongs in the view.
    pub fn includes(&self, status_id: u32) -> bool {
        match self {
            OrderView::NeedsAction => NEEDS_ACTION.contains(&status_id),
            OrderView::All => true,
            OrderView::Status(id, _) => *id == status_id,
        }
    }

    /// Whether the view lists oldest first (the work queue) or newest first.
    pub fn oldest_first(&self) -> bool {
        matches!(self, OrderView::NeedsAction)
    }
}

/// Whether `order` passes the id/email filter.
pub fn filter_matches(filter: Option<&OrderFilter>, order: &impl OrderKeys) -> bool {
    match filter {
        None => true,
        Some(OrderFilter::Id(id)) => order.id() == *id,
        Some(OrderFilter::Email(email)) => order.billing_email().eq_ignore_ascii_case(email.trim()),
        Some(OrderFilter::Customer(id)) => order.customer_id() == *id,
        Some(OrderFilter::Customers(ids)) => ids.contains(&order.customer_id()),
    }
}

impl OrdersPane {
    /// The current view.
    pub fn view(&self) -> OrderView {
        match (&self.status, self.needs_action) {
            (_, true) => OrderView::NeedsAction,
            (None, false) => OrderView::All,
            (Some((id, name)), false) => OrderView::Status(*id, name.clone()),
        }
    }

    /// The `f` picker's entries: Needs action, All, then each status, with counts.
    pub fn view_choices(&self) -> Vec<(OrderView, String, Option<u64>)> {
        let needs_action = self.counts.as_ref().map(|counts| {
            counts
                .statuses
                .iter()
                .filter(|s| NEEDS_ACTION.contains(&s.id))
                .map(|s| s.count)
                .sum()
        });
        let mut choices = vec![
            (
                OrderView::NeedsAction,
                OrderView::NeedsAction.label(),
                needs_action,
            ),
            (
                OrderView::All,
                OrderView::All.label(),
                self.counts.as_ref().map(|c| c.count),
            ),
        ];
        choices.extend(
            self.status_choices()
                .into_iter()
                .map(|(id, name, count)| (OrderView::Status(id, name.clone()), name, Some(count))),
        );
        choices
    }

    /// The picker entry of the current view.
    pub fn view_cursor(&self) -> usize {
        let view = self.view();
        self.view_choices()
            .iter()
            .position(|(v, _, _)| *v == view)
            .unwrap_or(0)
    }

    /// Statuses for the `s` picker: (id, label), the store's custom label
    /// where set, in the store's display order. Falls back to the counts'
    /// statuses until `/v2/order_statuses` has answered.
    pub fn status_labels(&self) -> Vec<(u32, String)> {
        if self.statuses.is_empty() {
            return self
                .status_choices()
                .into_iter()
                .map(|(id, name, _)| (id, name))
                .collect();
        }
        let mut statuses: Vec<_> = self
            .statuses
            .iter()
            .map(|s| {
                let label = [&s.custom_label, &s.name, &s.system_label]
                    .into_iter()
                    .find(|l| !l.is_empty())
                    .cloned()
                    .unwrap_or_else(|| format!("Status {}", s.id));
                (s.order, s.id, label)
            })
            .collect();
        statuses.sort();
        statuses
            .into_iter()
            .map(|(_, id, label)| (id, label))
            .collect()
    }

    /// The label of status `id`.
    pub fn status_label(&self, id: u32) -> String {
        self.status_labels()
            .into_iter()
            .find(|(sid, _)| *sid == id)
            .map_or_else(|| format!("status {id}"), |(_, label)| label)
    }
}

impl AppState {
    /// Switches the list to `view` and reloads it.
    pub(crate) fn set_order_view(&mut self, view: OrderView) -> Vec<Effect> {
        if view == self.orders.view() {
            return Vec::new();
        }
        match view {
            OrderView::NeedsAction => {
                self.orders.needs_action = true;
                self.orders.status = None;
                self.orders.detail = None;
                self.reload_order_rows()
            }
            // Leaves needs-action itself (and reloads even though the status stays None).
            OrderView::All => self.set_order_status(None),
            OrderView::Status(id, name) => self.set_order_status(Some((id, name))),
        }
    }

    /// Finds a view by what the user typed: `all`, `needs action`, or a status.
    pub(crate) fn find_order_view(&self, name: &str) -> Option<OrderView> {
        let wanted = name.trim().to_lowercase().replace(['-', '_'], " ");
        match wanted.as_str() {
            "all" | "all statuses" | "everything" => Some(OrderView::All),
            "needs action" | "action" | "todo" => Some(OrderView::NeedsAction),
            _ => self
                .find_order_status(name)
                .map(|(id, name)| OrderView::Status(id, name)),
        }
    }
}
