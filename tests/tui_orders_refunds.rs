//! Refunds from the order detail end to end: `$` chooses items or an amount, the store
//! quotes it, and the refund is sent only after the amount is typed back exactly. Every
//! result is checked through the API (the order's refunded amount, status and refunds).

#[path = "common/mod.rs"]
mod common;

use crossterm::event::KeyCode;
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use bctui::api::client::RawResponse;
use bctui::api::models::{RefundItemRequest, RefundQuoteRequest};
use bctui::app::list::LoadState;
use bctui::app::orders::{OrderDialog, RefundStage};

use common::Harness;

fn money(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

impl Harness {
    /// Places an order for customer 1 paid by credit card: two mugs at 12.50 and a tea
    /// towel at 8.00, shipping 5.00, no tax (38.00 in all); returns its id.
    async fn place_card_order(&self) -> u64 {
        let body = json!({
            "customer_id": 1,
            "status_id": 11,
            "payment_method": "Credit Card",
            "billing_address": {
                "first_name": "Rhea", "last_name": "Fundson", "street_1": "1 Main St",
                "city": "Austin", "state": "Texas", "zip": "78751",
                "country": "United States", "country_iso2": "US", "email": "rhea@example.com"
            },
            "shipping_cost_ex_tax": "5.00",
            "products": [
                {"name": "Test mug, large", "quantity": 2, "price_ex_tax": "12.50"},
                {"name": "Tea towel", "quantity": 1, "price_ex_tax": "8.00"}
            ]
        });
        let response = self
            .api
            .raw(Method::POST, "/v2/orders", Some(body))
            .await
            .expect("POST /v2/orders");
        assert_eq!(response.status, 200);
        let order: Value = serde_json::from_slice(&response.body).expect("json");
        assert_eq!(order["total_inc_tax"], "38.0000");
        order["id"].as_u64().expect("an id")
    }

    /// Opens order `id` and its refund dialog (`$`), at its first step.
    async fn open_refund(&mut self, id: u64) {
        self.open_order(id).await;
        self.press(KeyCode::Char('$'));
        self.stage_is("the refund dialog", |s| *s == RefundStage::Choose)
            .await;
    }

    /// Refunds `amount` of order `id` to `provider` through the API, as a colleague would.
    async fn refund_through_api(&self, id: u64, amount: u32, provider: &str) -> RawResponse {
        let body = json!({
            "items": [{"item_type": "ORDER", "item_id": id, "amount": amount}],
            "payments": [{"provider_id": provider, "amount": amount, "offline": false}]
        });
        let path = format!("/v3/orders/{id}/payment_actions/refunds");
        self.api
            .raw(Method::POST, &path, Some(body))
            .await
            .expect("a response")
    }

    /// Types `amount` at the confirmation, as the dialog asks, and Enter; waits for the
    /// refund of order `id` to be done and returns the order as the store then has it.
    async fn confirm_refund(&mut self, id: u64, amount: &str) -> bctui::api::models::Order {
        self.type_text(amount);
        self.press(KeyCode::Enter);
        self.wait_toast(&format!("Refunded {amount} on order"))
            .await;
        self.order(id).await
    }

    async fn stage_is(&mut self, what: &str, wanted: fn(&RefundStage) -> bool) {
        self.wait_for(
            what,
            move |s| matches!(&s.orders.dialog, Some(OrderDialog::Refund(d)) if wanted(&d.stage)),
        )
        .await;
    }

    /// Refunds the simulator made so far.
    fn refunds_sent(&self) -> usize {
        self.writes()
            .iter()
            .filter(|w| w.starts_with("POST") && w.contains("/payment_actions/refunds 201"))
            .count()
    }

    async fn order(&self, id: u64) -> bctui::api::models::Order {
        self.api.get_order(id).await.expect("the order")
    }

    fn problem(&self) -> String {
        match &self.state().orders.dialog {
            Some(OrderDialog::Refund(d)) => d.problem.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }
}

async fn start() -> (Harness, u64) {
    let h = Harness::launch(common::store_config(20, 10, 20), false, 100, 30).await;
    let id = h.place_card_order().await;
    (h, id)
}

#[tokio::test]
async fn an_item_refund_is_sent_only_when_the_amount_is_typed_back_exactly() {
    let (mut h, id) = start().await;
    h.open_refund(id).await;
    // Both mugs.
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Enter);
    h.stage_is("the quote", |s| *s == RefundStage::Confirm)
        .await;
    insta::assert_snapshot!("refund_confirm", h.body());

    // A mistyped amount sends nothing.
    h.type_text("52.00");
    h.press(KeyCode::Enter);
    h.wait_for(
        "the mismatch",
        |s| matches!(&s.orders.dialog, Some(OrderDialog::Refund(d)) if d.problem.is_some()),
    )
    .await;
    assert!(h.problem().contains("You typed 52.00, the refund is 25.00"));
    assert_eq!(h.refunds_sent(), 0, "{:?}", h.writes());
    assert!(h.order(id).await.refunded_amount.is_zero());

    for _ in 0..5 {
        h.press(KeyCode::Backspace);
    }
    let order = h.confirm_refund(id, "25.00").await;
    assert_eq!(order.refunded_amount, money("25.00"));
    assert_eq!(order.status_id, 14, "Partially Refunded");
    let refunds = h.api.order_refunds(id).await.expect("refunds");
    assert_eq!(refunds.len(), 1);
    assert_eq!(refunds[0].total_amount, money("25.00"));
    assert_eq!(refunds[0].payments[0].provider_id, "braintree");
    assert_eq!(refunds[0].items[0].quantity, 2);
    assert_eq!(h.refunds_sent(), 1);
    // Journalled like every write: sent, then its outcome.
    let journal = std::fs::read_to_string(
        h.data_dir
            .path()
            .join(format!("journal/{}.jsonl", h.store.store_hash())),
    )
    .expect("the journal");
    assert!(journal.contains("payment_actions/refunds"), "{journal}");
    // The detail stays on the order and lists the refund.
    h.wait_for("the refund in the detail", move |s| {
        s.orders.detail.as_ref().is_some_and(|d| {
            d.id == id
                && d.data
                    .as_ref()
                    .is_some_and(|d| d.refunds.as_ref().is_ok_and(|r| r.len() == 1))
        })
    })
    .await;
    assert!(h.screen().contains(&format!("Refund #{}", refunds[0].id)));

    // The rest as an amount: the order is then Refunded and has nothing left.
    h.press(KeyCode::Char('$'));
    h.stage_is("the refund dialog", |s| *s == RefundStage::Choose)
        .await;
    h.press(KeyCode::Tab);
    h.type_text("13.00");
    h.press(KeyCode::Enter);
    h.stage_is("the second quote", |s| *s == RefundStage::Confirm)
        .await;
    let order = h.confirm_refund(id, "13.00").await;
    assert_eq!(order.refunded_amount, money("38.00"));
    assert_eq!(order.status_id, 4, "Refunded");
    h.wait_for("the detail again", move |s| {
        s.orders
            .detail
            .as_ref()
            .is_some_and(|d| d.id == id && d.load == LoadState::Loaded)
    })
    .await;
    h.press(KeyCode::Char('$'));
    h.wait_toast("has nothing left to refund").await;
    assert_eq!(h.refunds_sent(), 2);
}

#[tokio::test]
async fn the_store_refuses_more_than_was_paid_and_the_screen_says_why() {
    let (mut h, id) = start().await;
    // Through the API: a quote and a refund over the total are refused in the spec's shapes.
    let over = RefundQuoteRequest {
        items: vec![RefundItemRequest::order_amount(id, money("38.01"))],
    };
    let error = h.api.refund_quote(id, &over).await.expect_err("refused");
    assert!(error.to_string().contains("38.01"), "{error}");
    let response = h.refund_through_api(id, 40, "braintree").await;
    assert_eq!(response.status, 422);
    let body: Value = serde_json::from_slice(&response.body).expect("json");
    assert_eq!(body["data"][0]["status"], 422);
    assert!(h.order(id).await.refunded_amount.is_zero());

    // In the TUI: the quote's refusal shows in the dialog, and nothing is sent.
    h.open_refund(id).await;
    h.press(KeyCode::Tab);
    h.type_text("99.00");
    h.press(KeyCode::Enter);
    h.wait_for("the refusal", |s| {
        matches!(&s.orders.dialog, Some(OrderDialog::Refund(d))
            if d.stage == RefundStage::Choose && d.problem.is_some())
    })
    .await;
    assert!(
        h.problem().contains("only 38.00 of order"),
        "{}",
        h.problem()
    );
    insta::assert_snapshot!("refund_refused_quote", h.body());
    assert_eq!(h.refunds_sent(), 0);
}

#[tokio::test]
async fn a_colleagues_refund_in_between_means_ours_is_not_sent() {
    let (mut h, id) = start().await;
    h.open_refund(id).await;
    h.press(KeyCode::Char('j'));
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Enter);
    h.stage_is("the quote", |s| *s == RefundStage::Confirm)
        .await;
    // A colleague refunds the towel meanwhile.
    let response = h.refund_through_api(id, 8, "storecredit").await;
    assert_eq!(response.status, 201);
    h.type_text("8.00");
    h.press(KeyCode::Enter);
    h.wait_refused_as_changed().await;
    assert_eq!(
        h.refunds_sent(),
        1,
        "only the colleague's: {:?}",
        h.writes()
    );
    assert_eq!(h.order(id).await.refunded_amount, money("8.00"));
}

#[tokio::test]
async fn read_only_refuses_a_refund_before_anything_is_asked() {
    let mut h = Harness::launch(common::store_config(20, 10, 20), true, 100, 30).await;
    let id = h.place_card_order().await;
    let before = h.writes().len();
    h.open_order(id).await;
    h.press(KeyCode::Char('$'));
    h.wait_toast("Read-only profile: a refund is a write").await;
    assert!(h.state().orders.dialog.is_none());
    assert_eq!(h.writes().len(), before, "{:?}", h.writes());
    // The client refuses it too, whoever asks.
    let client = common::client_for(&h.store, true);
    let quote = RefundQuoteRequest {
        items: vec![RefundItemRequest::order_amount(id, money("1.00"))],
    };
    assert!(client.refund_quote(id, &quote).await.is_err());
    assert_eq!(h.writes().len(), before);
}
