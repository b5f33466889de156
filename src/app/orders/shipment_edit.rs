//! `T` in the order detail: change a shipment's provider, carrier or tracking number, or
//! delete it. A carrier BigCommerce has no provider for is typed as free text
//! (`tracking_carrier`). Both go through the checked write path: the shipment must still
//! hold what the dialog showed.

use tui_input::Input;

use super::OrdersTask;
use super::actions::{WriteKind, open_on_detail, start_write};
use super::dialog::{OrderDialog, PROVIDERS};
use crate::api::models::{Shipment, ShipmentUpdate};
use crate::app::update::toast;
use crate::app::{AppState, Effect, Mode, ToastKind};

/// The field of the shipment dialog keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShipmentField {
    Shipment,
    Provider,
    Carrier,
    Tracking,
}

const FIELDS: [ShipmentField; 4] = [
    ShipmentField::Shipment,
    ShipmentField::Provider,
    ShipmentField::Carrier,
    ShipmentField::Tracking,
];

/// `T`: one of the order's shipments, its provider, carrier and tracking number.
#[derive(Debug, Clone)]
pub struct ShipmentDialog {
    pub order_id: u64,
    pub shipments: Vec<Shipment>,
    /// Index into `shipments`.
    pub index: usize,
    /// Index into [`PROVIDERS`] (None: a provider this list does not name, kept as is).
    pub provider: Option<usize>,
    pub carrier: Input,
    pub tracking: Input,
    pub focus: ShipmentField,
    /// Delete pressed: the next Enter deletes the shipment.
    pub deleting: bool,
    pub problem: Option<String>,
}

impl ShipmentDialog {
    fn load(&mut self) {
        if let Some(s) = self.shipments.get(self.index) {
            self.provider = PROVIDERS.iter().position(|p| p.0 == s.shipping_provider);
            self.carrier = Input::new(s.tracking_carrier.clone());
            self.tracking = Input::new(s.tracking_number.clone());
        }
        self.deleting = false;
        self.problem = None;
    }

    /// The shipment chosen.
    pub fn shipment(&self) -> Option<&Shipment> {
        self.shipments.get(self.index)
    }

    /// The provider's name as the dialog shows it.
    pub fn provider_name(&self) -> String {
        match self.provider.and_then(|i| PROVIDERS.get(i)) {
            Some(p) => p.1.to_string(),
            None => self
                .shipment()
                .map(|s| s.shipping_provider.clone())
                .unwrap_or_default(),
        }
    }

    /// What changed, as a request (None: nothing).
    pub fn update(&self) -> Option<ShipmentUpdate> {
        let s = self.shipment()?;
        let provider = self
            .provider
            .and_then(|i| PROVIDERS.get(i))
            .map(|p| p.0.to_string())
            .filter(|p| *p != s.shipping_provider);
        let carrier =
            Some(self.carrier.value().trim().to_string()).filter(|c| *c != s.tracking_carrier);
        let number =
            Some(self.tracking.value().trim().to_string()).filter(|t| *t != s.tracking_number);
        let update = ShipmentUpdate {
            tracking_number: number,
            shipping_provider: provider,
            tracking_carrier: carrier,
        };
        (update != ShipmentUpdate::default()).then_some(update)
    }
}

/// `T` in the order detail.
pub(super) fn start(state: &mut AppState) -> Vec<Effect> {
    let why = ("editing a shipment", "The order is still loading");
    open_on_detail(state, why, |data| {
        if data.shipments.is_empty() {
            let id = data.order.id;
            return Err(format!("Order #{id} has no shipments (t ships items)"));
        }
        let mut dialog = ShipmentDialog {
            order_id: data.order.id,
            shipments: data.shipments.clone(),
            index: 0,
            provider: None,
            carrier: Input::default(),
            tracking: Input::default(),
            focus: ShipmentField::Tracking,
            deleting: false,
            problem: None,
        };
        dialog.load();
        Ok(OrderDialog::Shipment(Box::new(dialog)))
    })
}

/// Tab / S-Tab.
pub(super) fn focus_step(d: &mut ShipmentDialog, delta: isize) {
    let at = FIELDS.iter().position(|f| *f == d.focus).unwrap_or(0);
    let next = (at as isize + delta).rem_euclid(FIELDS.len() as isize) as usize;
    d.focus = FIELDS[next];
}

/// Up/Down: the shipment or the provider.
pub(super) fn choose_step(d: &mut ShipmentDialog, delta: isize) {
    match d.focus {
        ShipmentField::Shipment if !d.shipments.is_empty() => {
            d.index = (d.index as isize + delta).rem_euclid(d.shipments.len() as isize) as usize;
            d.load();
        }
        ShipmentField::Provider => {
            let at = d.provider.unwrap_or(0) as isize;
            d.provider = Some((at + delta).rem_euclid(PROVIDERS.len() as isize) as usize);
        }
        _ => {}
    }
}

/// Delete in the shipment dialog.
pub(super) fn delete(state: &mut AppState) -> Vec<Effect> {
    if let Some(OrderDialog::Shipment(d)) = state.orders.dialog.as_mut() {
        ask_delete(d);
    }
    Vec::new()
}

/// Delete: the next Enter deletes the shipment.
pub(super) fn ask_delete(d: &mut ShipmentDialog) {
    d.deleting = true;
    d.problem = None;
}

/// The text field keys go to, if any.
pub(super) fn input(d: &mut ShipmentDialog) -> Option<&mut Input> {
    d.deleting = false;
    match d.focus {
        ShipmentField::Carrier => Some(&mut d.carrier),
        ShipmentField::Tracking => Some(&mut d.tracking),
        _ => None,
    }
}

/// Enter: save the changes, or delete after Delete; checked against the shipment shown.
pub(super) fn submit(state: &mut AppState, d: Box<ShipmentDialog>) -> Vec<Effect> {
    let Some(shown) = d.shipment().cloned() else {
        return Vec::new();
    };
    let fields = serde_json::json!({
        "tracking_number": null, "shipping_provider": null, "tracking_carrier": null,
    });
    let expected = crate::api::compare::seen(&shown, &fields);
    let (order_id, shipment_id) = (d.order_id, shown.id);
    state.orders.dialog = None;
    state.mode = Mode::Normal;
    if d.deleting {
        let done = WriteKind::Shipment(format!("Deleted shipment #{shipment_id}"));
        let request = start_write(state, order_id, done, false);
        return vec![Effect::Orders(OrdersTask::DeleteShipment {
            request,
            order_id,
            shipment_id,
            expected,
        })];
    }
    let Some(update) = d.update() else {
        return toast(
            state,
            ToastKind::Info,
            format!("Shipment #{shipment_id} unchanged"),
        );
    };
    let done = WriteKind::Shipment(format!("Saved shipment #{shipment_id}"));
    let request = start_write(state, order_id, done, false);
    vec![Effect::Orders(OrdersTask::UpdateShipment {
        request,
        order_id,
        shipment_id,
        update: Box::new(update),
        expected,
    })]
}
