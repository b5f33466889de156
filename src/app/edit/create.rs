//! `c`: the new-product form. Fields are inline editors, so validation is the
//! same as everywhere; a 422/409 from the API puts each message on its field.

use crossterm::event::KeyEvent;

use super::inline::{FieldKind, FieldValue, InlineEditor};
use super::log::LogRow;
use super::write::{Write, WriteFailure, Written};
use super::{Overlay, Pending, close, open, send};
use crate::api::models::{Product, ProductType, ProductWrite};
use crate::app::list::RequestId;
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

/// The API names of the form's fields, in order.
pub const CREATE_FIELDS: [&str; 7] = [
    "name",
    "type",
    "sku",
    "price",
    "weight",
    "categories",
    "is_visible",
];

/// The new-product form.
#[derive(Debug, Clone)]
pub struct CreateForm {
    /// One editor per field of [`CREATE_FIELDS`].
    pub fields: Vec<InlineEditor>,
    /// The field with the cursor.
    pub focus: usize,
    /// A message that belongs to no field.
    pub error: Option<String>,
}

impl CreateForm {
    fn new() -> CreateForm {
        let text = |label: &str, required| {
            InlineEditor::new(
                label,
                FieldKind::Text {
                    required,
                    max_chars: 255,
                },
                FieldValue::Text(String::new()),
            )
        };
        let mut price =
            InlineEditor::new("Price", FieldKind::Money, FieldValue::Text(String::new()));
        price.input = tui_input::Input::default();
        let mut weight =
            InlineEditor::new("Weight", FieldKind::Money, FieldValue::Text(String::new()));
        weight.input = tui_input::Input::new("0".to_string());
        CreateForm {
            fields: vec![
                text("Name", true),
                InlineEditor::new(
                    "Type",
                    FieldKind::Choice(vec!["physical".into(), "digital".into()]),
                    FieldValue::Choice("physical".into()),
                ),
                text("SKU", false),
                price,
                weight,
                text("Categories (ids, comma-separated)", false),
                InlineEditor::new("Visible", FieldKind::Flag, FieldValue::Flag(true)),
            ],
            focus: 0,
            error: None,
        }
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
        let n = self.fields.len() as isize;
        self.focus = (self.focus as isize + delta).rem_euclid(n) as usize;
    }

    /// Puts API field errors on their fields; the rest goes to `error`.
    pub fn show_failure(&mut self, failure: &WriteFailure) {
        let mut unplaced = Vec::new();
        for (field, message) in &failure.fields {
            let key = field.rsplit('.').next().unwrap_or(field);
            match CREATE_FIELDS.iter().position(|f| *f == key) {
                Some(i) => self.fields[i].error = Some(message.clone()),
                None => unplaced.push(format!("{field}: {message}")),
            }
        }
        if let Some(first) = failure.fields.iter().find_map(|(field, _)| {
            let key = field.rsplit('.').next().unwrap_or(field);
            CREATE_FIELDS.iter().position(|f| *f == key)
        }) {
            self.focus = first;
        }
        self.error = Some(if unplaced.is_empty() {
            failure.message.clone()
        } else {
            format!("{} ({})", failure.message, unplaced.join("; "))
        });
    }

    /// The product to create, or `None` after marking the invalid fields.
    fn build(&mut self, state: &AppState) -> Option<ProductWrite> {
        let mut write = ProductWrite::default();
        let mut ok = true;
        for (i, field) in self.fields.iter_mut().enumerate() {
            let value = match field.value() {
                Ok(value) => value,
                Err(reason) => {
                    field.error = Some(reason);
                    ok = false;
                    continue;
                }
            };
            match (CREATE_FIELDS[i], value) {
                ("name", FieldValue::Text(t)) => write.name = Some(t),
                ("type", FieldValue::Choice(c)) => {
                    write.product_type = Some(if c == "digital" {
                        ProductType::Digital
                    } else {
                        ProductType::Physical
                    });
                }
                ("sku", FieldValue::Text(t)) => write.sku = Some(t).filter(|t| !t.is_empty()),
                ("price", FieldValue::Money(m)) => write.price = Some(m),
                ("weight", FieldValue::Money(m)) => write.weight = Some(m),
                ("categories", FieldValue::Text(t)) => match parse_ids(&t, state) {
                    Ok(ids) => write.categories = Some(ids),
                    Err(reason) => {
                        field.error = Some(reason);
                        ok = false;
                    }
                },
                ("is_visible", FieldValue::Flag(b)) => write.is_visible = Some(b),
                _ => {}
            }
        }
        ok.then_some(write)
    }
}

/// `12, 34` → ids, each checked against the loaded category tree.
fn parse_ids(text: &str, state: &AppState) -> Result<Vec<u64>, String> {
    let mut ids = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let id: u64 = part
            .parse()
            .map_err(|_| format!("{part:?} is not a category id"))?;
        if !state.categories.all.is_empty() && state.categories.name_of(id).is_none() {
            return Err(format!("there is no category {id}"));
        }
        ids.push(id);
    }
    Ok(ids)
}

/// `c`: opens the form (and loads the category names it checks against).
pub fn start_create(state: &mut AppState) -> Vec<Effect> {
    open(state, Overlay::Create(Box::new(CreateForm::new())));
    if state.categories.load == crate::app::list::LoadState::Idle {
        return state.reload_categories();
    }
    Vec::new()
}

/// Enter in the form: validate every field, then create.
pub fn submit_create(state: &mut AppState) -> Vec<Effect> {
    let Some(Overlay::Create(mut form)) = close(state) else {
        return Vec::new();
    };
    let Some(write) = form.build(state) else {
        form.error = Some("Fix the marked fields".to_string());
        open(state, Overlay::Create(form));
        return Vec::new();
    };
    let row = LogRow {
        id: 0,
        product: write.name.clone().unwrap_or_default(),
        field: "product".to_string(),
        old: "-".to_string(),
        new: "created".to_string(),
    };
    send(
        state,
        Write::CreateProduct(write),
        Pending::Create(form),
        vec![row],
    )
}

/// The create came back: the new product joins the list, or the form returns
/// with the API's messages on their fields.
pub(super) fn created(
    state: &mut AppState,
    request: RequestId,
    mut form: CreateForm,
    result: Result<Written, WriteFailure>,
) -> Vec<Effect> {
    match result {
        Ok(Written::Created(product)) => {
            let product: Product = *product;
            state
                .edit
                .log
                .set_product(request, product.id, super::product::label(&product));
            state.edit.log.finish(request, &[]);
            let text = format!("Created product {}", super::product::label(&product));
            let list = &mut state.products.list;
            list.rows.insert(0, product);
            list.total = list.total.map(|t| t + 1);
            list.cursor = 0;
            list.offset = 0;
            toast(state, ToastKind::Info, text)
        }
        Ok(_) => Vec::new(),
        Err(failure) => {
            state.edit.log.fail(request, &failure.message);
            form.show_failure(&failure);
            open(state, Overlay::Create(Box::new(form)));
            toast(
                state,
                ToastKind::Error,
                format!("Not created: {}", failure.message),
            )
        }
    }
}
