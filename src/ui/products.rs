//! The Products tab: the list and the product detail view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use rust_decimal::Decimal;

use super::detail::{
    counted_section, date_field, description, draw_lines, field, loaded_or_status, section, text,
    text_table, title_line,
};
use super::table::{Column, RowState, draw_list, edit_cell, edit_hints};
use super::theme::Theme;
use super::{draw_list_pane, format};
use crate::api::models::ProductRow;
use crate::app::action::DetailMeasure;
use crate::app::edit::product::InlineEdit;
use crate::app::edit::{Overlay, ProductField};
use crate::app::panes::{ProductDetail, ProductsPane};
use crate::app::{AppState, Tab};

const COLUMNS: &[Column] = &[
    Column::right("ID", 6, 6, 0),
    Column::flex("Name", 21, 60, 0),
    Column::flex("SKU", 10, 24, 2),
    Column::right("Price", 8, 11, 1),
    Column::right("Sale", 8, 10, 4),
    Column::right("Retail", 8, 10, 6),
    Column::right("Cost", 8, 10, 6),
    Column::right("Stock", 5, 7, 1),
    Column::left("Visible", 7, 7, 3),
    Column::left("Availability", 12, 12, 5),
    Column::left("Modified", 10, 10, 4),
    // The first to go when the terminal is narrow.
    Column::left("Brand", 8, 16, 7),
    // Price − cost, and as a share of the price; shown on wide terminals.
    Column::right("Margin", 11, 14, 8),
];

/// The table column that shows `field`.
fn column_of(field: ProductField) -> usize {
    match field {
        ProductField::Name => 1,
        ProductField::Sku => 2,
        ProductField::Price => 3,
        ProductField::SalePrice => 4,
        ProductField::RetailPrice => 5,
        ProductField::CostPrice => 6,
        ProductField::Inventory => 7,
        ProductField::Visible => 8,
        ProductField::Availability => 9,
    }
}

fn optional_money(value: Decimal) -> String {
    if value > Decimal::ZERO {
        format::money(value)
    } else {
        "-".to_string()
    }
}

fn cell_text(pane: &ProductsPane, product: &ProductRow, column: usize) -> String {
    match column {
        0 => product.id.to_string(),
        1 => product.name.to_string(),
        2 => product.sku.to_string(),
        3 => format::money(product.price),
        4 => optional_money(product.sale_price),
        5 => optional_money(product.retail_price),
        6 => optional_money(product.cost_price),
        7 => product.inventory_level.to_string(),
        8 => format::yes_no(product.is_visible).to_string(),
        9 => product.availability.as_str().to_string(),
        10 => format::date(product.date_modified.as_ref()),
        11 => pane.brand_label(product.brand_id),
        _ => margin(product),
    }
}

/// `4.50 36%`: price − cost and its share of the price; `-` without a cost price.
fn margin(product: &ProductRow) -> String {
    if product.cost_price <= Decimal::ZERO {
        return "-".to_string();
    }
    let Some(margin) = product.price.checked_sub(product.cost_price) else {
        return "-".to_string();
    };
    let share = margin
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|m| m.checked_div(product.price))
        .map(|p| format!(" {}%", p.round_dp(0)));
    format!("{}{}", format::money(margin), share.unwrap_or_default())
}

/// A cell, with marks, the focused column and saving rows shown.
fn cell(state: &AppState, theme: &Theme, product: &ProductRow, column: usize) -> Span<'static> {
    let pane = &state.products;
    let selected = pane.list.selected().is_some_and(|p| p.id == product.id);
    let row = RowState {
        marked: pane.marked.contains(&product.id),
        failed: state.edit.failed.contains(product.id),
        saving: state.edit.is_saving(product.id),
        focused: selected && column == column_of(pane.column),
    };
    edit_cell(cell_text(pane, product, column), column, row, theme)
}

/// Draws the Products tab into `area`; returns what it measured of an open detail.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    theme: &Theme,
) -> Option<DetailMeasure> {
    let pane = &state.products;
    if let Some(detail) = &pane.detail {
        let data = loaded_or_status(frame, area, detail, "product", state.spinner, theme)?;
        let (lines, first_variant) = detail_lines(data, state, theme);
        let variant_rows = first_variant.map(|first| {
            // Rows the text before the first variant takes, wrapped as drawn.
            let before =
                ratatui::widgets::Paragraph::new(super::shown::lines(lines[..first].to_vec()))
                    .wrap(ratatui::widgets::Wrap { trim: false })
                    .line_count(area.width);
            (u16::try_from(before).unwrap_or(u16::MAX), area.height)
        });
        let max_scroll = draw_lines(frame, area, lines, detail.scroll);
        return Some(DetailMeasure {
            max_scroll,
            variant_rows,
        });
    }
    let mut left = vec![Span::styled(" Products ", theme.heading)];
    let loaded = pane.list.rows.len() as u64;
    let total = pane.list.total.map_or("?".to_string(), format::count);
    left.push(Span::raw(format!(" {} of {total}", format::count(loaded))));
    let arrow = if pane.descending { "↓" } else { "↑" };
    left.push(Span::styled(
        format!(" · sorted by {} {arrow}", pane.sort.label()),
        theme.muted,
    ));
    if let Some(keyword) = &pane.keyword {
        left.push(Span::styled(format!(" · keyword \"{keyword}\""), theme.key));
    }
    if let Some((_, name)) = &pane.category {
        left.push(Span::styled(format!(" · category {name}"), theme.key));
    }
    if let Some(stock) = pane.stock {
        left.push(Span::styled(format!(" · {}", stock.label()), theme.key));
    }
    if pane.hidden {
        left.push(Span::styled(" · hidden", theme.key));
    }
    if let Some((_, brand)) = &pane.brand {
        left.push(Span::styled(format!(" · brand {brand}"), theme.key));
    }
    edit_hints(
        &mut left,
        !pane.list.rows.is_empty(),
        pane.column.label(),
        pane.marked.len(),
        theme,
    );
    if !state.edit.failed.is_empty() {
        left.push(Span::styled(
            format!(" · {} failed (R retries)", state.edit.failed.len()),
            theme.bad,
        ));
    }
    if let Some(start) = pane.range_start {
        left.push(Span::styled(
            format!(" · range from row {}", start + 1),
            theme.key,
        ));
    }
    if let Some(progress) = state.edit.progress {
        left.push(Span::styled(
            format!(" · {}", progress_bar(progress.done, progress.total)),
            theme.warn,
        ));
    }
    draw_list_pane(
        frame,
        area,
        state,
        theme,
        (Tab::Products, "products"),
        left,
        |frame, body| {
            let fitted = draw_list(frame, body, theme, COLUMNS, &pane.list, |p, c| {
                cell(state, theme, p, c)
            });
            if let Some(Overlay::Inline(edit)) = &state.edit.overlay {
                draw_inline(frame, body, state, edit, &fitted, theme);
            }
        },
    );
    None
}

/// `saving 40/100 [████░░░░░░]`.
fn progress_bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 10;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0).min(WIDTH);
    format!(
        "saving {done}/{total} [{}{}]",
        "█".repeat(filled),
        "░".repeat(WIDTH - filled)
    )
}

/// The inline editor over its product cell (see `cell_editor`).
fn draw_inline(
    frame: &mut Frame,
    body: Rect,
    state: &AppState,
    edit: &InlineEdit,
    fitted: &[(usize, u16)],
    theme: &Theme,
) {
    let list = &state.products.list;
    let Some(row) = list.rows.iter().position(|p| p.id == edit.id) else {
        return;
    };
    let place = super::cell_editor::CellPlace {
        row,
        offset: list.offset,
        fitted,
        column: Some(column_of(edit.field)),
    };
    super::cell_editor::draw(frame, body, place, &edit.editor, theme);
}

/// The detail's lines, and the index of the first variant's line (when it has variants).
fn detail_lines(
    data: &ProductDetail,
    state: &AppState,
    theme: &Theme,
) -> (Vec<Line<'static>>, Option<usize>) {
    let p = &data.product;
    let mut lines = vec![title_line(&p.name, p.id, theme)];
    let mut first_variant = None;
    section("Product", &mut lines, theme);
    lines.push(field("SKU", format::or_dash(&p.sku), theme));
    lines.push(field("Type", p.product_type.as_str(), theme));
    lines.push(field(
        "Brand",
        state.products.brand_label(p.brand_id),
        theme,
    ));
    lines.push(field("Price", format::money(p.price), theme));
    if p.sale_price > Decimal::ZERO {
        lines.push(field("Sale price", format::money(p.sale_price), theme));
    }
    if p.retail_price > Decimal::ZERO {
        lines.push(field("Retail price", format::money(p.retail_price), theme));
    }
    if p.cost_price > Decimal::ZERO {
        lines.push(field("Cost price", format::money(p.cost_price), theme));
    }
    lines.push(field(
        "Calculated",
        format::money(p.calculated_price),
        theme,
    ));
    lines.push(field(
        "Stock",
        format!(
            "{} (tracking: {})",
            p.inventory_level,
            format::or_dash(&p.inventory_tracking)
        ),
        theme,
    ));
    lines.push(field("Weight", p.weight.normalize().to_string(), theme));
    lines.push(field("Visible", format::yes_no(p.is_visible), theme));
    lines.push(field("Featured", format::yes_no(p.is_featured), theme));
    lines.push(field("Availability", p.availability.as_str(), theme));
    lines.push(field("Condition", format::or_dash(&p.condition), theme));
    lines.push(field("Total sold", p.total_sold.to_string(), theme));
    lines.push(date_field("Created", p.date_created.as_ref(), theme));
    lines.push(date_field("Modified", p.date_modified.as_ref(), theme));
    let url = p
        .custom_url
        .as_ref()
        .map_or("-", |u| format::or_dash(&u.url));
    lines.push(field("URL", url.to_string(), theme));

    section("Categories", &mut lines, theme);
    if p.categories.is_empty() {
        lines.push(text("none", theme));
    }
    for id in &p.categories {
        let name = state
            .categories
            .name_of(*id)
            .map_or_else(|| format!("category {id}"), str::to_string);
        lines.push(field(&format!("#{id}"), name, theme));
    }

    counted_section("Variants", p.variants.len(), "none", &mut lines, theme);
    if !p.variants.is_empty() {
        let pane = &state.products;
        lines.push(Line::from(Span::styled(
            format!(
                "  ]/[ select a variant · h/l field: {} · p price · e edit",
                pane.variant_column.label()
            ),
            theme.muted,
        )));
        let rows = p
            .variants
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let options = v
                    .option_values
                    .iter()
                    .map(|o| format!("{}: {}", o.option_display_name, o.label))
                    .collect::<Vec<_>>()
                    .join(", ");
                let marker = if i == pane.variant_cursor { "▶ " } else { "" };
                vec![
                    format!("{marker}{}", v.id),
                    format::or_dash(&v.sku).to_string(),
                    format::or_dash(&options).to_string(),
                    v.price.map_or("inherit".to_string(), format::money),
                    format::money(v.calculated_price),
                    v.inventory_level.map_or("-".to_string(), |n| n.to_string()),
                    if v.purchasing_disabled {
                        "disabled"
                    } else {
                        ""
                    }
                    .to_string(),
                ]
            })
            .collect();
        // After the table's header line.
        first_variant = Some(lines.len() + 1);
        text_table(
            &["ID", "SKU", "Options", "Price", "Calculated", "Stock", ""],
            &[true, false, false, true, true, true, false],
            rows,
            &mut lines,
            theme,
        );
    }
    description(&p.description, &mut lines, theme);
    (lines, first_variant)
}
