//! Snapshots of the editors and dialogs: the inline editor (with and without
//! a refusal), the conflict prompt, the bulk preview and the delete dialogs.
//! States are built from fixed values and real key presses through `update`.

use std::str::FromStr;

use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;

use super::draw;
use crate::api::models::{Product, ProductRow, ProductWrite};
use crate::app::edit::product::Conflict;
use crate::app::edit::{Overlay, open};
use crate::app::{Action, AppState, update};

fn money(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn product(i: u64) -> Product {
    Product {
        id: 100 + i,
        name: ["Oak Serving Board", "Canvas Laundry Bag", "Utility Caddy"][i as usize % 3]
            .to_string(),
        sku: format!("SKU-{:04}", 100 + i),
        price: money("7.95") + Decimal::from(i),
        inventory_level: 10 + i as i64,
        is_visible: true,
        date_modified: Utc.with_ymd_and_hms(2025, 3, 1, 10, 0, 0).single(),
        ..Product::default()
    }
}

/// Product `i` as the list holds it.
fn row(i: u64) -> ProductRow {
    ProductRow::from(&product(i))
}

fn state() -> AppState {
    let mut state = AppState::for_tests("demo", "ada@host", false);
    state.size = (100, 30);
    state
        .products
        .list
        .append_page(1, (0..30).map(row).collect(), 250, Some(30));
    state
}

fn press(state: &mut AppState, code: KeyCode) {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn type_text(state: &mut AppState, text: &str) {
    for c in text.chars() {
        press(state, KeyCode::Char(c));
    }
}

/// Marks the first `rows` products, opens the bulk form (`B`) and types `change`.
fn bulk_form(state: &mut AppState, rows: usize, change: &str) {
    for _ in 0..rows {
        press(state, KeyCode::Char(' '));
    }
    press(state, KeyCode::Char('B'));
    type_text(state, change);
}

/// Answers the re-read the bulk form asked for with the marked rows as the list
/// shows them, after `change` (what a colleague did meanwhile).
fn store_answers(state: &mut AppState, change: impl Fn(&mut Product)) {
    let Some(Overlay::BulkForm(form)) = &state.edit.overlay else {
        panic!("the bulk form is open");
    };
    let request = form.reading.expect("Enter asked for a re-read");
    let rows = state
        .products
        .list
        .rows
        .iter()
        .filter(|p| form.ids.contains(&p.id))
        .map(|row| {
            let mut p = row.to_product();
            change(&mut p);
            p
        })
        .collect();
    update(
        state,
        Action::Loaded {
            request,
            result: Ok(crate::app::Loaded::ProductsById(Ok(rows))),
        },
    );
}

fn screen(state: &AppState) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| draw(frame, state)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn inline_price_editor() {
    let mut state = state();
    press(&mut state, KeyCode::Char('j'));
    press(&mut state, KeyCode::Char('p'));
    type_text(&mut state, "9.95");
    insta::assert_snapshot!("edit_inline_price", screen(&state));
    type_text(&mut state, "123");
    press(&mut state, KeyCode::Enter);
    insta::assert_snapshot!("edit_inline_price_refused", screen(&state));
}

#[test]
fn conflict_prompt() {
    let mut state = state();
    let loaded = product(0);
    let mut current = loaded.clone();
    current.price = money("8.50");
    current.date_modified = Utc.with_ymd_and_hms(2025, 3, 2, 9, 30, 0).single();
    open(
        &mut state,
        Overlay::Conflict(Box::new(Conflict {
            loaded,
            current,
            changes: ProductWrite {
                price: Some(money("9.95")),
                ..ProductWrite::default()
            },
        })),
    );
    insta::assert_snapshot!("edit_conflict", screen(&state));
}

#[test]
fn bulk_preview() {
    let mut state = state();
    bulk_form(&mut state, 12, "+10%");
    press(&mut state, KeyCode::Tab);
    insta::assert_snapshot!("edit_bulk_form", screen(&state));
    press(&mut state, KeyCode::Enter);
    assert!(screen(&state).contains("Reading the marked products again"));
    store_answers(&mut state, |_| {});
    insta::assert_snapshot!("edit_bulk_preview", screen(&state));
}

#[test]
fn bulk_form_choices_and_a_preview_of_what_changed_meanwhile() {
    let mut state = state();
    bulk_form(&mut state, 6, "f-10%");
    press(&mut state, KeyCode::Tab);
    press(&mut state, KeyCode::Char('d'));
    press(&mut state, KeyCode::Char('d'));
    insta::assert_snapshot!("edit_bulk_form_sale_price_down", screen(&state));
    press(&mut state, KeyCode::Enter);
    // Meanwhile a colleague put product 102 on sale at 9.50; 104 has variants,
    // one with a price of its own.
    store_answers(&mut state, |p| {
        p.sale_price = money("12.00");
        if p.id == 102 {
            p.sale_price = money("9.50");
            p.cost_price = money("9.00");
        }
    });
    let Some(Overlay::BulkPreview(preview)) = &state.edit.overlay else {
        panic!("the preview is open");
    };
    assert_eq!(preview.field, crate::app::edit::ProductField::SalePrice);
    assert_eq!(
        preview.changed_since_seen(),
        6,
        "the list showed no sale prices"
    );
    let row = &preview.rows[2];
    assert_eq!((row.old, row.new), (money("9.50"), Some(money("7.99"))));
    assert!(row.below_cost, "7.99 on sale is under its cost of 9.00");
    insta::assert_snapshot!("edit_bulk_preview_changed_meanwhile", screen(&state));
}

#[test]
fn the_preview_lists_variants_with_a_price_of_their_own() {
    let mut state = state();
    bulk_form(&mut state, 1, "+1");
    press(&mut state, KeyCode::Enter);
    store_answers(&mut state, |p| {
        let variant = |id: u64, price: Option<&str>| crate::api::models::Variant {
            id,
            product_id: p.id,
            sku: format!("{}-{id}", p.sku),
            price: price.map(money),
            ..crate::api::models::Variant::default()
        };
        p.variants = vec![variant(1, None), variant(2, Some("14.00"))];
    });
    let screen = screen(&state);
    assert!(
        screen.contains("1 variants keep a price of their own (v: change them too)")
            && screen.contains("variant SKU-0100-2 keeps 14.00"),
        "{screen}"
    );
}

#[test]
fn delete_dialogs() {
    let mut state = state();
    press(&mut state, KeyCode::Char('x'));
    insta::assert_snapshot!("edit_delete_one", screen(&state));
    press(&mut state, KeyCode::Char('n'));
    assert!(state.edit.overlay.is_none(), "any other key cancels");
    for _ in 0..12 {
        press(&mut state, KeyCode::Char(' '));
    }
    press(&mut state, KeyCode::Delete);
    insta::assert_snapshot!("edit_delete_marked", screen(&state));
}

#[test]
fn write_log() {
    let mut state = state();
    press(&mut state, KeyCode::Char('p'));
    type_text(&mut state, "9.95");
    press(&mut state, KeyCode::Enter);
    press(&mut state, KeyCode::Char(':'));
    type_text(&mut state, "log");
    press(&mut state, KeyCode::Enter);
    let text = screen(&state);
    assert!(text.contains("Writes this run"), "{text}");
    assert!(
        text.contains("#100 Oak Serving Board  Price: 7.95 → 9.95  saving…"),
        "{text}"
    );
}

#[test]
fn create_form() {
    let mut state = state();
    press(&mut state, KeyCode::Char('c'));
    type_text(&mut state, "Walnut Tray");
    press(&mut state, KeyCode::Tab);
    press(&mut state, KeyCode::Tab);
    type_text(&mut state, "WT-1");
    press(&mut state, KeyCode::Tab);
    type_text(&mut state, "12.345678");
    press(&mut state, KeyCode::Enter);
    // Refused before anything is sent: the reason sits under the price.
    assert!(state.edit.pending.is_empty());
    insta::assert_snapshot!("edit_create_form", screen(&state));
}

#[test]
fn a_huge_name_cannot_push_the_email_out_of_a_dialog() {
    use crate::app::edit::confirm::{Confirm, Confirmed};
    let mut state = state();
    let lines = vec![
        "ID:     7".to_string(),
        format!("Name:   {}", "Bartholomew ".repeat(900)),
        "Email:  bart@example.com".to_string(),
        "Orders: 3".to_string(),
    ];
    let confirm = Confirm::new(
        "Delete customer #7?",
        lines,
        "Delete",
        Confirmed::Delete {
            tab: crate::app::Tab::Customers,
            ids: vec![7],
        },
    );
    open(&mut state, Overlay::Confirm(confirm));
    let shown = screen(&state);
    for wanted in ["ID:     7", "Email:  bart@example.com", "Orders: 3", "…"] {
        assert!(shown.contains(wanted), "{wanted:?} missing:\n{shown}");
    }
}

#[test]
fn a_resize_keeps_an_open_dialog_and_its_key_hints() {
    let mut state = state();
    bulk_form(&mut state, 12, "+10%");
    press(&mut state, KeyCode::Enter);
    store_answers(&mut state, |_| {});
    assert!(matches!(state.edit.overlay, Some(Overlay::BulkPreview(_))));
    for (width, height) in [(80, 24), (60, 16), (30, 8), (160, 45)] {
        update(&mut state, Action::Resize(width, height));
        assert!(
            matches!(state.edit.overlay, Some(Overlay::BulkPreview(_))),
            "the preview stays open at {width}x{height}"
        );
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| draw(frame, &state)).unwrap();
        let screen = terminal.backend().to_string();
        if height >= 16 {
            assert!(
                screen.contains("12 of 12 change") && screen.contains("y apply"),
                "{width}x{height}:\n{screen}"
            );
        }
    }
    // Back at the first size the dialog looks as it did before.
    update(&mut state, Action::Resize(100, 30));
    insta::assert_snapshot!("edit_bulk_preview_after_resizes", screen(&state));
    // And it still takes its keys: Esc closes it, nothing was sent.
    press(&mut state, KeyCode::Esc);
    assert!(state.edit.overlay.is_none());
    assert!(state.edit.pending.is_empty());
}

#[test]
fn the_preview_flags_prices_below_cost() {
    let mut state = state();
    if let Some(first) = state.products.list.rows.first_mut() {
        first.cost_price = money("7.00");
    }
    bulk_form(&mut state, 1, "-50%");
    press(&mut state, KeyCode::Enter);
    store_answers(&mut state, |_| {});
    let Some(Overlay::BulkPreview(preview)) = &state.edit.overlay else {
        panic!("the preview is open");
    };
    assert!(
        preview.rows[0].below_cost,
        "7.95 halved is under its cost of 7.00"
    );
    let screen = screen(&state);
    assert!(screen.contains("3.98 < cost"), "{screen}");
}

#[test]
fn the_margin_column_shows_price_less_cost_on_wide_terminals() {
    let mut state = state();
    state.size = (220, 30);
    if let Some(first) = state.products.list.rows.first_mut() {
        first.price = money("12.50");
        first.cost_price = money("8.00");
    }
    let mut terminal = Terminal::new(TestBackend::new(220, 30)).unwrap();
    terminal.draw(|frame| draw(frame, &state)).unwrap();
    let screen = terminal.backend().to_string();
    let header = screen.lines().find(|l| l.contains("Modified")).unwrap();
    assert!(header.contains("Margin"), "{header}");
    let first = screen.lines().find(|l| l.contains("SKU-0100")).unwrap();
    assert!(
        first.trim_matches('"').trim_end().ends_with("4.50 36%"),
        "{first}"
    );
    let second = screen.lines().find(|l| l.contains("SKU-0101")).unwrap();
    assert!(
        second.trim_matches('"').trim_end().ends_with('-'),
        "no cost, no margin: {second}"
    );
}

fn screen_at(state: &mut AppState, width: u16, height: u16) -> String {
    update(state, Action::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| draw(frame, state)).unwrap();
    terminal.backend().to_string()
}

/// Whether the dialog titled `title` is drawn whole on `screen`: nothing covers
/// its borders between its title row and its hint row `hint`.
fn dialog_is_whole(screen: &str, title: &str, hint: &str) -> bool {
    let rows: Vec<Vec<char>> = screen.lines().map(|r| r.chars().collect()).collect();
    let text: Vec<&str> = screen.lines().collect();
    let (Some(top), Some(bottom)) = (
        text.iter().position(|r| r.contains(title)),
        text.iter().rposition(|r| r.contains(hint)),
    ) else {
        return false;
    };
    let (Some(left), Some(right)) = (
        rows[top].iter().position(|c| *c == '┌'),
        rows[bottom].iter().position(|c| *c == '┘'),
    ) else {
        return false;
    };
    rows[top + 1..bottom]
        .iter()
        .all(|row| row.get(left) == Some(&'│') && row.get(right) == Some(&'│'))
        && rows[top].get(right) == Some(&'┐')
        && rows[bottom].get(left) == Some(&'└')
}

#[test]
fn toasts_keep_clear_of_the_bulk_preview_and_its_hints() {
    for (width, height) in [(100, 30), (80, 24)] {
        let mut state = state();
        press(&mut state, KeyCode::Char('V'));
        for _ in 0..4 {
            press(&mut state, KeyCode::Char('j'));
        }
        press(&mut state, KeyCode::Char('V'));
        assert_eq!(state.toasts.len(), 2, "range start and marked");
        press(&mut state, KeyCode::Char('B'));
        type_text(&mut state, "+10%");
        press(&mut state, KeyCode::Enter);
        store_answers(&mut state, |_| {});
        let screen = screen_at(&mut state, width, height);
        // The title, every row and the key hints are whole.
        assert!(
            dialog_is_whole(&screen, "Preview: Price +10 % · 5 of 5 change", "y apply"),
            "{screen}"
        );
        for id in 100..105 {
            assert!(screen.contains(&format!("{id}  ")), "row {id}:\n{screen}");
        }
        assert!(
            screen.contains("y apply j/k scroll any other key cancels"),
            "{screen}"
        );
        insta::assert_snapshot!(
            format!("toasts_beside_bulk_preview_{width}x{height}"),
            screen
        );
    }
}

#[test]
fn toasts_keep_clear_of_a_250_row_delete_dialog() {
    for (width, height) in [(100, 30), (80, 24)] {
        let mut state = AppState::for_tests("demo", "ada@host", false);
        state
            .products
            .list
            .append_page(1, (0..250).map(row).collect(), 250, Some(250));
        press(&mut state, KeyCode::Char('V'));
        press(&mut state, KeyCode::Char('G'));
        press(&mut state, KeyCode::Char('V'));
        press(&mut state, KeyCode::Delete);
        let screen = screen_at(&mut state, width, height);
        assert!(
            dialog_is_whole(&screen, "Delete 250 products?", "any other key cancels"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("toasts_beside_delete_250_{width}x{height}"), screen);
    }
}

/// The products list with one error toast saying `text`.
fn with_error_toast(text: String) -> AppState {
    let mut state = state();
    state.toasts.push(crate::app::Toast {
        id: 1,
        kind: crate::app::ToastKind::Error,
        text,
    });
    state
}

#[test]
fn a_long_error_toast_shows_all_its_words() {
    let mut state = with_error_toast(
        "GET /v2/store: 404 Not Found: The requested resource was not found. Not found: \
         it may have been deleted, or the store hash is wrong."
            .into(),
    );
    for (width, height) in [(100, 30), (80, 24)] {
        let screen = screen_at(&mut state, width, height);
        assert!(screen.contains("wrong."), "{width}x{height}:\n{screen}");
        insta::assert_snapshot!(format!("toast_long_error_{width}x{height}"), screen);
    }
}

#[test]
fn a_toast_taller_than_the_screen_is_cut_not_lost() {
    let mut state = with_error_toast("A store message that never ends. ".repeat(200));
    let screen = screen_at(&mut state, 80, 24);
    assert!(screen.contains("✗ A store message"), "{screen}");
    // The footer's keys stay below it.
    assert!(
        screen.lines().last().is_some_and(|l| l.contains("help")),
        "{screen}"
    );
}

#[test]
fn a_refused_token_reads_whole_in_the_empty_list_and_once() {
    let message = "GET /v3/catalog/products?sort=id&direction=asc&page=1&limit=250: 401 \
                   Unauthorized: The X-Auth-Token header is missing, invalid or revoked. The \
                   access token was rejected: it is wrong, or the API account was deleted and \
                   its token revoked. Check the token in your profile or \
                   BIGCOMMERCE_ACCESS_TOKEN.";
    for (width, height) in [(100, 30), (80, 24)] {
        let mut state = AppState::for_tests("demo", "ada@host", false);
        state.tab = crate::app::Tab::Products;
        state.header.refused = Some(401);
        state.products.list.fail(message.to_string());
        let screen = screen_at(&mut state, width, height);
        assert!(screen.contains("BIGCOMMERCE_ACCESS_TOKEN."), "{screen}");
        assert!(screen.contains("API token refused (401)"), "{screen}");
        // The status line names the cause; the words are in the body only.
        assert!(
            screen.contains("error: 401 Unauthorized (r retries)"),
            "{screen}"
        );
        assert_eq!(screen.matches("X-Auth-Token").count(), 1, "{screen}");
        insta::assert_snapshot!(format!("products_token_refused_{width}x{height}"), screen);
    }
}
