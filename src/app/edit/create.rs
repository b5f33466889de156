//! `c`: the new-product form. Fields are inline editors, so validation is the
//! same as everywhere; a 422/409 from the API puts each message on its field.

use super::Write;
use super::form::{Form, FormPurpose};
use super::inline::{FieldKind, FieldValue, InlineEditor};
use super::log::LogRow;
use super::resource::refused;
use super::write_request::{WriteFailure, Written};
use super::{Overlay, Pending, close, open, send};
use crate::api::models::{Product, ProductType, ProductWrite};
use crate::app::list::RequestId;
use crate::app::update::toast;
use crate::app::{AppState, Effect, ToastKind};

/// The new-product form: the shared [`Form`] with the product fields.
pub type CreateForm = Form;

/// The brand choice shown for "no brand".
const NO_BRAND: &str = "none";

/// A new, empty product form; the brand is picked among `brands` (left out when
/// the store's brands are not known).
fn product_form(brands: &[crate::api::models::Brand]) -> Form {
    let mut price = InlineEditor::new("Price", FieldKind::Money, FieldValue::Text(String::new()));
    price.input = tui_input::Input::default();
    let mut weight = InlineEditor::new("Weight", FieldKind::Money, FieldValue::Text(String::new()));
    weight.input = tui_input::Input::new("0".to_string());
    let form = Form::new("New product", "create", FormPurpose::CreateProduct)
        .text("name", "Name", true, "")
        .field(
            "type",
            InlineEditor::new(
                "Type",
                FieldKind::Choice(vec!["physical".into(), "digital".into()]),
                FieldValue::Choice("physical".into()),
            ),
        )
        .text("sku", "SKU", false, "")
        .field("price", price)
        .field("weight", weight)
        .text("categories", "Categories", false, "")
        .field(
            "is_visible",
            InlineEditor::new("Visible", FieldKind::Flag, FieldValue::Flag(true)),
        );
    if brands.is_empty() {
        return form;
    }
    let mut names = vec![NO_BRAND.to_string()];
    names.extend(brands.iter().map(|b| b.name.clone()));
    form.field(
        "brand",
        InlineEditor::new(
            "Brand",
            FieldKind::Choice(names),
            FieldValue::Choice(NO_BRAND.into()),
        ),
    )
}

/// The product to create, or `None` after marking the invalid fields.
fn build(form: &mut Form, state: &AppState) -> Option<ProductWrite> {
    let mut write = ProductWrite::default();
    let values = form.values()?;
    for (name, value) in values {
        match (name, value) {
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
                    form.refuse("categories", reason);
                    return None;
                }
            },
            ("is_visible", FieldValue::Flag(b)) => write.is_visible = Some(b),
            ("brand", FieldValue::Choice(name)) if name != NO_BRAND => {
                let brand = state.products.brands.iter().find(|b| b.name == name);
                write.brand_id = brand.map(|b| b.id);
            }
            _ => {}
        }
    }
    Some(write)
}

/// `12, 34` → ids, each checked against the loaded category tree.
pub(super) fn parse_ids(text: &str, state: &AppState) -> Result<Vec<u64>, String> {
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
    let form = product_form(&state.products.brands);
    open(state, Overlay::Create(Box::new(form)));
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
    let Some(write) = build(&mut form, state) else {
        open(state, Overlay::Create(form));
        return Vec::new();
    };
    let name = write.name.clone().unwrap_or_default();
    let row = LogRow::created("product", name, "created".into());
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
                .set_subject(request, product.id, super::product::label(&product));
            state.edit.log.finish(request, &[]);
            let text = format!("Created product {}", super::product::label(&product));
            state
                .products
                .list
                .insert_first(crate::api::models::ProductRow::from(&product));
            toast(state, ToastKind::Info, text)
        }
        Ok(_) => Vec::new(),
        Err(failure) => {
            form.show_failure(&failure);
            open(state, Overlay::Create(Box::new(form)));
            refused(state, request, "Not created", &failure.message)
        }
    }
}
