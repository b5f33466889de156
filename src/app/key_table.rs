//! The base key table: navigation, views, filters and general keys, with the
//! modes and states each works in. The edit, orders and console tables sit
//! beside their views; `keys::all_commands` chains them.

use crossterm::event::KeyCode;

use super::keys::{Command, Group, Intent, Key, ModeKind};
use super::orders::keys::on_order_list;
use super::{AppState, Tab};

const NORMAL: &[ModeKind] = &[ModeKind::Normal];
const TYPING: &[ModeKind] = &[ModeKind::Filter, ModeKind::Command, ModeKind::Picker];
const HELP_OR_PICKER: &[ModeKind] = &[ModeKind::Help, ModeKind::Picker];
const NOT_TYPING: &[ModeKind] = &[ModeKind::Normal, ModeKind::Help];
const ANY: &[ModeKind] = &[
    ModeKind::Normal,
    ModeKind::Filter,
    ModeKind::Command,
    ModeKind::Help,
    ModeKind::Picker,
    ModeKind::Dialog,
    ModeKind::Edit,
];

fn always(_: &AppState) -> bool {
    true
}
fn has_rows(state: &AppState) -> bool {
    state.tab != Tab::Console
}
fn can_open(state: &AppState) -> bool {
    state.can_open()
}
fn can_go_back(state: &AppState) -> bool {
    state.can_go_back()
}
fn can_filter(state: &AppState) -> bool {
    state.filter_target().is_some()
}
fn on_product_list(state: &AppState) -> bool {
    state.tab == Tab::Products && state.products.detail.is_none()
}
fn on_home(state: &AppState) -> bool {
    state.tab == Tab::Home
}
fn on_tree(state: &AppState) -> bool {
    state.tab == Tab::Categories
}

/// A key that moves through the help or a picker, listed (label, name,
/// description) in the help only.
const fn picker_step(keys: &'static [Key], listing: Listing, intent: Intent) -> Command {
    Command {
        keys,
        label: listing.0,
        name: listing.1,
        description: listing.2,
        group: Group::Typing,
        in_footer: false,
        intent,
        modes: HELP_OR_PICKER,
        available: always,
    }
}

type Listing = (&'static str, &'static str, &'static str);

const UP: &[Key] = &[Key::char('k'), Key::plain(KeyCode::Up)];
const DOWN: &[Key] = &[Key::char('j'), Key::plain(KeyCode::Down)];

/// The key table, in footer order.
pub static COMMANDS: &[Command] = &[
    Command {
        keys: &[Key::plain(KeyCode::Enter)],
        label: "Enter",
        name: "open",
        description: "Open the selected item, a category's products, a Home line",
        group: Group::View,
        in_footer: true,
        intent: Intent::Open,
        modes: NORMAL,
        available: can_open,
    },
    Command {
        keys: &[Key::plain(KeyCode::Esc)],
        label: "Esc",
        name: "back",
        description: "Close the detail view, or clear the filter",
        group: Group::View,
        in_footer: true,
        intent: Intent::Back,
        modes: NORMAL,
        available: can_go_back,
    },
    Command {
        keys: &[Key::char('/')],
        label: "/",
        name: "filter",
        description: "Server-side filter: keyword; name or email; order id or email",
        group: Group::View,
        in_footer: true,
        intent: Intent::StartFilter,
        modes: NORMAL,
        available: can_filter,
    },
    Command {
        keys: &[Key::char('o')],
        label: "o",
        name: "sort",
        description: "Sort products by the next column (server-side)",
        group: Group::Tab(Tab::Products),
        in_footer: true,
        intent: Intent::SortNext,
        modes: NORMAL,
        available: on_product_list,
    },
    Command {
        keys: &[Key::char('O')],
        label: "O",
        name: "reverse",
        description: "Flip the sort direction",
        group: Group::Tab(Tab::Products),
        in_footer: true,
        intent: Intent::SortFlip,
        modes: NORMAL,
        available: on_product_list,
    },
    Command {
        keys: &[Key::char('f')],
        label: "f",
        name: "view",
        description: "Switch the view: needs action, all orders, or one status",
        group: Group::Tab(Tab::Orders),
        in_footer: true,
        intent: Intent::PickStatus,
        modes: NORMAL,
        available: on_order_list,
    },
    Command {
        keys: &[Key::char('l'), Key::plain(KeyCode::Right)],
        label: "l/→",
        name: "expand",
        description: "Expand the category",
        group: Group::Tab(Tab::Categories),
        in_footer: true,
        intent: Intent::Expand,
        modes: NORMAL,
        available: on_tree,
    },
    Command {
        keys: &[Key::char('h'), Key::plain(KeyCode::Left)],
        label: "h/←",
        name: "collapse",
        description: "Collapse the category, or go to its parent",
        group: Group::Tab(Tab::Categories),
        in_footer: true,
        intent: Intent::Collapse,
        modes: NORMAL,
        available: on_tree,
    },
    Command {
        keys: &[Key::char('r')],
        label: "r",
        name: "refresh",
        description: "Reload this view from the store",
        group: Group::View,
        in_footer: true,
        intent: Intent::Refresh,
        modes: NORMAL,
        available: has_rows,
    },
    Command {
        keys: &[Key::char('w')],
        label: "w",
        name: "7/30 days",
        description: "Home: chart 7 days instead of 30 (for very busy stores), or back",
        group: Group::Tab(Tab::Home),
        in_footer: true,
        intent: Intent::Home(super::home::HomeIntent::ToggleWeek),
        modes: NORMAL,
        available: on_home,
    },
    Command {
        keys: DOWN,
        label: "j/↓",
        name: "down",
        description: "Move down",
        group: Group::Navigation,
        in_footer: false,
        intent: Intent::Down,
        modes: NORMAL,
        available: has_rows,
    },
    Command {
        keys: UP,
        label: "k/↑",
        name: "up",
        description: "Move up",
        group: Group::Navigation,
        in_footer: false,
        intent: Intent::Up,
        modes: NORMAL,
        available: has_rows,
    },
    Command {
        keys: &[Key::char('g'), Key::plain(KeyCode::Home)],
        label: "g/Home",
        name: "top",
        description: "Go to the first row",
        group: Group::Navigation,
        in_footer: false,
        intent: Intent::Top,
        modes: NORMAL,
        available: has_rows,
    },
    Command {
        keys: &[Key::char('G'), Key::plain(KeyCode::End)],
        label: "G/End",
        name: "bottom",
        description: "Go to the last loaded row",
        group: Group::Navigation,
        in_footer: false,
        intent: Intent::Bottom,
        modes: NORMAL,
        available: has_rows,
    },
    Command {
        keys: &[Key::plain(KeyCode::PageDown), Key::ctrl('f')],
        label: "PgDn",
        name: "page down",
        description: "Move one screen down (more rows load as you go)",
        group: Group::Navigation,
        in_footer: false,
        intent: Intent::PageDown,
        modes: NORMAL,
        available: has_rows,
    },
    Command {
        keys: &[Key::plain(KeyCode::PageUp), Key::ctrl('b')],
        label: "PgUp",
        name: "page up",
        description: "Move one screen up",
        group: Group::Navigation,
        in_footer: false,
        intent: Intent::PageUp,
        modes: NORMAL,
        available: has_rows,
    },
    Command {
        keys: &[Key::plain(KeyCode::Tab)],
        label: "Tab",
        name: "next tab",
        description: "Next tab",
        group: Group::Navigation,
        in_footer: false,
        intent: Intent::NextTab,
        modes: NORMAL,
        available: always,
    },
    Command {
        keys: &[Key::plain(KeyCode::BackTab)],
        label: "S-Tab",
        name: "previous tab",
        description: "Previous tab",
        group: Group::Navigation,
        in_footer: false,
        intent: Intent::PrevTab,
        modes: NORMAL,
        available: always,
    },
    Command {
        keys: &[
            Key::char('1'),
            Key::char('2'),
            Key::char('3'),
            Key::char('4'),
            Key::char('5'),
            Key::char('6'),
            Key::char('7'),
        ],
        label: "1-7",
        name: "tabs",
        description: "Home, Products, Orders, Customers, Categories, Webhooks, Console",
        group: Group::Navigation,
        in_footer: true,
        intent: Intent::GoTab,
        modes: NORMAL,
        available: always,
    },
    Command {
        keys: &[Key::char(':')],
        label: ":",
        name: "command",
        description: "Command line: :orders [status], :order ID, :profile NAME, :q…",
        group: Group::General,
        in_footer: true,
        intent: Intent::StartCommand,
        modes: NORMAL,
        available: always,
    },
    Command {
        keys: &[Key::char('?')],
        label: "?",
        name: "help",
        description: "Show or hide this help",
        group: Group::General,
        in_footer: true,
        intent: Intent::ToggleHelp,
        modes: NOT_TYPING,
        available: always,
    },
    Command {
        keys: &[Key::char('q'), Key::ctrl('c')],
        label: "q",
        name: "quit",
        description: "Quit (also from the help; Ctrl-c works everywhere)",
        group: Group::General,
        in_footer: true,
        intent: Intent::Quit,
        modes: NOT_TYPING,
        available: always,
    },
    Command {
        keys: &[Key::plain(KeyCode::Enter)],
        label: "Enter",
        name: "apply",
        description: "Apply the filter, run the command, or pick the entry",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::Submit,
        modes: TYPING,
        available: always,
    },
    Command {
        keys: &[Key::plain(KeyCode::Tab)],
        label: "Tab",
        name: "complete",
        description: "Complete the command or its argument",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::Complete,
        modes: &[ModeKind::Command],
        available: always,
    },
    picker_step(
        &[Key::plain(KeyCode::Up)],
        ("↑", "up", "Previous entry"),
        Intent::Up,
    ),
    picker_step(
        &[Key::plain(KeyCode::Down)],
        ("↓", "down", "Next entry"),
        Intent::Down,
    ),
    picker_step(
        &[Key::char('k')],
        ("k", "up", "Previous entry (help and pickers)"),
        Intent::Up,
    ),
    picker_step(
        &[Key::char('j')],
        ("j", "down", "Next entry (help and pickers)"),
        Intent::Down,
    ),
    Command {
        keys: &[Key::plain(KeyCode::Esc)],
        label: "Esc",
        name: "cancel",
        description: "Leave the filter (clearing it), command line or picker",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::Cancel,
        modes: TYPING,
        available: always,
    },
    Command {
        keys: &[Key::plain(KeyCode::Esc), Key::char('?')],
        label: "Esc",
        name: "close help",
        description: "Close the help",
        group: Group::Typing,
        in_footer: true,
        intent: Intent::ToggleHelp,
        modes: &[ModeKind::Help],
        available: always,
    },
    Command {
        keys: &[Key::ctrl('c')],
        label: "C-c",
        name: "quit",
        description: "Quit from anywhere",
        group: Group::Typing,
        in_footer: false,
        intent: Intent::Quit,
        modes: ANY,
        available: always,
    },
];
