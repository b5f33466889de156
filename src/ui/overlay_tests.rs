//! Toasts keep clear of whatever is open over the body. Every overlay returns
//! the rectangle it drew in; drawn again with toasts, not one cell of that
//! rectangle changes, and the toasts still show beside it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::draw_screen;
use super::tests::loaded_state;
use crate::app::console::{ConsoleMode, ConsoleRequest, HttpMethod};
use crate::app::edit::{Overlay, Report};
use crate::app::orders::{NotesDialog, OrderDialog, StatusDialog};
use crate::app::{Action, AppState, Mode, Tab, Toast, ToastKind, update};

/// Wide enough that the widest popups leave toasts room beside them.
const SIZE: (u16, u16) = (130, 40);

fn press(state: &mut AppState, code: KeyCode) {
    update(state, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// The screen and the rectangle of the overlay drawn on it.
fn drawn(state: &AppState) -> (Buffer, Option<Rect>) {
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).unwrap();
    let mut overlay = None;
    terminal
        .draw(|frame| overlay = draw_screen(frame, state).1)
        .unwrap();
    (terminal.backend().buffer().clone(), overlay)
}

fn on(tab: Tab, mode: Mode) -> AppState {
    let mut state = loaded_state(SIZE);
    state.tab = tab;
    state.mode = mode;
    state
}

/// Every kind of overlay, by name, and whether it is a bordered box: the
/// mode's popups, the Orders and edit dialogs, forms, and the console's prompts.
fn every_overlay() -> Vec<(&'static str, AppState, bool)> {
    let mut cases = vec![
        ("help", on(Tab::Products, Mode::Help { scroll: 0 }), true),
        (
            "status picker",
            on(Tab::Orders, Mode::StatusPicker { cursor: 2 }),
            true,
        ),
    ];

    let mut form = on(Tab::Webhooks, Mode::Normal);
    crate::app::hooks::start_create(&mut form);
    assert!(
        matches!(form.edit.overlay, Some(Overlay::Form(_))),
        "the webhook form is open"
    );
    cases.push(("webhook form", form, true));

    let mut command = on(Tab::Products, Mode::Command);
    command.command_input = tui_input::Input::new("or".to_string());
    command.completion = crate::app::cmdline::complete("or", &[], &[]);
    // One row above the command line, not a box.
    cases.push(("command completion", command, false));

    let mut status = on(Tab::Orders, Mode::OrderDialog);
    status.orders.dialog = Some(OrderDialog::Status(StatusDialog {
        order_id: 100,
        current: 11,
        cursor: 1,
        from_list: true,
        marked: 0,
        warning: None,
    }));
    cases.push(("order status dialog", status, true));

    let mut notes = on(Tab::Orders, Mode::OrderDialog);
    notes.orders.dialog = Some(OrderDialog::Notes(NotesDialog {
        order_id: 100,
        input: tui_input::Input::new("Leave at the back door".to_string()),
        original: String::new(),
        customer_message: "Please gift wrap".to_string(),
        from_list: true,
    }));
    cases.push(("staff notes dialog", notes, true));

    let mut delete = on(Tab::Products, Mode::Normal);
    press(&mut delete, KeyCode::Delete);
    cases.push(("delete confirmation", delete, true));

    let mut bulk = on(Tab::Products, Mode::Normal);
    for code in [KeyCode::Char('V'), KeyCode::Char('j'), KeyCode::Char('V')] {
        press(&mut bulk, code);
    }
    press(&mut bulk, KeyCode::Char('B'));
    cases.push(("bulk price form", bulk, true));

    let history = on(Tab::Console, Mode::Console(ConsoleMode::History));
    cases.push(("console history", history, true));

    let mut delete_request = on(Tab::Console, Mode::Console(ConsoleMode::ConfirmDelete));
    delete_request.console.pending_delete = Some(ConsoleRequest {
        method: HttpMethod::Delete,
        path: "/v3/catalog/products/1".into(),
        body: None,
    });
    cases.push(("console DELETE prompt", delete_request, true));

    let mut endpoints = on(Tab::Console, Mode::Console(ConsoleMode::Path));
    endpoints.console.completion = Some(crate::app::console::Completion {
        candidates: crate::api::spec_endpoints::complete("GET", "/v3/catalog/pro"),
        index: 0,
    });
    cases.push(("console endpoint completion", endpoints, true));
    cases
}

fn with_toasts(mut state: AppState) -> AppState {
    for (id, kind, text) in [
        (901, ToastKind::Info, "Saved product #103"),
        (
            902,
            ToastKind::Error,
            "PUT /v3/catalog/products/104: 422 Unprocessable Entity: price must be at least 0",
        ),
    ] {
        state.toasts.push(Toast {
            id,
            kind,
            text: text.to_string(),
        });
    }
    state
}

#[test]
fn toasts_never_cover_any_overlay() {
    for (name, state, boxed) in every_overlay() {
        let (before, overlay) = drawn(&state);
        let Some(rect) = overlay else {
            panic!("{name}: no rectangle returned");
        };
        assert!(!rect.is_empty(), "{name}: {rect:?}");
        if boxed {
            // The rectangle is the box that was drawn, border and all.
            let corner = |x, y| before[Position::new(x, y)].symbol().to_string();
            assert_eq!(corner(rect.x, rect.y), "┌", "{name}: {rect:?}");
            assert_eq!(
                corner(rect.right() - 1, rect.bottom() - 1),
                "┘",
                "{name}: {rect:?}"
            );
        }
        let (after, overlay) = drawn(&with_toasts(state));
        assert_eq!(overlay, Some(rect), "{name}");
        for y in rect.top()..rect.bottom() {
            for x in rect.left()..rect.right() {
                let at = Position::new(x, y);
                assert_eq!(before[at], after[at], "{name}: a toast covers {at:?}");
            }
        }
        assert_ne!(before, after, "{name}: the toasts found no room at all");
    }
}

#[test]
fn a_toast_with_no_room_beside_a_report_waits() {
    let mut state = on(Tab::Products, Mode::Edit);
    state.edit.overlay = Some(Overlay::Report(Report {
        title: "Write log".to_string(),
        lines: (1..=40)
            .map(|i| format!("write {i}: sent, verified"))
            .collect(),
        scroll: 0,
    }));
    let (before, overlay) = drawn(&state);
    assert!(overlay.is_some());
    let (after, _) = drawn(&with_toasts(state));
    // The report leaves two columns and a row around it: no toast fits.
    assert_eq!(before, after);
}

#[test]
fn without_an_overlay_nothing_is_kept_clear() {
    for (tab, mode) in [
        (Tab::Products, Mode::Normal),
        (Tab::Customers, Mode::Filter),
        (Tab::Console, Mode::Console(ConsoleMode::Body)),
    ] {
        let (_, overlay) = drawn(&on(tab, mode));
        assert_eq!(overlay, None, "{tab:?} {mode:?}");
    }
}
