//! Application state, the `Action`s that change it and the `Effect`s it asks
//! the runtime to perform. Everything here is synchronous and pure: no drawing,
//! no HTTP, no tokio I/O. Every state change goes through [`update`].

pub mod action;
pub mod cmdline;
pub mod console;
pub mod edit;
#[cfg(test)]
mod failure_tests;
pub mod home;
pub mod hooks;
mod intents;
mod key_table;
pub mod keymap;
pub mod keys;
pub mod list;
pub mod list_pane;
pub mod orders;
pub mod panes;
mod recovery;
pub mod screen;
#[cfg(test)]
mod tests;
pub mod unknown_writes;
mod update;
pub mod words;

use std::path::PathBuf;

use tui_input::Input;

use crate::clock::Clock;

pub use action::{Action, Effect, Fetch, Loaded, RateInfo, ToastKind};
pub use panes::{CategoriesPane, CustomersPane, OrdersPane, ProductsPane};
pub use update::update;

/// The tabs, in key order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Home,
    Products,
    Orders,
    Customers,
    Categories,
    Webhooks,
    Console,
}

impl Tab {
    /// All tabs in order (key `1` is the first).
    pub const ALL: [Tab; 7] = [
        Tab::Home,
        Tab::Products,
        Tab::Orders,
        Tab::Customers,
        Tab::Categories,
        Tab::Webhooks,
        Tab::Console,
    ];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Home => "Home",
            Tab::Products => "Products",
            Tab::Orders => "Orders",
            Tab::Customers => "Customers",
            Tab::Categories => "Categories",
            Tab::Webhooks => "Webhooks",
            Tab::Console => "Console",
        }
    }

    /// The tab called `name` (its title, any case).
    pub fn from_name(name: &str) -> Option<Tab> {
        Tab::ALL
            .into_iter()
            .find(|tab| tab.title().eq_ignore_ascii_case(name.trim()))
    }

    /// Position in [`Tab::ALL`].
    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tab `steps` away, wrapping around.
    pub fn cycle(self, steps: isize) -> Tab {
        let len = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + steps).rem_euclid(len) as usize]
    }
}

/// What the keyboard is talking to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Browsing: keys go through the key table.
    Normal,
    /// Typing a `/` filter for the current tab.
    Filter,
    /// Typing a `:` command.
    Command,
    /// The `?` overlay, scrolled by `scroll` lines.
    Help { scroll: u16 },
    /// Choosing an order status (`f`); `cursor` 0 is "all statuses".
    StatusPicker { cursor: usize },
    /// A dialog of the Orders tab (status change, ship, staff notes); its
    /// state is `orders.dialog`.
    OrderDialog,
    /// Typing in the request console (path, body, search, history, prompt).
    Console(console::ConsoleMode),
    /// An editor or dialog (`state.edit.overlay`) takes the keys.
    Edit,
}

/// A short message shown over the bottom of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// Identifies the toast so its expiry timer removes the right one.
    pub id: u64,
    /// Success or error (styles it).
    pub kind: ToastKind,
    /// The text; errors carry the API's own message.
    pub text: String,
}

/// Facts about the connection shown in the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    /// The store's name from `/v2/store`, once known.
    pub store_name: Option<String>,
    /// The configuration profile in use.
    pub profile: String,
    /// `user@host` of this machine.
    pub user_host: String,
    /// Whether writes are disabled.
    pub read_only: bool,
    /// Whether `--read-only` disabled them (else the profile did).
    pub read_only_flag: bool,
    /// The API quota, from the rate-limit headers.
    pub rate: Option<RateInfo>,
    /// The status (401 or 403) of the last refused request, until a request
    /// succeeds again.
    pub refused: Option<u16>,
}

/// The whole state of the app.
#[derive(Debug)]
pub struct AppState {
    /// The visible tab.
    pub tab: Tab,
    /// Where keys go.
    pub mode: Mode,
    /// Header facts.
    pub header: Header,
    /// Home tab.
    pub home: home::HomeState,
    /// Products tab.
    pub products: ProductsPane,
    /// Orders tab.
    pub orders: OrdersPane,
    /// Customers tab.
    pub customers: CustomersPane,
    /// Categories tab.
    pub categories: CategoriesPane,
    /// Webhooks tab.
    pub hooks: hooks::HooksPane,
    /// The request console (the last tab).
    pub console: console::ConsoleState,
    /// The text of the `/` filter being typed.
    pub filter_input: Input,
    /// The `:` command line.
    pub command_input: Input,
    /// Completion candidates for the command line, and which one is shown.
    pub completion: Option<cmdline::Completion>,
    /// Visible toasts, oldest first.
    pub toasts: Vec<Toast>,
    /// Profiles that `:profile` can switch to.
    pub profiles: Vec<String>,
    /// Terminal size (columns, rows), for paging and scrolling maths.
    pub size: (u16, u16),
    /// Spinner animation step.
    pub spinner: usize,
    /// Monochrome drawing (`NO_COLOR`).
    pub monochrome: bool,
    /// Keys remapped by the config's `[keys]` table.
    pub keymap: keymap::KeyMap,
    /// Colours from the config's `[theme]` table (ignored under `NO_COLOR`).
    pub colors: crate::config::ThemeColors,
    /// Set once the user asked to quit.
    pub quit: bool,
    /// Whether the last update changed anything worth redrawing.
    pub changed: bool,
    /// The request for the store's name.
    pub store_load: list::LoadState,
    /// Editors, dialogs, writes in flight, the write log and undo.
    pub edit: edit::EditState,
    /// "Now" for the write log and timers (a manual clock in tests).
    pub clock: Clock,
    next_id: u64,
}

impl AppState {
    /// A fresh state for `profile`, reading the time from `clock` and keeping its files
    /// in `data_dir`; nothing is loaded until [`AppState::start`].
    pub fn new(
        profile: impl Into<String>,
        user_host: impl Into<String>,
        read_only: bool,
        clock: Clock,
        data_dir: PathBuf,
    ) -> Self {
        AppState {
            tab: Tab::Home,
            mode: Mode::Normal,
            header: Header {
                store_name: None,
                profile: profile.into(),
                user_host: user_host.into(),
                read_only,
                read_only_flag: false,
                rate: None,
                refused: None,
            },
            home: home::HomeState::default(),
            products: ProductsPane::default(),
            orders: OrdersPane::default(),
            customers: CustomersPane::default(),
            categories: CategoriesPane::default(),
            hooks: hooks::HooksPane::default(),
            console: console::ConsoleState::new(data_dir),
            filter_input: Input::default(),
            command_input: Input::default(),
            completion: None,
            toasts: Vec::new(),
            profiles: Vec::new(),
            size: (80, 24),
            spinner: 0,
            monochrome: false,
            keymap: keymap::KeyMap::default(),
            colors: crate::config::ThemeColors::default(),
            quit: false,
            changed: true,
            store_load: list::LoadState::Idle,
            edit: edit::EditState::default(),
            clock,
            next_id: 1,
        }
    }

    /// The first effects: the store name and the first tab's data.
    pub fn start(&mut self) -> Vec<Effect> {
        let request = self.next_id();
        self.store_load = list::LoadState::Loading(request);
        let mut effects = vec![Effect::Fetch {
            request,
            fetch: Fetch::StoreInfo,
        }];
        effects.extend(self.ensure_loaded());
        effects
    }

    /// Why writes are off, for the refusals: the flag, or the profile's setting.
    pub fn read_only_reason(&self) -> String {
        if self.header.read_only_flag {
            "bctui was started with --read-only".to_string()
        } else {
            format!(
                "profile {} has read_only = true in the config",
                self.header.profile
            )
        }
    }

    /// A state for unit tests: a manual clock at the test anchor and a data directory
    /// that the tests in question never write to.
    #[cfg(test)]
    pub(crate) fn for_tests(profile: &str, user_host: &str, read_only: bool) -> Self {
        let data_dir = std::env::temp_dir().join("bctui-unit-never-written");
        let mut state = AppState::new(profile, user_host, read_only, Clock::test(), data_dir);
        // The tests written before the Home tab start where the app used to.
        state.tab = Tab::Products;
        state
    }

    /// A new id for a request or toast.
    pub fn next_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Rows of the current tab's list that fit on screen (same maths as the
    /// drawing code).
    pub fn list_rows(&self) -> usize {
        self.list_rows_for(self.tab)
    }

    /// Rows of `tab`'s list that fit on screen (see [`screen::list_rows`]).
    pub fn list_rows_for(&self, tab: Tab) -> usize {
        screen::list_rows(tab, self.size.1)
    }

    /// Writes sent and not yet answered: products, customers, categories, orders,
    /// and a console request other than GET.
    pub fn writes_in_flight(&self) -> usize {
        let console = self
            .console
            .in_flight
            .as_ref()
            .is_some_and(|(_, request)| request.method != console::HttpMethod::Get);
        self.edit.pending.len() + usize::from(self.orders.writing.is_some()) + usize::from(console)
    }

    /// Lines of a report (`:log`) on screen: the body minus the popup's margin
    /// and borders.
    pub fn report_rows(&self) -> usize {
        (self.size.1 as usize).saturating_sub(7).max(1)
    }

    /// Whether anything is moving on screen (spinners), so the runtime ticks.
    pub fn is_animating(&self) -> bool {
        !self.edit.pending.is_empty()
            || self.home.is_loading()
            || self.categories.is_loading()
            || self.console.is_busy()
            || list_pane::LIST_TABS
                .into_iter()
                .filter_map(|tab| self.list_pane(tab))
                .any(|pane| pane.is_loading())
    }

    /// Whether Enter does something here.
    pub fn can_open(&self) -> bool {
        if let Some(pane) = self.list_pane(self.tab) {
            return pane.detail().id().is_none() && pane.selected_id().is_some();
        }
        match self.tab {
            Tab::Home => self.home.selected().is_some(),
            Tab::Categories => self.categories.selected().is_some(),
            _ => false,
        }
    }

    /// Whether Esc does something here.
    pub fn can_go_back(&self) -> bool {
        self.list_pane(self.tab)
            .is_some_and(|pane| pane.detail().id().is_some() || pane.has_filter())
    }

    /// The tab a `/` filter applies to, when the current view has one.
    pub fn filter_target(&self) -> Option<Tab> {
        let pane = self.list_pane(self.tab)?;
        pane.detail().id().is_none().then_some(self.tab)
    }

    /// Effects that load the current tab if it has nothing yet.
    pub fn ensure_loaded(&mut self) -> Vec<Effect> {
        if let Some(pane) = self.list_pane(self.tab) {
            return match pane.paged().load() {
                list::LoadState::Idle => self.reload_list(self.tab),
                _ => Vec::new(),
            };
        }
        match self.tab {
            Tab::Home if self.home_idle() => self.reload_home(),
            Tab::Categories if self.categories.load == list::LoadState::Idle => {
                self.reload_categories()
            }
            Tab::Console => console::update::ensure_history(self),
            _ => Vec::new(),
        }
    }
}
