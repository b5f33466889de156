//! A form of several inline editors, shared by customers and categories
//! (create and multi-field edits). Each field is an [`InlineEditor`], so
//! validation is the same as in a cell; a 422 from the API puts each message
//! on the field it names.

use crossterm::event::KeyEvent;

use super::inline::{FieldKind, FieldValue, InlineEditor};
use super::write_request::WriteFailure;
use crate::app::Tab;

/// What a submitted form does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    /// Create a product (`edit::create`).
    CreateProduct,
    /// Create a customer (optionally with a first address).
    CreateCustomer,
    /// Change a customer's first and last name.
    EditCustomerName { id: u64 },
    /// Create a category under `parent_id` (0 = top level) in `tree_id`.
    CreateCategory { tree_id: u64, parent_id: u64 },
    /// Edit category `id`'s name, visibility and sort order.
    EditCategory { id: u64 },
    /// Create a webhook.
    CreateHook,
    /// Filter the product list (`f`); nothing is written.
    FilterProducts,
}

/// An open form.
#[derive(Debug, Clone)]
pub struct Form {
    /// The popup's title ("New customer").
    pub title: String,
    /// The verb on the Enter hint ("create", "save").
    pub submit_label: &'static str,
    /// The API name of each field (where 422 messages land), in order.
    pub names: Vec<&'static str>,
    /// One editor per field.
    pub fields: Vec<InlineEditor>,
    /// The field with the cursor.
    pub focus: usize,
    /// A message that belongs to no field.
    pub error: Option<String>,
    /// What Enter does.
    pub purpose: FormPurpose,
    /// The tab whose resource sends it: the one it first opened on
    /// (`edit::open` fills it in). A refused write shows the form again over
    /// whatever tab is open; Enter still reaches its own resource.
    pub owner: Option<Tab>,
}

impl Form {
    /// An empty form titled `title` doing `purpose`.
    pub fn new(title: impl Into<String>, submit_label: &'static str, purpose: FormPurpose) -> Form {
        Form {
            title: title.into(),
            submit_label,
            names: Vec::new(),
            fields: Vec::new(),
            focus: 0,
            error: None,
            purpose,
            owner: None,
        }
    }

    /// Adds field `name` (its API name) edited by `editor`.
    pub fn field(mut self, name: &'static str, editor: InlineEditor) -> Form {
        self.names.push(name);
        self.fields.push(editor);
        self
    }

    /// Adds a text field prefilled with `value`.
    pub fn text(self, name: &'static str, label: &str, required: bool, value: &str) -> Form {
        let kind = FieldKind::Text {
            required,
            max_chars: 255,
        };
        let editor = InlineEditor::new(label, kind, FieldValue::Text(value.to_string()));
        self.field(name, editor)
    }

    /// The editor of field `name`.
    pub fn get(&self, name: &str) -> Option<&InlineEditor> {
        let i = self.names.iter().position(|n| *n == name)?;
        self.fields.get(i)
    }

    /// Feeds a key to the focused field.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        self.fields
            .get_mut(self.focus)
            .is_some_and(|field| field.handle_key(key))
    }

    /// Pastes into the focused field.
    pub fn paste(&mut self, text: &str) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            field.paste(text);
        }
    }

    /// Tab / Shift-Tab.
    pub fn move_focus(&mut self, delta: isize) {
        let n = self.fields.len().max(1) as isize;
        self.focus = (self.focus as isize + delta).rem_euclid(n) as usize;
    }

    /// Every field's validated value by name, or `None` after marking the
    /// invalid fields with why.
    pub fn values(&mut self) -> Option<Vec<(&'static str, FieldValue)>> {
        let mut values = Vec::new();
        let mut ok = true;
        for (name, field) in self.names.iter().zip(self.fields.iter_mut()) {
            match field.value() {
                Ok(value) => values.push((*name, value)),
                Err(reason) => {
                    field.error = Some(reason);
                    ok = false;
                }
            }
        }
        if !ok {
            self.error = Some("Fix the marked fields".to_string());
            if let Some(first) = self.fields.iter().position(|f| f.error.is_some()) {
                self.focus = first;
            }
        }
        ok.then_some(values)
    }

    /// Marks field `name` as refused for `reason`.
    pub fn refuse(&mut self, name: &str, reason: impl Into<String>) {
        if let Some(i) = self.names.iter().position(|n| *n == name) {
            self.fields[i].error = Some(reason.into());
            self.focus = i;
        }
        self.error = Some("Fix the marked fields".to_string());
    }

    /// Puts API field errors on their fields (`0.email`, `addresses.0.city`
    /// land on `email`, `city`); the rest goes to `error` with the message.
    pub fn show_failure(&mut self, failure: &WriteFailure) {
        let mut unplaced = Vec::new();
        let mut first = None;
        for (field, message) in &failure.fields {
            let key = field.rsplit('.').next().unwrap_or(field);
            match self.names.iter().position(|n| *n == key) {
                Some(i) => {
                    self.fields[i].error = Some(message.clone());
                    first.get_or_insert(i);
                }
                None => unplaced.push(format!("{field}: {message}")),
            }
        }
        if let Some(first) = first {
            self.focus = first;
        }
        self.error = Some(if unplaced.is_empty() {
            failure.message.clone()
        } else {
            format!("{} ({})", failure.message, unplaced.join("; "))
        });
    }
}

/// The text of a text value (empty for other kinds).
pub fn text_of(value: &FieldValue) -> String {
    match value {
        FieldValue::Text(text) | FieldValue::Choice(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_errors_land_on_their_fields() {
        let mut form = Form::new("New", "create", FormPurpose::CreateCustomer)
            .text("email", "Email", true, "")
            .text("city", "City", false, "");
        form.show_failure(&WriteFailure {
            message: "422 invalid".into(),
            fields: vec![
                ("0.email".into(), "email is taken".into()),
                ("addresses.0.city".into(), "city is required".into()),
                ("0.other".into(), "odd".into()),
            ],
        });
        assert_eq!(form.fields[0].error.as_deref(), Some("email is taken"));
        assert_eq!(form.fields[1].error.as_deref(), Some("city is required"));
        assert_eq!(form.focus, 0);
        assert_eq!(form.error.as_deref(), Some("422 invalid (0.other: odd)"));
    }

    #[test]
    fn invalid_fields_are_marked_and_nothing_is_returned() {
        let mut form = Form::new("New", "create", FormPurpose::CreateCustomer)
            .text("company", "Company", false, "")
            .text("email", "Email", true, "");
        assert!(form.values().is_none());
        assert_eq!(form.focus, 1);
        assert!(form.fields[1].error.is_some());
    }
}
