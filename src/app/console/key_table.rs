//! The console's entries of the key table (chained after the app's own in
//! [`crate::app::keys::all_commands`], so dispatch, footer and help read them too).

use crossterm::event::{KeyCode, KeyModifiers};

use super::ConsoleMode;
use super::keys::{ConsoleIntent, ScrollBy};
use crate::app::keys::{Command, Group, Intent, Key, ModeKind};
use crate::app::{AppState, Tab};

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn char(c: char) -> Key {
    plain(KeyCode::Char(c))
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const NORMAL: &[ModeKind] = &[ModeKind::Normal];
const PATH: &[ModeKind] = &[ModeKind::Console(ConsoleMode::Path)];
const SEND_MODES: &[ModeKind] = &[
    ModeKind::Normal,
    ModeKind::Console(ConsoleMode::Path),
    ModeKind::Console(ConsoleMode::Body),
];
const PROMPTS: &[ModeKind] = &[
    ModeKind::Console(ConsoleMode::Search),
    ModeKind::Console(ConsoleMode::History),
];
const HISTORY: &[ModeKind] = &[ModeKind::Console(ConsoleMode::History)];
const CONFIRM: &[ModeKind] = &[ModeKind::Console(ConsoleMode::ConfirmDelete)];
const ALL_CONSOLE: &[ModeKind] = &[
    ModeKind::Console(ConsoleMode::Path),
    ModeKind::Console(ConsoleMode::Body),
    ModeKind::Console(ConsoleMode::Search),
    ModeKind::Console(ConsoleMode::History),
    ModeKind::Console(ConsoleMode::ConfirmDelete),
];

fn on_console(state: &AppState) -> bool {
    state.tab == Tab::Console
}
fn has_body(state: &AppState) -> bool {
    on_console(state) && state.console.method.has_body()
}
fn is_sending(state: &AppState) -> bool {
    on_console(state) && state.console.in_flight.is_some()
}
fn has_response(state: &AppState) -> bool {
    on_console(state) && state.console.response.is_some()
}
fn has_view(state: &AppState) -> bool {
    on_console(state) && state.console.view.is_some()
}
fn has_matches(state: &AppState) -> bool {
    has_view(state) && !state.console.search.matches.is_empty()
}
fn always(_: &AppState) -> bool {
    true
}

/// How a pair of scroll keys is listed in the help: label, name, description.
type Listing = (&'static str, &'static str, &'static str);

const LINES: Listing = (
    "j/k",
    "scroll",
    "Scroll the response (also ↑/↓ and the mouse wheel)",
);
const PAGES: Listing = (
    "PgDn/Up",
    "page",
    "Scroll the response by a screen (also Space)",
);
const SIDEWAYS: Listing = ("h/l", "sideways", "Scroll long lines sideways (also ←/→)");
const ENDS: Listing = (
    "g/G",
    "top/bottom",
    "Go to the top or bottom of the response",
);

/// Builds one console entry (all console keys share the group).
#[allow(clippy::too_many_arguments)]
const fn entry(
    keys: &'static [Key],
    label: &'static str,
    name: &'static str,
    description: &'static str,
    in_footer: bool,
    intent: ConsoleIntent,
    modes: &'static [ModeKind],
    available: fn(&AppState) -> bool,
) -> Command {
    Command {
        keys,
        label,
        name,
        description,
        group: Group::Console,
        in_footer,
        intent: Intent::Console(intent),
        modes,
        available,
    }
}

/// A key scrolling the response `by` so much; only the help lists it.
const fn scroll(keys: &'static [Key], listing: Listing, by: ScrollBy) -> Command {
    let (label, name, description) = listing;
    let intent = ConsoleIntent::Scroll(by);
    entry(
        keys,
        label,
        name,
        description,
        false,
        intent,
        NORMAL,
        has_view,
    )
}

/// The console's keys, in footer order.
pub static CONSOLE_COMMANDS: &[Command] = &[
    entry(
        &[ctrl('s'), plain(KeyCode::F(5))],
        "C-s/F5",
        "send",
        "Send the request (also Enter on the path line)",
        true,
        ConsoleIntent::Send,
        SEND_MODES,
        on_console,
    ),
    entry(
        &[plain(KeyCode::Esc)],
        "Esc",
        "stop waiting",
        "Stop waiting for the answer (the request may still reach the store)",
        true,
        ConsoleIntent::StopWaiting,
        NORMAL,
        is_sending,
    ),
    entry(
        &[plain(KeyCode::Enter)],
        "C-s/F5",
        "send",
        "Send the request (also Enter on the path line)",
        false,
        ConsoleIntent::Send,
        PATH,
        always,
    ),
    entry(
        &[char('i'), plain(KeyCode::Enter)],
        "i/Enter",
        "edit path",
        "Type the path (relative to the store: /v3/…)",
        true,
        ConsoleIntent::EditPath,
        NORMAL,
        on_console,
    ),
    entry(
        &[char('b')],
        "b",
        "edit body",
        "Edit the JSON body (POST and PUT)",
        true,
        ConsoleIntent::EditBody,
        NORMAL,
        has_body,
    ),
    entry(
        &[char('E')],
        "E",
        "$EDITOR",
        "Edit the JSON body in $VISUAL / $EDITOR (POST and PUT)",
        true,
        ConsoleIntent::EditBodyExternally,
        NORMAL,
        has_body,
    ),
    entry(
        &[ctrl('o')],
        "C-o",
        "body",
        "Go to the body editor (POST and PUT)",
        true,
        ConsoleIntent::EditBody,
        PATH,
        has_body,
    ),
    entry(
        &[char('m')],
        "m",
        "method",
        "Next method: GET, POST, PUT, DELETE",
        true,
        ConsoleIntent::CycleMethod,
        NORMAL,
        on_console,
    ),
    entry(
        &[ctrl('t'), plain(KeyCode::F(2))],
        "C-t/F2",
        "method",
        "Next method (while typing the path)",
        true,
        ConsoleIntent::CycleMethod,
        PATH,
        always,
    ),
    entry(
        &[plain(KeyCode::Tab)],
        "Tab",
        "complete",
        "Complete an endpoint from the specs; next {placeholder}",
        true,
        ConsoleIntent::Complete,
        PATH,
        always,
    ),
    entry(
        &[plain(KeyCode::BackTab)],
        "S-Tab",
        "previous",
        "Previous completion",
        false,
        ConsoleIntent::CompleteBack,
        PATH,
        always,
    ),
    entry(
        &[plain(KeyCode::Up)],
        "↑/↓",
        "history",
        "Walk the request history (path line)",
        true,
        ConsoleIntent::HistoryOlder,
        PATH,
        always,
    ),
    entry(
        &[plain(KeyCode::Down)],
        "↑/↓",
        "history",
        "Walk the request history (path line)",
        false,
        ConsoleIntent::HistoryNewer,
        PATH,
        always,
    ),
    entry(
        &[ctrl('r')],
        "C-r",
        "search history",
        "Search the request history",
        true,
        ConsoleIntent::SearchHistory,
        &[ModeKind::Normal, ModeKind::Console(ConsoleMode::Path)],
        on_console,
    ),
    entry(
        &[char('H')],
        "H",
        "headers",
        "Show or hide the response headers",
        true,
        ConsoleIntent::ToggleHeaders,
        NORMAL,
        has_response,
    ),
    entry(
        &[char('/')],
        "/",
        "search",
        "Search the response body (n/N: next/previous match)",
        true,
        ConsoleIntent::StartSearch,
        NORMAL,
        has_view,
    ),
    entry(
        &[char('n')],
        "n/N",
        "match",
        "Next and previous search match",
        true,
        ConsoleIntent::NextMatch,
        NORMAL,
        has_matches,
    ),
    entry(
        &[char('N')],
        "n/N",
        "match",
        "Next and previous search match",
        false,
        ConsoleIntent::PrevMatch,
        NORMAL,
        has_matches,
    ),
    entry(
        &[char('w')],
        "w",
        "save",
        "Save the whole response body to a file in the data dir",
        true,
        ConsoleIntent::SaveBody,
        NORMAL,
        has_response,
    ),
    entry(
        &[char('y')],
        "y",
        "copy cURL",
        "Copy the request as cURL (token as $BIGCOMMERCE_ACCESS_TOKEN)",
        true,
        ConsoleIntent::CopyCurl,
        NORMAL,
        on_console,
    ),
    entry(
        &[char('Y')],
        "Y",
        "copy body",
        "Copy the response body",
        true,
        ConsoleIntent::CopyBody,
        NORMAL,
        has_response,
    ),
    scroll(&[char('j'), plain(KeyCode::Down)], LINES, ScrollBy::Line(1)),
    scroll(&[char('k'), plain(KeyCode::Up)], LINES, ScrollBy::Line(-1)),
    scroll(
        &[plain(KeyCode::PageDown), ctrl('f'), char(' ')],
        PAGES,
        ScrollBy::Page(1),
    ),
    scroll(
        &[plain(KeyCode::PageUp), ctrl('b')],
        PAGES,
        ScrollBy::Page(-1),
    ),
    scroll(
        &[char('l'), plain(KeyCode::Right)],
        SIDEWAYS,
        ScrollBy::Columns(8),
    ),
    scroll(
        &[char('h'), plain(KeyCode::Left)],
        SIDEWAYS,
        ScrollBy::Columns(-8),
    ),
    scroll(&[char('g'), plain(KeyCode::Home)], ENDS, ScrollBy::Top),
    scroll(&[char('G'), plain(KeyCode::End)], ENDS, ScrollBy::Bottom),
    entry(
        &[plain(KeyCode::Enter)],
        "Enter",
        "apply",
        "Search, or load the picked history entry",
        true,
        ConsoleIntent::Accept,
        PROMPTS,
        always,
    ),
    entry(
        &[plain(KeyCode::Up), ctrl('r')],
        "↑/C-r",
        "older",
        "Older match (history search)",
        true,
        ConsoleIntent::PickOlder,
        HISTORY,
        always,
    ),
    entry(
        &[plain(KeyCode::Down)],
        "↓",
        "newer",
        "Newer match (history search)",
        false,
        ConsoleIntent::PickNewer,
        HISTORY,
        always,
    ),
    entry(
        &[char('y')],
        "y",
        "delete",
        "Send the DELETE",
        true,
        ConsoleIntent::ConfirmDelete,
        CONFIRM,
        always,
    ),
    entry(
        &[plain(KeyCode::Esc), char('n')],
        "n/Esc",
        "cancel",
        "Do not send the DELETE",
        true,
        ConsoleIntent::Leave,
        CONFIRM,
        always,
    ),
    entry(
        &[plain(KeyCode::Esc)],
        "Esc",
        "leave",
        "Stop typing (path, body, search, history)",
        true,
        ConsoleIntent::Leave,
        ALL_CONSOLE,
        always,
    ),
    Command {
        keys: &[ctrl('c')],
        label: "C-c",
        name: "quit",
        description: "Quit from anywhere",
        group: Group::Console,
        in_footer: false,
        intent: Intent::Quit,
        modes: ALL_CONSOLE,
        available: always,
    },
];
