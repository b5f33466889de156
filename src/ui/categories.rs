//! The Categories tab: the tree (tui-tree-widget) and the selected category's fields.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use tui_tree_widget::{Tree, TreeItem, TreeState};

use super::detail::{description, draw_lines, field, section};
use super::table::draw_message;
use super::theme::Theme;
use super::{draw_status_line, empty_message, format, load_status};
use crate::app::AppState;
use crate::app::panes::CategoriesPane;

/// Draws the Categories tab into `area`.
pub fn draw(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let pane = &state.categories;
    let [status, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let left = vec![
        Span::styled(" Categories ", theme.heading),
        Span::raw(format!(" {}", format::count(pane.all.len() as u64))),
        Span::styled(" · Enter shows the category's products", theme.muted),
    ];
    draw_status_line(
        frame,
        status,
        left,
        load_status(&pane.load, state.spinner, theme),
    );

    if pane.rows.is_empty() {
        draw_message(
            frame,
            body,
            empty_message(&pane.load, "categories", false, state.spinner, theme),
        );
        return;
    }
    let [tree_area, detail_area] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    draw_tree(frame, tree_area, pane, theme);
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border);
    let inner = block.inner(detail_area);
    frame.render_widget(block, detail_area);
    draw_lines(frame, inner, detail_lines(pane, theme), 0);
}

fn build_items(pane: &CategoriesPane, parent: u64) -> Vec<TreeItem<'static, u64>> {
    pane.children_of(parent)
        .iter()
        .map(|&index| {
            let category = &pane.all[index];
            let name = super::shown::text(&category.name);
            let label = if category.is_visible {
                name
            } else {
                format!("{name} (hidden)")
            };
            let children = build_items(pane, category.category_id);
            let id = category.category_id;
            if children.is_empty() {
                TreeItem::new_leaf(id, label)
            } else {
                // Only fails on duplicate ids among siblings, which the API never sends;
                // fall back to a leaf rather than hide the category.
                TreeItem::new(id, label.clone(), children)
                    .unwrap_or_else(|_| TreeItem::new_leaf(id, label))
            }
        })
        .collect()
}

fn draw_tree(frame: &mut Frame, area: Rect, pane: &CategoriesPane, theme: &Theme) {
    let items = build_items(pane, 0);
    // The app keeps which nodes are open and selected; the widget's state is
    // rebuilt from it each frame so drawing stays a pure function of AppState.
    let mut tree_state = TreeState::default();
    for row in &pane.rows {
        if pane.opened.contains(&pane.all[row.index].category_id) {
            tree_state.open(row.path.clone());
        }
    }
    if let Some(row) = pane.selected_row() {
        tree_state.select(row.path.clone());
    }
    match Tree::new(&items) {
        Ok(tree) => {
            let tree = tree
                .style(theme.text)
                .highlight_style(theme.selected)
                .node_closed_symbol("▸ ")
                .node_open_symbol("▾ ")
                .node_no_children_symbol("  ");
            frame.render_stateful_widget(tree, area, &mut tree_state);
        }
        Err(error) => draw_message(
            frame,
            area,
            Line::from(Span::styled(
                format!("Cannot draw the tree: {error}"),
                theme.bad,
            )),
        ),
    }
}

fn detail_lines(pane: &CategoriesPane, theme: &Theme) -> Vec<Line<'static>> {
    let Some(c) = pane.selected() else {
        return Vec::new();
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(format!(" {} ", c.name), theme.heading),
        Span::styled(format!(" #{}", c.category_id), theme.muted),
    ])];
    section("Category", &mut lines, theme);
    let parent = if c.parent_id == 0 {
        "top level".to_string()
    } else {
        pane.name_of(c.parent_id).map_or_else(
            || format!("#{}", c.parent_id),
            |name| format!("{name} (#{})", c.parent_id),
        )
    };
    lines.push(field("Parent", parent, theme));
    lines.push(field("Tree", c.tree_id.to_string(), theme));
    lines.push(field("Visible", format::yes_no(c.is_visible), theme));
    lines.push(field("Sort order", c.sort_order.to_string(), theme));
    let products = pane.product_counts.get(&c.category_id).map_or_else(
        || "counting…".to_string(),
        |n| n.map_or("could not count".to_string(), format::count),
    );
    lines.push(field("Products", products, theme));
    let below = crate::app::edit::category::descendants_in(pane, c.category_id).len();
    lines.push(field("Subcategories", below.to_string(), theme));
    lines.push(field("Views", c.views.to_string(), theme));
    let url = c.url.as_ref().map_or("-", |u| format::or_dash(&u.path));
    lines.push(field("URL", url.to_string(), theme));
    for (label, value) in [
        ("Page title", &c.page_title),
        ("Product sort", &c.default_product_sort),
        ("Search words", &c.search_keywords),
        ("Meta descr.", &c.meta_description),
    ] {
        lines.push(field(label, format::or_dash(value), theme));
    }
    description(&c.description, &mut lines, theme);
    lines
}
