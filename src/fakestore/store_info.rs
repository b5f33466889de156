//! `GET /v2/store` and `GET /v2/time`.

use axum::http::Method;
use serde_json::{Value, json};

use super::errors::{ApiError, ApiResult, Reply};
use super::server::{Ctx, only_get};

pub(crate) fn route(ctx: &Ctx, method: &Method, rest: &[&str]) -> ApiResult {
    only_get(method)?;
    match rest {
        ["time"] => Ok(Reply::json(200, &json!({ "time": ctx.now.timestamp() }))),
        ["store"] => Ok(Reply::json(200, &store(ctx))),
        _ => Err(ApiError::not_found()),
    }
}

fn store(ctx: &Ctx) -> serde_json::Value {
    // The plan follows the simulated quota: 450 per window is Pro, less is Standard.
    let plan = if ctx.plan_quota >= 450 {
        "Pro"
    } else {
        "Standard"
    };
    let mut out = json!({
        "id": ctx.store_hash,
        "account_uuid": "0f3b8a5e-7c1d-4e2a-9b6f-2d4c8e1a7f35",
        "domain": "northwind-outfitters.example.com",
        "secure_url": "https://northwind-outfitters.example.com",
        "control_panel_base_url": format!("https://store-{}.mybigcommerce.com", ctx.store_hash),
        "status": "live",
        "name": "Northwind Outfitters",
        "first_name": "Robin",
        "last_name": "Hale",
        "address": "Northwind Outfitters\n1200 Harbor Drive\nPortland, OR 97209\nUnited States",
        "country": "United States",
        "country_code": "US",
        "phone": "(503) 555-0142",
        "admin_email": "robin.hale@example.com",
        "order_email": "orders@northwind-outfitters.example.com",
        "favicon_url": "https://northwind-outfitters.example.com/favicon.ico",
    });
    let more = json!({
        "timezone": {
            "name": "America/Los_Angeles",
            "raw_offset": -28800,
            "dst_offset": -25200,
            "dst_correction": true,
            "date_format": { "display": "M jS Y", "export": "M jS Y", "extended_display": "M jS Y @ g:i A" }
        },
        "language": "en",
        "currency": "USD",
        "currency_symbol": "$",
        "decimal_separator": ".",
        "thousands_separator": ",",
        "decimal_places": 2,
        "currency_symbol_location": "left",
        "weight_units": "LBS",
        "dimension_units": "Inches",
        "dimension_decimal_places": 2,
        "dimension_decimal_token": ".",
        "dimension_thousands_token": ",",
    });
    let rest = json!({
        "plan_name": plan,
        "plan_level": plan,
        "plan_is_trial": false,
        "industry": "Apparel & Outdoor",
        "logo": { "url": "https://northwind-outfitters.example.com/logo.png" },
        "is_price_entered_with_tax": false,
        "store_id": 1001042,
        "default_channel_id": 1,
        "default_site_id": 1000,
        "active_comparison_modules": [],
        "features": {
            "stencil_enabled": true,
            "sitewidehttps_enabled": true,
            "facebook_catalog_id": "",
            "checkout_type": "optimized",
            "wishlists_enabled": true,
            "graphql_storefront_api_enabled": true,
            "shopper_consent_tracking_enabled": true,
            "multi_storefront_enabled": false,
            "storefront_limits": { "active": 1, "total_including_inactive": 1 }
        },
        "infrastructure_region": "us-central1"
    });
    if let (Value::Object(target), Value::Object(a), Value::Object(b)) = (&mut out, more, rest) {
        target.extend(a);
        target.extend(b);
    }
    out
}
