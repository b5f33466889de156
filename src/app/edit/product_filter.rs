//! `f` on Products: the filters merchants reach for beyond a keyword, combined
//! and all applied by the store (`out_of_stock`, `inventory_low`, `is_visible`,
//! `brand_id`, `categories:in`). The list's title names each one.

use super::form::{Form, FormPurpose, text_of};
use super::inline::{FieldKind, FieldValue, InlineEditor};
use super::{Overlay, open};
use crate::app::panes::StockFilter;
use crate::app::{AppState, Effect};

const ANY: &str = "any";
const STOCK: [&str; 3] = [ANY, "low stock", "out of stock"];
const VISIBILITY: [&str; 2] = [ANY, "hidden only"];

fn choice(label: &str, options: Vec<String>, current: &str) -> InlineEditor {
    InlineEditor::new(
        label,
        FieldKind::Choice(options),
        FieldValue::Choice(current.to_string()),
    )
}

/// Opens the form with the filters applied now.
pub fn start(state: &mut AppState) -> Vec<Effect> {
    let pane = &state.products;
    let stock = pane.stock.map_or(ANY, StockFilter::label);
    let visibility = if pane.hidden { VISIBILITY[1] } else { ANY };
    let mut brands = vec![ANY.to_string()];
    brands.extend(pane.brands.iter().map(|b| b.name.clone()));
    let brand = pane.brand.as_ref().map_or(ANY, |(_, name)| name.as_str());
    let category = pane
        .category
        .as_ref()
        .map_or(String::new(), |(id, _)| id.to_string());
    let to_strings = |options: &[&str]| options.iter().map(|s| s.to_string()).collect();
    let form = Form::new("Filter products", "apply", FormPurpose::FilterProducts)
        .field("stock", choice("Stock", to_strings(&STOCK), stock))
        .field(
            "is_visible",
            choice("Visibility", to_strings(&VISIBILITY), visibility),
        )
        .field("brand_id", choice("Brand", brands, brand))
        .text("categories", "Category", false, &category);
    open(state, Overlay::Form(Box::new(form)));
    if state.categories.load == crate::app::list::LoadState::Idle {
        return state.reload_categories();
    }
    Vec::new()
}

/// Enter: applies the filters (an unknown category id keeps the form open).
pub(super) fn submit(state: &mut AppState, mut form: Form) -> Vec<Effect> {
    let Some(values) = form.values() else {
        open(state, Overlay::Form(Box::new(form)));
        return Vec::new();
    };
    let chosen = |name: &str| {
        values
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| match v {
                FieldValue::Choice(c) => Some(c.clone()),
                _ => None,
            })
    };
    let stock = match chosen("stock").as_deref() {
        Some("low stock") => Some(StockFilter::Low),
        Some("out of stock") => Some(StockFilter::Out),
        _ => None,
    };
    let hidden = chosen("is_visible").as_deref() == Some(VISIBILITY[1]);
    let brand = chosen("brand_id").and_then(|name| {
        let brand = state.products.brands.iter().find(|b| b.name == name)?;
        Some((brand.id, brand.name.clone()))
    });
    let text = values
        .iter()
        .find(|(n, _)| *n == "categories")
        .map(|(_, v)| text_of(v))
        .unwrap_or_default();
    let category = match super::create::parse_ids(&text, state) {
        Ok(ids) => ids.first().map(|id| {
            let name = state
                .categories
                .name_of(*id)
                .map_or_else(|| format!("#{id}"), str::to_string);
            (*id, name)
        }),
        Err(reason) => {
            form.refuse("categories", reason);
            open(state, Overlay::Form(Box::new(form)));
            return Vec::new();
        }
    };
    let pane = &mut state.products;
    pane.stock = stock;
    pane.hidden = hidden;
    pane.brand = brand;
    pane.category = category;
    pane.detail = None;
    state.reload_list(crate::app::Tab::Products)
}
