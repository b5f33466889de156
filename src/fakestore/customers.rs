//! Customers (V3): `/v3/customers` (list, create/update in arrays of ≤10, delete by `id:in`) and
//! `/v3/customers/addresses`. There is no `GET /v3/customers/{id}` in the API, so none here.

use std::collections::BTreeMap;

use axum::http::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::addresses;
use super::errors::{ApiError, ApiResult, Reply};
use super::fields::{Fields, finish_with, set_fields, stage_updates};
use super::product_write::touched;
use super::query::{in_list, v3_list, v3_page};
use super::server::Ctx;
use super::store::{Address, Authentication, Customer, StoreData, next_id};
use super::wire::v3_number;

const BATCH_LIMIT: usize = 10;

pub(crate) fn route(ctx: &Ctx, data: &mut StoreData, method: &Method, rest: &[&str]) -> ApiResult {
    match rest {
        [] => match *method {
            Method::GET => list(ctx, data),
            Method::POST => create(ctx, data),
            Method::PUT => update(ctx, data),
            Method::DELETE => delete(ctx, data),
            _ => Err(ApiError::method_not_allowed()),
        },
        ["addresses"] => match *method {
            Method::GET => addresses::list_addresses(ctx, data),
            Method::POST => addresses::create_addresses(ctx, data),
            Method::PUT => addresses::update_addresses(ctx, data),
            Method::DELETE => addresses::delete_addresses(ctx, data),
            _ => Err(ApiError::method_not_allowed()),
        },
        _ => Err(ApiError::not_found()),
    }
}

fn too_many() -> ApiError {
    ApiError::new(
        413,
        "The request payload is too large. The maximum items allowed in the array is 10.",
    )
}

fn render(data: &StoreData, c: &Customer, include: &[String]) -> Value {
    let mut v = json!(c);
    let addresses: Vec<&Address> = data
        .addresses
        .values()
        .filter(|a| a.customer_id == c.id)
        .collect();
    v["address_count"] = json!(addresses.len());
    if include.iter().any(|i| i == "addresses") {
        v["addresses"] = json!(addresses);
    }
    if include.iter().any(|i| i == "storecredit") {
        v["store_credit_amounts"] = json!([{ "amount": v3_number(&c.store_credit) }]);
    }
    v
}

fn list(ctx: &Ctx, data: &StoreData) -> ApiResult {
    let q = &ctx.query;
    let lower = |key: &str| {
        q.list(key)
            .map(|l| l.into_iter().map(|s| s.to_lowercase()).collect::<Vec<_>>())
    };
    let ids = q.int_list("id:in")?;
    let emails = lower("email:in");
    let names = lower("name:in");
    let likes = lower("name:like");
    let companies = lower("company:in");
    let phones = q.list("phone:in");
    let groups = q.int_list("customer_group_id:in")?;
    let created = q.date("date_created")?;
    let created_min = q.date("date_created:min")?;
    let created_max = q.date("date_created:max")?;
    let modified = q.date("date_modified")?;
    let modified_min = q.date("date_modified:min")?;
    let modified_max = q.date("date_modified:max")?;
    let sorts = [
        "date_created:asc",
        "date_created:desc",
        "last_name:asc",
        "last_name:desc",
        "date_modified:asc",
        "date_modified:desc",
    ];
    let sort = q.one_of("sort", &sorts)?;
    let include = q.list("include").unwrap_or_default();
    let page = v3_page(q)?;
    let mut found: Vec<&Customer> = data
        .customers
        .values()
        .filter(|c| in_list(&ids, c.id))
        .filter(|c| {
            emails
                .as_ref()
                .is_none_or(|l| l.contains(&c.email.to_lowercase()))
        })
        .filter(|c| {
            let full = format!("{} {}", c.first_name, c.last_name).to_lowercase();
            names.as_ref().is_none_or(|l| l.contains(&full))
                && likes
                    .as_ref()
                    .is_none_or(|l| l.iter().any(|s| full.contains(s.as_str())))
        })
        .filter(|c| {
            companies
                .as_ref()
                .is_none_or(|l| l.contains(&c.company.to_lowercase()))
        })
        .filter(|c| phones.as_ref().is_none_or(|l| l.contains(&c.phone)))
        .filter(|c| in_list(&groups, c.customer_group_id))
        .filter(|c| created.is_none_or(|d| c.date_created == d))
        .filter(|c| {
            created_min.is_none_or(|d| c.date_created >= d)
                && created_max.is_none_or(|d| c.date_created <= d)
        })
        .filter(|c| modified.is_none_or(|d| c.date_modified == d))
        .filter(|c| {
            modified_min.is_none_or(|d| c.date_modified >= d)
                && modified_max.is_none_or(|d| c.date_modified <= d)
        })
        .collect();
    if let Some(sort) = sort {
        let (field, dir) = sort.split_once(':').unwrap_or((sort.as_str(), "asc"));
        found.sort_by(|a, b| {
            let o = match field {
                "last_name" => a.last_name.to_lowercase().cmp(&b.last_name.to_lowercase()),
                "date_modified" => a.date_modified.cmp(&b.date_modified),
                _ => a.date_created.cmp(&b.date_created),
            }
            .then(a.id.cmp(&b.id));
            if dir == "desc" { o.reverse() } else { o }
        });
    }
    let items = page
        .slice(&found)
        .iter()
        .map(|c| render(data, c, &include))
        .collect();
    Ok(v3_list(found.len(), page, items))
}

pub(crate) fn valid_email(e: &str) -> bool {
    let mut parts = e.split('@');
    matches!((parts.next(), parts.next(), parts.next()), (Some(l), Some(d), None) if !l.is_empty() && d.contains('.') && !e.contains(' '))
}

/// Reads the writable customer fields into `c`; a group must be one of `data_groups` (or 0).
fn apply_customer(f: &mut Fields, c: &mut Customer, data_groups: &BTreeMap<u64, String>) {
    for key in ["first_name", "last_name"] {
        if let Some(v) = f.str(key) {
            if v.trim().is_empty() {
                f.error(key, format!("The field '{key}' must not be empty."));
            } else if key == "first_name" {
                c.first_name = v;
            } else {
                c.last_name = v;
            }
        }
    }
    if let Some(email) = f.str("email") {
        if valid_email(&email) {
            c.email = email;
        } else {
            f.error("email", format!("'{email}' is not a valid email address."));
        }
    }
    set_fields!(f => c, text: company, phone, notes, tax_exempt_category);
    set_fields!(f => c, bool: accepts_product_review_abandoned_cart_emails);
    if let Some(g) = f.int("customer_group_id") {
        if g <= 0 || data_groups.contains_key(&(g as u64)) {
            c.customer_group_id = g.max(0) as u64;
        } else {
            f.error(
                "customer_group_id",
                format!("Customer group {g} does not exist."),
            );
        }
    }
    if let Some(Value::Object(auth)) = f.raw("authentication")
        && let Some(Value::Bool(b)) = auth.get("force_password_reset")
    {
        c.authentication.force_password_reset = *b;
    }
    if f.has("channel_ids") {
        c.channel_ids = f
            .int_list("channel_ids")
            .map(|l| l.into_iter().map(|x| x.max(0) as u64).collect());
    }
    if let Some(Value::Array(credits)) = f.raw("store_credit_amounts") {
        c.store_credit = credits
            .iter()
            .filter_map(|x| x.get("amount").and_then(super::wire::decimal_of))
            .sum();
    }
}

fn email_taken(data: &StoreData, email: &str, except: u64) -> bool {
    data.customers
        .values()
        .any(|c| c.id != except && c.email.eq_ignore_ascii_case(email))
}

/// `POST /customers`: array of ≤10 → 200 `{data, meta}`; all or nothing.
fn create(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let items = ctx.json_array()?;
    if items.len() > BATCH_LIMIT {
        return Err(too_many());
    }
    let now = touched(ctx.now, ctx.now);
    let mut errors = Vec::new();
    let mut staged: Vec<(Customer, Vec<Address>)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut f = Fields::new(item, format!("{i}."));
        f.require(&["email", "first_name", "last_name"]);
        let mut c = Customer {
            id: 0,
            email: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            company: String::new(),
            phone: String::new(),
            registration_ip_address: String::new(),
            notes: String::new(),
            tax_exempt_category: String::new(),
            customer_group_id: 0,
            date_created: now,
            date_modified: now,
            attribute_count: 0,
            authentication: Authentication {
                force_password_reset: false,
            },
            accepts_product_review_abandoned_cart_emails: false,
            origin_channel_id: f.int("origin_channel_id").unwrap_or(1).max(0) as u64,
            channel_ids: None,
            store_credit: Decimal::ZERO,
        };
        apply_customer(&mut f, &mut c, &data.customer_groups);
        let duplicate = email_taken(data, &c.email, 0)
            || staged
                .iter()
                .any(|(s, _)| s.email.eq_ignore_ascii_case(&c.email));
        if !c.email.is_empty() && duplicate {
            f.error(
                "email",
                format!(
                    "The email address {} is already in use by another customer.",
                    c.email
                ),
            );
        }
        let mut addresses = Vec::new();
        if let Some(Value::Array(list)) = f.raw("addresses") {
            for (j, a) in list.iter().enumerate() {
                let mut af = Fields::new(a, format!("{i}.addresses.{j}."));
                af.require(&[
                    "first_name",
                    "last_name",
                    "address1",
                    "city",
                    "country_code",
                ]);
                let mut address = addresses::blank_address(0);
                addresses::apply_address(&mut af, &mut address);
                f.errors.extend(af.errors);
                addresses.push(address);
            }
        }
        errors.extend(f.errors);
        staged.push((c, addresses));
    }
    finish_with(errors, 422, "Create customers failed.")?;
    let mut out = Vec::new();
    for (mut c, addresses) in staged {
        c.id = next_id(&mut data.ids.customer);
        for mut a in addresses {
            a.id = next_id(&mut data.ids.address);
            a.customer_id = c.id;
            data.addresses.insert(a.id, a);
        }
        out.push(render(data, &c, &["addresses".to_string()]));
        data.emit_about("store/customer/created", "customer", c.id);
        data.customers.insert(c.id, c);
    }
    Ok(Reply::json(200, &json!({ "data": out, "meta": {} })))
}

/// `PUT /customers`: array of ≤10, each with `id`; sub-resources are not updated here.
fn update(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let items = ctx.json_array()?;
    if items.len() > BATCH_LIMIT {
        return Err(too_many());
    }
    let (staged, errors) = stage_updates(
        &items,
        "Customer",
        |id| data.customers.get(&id),
        |f, c, staged| {
            apply_customer(f, c, &data.customer_groups);
            let duplicate = staged
                .iter()
                .any(|s: &Customer| s.id != c.id && s.email.eq_ignore_ascii_case(&c.email));
            if email_taken(data, &c.email, c.id) || duplicate {
                f.error(
                    "email",
                    format!(
                        "The email address {} is already in use by another customer.",
                        c.email
                    ),
                );
            }
            c.date_modified = touched(c.date_modified, ctx.now);
        },
    );
    finish_with(errors, 422, "Update customers failed.")?;
    let mut out = Vec::new();
    for c in staged {
        out.push(render(data, &c, &[]));
        data.emit_about("store/customer/updated", "customer", c.id);
        data.customers.insert(c.id, c);
    }
    Ok(Reply::json(200, &json!({ "data": out, "meta": {} })))
}

/// `DELETE /customers?id:in=...` → 204. Without `id:in` the API also answers 204 and deletes
/// nothing; the simulator does the same on purpose.
fn delete(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    if let Some(ids) = ctx.query.int_list("id:in")? {
        for id in ids {
            let id = id.max(0) as u64;
            if data.customers.remove(&id).is_some() {
                data.addresses.retain(|_, a| a.customer_id != id);
                data.emit_about("store/customer/deleted", "customer", id);
            }
        }
    }
    Ok(Reply::empty(204))
}
