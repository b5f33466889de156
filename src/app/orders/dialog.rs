//! The Orders dialogs: status picker, ship dialog and the one-line
//! staff-notes editor. Statuses that sound like money moves are confirmed
//! with the shared dialog (`app::edit::confirm`).

use crossterm::event::{Event, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

use super::actions::{self, WriteKind};
use super::views::needs_confirmation;
use crate::api::models::{OrderUpdate, ShipmentCreate, ShipmentItem};
use crate::app::edit::{self, Confirm, Confirmed};
use crate::app::panes::OrderDetail;
use crate::app::{AppState, Effect, Mode};

/// Shipping providers the API accepts (`shipping_provider`), with their names.
pub const PROVIDERS: &[(&str, &str)] = &[
    ("", "None"),
    ("ups", "UPS"),
    ("usps", "USPS"),
    ("fedex", "FedEx"),
    ("royalmail", "Royal Mail"),
    ("auspost", "Australia Post"),
    ("canadapost", "Canada Post"),
    ("endicia", "Endicia"),
    ("upsready", "UPS Ready"),
    ("shipperhq", "ShipperHQ"),
];

/// An open Orders dialog.
#[derive(Debug, Clone)]
pub enum OrderDialog {
    Status(StatusDialog),
    Ship(ShipDialog),
    Notes(NotesDialog),
    Refund(Box<super::refund::RefundDialog>),
    Shipment(Box<super::shipment_edit::ShipmentDialog>),
}

/// `s`: pick a new status.
#[derive(Debug, Clone)]
pub struct StatusDialog {
    pub order_id: u64,
    /// The order's status now.
    pub current: u32,
    /// Index into `OrdersPane::status_labels()`.
    pub cursor: usize,
    /// Opened from the list (the cursor moves on afterwards).
    pub from_list: bool,
    /// Marked orders the status goes to (0: just this order).
    pub marked: usize,
    /// Why the chosen status asks for a second Enter (several orders at once).
    pub warning: Option<String>,
}

/// `n`: the staff notes on one line; the customer message beside it.
#[derive(Debug, Clone)]
pub struct NotesDialog {
    pub order_id: u64,
    pub input: Input,
    pub original: String,
    pub customer_message: String,
    pub from_list: bool,
}

/// A shipping address to ship to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipAddress {
    pub id: u64,
    pub label: String,
}

/// A line item that can still ship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipLine {
    pub order_product_id: u64,
    pub address_id: u64,
    pub name: String,
    pub sku: String,
    pub ordered: u64,
    /// Ordered and not yet shipped.
    pub remaining: u64,
    /// How many this shipment takes.
    pub quantity: u64,
}

/// The field of the ship dialog that keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShipFocus {
    Address,
    Items,
    Provider,
    Tracking,
}

/// `t`: address, items and quantities, provider, tracking number.
#[derive(Debug, Clone)]
pub struct ShipDialog {
    pub order_id: u64,
    pub addresses: Vec<ShipAddress>,
    /// Index into `addresses`.
    pub address: usize,
    pub lines: Vec<ShipLine>,
    /// Index into `visible_lines()`.
    pub line: usize,
    /// Index into [`PROVIDERS`].
    pub provider: usize,
    pub tracking: Input,
    pub focus: ShipFocus,
    /// Why the last Enter did not ship.
    pub problem: Option<String>,
    pub from_list: bool,
}

impl ShipDialog {
    /// A dialog for a loaded order: everything not yet shipped, to the first
    /// address that has something left. Err says why nothing can ship.
    pub fn for_order(data: &OrderDetail, from_list: bool) -> Result<ShipDialog, String> {
        let id = data.order.id;
        let lines: Vec<ShipLine> = data
            .products
            .iter()
            .filter(|p| p.product_type != "digital" && p.product_type != "giftcertificate")
            .filter(|p| p.quantity > p.quantity_shipped)
            .map(|p| ShipLine {
                order_product_id: p.id,
                address_id: p.order_address_id,
                name: p.name.clone(),
                sku: p.sku.clone(),
                ordered: p.quantity,
                remaining: p.quantity - p.quantity_shipped,
                quantity: p.quantity - p.quantity_shipped,
            })
            .collect();
        if lines.is_empty() {
            return Err(format!("Nothing left to ship on order #{id}"));
        }
        if data.shipping_addresses.is_empty() {
            return Err(format!("Order #{id} has no shipping address to ship to"));
        }
        let addresses: Vec<ShipAddress> = data
            .shipping_addresses
            .iter()
            .map(|a| ShipAddress {
                id: a.id,
                label: format!(
                    "{} {}, {}, {}",
                    a.first_name,
                    a.last_name,
                    a.street_1,
                    crate::app::words::city_line(&a.city, &a.state, &a.zip, &a.country_iso2)
                        .replace('\n', " ")
                )
                .trim()
                .to_string(),
            })
            .collect();
        let address = addresses
            .iter()
            .position(|a| lines.iter().any(|l| l.address_id == a.id))
            .unwrap_or(0);
        Ok(ShipDialog {
            order_id: id,
            addresses,
            address,
            lines,
            line: 0,
            provider: 0,
            tracking: Input::default(),
            focus: ShipFocus::Items,
            problem: None,
            from_list,
        })
    }

    /// The chosen address's id.
    pub fn address_id(&self) -> Option<u64> {
        self.addresses.get(self.address).map(|a| a.id)
    }

    /// Indices into `lines` of the items shipping to the chosen address (all
    /// items when the API ties none to an address).
    pub fn visible_lines(&self) -> Vec<usize> {
        let id = self.address_id();
        let tied: Vec<usize> = (0..self.lines.len())
            .filter(|&i| Some(self.lines[i].address_id) == id)
            .collect();
        if tied.is_empty() && self.lines.iter().all(|l| l.address_id == 0) {
            (0..self.lines.len()).collect()
        } else {
            tied
        }
    }

    /// Fields in Tab order (the address only when there is a choice).
    pub fn fields(&self) -> Vec<ShipFocus> {
        let mut fields = Vec::new();
        if self.addresses.len() > 1 {
            fields.push(ShipFocus::Address);
        }
        fields.extend([ShipFocus::Items, ShipFocus::Provider, ShipFocus::Tracking]);
        fields
    }

    /// The request body, or why it cannot be sent.
    pub fn shipment(&self) -> Result<ShipmentCreate, String> {
        let address = self
            .address_id()
            .ok_or_else(|| "Choose a shipping address".to_string())?;
        let items: Vec<ShipmentItem> = self
            .visible_lines()
            .into_iter()
            .map(|i| &self.lines[i])
            .filter(|l| l.quantity > 0)
            .map(|l| ShipmentItem {
                order_product_id: l.order_product_id,
                product_id: None,
                quantity: l.quantity,
            })
            .collect();
        if items.is_empty() {
            return Err("Choose at least one item to ship (Space or +)".to_string());
        }
        let tracking = self.tracking.value().trim().to_string();
        let provider = PROVIDERS.get(self.provider).map_or("", |p| p.0);
        Ok(ShipmentCreate {
            order_address_id: address,
            items,
            tracking_number: Some(tracking).filter(|t| !t.is_empty()),
            shipping_provider: Some(provider.to_string()).filter(|p| !p.is_empty()),
            ..ShipmentCreate::default()
        })
    }

    fn current_line_mut(&mut self) -> Option<&mut ShipLine> {
        let index = *self.visible_lines().get(self.line)?;
        self.lines.get_mut(index)
    }
}

fn close(state: &mut AppState) {
    state.orders.dialog = None;
    state.mode = Mode::Normal;
}

/// Enter (and `y` on a question).
pub(super) fn submit(state: &mut AppState) -> Vec<Effect> {
    let Some(dialog) = state.orders.dialog.clone() else {
        state.mode = Mode::Normal;
        return Vec::new();
    };
    match dialog {
        OrderDialog::Status(d) => {
            let Some((target, label)) = state.orders.status_labels().get(d.cursor).cloned() else {
                return Vec::new();
            };
            if d.marked > 0 {
                return super::marks::submit_bulk(state, d, target, label);
            }
            close(state);
            if target == d.current {
                return Vec::new();
            }
            // Statuses that mislead without a word: money ones (no money moves) and
            // shipped ones on an order with nothing shipped (no tracking is recorded).
            let nothing_shipped = matches!(target, 2 | 3)
                && actions::shown_order(state, d.order_id).is_some_and(|o| o.items_shipped == 0);
            let warning = if needs_confirmation(target) {
                Some(
                    "A status change moves no money: refund or void the payment \
                     with the payment provider yourself.",
                )
            } else if nothing_shipped {
                Some(
                    "Nothing of this order is shipped yet: this records no shipment and no \
                     tracking. Use t to ship items with tracking instead.",
                )
            } else {
                None
            };
            if let Some(warning) = warning {
                // The shared confirmation dialog (default No); `y` runs
                // `Confirmed::OrderStatus`, which comes back to `set_status`.
                edit::open_confirm(
                    state,
                    Confirm::new(
                        format!("Set order #{} to {label}?", d.order_id),
                        vec![
                            format!("Order #{} becomes {label}.", d.order_id),
                            warning.to_string(),
                        ],
                        format!("Set {label}"),
                        Confirmed::OrderStatus {
                            order_id: d.order_id,
                            status_id: target,
                            from_list: d.from_list,
                        },
                    ),
                );
                return Vec::new();
            }
            actions::set_status(state, d.order_id, target, d.from_list)
        }
        OrderDialog::Notes(d) => {
            close(state);
            let notes = d.input.value().to_string();
            if notes == d.original {
                return Vec::new();
            }
            let update = OrderUpdate {
                staff_notes: Some(notes),
                ..OrderUpdate::default()
            };
            actions::begin_update(state, d.order_id, update, WriteKind::Notes, d.from_list)
        }
        OrderDialog::Refund(d) => super::refund::submit(state, d),
        OrderDialog::Shipment(d) => super::shipment_edit::submit(state, d),
        OrderDialog::Ship(d) => match d.shipment() {
            Ok(shipment) => {
                close(state);
                actions::begin_ship(state, d.order_id, shipment, d.from_list)
            }
            Err(problem) => {
                if let Some(OrderDialog::Ship(open)) = state.orders.dialog.as_mut() {
                    open.problem = Some(problem);
                }
                Vec::new()
            }
        },
    }
}

/// Esc: closes the dialog; nothing is sent.
pub(super) fn cancel(state: &mut AppState) -> Vec<Effect> {
    close(state);
    Vec::new()
}

/// Ctrl-E in the notes dialog: continue in `$EDITOR` (for more than one line).
pub(super) fn notes_in_editor(state: &mut AppState) -> Vec<Effect> {
    let Some(OrderDialog::Notes(d)) = state.orders.dialog.clone() else {
        return Vec::new();
    };
    close(state);
    vec![actions::external_notes(
        d.order_id,
        d.input.value().to_string(),
        d.original,
        d.from_list,
    )]
}

/// Tab / Back-Tab in the ship and refund dialogs.
pub(super) fn focus_step(state: &mut AppState, delta: isize) -> Vec<Effect> {
    if let Some(OrderDialog::Refund(d)) = state.orders.dialog.as_mut() {
        super::refund::focus_step(d);
    }
    if let Some(OrderDialog::Shipment(d)) = state.orders.dialog.as_mut() {
        super::shipment_edit::focus_step(d, delta);
    }
    if let Some(OrderDialog::Ship(d)) = state.orders.dialog.as_mut() {
        let fields = d.fields();
        let at = fields.iter().position(|f| *f == d.focus).unwrap_or(0);
        let next = (at as isize + delta).rem_euclid(fields.len() as isize) as usize;
        d.focus = fields[next];
    }
    Vec::new()
}

fn step(value: usize, delta: isize, len: usize, wrap: bool) -> usize {
    if len == 0 {
        return 0;
    }
    if wrap {
        (value as isize + delta).rem_euclid(len as isize) as usize
    } else {
        value.saturating_add_signed(delta).min(len - 1)
    }
}

/// Up/Down: the status cursor, the address, the item or the provider.
pub(super) fn choose_step(state: &mut AppState, delta: isize) -> Vec<Effect> {
    let statuses = state.orders.status_labels().len();
    match state.orders.dialog.as_mut() {
        Some(OrderDialog::Status(d)) => {
            d.cursor = step(d.cursor, delta, statuses, false);
            d.warning = None;
        }
        Some(OrderDialog::Ship(d)) => match d.focus {
            ShipFocus::Address => {
                d.address = step(d.address, delta, d.addresses.len(), true);
                d.line = 0;
            }
            ShipFocus::Items => d.line = step(d.line, delta, d.visible_lines().len(), false),
            ShipFocus::Provider => d.provider = step(d.provider, delta, PROVIDERS.len(), true),
            ShipFocus::Tracking => {}
        },
        Some(OrderDialog::Refund(d)) => super::refund::choose_step(d, delta),
        Some(OrderDialog::Shipment(d)) => super::shipment_edit::choose_step(d, delta),
        _ => state.changed = false,
    }
    Vec::new()
}

/// `+` / `-`: the quantity of the item under the cursor, within what is left.
pub(super) fn quantity_step(state: &mut AppState, delta: i64) -> Vec<Effect> {
    if let Some(OrderDialog::Refund(d)) = state.orders.dialog.as_mut() {
        super::refund::quantity(d, Some(delta));
    }
    if let Some(OrderDialog::Ship(d)) = state.orders.dialog.as_mut() {
        d.problem = None;
        if let Some(line) = d.current_line_mut() {
            line.quantity = line
                .quantity
                .saturating_add_signed(delta)
                .min(line.remaining);
        }
    }
    Vec::new()
}

/// Space: all of the item, or none.
pub(super) fn toggle_quantity(state: &mut AppState) -> Vec<Effect> {
    if let Some(OrderDialog::Refund(d)) = state.orders.dialog.as_mut() {
        super::refund::quantity(d, None);
    }
    if let Some(OrderDialog::Ship(d)) = state.orders.dialog.as_mut() {
        d.problem = None;
        if let Some(line) = d.current_line_mut() {
            line.quantity = if line.quantity == 0 {
                line.remaining
            } else {
                0
            };
        }
    }
    Vec::new()
}

/// Keys the key table leaves to the dialog: typing into the text fields.
pub(super) fn on_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    let input = match state.orders.dialog.as_mut() {
        Some(OrderDialog::Notes(d)) => &mut d.input,
        Some(OrderDialog::Ship(d)) if d.focus == ShipFocus::Tracking => {
            d.problem = None;
            &mut d.tracking
        }
        Some(OrderDialog::Shipment(d)) => match super::shipment_edit::input(d) {
            Some(input) => input,
            None => {
                state.changed = false;
                return Vec::new();
            }
        },
        Some(OrderDialog::Refund(d)) => {
            d.problem = None;
            match super::refund::input(d) {
                Some(input) => input,
                None => {
                    state.changed = false;
                    return Vec::new();
                }
            }
        }
        _ => {
            state.changed = false;
            return Vec::new();
        }
    };
    let changed = to_input_request(&Event::Key(key))
        .and_then(|request| input.handle(request))
        .is_some();
    state.changed = changed;
    Vec::new()
}
