//! `$` in the order detail: a refund, with care because money moves. First the merchant
//! chooses items (by quantity) and/or an amount off the order; the store quotes what that
//! comes to and the ways it can go back; the refund is sent only after the merchant types
//! the quoted amount back exactly, through the checked write path like every order write.

use rust_decimal::Decimal;
use tui_input::Input;

use super::OrdersTask;
use super::actions::{WriteKind, open_on_detail, send_guarded};
use super::dialog::OrderDialog;
use crate::api::models::{
    PaymentOption, RefundCreate, RefundItemRequest, RefundPaymentRequest, RefundQuote,
};
use crate::app::list::RequestId;
use crate::app::panes::OrderDetail;
use crate::app::{AppState, Effect, Mode};

/// A line item that still has something to refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundLine {
    pub order_product_id: u64,
    pub name: String,
    pub sku: String,
    /// Price of one, tax included.
    pub unit: Decimal,
    /// Bought and not yet refunded.
    pub refundable: u64,
    /// How many this refund takes.
    pub quantity: u64,
}

/// Where the refund dialog is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundStage {
    /// Choosing items and an amount.
    Choose,
    /// The quote request is out.
    Quoting(RequestId),
    /// The quote is in: choose the method, type the amount back.
    Confirm,
}

/// Which part of the choose stage keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundFocus {
    Items,
    Amount,
}

/// `$`: choose, quote, confirm.
#[derive(Debug, Clone)]
pub struct RefundDialog {
    pub order_id: u64,
    /// The customer's name as the order shows it (guest checkouts say so).
    pub customer: String,
    pub currency: String,
    /// Paid and not yet refunded, as the order showed it.
    pub refundable: Decimal,
    pub lines: Vec<RefundLine>,
    /// Index into `lines`.
    pub line: usize,
    /// An amount off the order as a whole (`ORDER` item).
    pub amount: Input,
    pub focus: RefundFocus,
    pub stage: RefundStage,
    /// What was quoted (sent again with the refund).
    pub items: Vec<RefundItemRequest>,
    pub quote: Option<RefundQuote>,
    /// Index into the quote's refund methods.
    pub method: usize,
    /// The amount typed back.
    pub typed: Input,
    /// Why the last Enter went no further.
    pub problem: Option<String>,
}

impl RefundDialog {
    /// A dialog for a loaded order; Err says why nothing can be refunded.
    pub fn for_order(data: &OrderDetail, customer: String) -> Result<RefundDialog, String> {
        let o = &data.order;
        let refundable = (o.total_inc_tax - o.refunded_amount).max(Decimal::ZERO);
        if refundable.is_zero() {
            return Err(format!(
                "Order #{} has nothing left to refund ({} of {} refunded)",
                o.id,
                two_places(o.refunded_amount),
                two_places(o.total_inc_tax)
            ));
        }
        let lines: Vec<RefundLine> = data
            .products
            .iter()
            .filter(|p| p.quantity > p.quantity_refunded)
            .map(|p| RefundLine {
                order_product_id: p.id,
                name: p.name.clone(),
                sku: p.sku.clone(),
                unit: p.price_inc_tax,
                refundable: p.quantity - p.quantity_refunded,
                quantity: 0,
            })
            .collect();
        Ok(RefundDialog {
            order_id: o.id,
            customer,
            currency: o.currency_code.clone(),
            refundable,
            focus: if lines.is_empty() {
                RefundFocus::Amount
            } else {
                RefundFocus::Items
            },
            lines,
            line: 0,
            amount: Input::default(),
            stage: RefundStage::Choose,
            items: Vec::new(),
            quote: None,
            method: 0,
            typed: Input::default(),
            problem: None,
        })
    }

    /// The items to quote, or why there are none.
    pub fn requested(&self) -> Result<Vec<RefundItemRequest>, String> {
        let mut items: Vec<RefundItemRequest> = self
            .lines
            .iter()
            .filter(|l| l.quantity > 0)
            .map(|l| RefundItemRequest::product(l.order_product_id, l.quantity))
            .collect();
        let text = self.amount.value().trim();
        if !text.is_empty() {
            let amount = parse_amount(text)?;
            items.push(RefundItemRequest::order_amount(self.order_id, amount));
        }
        if items.is_empty() {
            return Err("Choose items to refund (Space or +) or type an amount".to_string());
        }
        Ok(items)
    }

    /// The chosen way to pay the refund back.
    pub fn chosen_method(&self) -> Option<&Vec<PaymentOption>> {
        self.quote.as_ref()?.refund_methods.get(self.method)
    }

    /// The quoted total as the merchant must type it back: two decimals.
    pub fn amount_to_type(&self) -> Option<String> {
        self.quote
            .as_ref()
            .map(|q| two_places(q.total_refund_amount))
    }

    /// The refund request for the chosen method.
    pub fn refund(&self) -> Option<RefundCreate> {
        let payments = self
            .chosen_method()?
            .iter()
            .map(|p| RefundPaymentRequest {
                provider_id: p.provider_id.clone(),
                amount: p.amount,
                offline: p.offline,
            })
            .collect();
        Some(RefundCreate {
            items: self.items.clone(),
            payments,
        })
    }
}

/// A positive amount with at most two decimals (no currency sign, no thousands separator).
fn parse_amount(text: &str) -> Result<Decimal, String> {
    let amount: Decimal = text
        .parse()
        .map_err(|_| format!("{text} is not an amount (e.g. 12.50)"))?;
    if amount <= Decimal::ZERO {
        return Err("The amount must be more than 0".to_string());
    }
    if amount.round_dp(2) != amount {
        return Err("The amount has at most 2 decimals".to_string());
    }
    Ok(amount)
}

/// `12.5` → `"12.50"`.
pub fn two_places(amount: Decimal) -> String {
    let mut a = amount.round_dp(2);
    a.rescale(2);
    a.to_string()
}

/// A payment method as the merchant reads it: its providers and amounts.
pub fn method_text(method: &[PaymentOption]) -> String {
    method
        .iter()
        .map(|p| {
            let name = if p.provider_description.is_empty() {
                crate::api::models::provider_name(&p.provider_id)
            } else {
                p.provider_description.clone()
            };
            let offline = if p.offline {
                " (offline: pay it back yourself)"
            } else {
                ""
            };
            format!("{name} {}{offline}", two_places(p.amount))
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Who gets the money: the billing name (or email), and whether it was a guest checkout.
fn customer_text(o: &crate::api::models::Order) -> String {
    let a = &o.billing_address;
    let name = format!("{} {}", a.first_name, a.last_name);
    let name = match name.trim() {
        "" => a.email.trim().to_string(),
        name => name.to_string(),
    };
    let name = if name.is_empty() {
        "no name".to_string()
    } else {
        name
    };
    if o.customer_id == 0 {
        format!("{name} (guest)")
    } else {
        name
    }
}

/// `$`: the refund dialog for the open order.
pub(super) fn start(state: &mut AppState) -> Vec<Effect> {
    let why = ("a refund", "Open an order (Enter) to refund it");
    open_on_detail(state, why, |data| {
        let customer = customer_text(&data.order);
        RefundDialog::for_order(data, customer).map(|d| OrderDialog::Refund(Box::new(d)))
    })
}

/// Enter in the refund dialog: ask for a quote, or send the refund once the amount typed
/// back matches the quote exactly.
pub(super) fn submit(state: &mut AppState, mut d: Box<RefundDialog>) -> Vec<Effect> {
    match d.stage {
        RefundStage::Quoting(_) => Vec::new(),
        RefundStage::Choose => match d.requested() {
            Ok(items) => {
                let request = state.next_id();
                d.items = items.clone();
                d.stage = RefundStage::Quoting(request);
                d.problem = None;
                let order_id = d.order_id;
                state.orders.dialog = Some(OrderDialog::Refund(d));
                vec![Effect::Orders(OrdersTask::RefundQuote {
                    request,
                    order_id,
                    items,
                })]
            }
            Err(problem) => {
                d.problem = Some(problem);
                state.orders.dialog = Some(OrderDialog::Refund(d));
                Vec::new()
            }
        },
        RefundStage::Confirm => {
            let (Some(wanted), Some(refund)) = (d.amount_to_type(), d.refund()) else {
                return Vec::new();
            };
            let typed = d.typed.value().trim().to_string();
            if typed != wanted {
                d.problem = Some(if typed.is_empty() {
                    format!("Type {wanted} to refund it. Nothing was sent.")
                } else {
                    format!("You typed {typed}, the refund is {wanted}. Nothing was sent.")
                });
                state.orders.dialog = Some(OrderDialog::Refund(d));
                return Vec::new();
            }
            state.orders.dialog = None;
            state.mode = Mode::Normal;
            let method = d
                .chosen_method()
                .map(|m| method_text(m))
                .unwrap_or_default();
            begin_refund(state, d.order_id, refund, wanted, method)
        }
    }
}

/// Sends the refund, guarded by the order's refunded amount and status as shown: a
/// colleague's refund in between means this one is not sent.
fn begin_refund(
    state: &mut AppState,
    order_id: u64,
    refund: RefundCreate,
    amount: String,
    method: String,
) -> Vec<Effect> {
    let fields = serde_json::json!({ "status_id": null, "refunded_amount": null });
    let kind = (WriteKind::Refund { amount, method }, false);
    send_guarded(state, order_id, &fields, kind, |request, expected| {
        OrdersTask::Refund {
            request,
            order_id,
            refund: Box::new(refund),
            expected,
        }
    })
}

/// The quote came back: on to confirming, or back to choosing with the store's reason.
pub(super) fn quoted(
    state: &mut AppState,
    request: RequestId,
    result: Result<RefundQuote, String>,
) -> Vec<Effect> {
    let Some(OrderDialog::Refund(d)) = state.orders.dialog.as_mut() else {
        state.changed = false;
        return Vec::new();
    };
    if d.stage != RefundStage::Quoting(request) {
        state.changed = false;
        return Vec::new();
    }
    match result {
        Ok(quote) if quote.refund_methods.is_empty() => {
            d.stage = RefundStage::Choose;
            d.problem = Some("The store offers no way to refund this order".to_string());
        }
        Ok(quote) => {
            d.quote = Some(quote);
            d.method = 0;
            d.typed = Input::default();
            d.stage = RefundStage::Confirm;
            d.problem = None;
        }
        Err(message) => {
            d.stage = RefundStage::Choose;
            d.problem = Some(format!("The store refused the quote: {message}"));
        }
    }
    Vec::new()
}

/// Up/Down: the item, or the refund method once quoted.
pub(super) fn choose_step(d: &mut RefundDialog, delta: isize) {
    match d.stage {
        RefundStage::Confirm => {
            let methods = d.quote.as_ref().map_or(0, |q| q.refund_methods.len());
            if methods > 0 {
                d.method = d.method.saturating_add_signed(delta).min(methods - 1);
            }
        }
        _ if d.focus == RefundFocus::Items && !d.lines.is_empty() => {
            d.line = d.line.saturating_add_signed(delta).min(d.lines.len() - 1);
        }
        _ => {}
    }
}

/// `+`/`-`/Space on an item: how many of it to refund.
pub(super) fn quantity(d: &mut RefundDialog, delta: Option<i64>) {
    if d.stage != RefundStage::Choose || d.focus != RefundFocus::Items {
        return;
    }
    d.problem = None;
    if let Some(line) = d.lines.get_mut(d.line) {
        line.quantity = match delta {
            Some(delta) => line
                .quantity
                .saturating_add_signed(delta)
                .min(line.refundable),
            None if line.quantity == 0 => line.refundable,
            None => 0,
        };
    }
}

/// Tab: items ↔ amount (while choosing).
pub(super) fn focus_step(d: &mut RefundDialog) {
    if d.stage == RefundStage::Choose && !d.lines.is_empty() {
        d.focus = match d.focus {
            RefundFocus::Items => RefundFocus::Amount,
            RefundFocus::Amount => RefundFocus::Items,
        };
    }
}

/// The text field keys go to, if any.
pub(super) fn input(d: &mut RefundDialog) -> Option<&mut Input> {
    match d.stage {
        RefundStage::Choose if d.focus == RefundFocus::Amount => Some(&mut d.amount),
        RefundStage::Confirm => Some(&mut d.typed),
        _ => None,
    }
}
