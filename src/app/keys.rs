//! The one key table: every key the app handles, what it does and when it works.
//! The footer ("keys that work here and now"), the `?` help overlay and key
//! dispatch all read this list, so they cannot disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::console::ConsoleMode;
pub use super::console::keys::ConsoleIntent;
pub use super::key_table::COMMANDS;
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

    pub(super) const fn ctrl(c: char) -> Self {
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

impl Command {
    /// Whether the command works right now (mode and state).
    pub fn works(&self, state: &AppState) -> bool {
        self.modes.contains(&state.mode.kind()) && self.on_its_tab(state) && (self.available)(state)
    }

    /// Whether the command works in the normal view of `state` (for the help,
    /// which lists what the view underneath offers).
    pub fn works_in_view(&self, state: &AppState) -> bool {
        self.modes.contains(&ModeKind::Normal) && self.on_its_tab(state) && (self.available)(state)
    }

    /// A tab's own keys work on that tab only, so their predicates need not ask.
    fn on_its_tab(&self, state: &AppState) -> bool {
        !matches!(self.group, Group::Tab(tab) if tab != state.tab)
    }
}

/// Every command: the base table, then the edit, orders and console keys.
pub fn all_commands() -> impl Iterator<Item = &'static Command> {
    COMMANDS
        .iter()
        .chain(super::edit::keys::EDIT_COMMANDS.iter())
        .chain(super::edit::resource_keys::RESOURCE_COMMANDS.iter())
        .chain(super::orders::keys::ORDER_COMMANDS.iter())
        .chain(super::console::key_table::CONSOLE_COMMANDS.iter())
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
