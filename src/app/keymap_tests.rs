use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::api::models::ProductRow;
use crate::app::edit::Overlay;
use crate::app::{Action, AppState, Mode, Tab, update};
use crate::config::Config;

fn keymap(text: &str) -> Result<KeyMap, Vec<String>> {
    let config = Config::parse(text).expect("valid toml");
    KeyMap::build(&config.key_bindings())
}

fn products_state(keymap: KeyMap) -> AppState {
    let mut state = AppState::for_tests("demo", "me@here", false);
    state.size = (100, 30);
    state.keymap = keymap;
    let rows = (1..=5)
        .map(|id| ProductRow {
            id,
            name: format!("Product {id}").into(),
            ..ProductRow::default()
        })
        .collect();
    state.products.list.append_page(1, rows, 250, Some(5));
    state
}

fn press(state: &mut AppState, c: char) {
    update(
        state,
        Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    );
}

fn editing_price(state: &AppState) -> bool {
    state.mode == Mode::Edit && matches!(state.edit.overlay, Some(Overlay::Inline(_)))
}

#[test]
fn action_names_follow_the_intents() {
    assert_eq!(action_name(Intent::Quit), "quit");
    assert_eq!(action_name(Intent::StartFilter), "start_filter");
    assert_eq!(
        action_name(Intent::Edit(crate::app::edit::EditIntent::Price)),
        "edit.price"
    );
    let names: Vec<String> = actions().into_iter().map(|(name, _, _)| name).collect();
    for expected in ["quit", "edit.price", "orders.ship", "refresh", "down"] {
        assert!(
            names.contains(&expected.to_string()),
            "{expected} in {names:?}"
        );
    }
}

#[test]
fn keys_parse_and_print_the_same_way() {
    for text in [
        "x", "X", "C-x", "Enter", "Esc", "Space", "PgDn", "F5", "Del", "S-Tab",
    ] {
        let key = parse_key(text).expect(text);
        assert_eq!(key_name(&key), text);
    }
    assert_eq!(parse_key("pgdn"), Ok(Key::plain(KeyCode::PageDown)));
    assert!(parse_key("Hyper-x").is_err());
    assert!(parse_key("F13").is_err());
}

#[test]
fn a_remapped_key_does_the_action_and_the_old_key_no_longer_does() {
    let map = keymap("[keys]\n\"edit.price\" = \"P\"\n").expect("no clash");
    let mut state = products_state(map);
    assert_eq!(state.tab, Tab::Products);

    press(&mut state, 'p');
    assert!(!editing_price(&state), "p no longer edits the price");
    assert_eq!(state.mode, Mode::Normal);

    press(&mut state, 'P');
    assert!(editing_price(&state), "P edits the price");
}

#[test]
fn remapping_keeps_the_other_keys_and_changes_the_label() {
    let map = keymap("[keys]\ndown = \"J\"\n").expect("no clash");
    let mut state = products_state(map);
    let down = all_commands()
        .find(|c| c.intent == Intent::Down && c.modes.contains(&ModeKind::Normal))
        .expect("the down command");
    assert_eq!(state.keymap.label(down), "J/↓");
    assert_eq!(
        state.keymap.keys(down),
        &[Key::char('J'), Key::plain(KeyCode::Down)]
    );
    let before = state.products.list.cursor;
    press(&mut state, 'j');
    assert_eq!(state.products.list.cursor, before, "j is free now");
    press(&mut state, 'J');
    assert_eq!(state.products.list.cursor, before + 1);
}

#[test]
fn a_clash_is_reported_with_its_line() {
    let errors = keymap("# my keys\n[keys]\nrefresh = \"U\"\nquit = \"j\"\n").unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("line 4:"), "{errors:?}");
    assert!(errors[0].contains("already down"), "{errors:?}");

    let errors = keymap("[keys]\nfly = \"f\"\nquit = \"Hyper-q\"\n").unwrap_err();
    assert!(
        errors[0].starts_with("line 2: unknown action `fly`"),
        "{errors:?}"
    );
    assert!(
        errors[1].starts_with("line 3: `Hyper-q` is not a key"),
        "{errors:?}"
    );
}

#[test]
fn keys_clash_only_where_both_work() {
    // `O` flips the product sort; on Customers it is free.
    keymap("[keys]\n\"edit.customer_orders\" = \"O\"\n").expect("different tabs");
    // `r` refreshes every list, the customers' one too.
    let errors = keymap("[keys]\n\"edit.customer_orders\" = \"r\"\n").unwrap_err();
    assert!(errors[0].contains("already refresh"), "{errors:?}");
}
