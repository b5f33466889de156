//! Orders and their sub-resources (`/v2/orders...`, `/v2/order_statuses`).

use reqwest::Method;
use serde::de::DeserializeOwned;

use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::models::{
    Order, OrderCount, OrderProduct, OrderRow, OrderShippingAddress, OrderStatus, OrderUpdate,
    Refund, RefundCreate, RefundQuote, RefundQuoteRequest, Shipment, ShipmentCreate,
    ShipmentUpdate, Unreadable,
};
use crate::api::pagination::{DataEnvelope, WalkProgress};
use crate::api::query::{OrderQuery, QueryPairs};

const ORDERS: &str = "/v2/orders";

impl Client {
    /// One page of orders (204 = empty).
    pub async fn list_orders(&self, query: &OrderQuery) -> Result<Vec<Order>, ApiError> {
        self.get_v2_list(&query.pairs().append_to(ORDERS)).await
    }

    /// One page of orders as list rows: only the rows' fields are decoded (the V2 list
    /// has no `include_fields`, so the store still sends every field).
    pub async fn list_order_rows(&self, query: &OrderQuery) -> Result<Vec<OrderRow>, ApiError> {
        self.get_v2_list(&query.pairs().append_to(ORDERS)).await
    }

    /// Every order matching the filters (its `page`/`limit` ignored).
    pub async fn all_orders<F>(
        &self,
        query: &OrderQuery,
        progress: F,
    ) -> Result<Vec<Order>, ApiError>
    where
        F: FnMut(WalkProgress) + Send,
    {
        self.all_orders_as(query, progress).await
    }

    /// Every order matching the filters, decoded as `T` (whole orders or list rows).
    pub async fn all_orders_as<T, F>(
        &self,
        query: &OrderQuery,
        progress: F,
    ) -> Result<Vec<T>, ApiError>
    where
        T: DeserializeOwned + Unreadable,
        F: FnMut(WalkProgress) + Send,
    {
        let mut q = query.pairs();
        q.remove("page").remove("limit");
        self.fetch_all_v2(ORDERS, &q, progress).await
    }

    /// Total and per-status counts for the query's filters.
    pub async fn order_count(&self, query: &OrderQuery) -> Result<OrderCount, ApiError> {
        self.get_json(&query.filter_pairs().append_to("/v2/orders/count"))
            .await
    }

    pub async fn get_order(&self, id: u64) -> Result<Order, ApiError> {
        self.get_json(&format!("{ORDERS}/{id}")).await
    }

    /// Updates the fields set in `update`; returns the whole order.
    pub async fn update_order(&self, id: u64, update: &OrderUpdate) -> Result<Order, ApiError> {
        self.send_json(Method::PUT, &format!("{ORDERS}/{id}"), update)
            .await
    }

    /// Every item of an order's sub-resource list (all pages).
    async fn order_sub_list<T: DeserializeOwned + Unreadable>(
        &self,
        id: u64,
        sub: &str,
    ) -> Result<Vec<T>, ApiError> {
        let path = format!("{ORDERS}/{id}/{sub}");
        self.fetch_all_v2(&path, &QueryPairs::new(), |_| {}).await
    }

    /// Every line item (walks all pages: the sub-resource caps at 50 by default).
    pub async fn order_products(&self, id: u64) -> Result<Vec<OrderProduct>, ApiError> {
        self.order_sub_list(id, "products").await
    }

    /// Every shipping address of an order.
    pub async fn order_shipping_addresses(
        &self,
        id: u64,
    ) -> Result<Vec<OrderShippingAddress>, ApiError> {
        self.order_sub_list(id, "shipping_addresses").await
    }

    /// Every shipment of an order (204 = none).
    pub async fn order_shipments(&self, id: u64) -> Result<Vec<Shipment>, ApiError> {
        self.order_sub_list(id, "shipments").await
    }

    /// Creates a shipment (201). Not retried except after a 429.
    pub async fn create_shipment(
        &self,
        order_id: u64,
        shipment: &ShipmentCreate,
    ) -> Result<Shipment, ApiError> {
        if shipment.items.is_empty() {
            return Err(ApiError::InvalidInput(
                "a shipment needs at least one item".to_string(),
            ));
        }
        let path = format!("{ORDERS}/{order_id}/shipments");
        self.send_json(Method::POST, &path, shipment).await
    }

    pub async fn order_statuses(&self) -> Result<Vec<OrderStatus>, ApiError> {
        self.get_v2_list("/v2/order_statuses").await
    }

    /// One shipment of an order.
    pub async fn get_shipment(&self, order_id: u64, id: u64) -> Result<Shipment, ApiError> {
        self.get_json(&format!("{ORDERS}/{order_id}/shipments/{id}"))
            .await
    }

    /// Changes a shipment's tracking number, provider or carrier (200 with the shipment).
    pub async fn update_shipment(
        &self,
        order_id: u64,
        id: u64,
        update: &ShipmentUpdate,
    ) -> Result<Shipment, ApiError> {
        let path = format!("{ORDERS}/{order_id}/shipments/{id}");
        self.send_json(Method::PUT, &path, update).await
    }

    /// Deletes a shipment (204); the order keeps its status.
    pub async fn delete_shipment(&self, order_id: u64, id: u64) -> Result<(), ApiError> {
        let path = format!("{ORDERS}/{order_id}/shipments/{id}");
        self.request_ok(Method::DELETE, &path, None)
            .await
            .map(|_| ())
    }

    /// `POST /v3/orders/{id}/payment_actions/refund_quotes`: what refunding `request`
    /// comes to and how it can be paid back. Sends no money.
    pub async fn refund_quote(
        &self,
        order_id: u64,
        request: &RefundQuoteRequest,
    ) -> Result<RefundQuote, ApiError> {
        let path = format!("/v3/orders/{order_id}/payment_actions/refund_quotes");
        let env: DataEnvelope<RefundQuote> = self.send_json(Method::POST, &path, request).await?;
        Ok(env.data)
    }

    /// `POST /v3/orders/{id}/payment_actions/refunds`: pays money back. Not retried
    /// (a POST), except after a 429.
    pub async fn create_refund(
        &self,
        order_id: u64,
        refund: &RefundCreate,
    ) -> Result<Refund, ApiError> {
        if refund.items.is_empty() || refund.payments.is_empty() {
            return Err(ApiError::InvalidInput(
                "a refund needs items and payments".to_string(),
            ));
        }
        let path = format!("/v3/orders/{order_id}/payment_actions/refunds");
        let env: DataEnvelope<Refund> = self.send_json(Method::POST, &path, refund).await?;
        Ok(env.data)
    }

    /// `GET /v3/orders/{id}/payment_actions/refunds`: the refunds made, oldest first.
    pub async fn order_refunds(&self, order_id: u64) -> Result<Vec<Refund>, ApiError> {
        let path = format!("/v3/orders/{order_id}/payment_actions/refunds");
        let env: DataEnvelope<Vec<Refund>> = self.get_json(&path).await?;
        Ok(env.data)
    }
}
