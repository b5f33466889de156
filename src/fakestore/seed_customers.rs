//! Seeding of customers: unique emails, 1–2 addresses each, some companies and groups.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;

use super::rng::Rng;
use super::store::{Address, Authentication, Customer, StoreData, next_id};
use super::words::Words;

pub(crate) const EMAIL_DOMAINS: &[&str] = &[
    "example.com",
    "example.net",
    "example.org",
    "mail.example.com",
];

pub(crate) fn ascii_lower(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

pub(crate) fn phone(rng: &mut Rng) -> String {
    format!("({}) 555-{:04}", rng.range(201, 989), rng.range(100, 9999))
}

/// A random US street address: (street_1, city, state, zip).
pub(crate) fn street_address(words: &Words, rng: &mut Rng) -> (String, String, String, String) {
    let city = rng.pick(&words.cities);
    let street = format!("{} {}", rng.range(1, 9999), rng.pick(&words.streets));
    let zip = format!("{}{:02}", city.zip_prefix, rng.range(1, 99));
    (street, city.name.to_string(), city.state.to_string(), zip)
}

/// The group of customers with a company.
const WHOLESALE_GROUP: u64 = 1;
/// The group of some private customers.
const VIP_GROUP: u64 = 2;
/// The seeded customer groups: the two customers use plus one nobody is in yet.
pub(crate) const CUSTOMER_GROUPS: [(u64, &str); 3] = [
    (WHOLESALE_GROUP, "Wholesale"),
    (VIP_GROUP, "VIP"),
    (3, "Staff"),
];

pub(crate) fn seed_customers(
    data: &mut StoreData,
    words: &Words,
    rng: &mut Rng,
    anchor: DateTime<Utc>,
    count: usize,
) {
    for (id, name) in CUSTOMER_GROUPS {
        data.customer_groups.insert(id, name.to_string());
    }
    let mut emails: HashMap<String, u32> = HashMap::with_capacity(count);
    // Bulk-built at the end (see `seed_products`).
    let mut customers = Vec::with_capacity(count);
    let mut addresses = Vec::with_capacity(count * 2);
    for _ in 0..count {
        let id = next_id(&mut data.ids.customer);
        let first = rng.pick(&words.first_names).to_string();
        let last = rng.pick(&words.last_names).to_string();
        let company = if rng.chance(0.15) {
            rng.pick(&words.companies).to_string()
        } else {
            String::new()
        };
        let local = format!("{}.{}", ascii_lower(&first), ascii_lower(&last));
        let domain = rng.pick(EMAIL_DOMAINS);
        let base = format!("{local}@{domain}");
        let seen = emails.entry(base.clone()).or_insert(0);
        *seen += 1;
        let email = if *seen == 1 {
            base
        } else {
            format!("{local}{}@{domain}", *seen)
        };
        let created = anchor - Duration::seconds(rng.range(2 * 86_400, 730 * 86_400));
        let modified =
            created + Duration::seconds(rng.range(0, (anchor - created).num_seconds() / 2));
        let group = if !company.is_empty() {
            WHOLESALE_GROUP
        } else if rng.chance(0.1) {
            VIP_GROUP
        } else {
            0
        };
        let customer = Customer {
            id,
            email,
            first_name: first.clone(),
            last_name: last.clone(),
            company: company.clone(),
            phone: phone(rng),
            registration_ip_address: format!("198.51.100.{}", rng.range(1, 254)),
            notes: if rng.chance(0.05) {
                "Prefers contact by email.".into()
            } else {
                String::new()
            },
            tax_exempt_category: if !company.is_empty() && rng.chance(0.2) {
                "G".into()
            } else {
                String::new()
            },
            customer_group_id: group,
            date_created: created,
            date_modified: modified,
            attribute_count: 0,
            authentication: Authentication {
                force_password_reset: false,
            },
            accepts_product_review_abandoned_cart_emails: rng.chance(0.6),
            origin_channel_id: 1,
            channel_ids: Some(vec![1]),
            store_credit: if rng.chance(0.05) {
                Decimal::from(*rng.pick(&[10i64, 25, 50]))
            } else {
                Decimal::ZERO
            },
        };
        let address_count = if rng.chance(0.3) { 2 } else { 1 };
        for n in 0..address_count {
            let (street, city, state, zip) = street_address(words, rng);
            let address_id = next_id(&mut data.ids.address);
            addresses.push((
                address_id,
                Address {
                    id: address_id,
                    customer_id: id,
                    first_name: first.clone(),
                    last_name: last.clone(),
                    company: if n == 0 {
                        company.clone()
                    } else {
                        String::new()
                    },
                    address1: street,
                    address2: if rng.chance(0.2) {
                        format!("Apt {}", rng.range(1, 40))
                    } else {
                        String::new()
                    },
                    city,
                    state_or_province: state,
                    postal_code: zip,
                    country_code: "US".into(),
                    country: "United States".into(),
                    phone: customer.phone.clone(),
                    address_type: if n == 0 && !company.is_empty() {
                        "commercial".into()
                    } else {
                        "residential".into()
                    },
                },
            ));
        }
        customers.push((id, customer));
    }
    data.customers = customers.into_iter().collect();
    data.addresses = addresses.into_iter().collect();
}
