//! A customer as a list row holds it: only the fields the Customers list shows, edits
//! inline, marks and deletes. The V3 list has no `include_fields`, so the page is decoded
//! straight into rows and the other fields (addresses, store credit, channels) are skipped.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Customer, null_default};
use crate::api::dates;

/// One row of the customer list. A list of 100,000 customers holds 100,000 of these, so
/// text is boxed (no spare capacity) and nothing the list never reads is kept; what needs
/// the whole customer (the detail, `$EDITOR`) fetches it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomerRow {
    pub id: u64,
    #[serde(deserialize_with = "null_default")]
    pub email: Box<str>,
    #[serde(deserialize_with = "null_default")]
    pub first_name: Box<str>,
    #[serde(deserialize_with = "null_default")]
    pub last_name: Box<str>,
    #[serde(deserialize_with = "null_default")]
    pub company: Box<str>,
    #[serde(deserialize_with = "null_default")]
    pub phone: Box<str>,
    /// Not a column, but `e` edits it from the list (its editor starts from it).
    #[serde(deserialize_with = "null_default")]
    pub notes: Box<str>,
    #[serde(deserialize_with = "null_default")]
    pub customer_group_id: u64,
    #[serde(with = "dates::iso8601_opt")]
    pub date_created: Option<DateTime<Utc>>,
}

impl From<&Customer> for CustomerRow {
    /// The row of a customer read whole (a save's answer, a created customer).
    fn from(c: &Customer) -> Self {
        CustomerRow {
            id: c.id,
            email: c.email.as_str().into(),
            first_name: c.first_name.as_str().into(),
            last_name: c.last_name.as_str().into(),
            company: c.company.as_str().into(),
            phone: c.phone.as_str().into(),
            notes: c.notes.as_str().into(),
            customer_group_id: c.customer_group_id,
            date_created: c.date_created,
        }
    }
}

impl CustomerRow {
    /// The customer as far as this row knows it: its fields set, every other field empty.
    /// What an edit started from the list saw, compared and undone with.
    pub fn to_customer(&self) -> Customer {
        Customer {
            id: self.id,
            email: self.email.to_string(),
            first_name: self.first_name.to_string(),
            last_name: self.last_name.to_string(),
            company: self.company.to_string(),
            phone: self.phone.to_string(),
            notes: self.notes.to_string(),
            customer_group_id: self.customer_group_id,
            date_created: self.date_created,
            ..Customer::default()
        }
    }

    /// `first_name last_name`, trimmed (as [`Customer::full_name`]).
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
            .trim()
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_decodes_what_a_customer_decodes_of_its_fields() {
        let json = r#"{"id":7,"email":"ada@example.com","first_name":"Ada","last_name":"Lovelace",
            "company":"Engines","phone":"+44 20","notes":"calls on Tuesdays","customer_group_id":2,
            "date_created":"2024-03-01T10:00:00+00:00","date_modified":"2024-04-01T10:00:00+00:00",
            "tax_exempt_category":"A","registration_ip_address":"10.0.0.1","address_count":1,
            "store_credit_amounts":[{"amount":5}],"channel_ids":[1],"origin_channel_id":1,
            "addresses":[{"id":3,"first_name":"Ada","address1":"12 St James's Square"}]}"#;
        let row: CustomerRow = serde_json::from_str(json).expect("a row");
        let customer: Customer = serde_json::from_str(json).expect("a customer");
        assert_eq!(row, CustomerRow::from(&customer));
        assert_eq!(row.full_name(), customer.full_name());
        let round_trip = row.to_customer();
        assert_eq!(CustomerRow::from(&round_trip), row);
        assert!(round_trip.addresses.is_empty() && round_trip.store_credit_amounts.is_empty());
        assert!(round_trip.tax_exempt_category.is_empty() && round_trip.date_modified.is_none());
    }

    #[test]
    fn nulls_and_missing_fields_read_as_empty() {
        let row: CustomerRow = serde_json::from_str(
            r#"{"id":9,"email":null,"company":null,"customer_group_id":null,"date_created":null}"#,
        )
        .expect("a row");
        assert_eq!(
            row,
            CustomerRow {
                id: 9,
                ..CustomerRow::default()
            }
        );
    }

    #[test]
    fn a_row_is_smaller_than_a_customer() {
        assert!(std::mem::size_of::<CustomerRow>() < std::mem::size_of::<Customer>() / 2);
    }
}
