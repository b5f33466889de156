//! The one key table: every key the app handles, what it does and when it works.
//! The footer ("keys that work here and now"), the `?` help overlay and key
//! dispatch all read this list, so they cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::console::ConsoleMode;
pub use super::console::keys::ConsoleIntent;
use super::{AppState, Mode, Tab};

/// One key chord.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key itself.
    pub code: KeyCode,
    /// Modifiers that must be held (Shift is implied by upper-case characters).
    pub mods: KeyModifiers,
}

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Self {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    /// A character key.
    pub const fn char(c: char) -> Self {
        Key::plain(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Self {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// True when `event` is this chord. Shift is ignored for characters and
    /// Back-Tab, because terminals report it inconsistently there.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mut mods = event.modifiers;
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        event.code == self.code && mods == self.mods
    }
}

/// What a command does; the update function acts on these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Quit,
    ToggleHelp,
    NextTab,
    PrevTab,
    /// Jump to the tab numbered by the digit pressed.
    GoTab,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    StartFilter,
    Refresh,
    SortNext,
    SortFlip,
    PickStatus,
    StartCommand,
    Expand,
    Collapse,
    /// Accept the text being typed (filter, command line, picker).
    Submit,
    /// Abandon the text being typed.
    Cancel,
    /// Complete the command line word under the cursor.
    Complete,
    /// Orders triage: acting on orders and their dialogs.
    Orders(super::orders::OrderIntent),
    /// A key of the request console.
    Console(ConsoleIntent),
    /// Edits, dialogs and marks (see `app::edit`).
    Edit(super::edit::EditIntent),
    /// A key of the Home tab.
    Home(super::home::HomeIntent),
}

/// Headings for the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    General,
    Navigation,
    /// Keys every list offers (open, back, filter, refresh).
    View,
    /// Keys of one tab's own view.
    Tab(Tab),
    Typing,
    /// The request console (its normal and typing keys).
    Console,
}

impl Group {
    /// The heading shown in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Group::General => "General",
            Group::Navigation => "Navigation",
            Group::View => "Every list",
            Group::Tab(tab) => tab.title(),
            Group::Typing => "Filter, command line, pickers and dialogs",
            Group::Console => "Request console",
        }
    }

    /// The group holding `tab`'s own keys.
    pub fn of_tab(tab: Tab) -> Group {
        if tab == Tab::Console {
            Group::Console
        } else {
            Group::Tab(tab)
        }
    }
}

/// One entry of the key table.
pub struct Command {
    /// The chords that trigger it; the first is the one shown when space is short.
    pub keys: &'static [Key],
    /// How the keys are written in the footer and help ("j/↓").
    pub label: &'static str,
    /// Short name for the footer.
    pub name: &'static str,
    /// One line for the help overlay.
    pub description: &'static str,
    /// Help heading.
    pub group: Group,
    /// Shown in the footer when available (some are only listed in help).
    pub in_footer: bool,
    /// What the key does.
    pub intent: Intent,
    /// The input modes it works in.
    pub modes: &'static [ModeKind],
    /// Whether it works in the current state (checked in those modes).
    pub available: fn(&AppState) -> bool,
}

/// Which input mode a command belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeKind {
    Normal,
    Filter,
    Command,
    Help,
    Picker,
    /// An Orders dialog (status change, ship, staff notes).
    Dialog,
    /// The request console's typing modes.
    Console(ConsoleMode),
    Edit,
}

impl Mode {
    /// The kind of mode, for matching against [`Command::modes`].
    pub fn kind(&self) -> ModeKind {
        match self {
            Mode::Normal => ModeKind::Normal,
            Mode::Filter => ModeKind::Filter,
            Mode::Command => ModeKind::Command,
            Mode::Help { .. } => ModeKind::Help,
            Mode::StatusPicker { .. } => ModeKind::Picker,
            Mode::OrderDialog => ModeKind::Dialog,
            Mode::Console(mode) => ModeKind::Console(*mode),
            Mode::Edit => ModeKind::Edit,
        }
    }
}

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
fn on_order_list(state: &AppState) -> bool {
    state.tab == Tab::Orders && state.orders.detail.is_none()
}
fn on_home(state: &AppState) -> bool {
    state.tab == Tab::Home
}
fn on_tree(state: &AppState) -> bool {
    state.tab == Tab::Categories
}

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
    Command {
        keys: &[Key::plain(KeyCode::Up)],
        label: "↑",
        name: "up",
        description: "Previous entry",
        group: Group::Typing,
        in_footer: false,
        intent: Intent::Up,
        modes: HELP_OR_PICKER,
        available: always,
    },
    Command {
        keys: &[Key::plain(KeyCode::Down)],
        label: "↓",
        name: "down",
        description: "Next entry",
        group: Group::Typing,
        in_footer: false,
        intent: Intent::Down,
        modes: HELP_OR_PICKER,
        available: always,
    },
    Command {
        keys: &[Key::char('k')],
        label: "k",
        name: "up",
        description: "Previous entry (help and pickers)",
        group: Group::Typing,
        in_footer: false,
        intent: Intent::Up,
        modes: HELP_OR_PICKER,
        available: always,
    },
    Command {
        keys: &[Key::char('j')],
        label: "j",
        name: "down",
        description: "Next entry (help and pickers)",
        group: Group::Typing,
        in_footer: false,
        intent: Intent::Down,
        modes: HELP_OR_PICKER,
        available: always,
    },
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

impl Command {
    /// Whether the command works right now (mode and state).
    pub fn works(&self, state: &AppState) -> bool {
        self.modes.contains(&state.mode.kind()) && (self.available)(state)
    }

    /// Whether the command works in the normal view of `state` (for the help,
    /// which lists what the view underneath offers).
    pub fn works_in_view(&self, state: &AppState) -> bool {
        self.modes.contains(&ModeKind::Normal) && (self.available)(state)
    }
}

/// Every command: the base table, then the edit, orders and console keys.
pub fn all_commands() -> impl Iterator<Item = &'static Command> {
    COMMANDS
        .iter()
        .chain(super::edit::keys::EDIT_COMMANDS.iter())
        .chain(super::edit::resource_keys::RESOURCE_COMMANDS.iter())
        .chain(super::orders::keys::ORDER_COMMANDS.iter())
        .chain(super::console::keys::CONSOLE_COMMANDS.iter())
}

/// The command a key triggers in the current state, if any.
pub fn lookup(state: &AppState, key: &KeyEvent) -> Option<&'static Command> {
    all_commands().find(|command| {
        state.keymap.keys(command).iter().any(|k| k.matches(key)) && command.works(state)
    })
}

/// How much a command deserves a place in the footer (lower first), or `None`
/// when the footer never shows it (movement keys live in the help).
pub fn footer_rank(command: &Command) -> Option<u8> {
    let acts = matches!(
        command.intent,
        Intent::Edit(_) | Intent::Orders(_) | Intent::Console(_)
    );
    match (command.group, command.in_footer) {
        // The way to every other key is never crowded out.
        (Group::General, _) if command.intent == Intent::ToggleHelp => Some(0),
        // What the view or the dialog in focus does to the store.
        (Group::Tab(_) | Group::Console | Group::Typing, true) if acts => Some(1),
        // How the view is shown (sort, status view, tree), and dialog keys.
        (Group::Tab(_) | Group::Console | Group::Typing, true) => Some(2),
        (Group::View, true) => Some(3),
        (Group::General, true) => Some(4),
        (Group::Navigation, true) => Some(5),
        // The view's other actions, when the width allows.
        (Group::Tab(_), false) => Some(6),
        _ => None,
    }
}

/// Commands that may go in the footer right now, most important first (table
/// order within a rank); the footer shows as many as fit.
pub fn footer_commands(state: &AppState) -> Vec<&'static Command> {
    let mut commands: Vec<(u8, &'static Command)> = all_commands()
        .filter(|command| command.works(state))
        .filter_map(|command| footer_rank(command).map(|rank| (rank, command)))
        .collect();
    commands.sort_by_key(|(rank, _)| *rank);
    commands.into_iter().map(|(_, command)| command).collect()
}
