//! Customer addresses (V3): `/v3/customers/addresses` — list, create (an exact duplicate is left
//! out of the answer), update and delete by `id:in`.

use serde_json::{Value, json};

use super::errors::ApiResult;
use super::errors::Reply;
use super::fields::{Fields, finish_with, set_fields, stage_updates};
use super::query::{in_list, v3_list, v3_page};
use super::server::Ctx;
use super::store::{Address, StoreData, next_id};
use super::words::country_name;

pub(crate) fn blank_address(customer_id: u64) -> Address {
    Address {
        id: 0,
        customer_id,
        first_name: String::new(),
        last_name: String::new(),
        company: String::new(),
        address1: String::new(),
        address2: String::new(),
        city: String::new(),
        state_or_province: String::new(),
        postal_code: String::new(),
        country_code: String::new(),
        country: String::new(),
        phone: String::new(),
        address_type: "residential".into(),
    }
}

pub(crate) fn apply_address(f: &mut Fields, a: &mut Address) {
    set_fields!(f => a, text:
        first_name, last_name, company, address1, address2, city, state_or_province, postal_code,
        phone);
    if let Some(code) = f.str("country_code") {
        if code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()) {
            a.country_code = code.to_ascii_uppercase();
            a.country = country_name(&code);
        } else {
            f.error(
                "country_code",
                "The field 'country_code' must be a two-letter ISO code.",
            );
        }
    }
    if let Some(t) = f.one_of("address_type", &["residential", "commercial"]) {
        a.address_type = t;
    }
}

pub(crate) fn list_addresses(ctx: &Ctx, data: &StoreData) -> ApiResult {
    let q = &ctx.query;
    let ids = q.int_list("id:in")?;
    let customers = q.int_list("customer_id:in")?;
    let companies = q
        .list("company:in")
        .map(|l| l.into_iter().map(|s| s.to_lowercase()).collect::<Vec<_>>());
    let names = q
        .list("name:in")
        .map(|l| l.into_iter().map(|s| s.to_lowercase()).collect::<Vec<_>>());
    let page = v3_page(q)?;
    let found: Vec<&Address> = data
        .addresses
        .values()
        .filter(|a| in_list(&ids, a.id))
        .filter(|a| in_list(&customers, a.customer_id))
        .filter(|a| {
            companies
                .as_ref()
                .is_none_or(|l| l.contains(&a.company.to_lowercase()))
        })
        .filter(|a| {
            names.as_ref().is_none_or(|l| {
                l.contains(&format!("{} {}", a.first_name, a.last_name).to_lowercase())
            })
        })
        .collect();
    let items = page.slice(&found).iter().map(|a| json!(a)).collect();
    Ok(v3_list(found.len(), page, items))
}

/// `POST /customers/addresses` → 200; an exact duplicate of an existing address is left out.
pub(crate) fn create_addresses(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let items = ctx.json_array()?;
    let mut errors = Vec::new();
    let mut staged = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut f = Fields::new(item, format!("{i}."));
        f.require(&[
            "customer_id",
            "first_name",
            "last_name",
            "city",
            "country_code",
            "address1",
            "state_or_province",
            "postal_code",
        ]);
        let customer_id = f.int("customer_id").unwrap_or(0).max(0) as u64;
        if f.errors.is_empty() && !data.customers.contains_key(&customer_id) {
            f.error(
                "customer_id",
                format!("Customer {customer_id} does not exist."),
            );
        }
        let mut a = blank_address(customer_id);
        apply_address(&mut f, &mut a);
        errors.extend(f.errors);
        staged.push(a);
    }
    finish_with(errors, 422, "The address was not valid.")?;
    let mut out = Vec::new();
    for mut a in staged {
        let duplicate = data.addresses.values().any(|e| {
            Address {
                id: a.id,
                ..e.clone()
            } == a
        });
        if duplicate {
            continue;
        }
        a.id = next_id(&mut data.ids.address);
        out.push(json!(a));
        data.addresses.insert(a.id, a);
    }
    Ok(Reply::json(200, &json!({ "data": out, "meta": {} })))
}

pub(crate) fn update_addresses(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    let items = ctx.json_array()?;
    let (staged, errors) = stage_updates(
        &items,
        "Address",
        |id| data.addresses.get(&id),
        |f, a, _| apply_address(f, a),
    );
    finish_with(errors, 422, "The address was not valid.")?;
    let out: Vec<Value> = staged.iter().map(|a| json!(a)).collect();
    for a in staged {
        data.addresses.insert(a.id, a);
    }
    Ok(Reply::json(200, &json!({ "data": out, "meta": {} })))
}

pub(crate) fn delete_addresses(ctx: &Ctx, data: &mut StoreData) -> ApiResult {
    if let Some(ids) = ctx.query.int_list("id:in")? {
        for id in ids {
            data.addresses.remove(&(id.max(0) as u64));
        }
    }
    Ok(Reply::empty(204))
}
