//! The customer fields `e` edits, as typed inline-editor fields.

use super::inline::{FieldKind, FieldValue};
use crate::api::models::{Customer, CustomerGroup, CustomerWrite};

/// An editable customer column (h/l or ←/→ pick it in the list).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum CustomerField {
    /// First and last name (a two-field form).
    #[default]
    Name,
    Email,
    Company,
    Phone,
    /// Customer group (id 0 = none): picked from the store's groups once they are known.
    Group,
    /// Notes (not a list column; shown in the status line when focused).
    Notes,
}

impl CustomerField {
    /// In column order.
    pub const ALL: [CustomerField; 6] = [
        CustomerField::Name,
        CustomerField::Email,
        CustomerField::Company,
        CustomerField::Phone,
        CustomerField::Group,
        CustomerField::Notes,
    ];

    /// The column header it sits under.
    pub fn label(self) -> &'static str {
        match self {
            CustomerField::Name => "Name",
            CustomerField::Email => "Email",
            CustomerField::Company => "Company",
            CustomerField::Phone => "Phone",
            CustomerField::Group => "Group",
            CustomerField::Notes => "Notes",
        }
    }

    /// The list column index it is drawn in (`None`: not a column).
    pub fn column(self) -> Option<usize> {
        match self {
            CustomerField::Name => Some(1),
            CustomerField::Email => Some(2),
            CustomerField::Company => Some(3),
            CustomerField::Phone => Some(4),
            CustomerField::Group => Some(5),
            CustomerField::Notes => None,
        }
    }

    /// The field `steps` away, stopping at the first and last (as in Products), so
    /// `h` at Name never lands on Notes.
    pub fn step(self, steps: isize) -> CustomerField {
        let i = Self::ALL.iter().position(|f| *f == self).unwrap_or(0);
        let target = i.saturating_add_signed(steps).min(Self::ALL.len() - 1);
        Self::ALL[target]
    }

    /// What the field accepts; the group is a choice among `groups` when there are any.
    pub fn kind(self, groups: &[CustomerGroup], c: &Customer) -> FieldKind {
        match self {
            CustomerField::Group if !groups.is_empty() => {
                FieldKind::Choice(group_choices(groups, c.customer_group_id))
            }
            CustomerField::Email => FieldKind::Text {
                required: true,
                max_chars: 255,
            },
            CustomerField::Group => FieldKind::Count { min: 0 },
            CustomerField::Notes => FieldKind::Text {
                required: false,
                max_chars: 10_000,
            },
            _ => FieldKind::Text {
                required: false,
                max_chars: 255,
            },
        }
    }

    /// The customer's current value.
    pub fn get(self, groups: &[CustomerGroup], c: &Customer) -> FieldValue {
        match self {
            CustomerField::Group if !groups.is_empty() => {
                FieldValue::Choice(group_choice(groups, c.customer_group_id))
            }
            CustomerField::Name => FieldValue::Text(c.full_name()),
            CustomerField::Email => FieldValue::Text(c.email.clone()),
            CustomerField::Company => FieldValue::Text(c.company.clone()),
            CustomerField::Phone => FieldValue::Text(c.phone.clone()),
            CustomerField::Group => FieldValue::Count(c.customer_group_id as i64),
            CustomerField::Notes => FieldValue::Text(c.notes.clone()),
        }
    }

    /// The update that sets this field to `value` on customer `id`.
    pub fn write(self, groups: &[CustomerGroup], id: u64, value: &FieldValue) -> CustomerWrite {
        let mut write = CustomerWrite {
            id: Some(id),
            ..CustomerWrite::default()
        };
        match (self, value) {
            (CustomerField::Email, FieldValue::Text(t)) => write.email = Some(t.clone()),
            (CustomerField::Company, FieldValue::Text(t)) => write.company = Some(t.clone()),
            (CustomerField::Phone, FieldValue::Text(t)) => write.phone = Some(t.clone()),
            (CustomerField::Notes, FieldValue::Text(t)) => write.notes = Some(t.clone()),
            (CustomerField::Group, FieldValue::Count(n)) => {
                write.customer_group_id = Some((*n).max(0) as u64);
            }
            (CustomerField::Group, FieldValue::Choice(choice)) => {
                write.customer_group_id = group_of_choice(groups, choice);
            }
            _ => {}
        }
        write
    }
}

/// The choice that stands for no group.
const NO_GROUP: &str = "none";

/// How group `id` reads in the picker: its name, `none`, or `#id` for a group not in `groups`.
pub fn group_choice(groups: &[CustomerGroup], id: u64) -> String {
    if id == 0 {
        return NO_GROUP.to_string();
    }
    groups
        .iter()
        .find(|g| g.id == id)
        .map_or_else(|| format!("#{id}"), |g| g.name.clone())
}

/// The picker's options: none, every group in id order, and `current` if it is not among them.
pub fn group_choices(groups: &[CustomerGroup], current: u64) -> Vec<String> {
    let mut options = vec![NO_GROUP.to_string()];
    options.extend(groups.iter().map(|g| g.name.clone()));
    let shown = group_choice(groups, current);
    if !options.contains(&shown) {
        options.push(shown);
    }
    options
}

/// The group id a picker option names (the first group of that name).
pub fn group_of_choice(groups: &[CustomerGroup], choice: &str) -> Option<u64> {
    if choice == NO_GROUP {
        return Some(0);
    }
    groups
        .iter()
        .find(|g| g.name == choice)
        .map(|g| g.id)
        .or_else(|| choice.strip_prefix('#')?.parse().ok())
}

/// The customer's writable fields, as offered in `$EDITOR`.
pub fn editable_json(c: &Customer) -> serde_json::Value {
    serde_json::json!({
        "email": c.email,
        "first_name": c.first_name,
        "last_name": c.last_name,
        "company": c.company,
        "phone": c.phone,
        "notes": c.notes,
        "customer_group_id": c.customer_group_id,
        "tax_exempt_category": c.tax_exempt_category,
        "accepts_product_review_abandoned_cart_emails":
            c.accepts_product_review_abandoned_cart_emails,
    })
}

/// Copies the fields `write` sets onto `c` (to show a save at once).
pub fn apply(c: &mut Customer, write: &CustomerWrite) {
    macro_rules! set {
        ($($f:ident),*) => { $( if let Some(v) = &write.$f { c.$f = v.clone(); } )* };
    }
    set!(
        email,
        first_name,
        last_name,
        company,
        phone,
        notes,
        tax_exempt_category,
        customer_group_id,
        accepts_product_review_abandoned_cart_emails
    );
}

/// `field old → new` for each field `write` changes on `c`.
/// What `write` changes on `c`, as (column title, old, new) in the words the
/// list uses: the group by its name (`-` for none), yes/no for switches.
pub fn describe(
    c: &Customer,
    write: &CustomerWrite,
    groups: &[CustomerGroup],
) -> Vec<(String, String, String)> {
    let mut after = c.clone();
    apply(&mut after, write);
    let before_json = editable_json(c);
    let after_json = editable_json(&after);
    let mut out = Vec::new();
    if let (Some(b), Some(a)) = (before_json.as_object(), after_json.as_object()) {
        for (key, new) in a {
            let old = b.get(key).cloned().unwrap_or_default();
            if old != *new {
                out.push((
                    title(key).to_string(),
                    show(key, &old, groups),
                    show(key, new, groups),
                ));
            }
        }
    }
    out
}

/// The name a person knows a field by: its column title where it has one.
fn title(key: &str) -> &str {
    match key {
        "email" => CustomerField::Email.label(),
        "first_name" => "First name",
        "last_name" => "Last name",
        "company" => CustomerField::Company.label(),
        "phone" => CustomerField::Phone.label(),
        "notes" => CustomerField::Notes.label(),
        "customer_group_id" => CustomerField::Group.label(),
        "tax_exempt_category" => "Tax exempt category",
        "accepts_product_review_abandoned_cart_emails" => "Review and cart emails",
        other => other,
    }
}

fn show(key: &str, value: &serde_json::Value, groups: &[CustomerGroup]) -> String {
    match value {
        serde_json::Value::Number(id) if key == "customer_group_id" => match id.as_u64() {
            Some(0) | None => "-".to_string(),
            Some(id) => group_choice(groups, id),
        },
        serde_json::Value::String(s) if s.is_empty() => "-".to_string(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Bool(true) => "yes".to_string(),
        serde_json::Value::Bool(false) => "no".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ada() -> Customer {
        Customer {
            id: 7,
            email: "ada@example.com".into(),
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            customer_group_id: 2,
            ..Customer::default()
        }
    }

    #[test]
    fn a_field_write_sets_only_that_field_and_the_id() {
        let write = CustomerField::Group.write(&[], 7, &FieldValue::Count(5));
        assert_eq!(
            write,
            CustomerWrite {
                id: Some(7),
                customer_group_id: Some(5),
                ..CustomerWrite::default()
            }
        );
        let json = serde_json::to_string(&write).unwrap();
        assert_eq!(json, r#"{"id":7,"customer_group_id":5}"#);
    }

    #[test]
    fn the_group_is_picked_by_name_once_groups_are_known() {
        let group = |id, name: &str| CustomerGroup {
            id,
            name: name.into(),
            ..CustomerGroup::default()
        };
        let groups = [group(1, "Wholesale"), group(2, "VIP")];
        let mut c = ada();
        assert_eq!(
            CustomerField::Group.kind(&[], &c),
            FieldKind::Count { min: 0 }
        );
        assert_eq!(
            CustomerField::Group.get(&groups, &c),
            FieldValue::Choice("VIP".into())
        );
        c.customer_group_id = 9;
        let FieldKind::Choice(options) = CustomerField::Group.kind(&groups, &c) else {
            panic!("a choice");
        };
        assert_eq!(options, ["none", "Wholesale", "VIP", "#9"]);
        let pick = |choice: &str| {
            CustomerField::Group
                .write(&groups, 7, &FieldValue::Choice(choice.into()))
                .customer_group_id
        };
        assert_eq!(pick("Wholesale"), Some(1));
        assert_eq!(pick("none"), Some(0));
        assert_eq!(pick("#9"), Some(9));
        assert_eq!(pick("Gone"), None);
    }

    #[test]
    fn columns_stop_at_both_ends() {
        assert_eq!(CustomerField::Name.step(-1), CustomerField::Name);
        assert_eq!(CustomerField::Notes.step(1), CustomerField::Notes);
        assert_eq!(CustomerField::Name.step(1), CustomerField::Email);
        assert_eq!(CustomerField::Email.column(), Some(2));
        assert_eq!(CustomerField::Notes.column(), None);
    }

    #[test]
    fn describe_lists_what_changes() {
        let write = CustomerWrite {
            id: Some(7),
            company: Some("Engines".into()),
            email: Some("ada@example.com".into()),
            ..CustomerWrite::default()
        };
        let changes = describe(&ada(), &write, &[]);
        assert_eq!(
            changes,
            [(
                "Company".to_string(),
                "-".to_string(),
                "Engines".to_string()
            )]
        );
    }

    #[test]
    fn the_group_change_reads_as_the_group_column_does() {
        let groups = [CustomerGroup {
            id: 2,
            name: "VIP".into(),
            ..CustomerGroup::default()
        }];
        let mut ungrouped = ada();
        ungrouped.customer_group_id = 0;
        let write = CustomerField::Group.write(&groups, 7, &FieldValue::Choice("VIP".into()));
        assert_eq!(
            describe(&ungrouped, &write, &groups),
            [("Group".to_string(), "-".to_string(), "VIP".to_string())]
        );
        // A group the store did not list reads by its id, as in the list.
        let write = CustomerField::Group.write(&[], 7, &FieldValue::Count(5));
        assert_eq!(
            describe(&ada(), &write, &groups),
            [("Group".to_string(), "VIP".to_string(), "#5".to_string())]
        );
    }
}
