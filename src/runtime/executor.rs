//! Turns `Effect`s into tokio tasks and sends their results back as `Action`s.
//! A newer fetch for the same view aborts the older one (latest wins); the
//! request ids in the state discard anything that still slips through.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::{AbortHandle, JoinHandle};

use super::fetch;
use super::journal::{self, Journal};
use crate::api::Client;
use crate::app::action::Connected;
use crate::app::action::Slot;
use crate::app::console::ConsoleEffect;
use crate::app::home::HomeTask;
use crate::app::orders::OrdersTask;
use crate::app::{Action, Effect, RateInfo};
use crate::clock::Clock;

/// First pause of a store probe; each unanswered probe doubles it up to the most.
const PROBE_FIRST_PAUSE: Duration = Duration::from_millis(500);
const PROBE_MAX_PAUSE: Duration = Duration::from_secs(30);

/// Journal lines of earlier runs that `:log` shows at most.
const EARLIER_LINES: usize = 500;

/// Connects to a profile by name (for `:profile NAME`): the client, or why not.
pub type Connect = Arc<dyn Fn(&str) -> Result<Client, String> + Send + Sync>;

/// Runs effects; owns every task it starts and aborts them when dropped.
pub struct Executor {
    client: Arc<Mutex<Client>>,
    connect: Connect,
    actions: mpsc::UnboundedSender<Action>,
    slots: HashMap<Slot, AbortHandle>,
    timers: Vec<AbortHandle>,
    rate_watch: Option<JoinHandle<()>>,
    switching: Option<JoinHandle<()>>,
    clock: Clock,
    probe: Option<JoinHandle<()>>,
    last_append: Option<JoinHandle<()>>,
    journal: Journal,
    /// Writes on their way to the store: never aborted, waited for at the end.
    writes: Vec<JoinHandle<()>>,
}

impl Executor {
    /// An executor sending results to `actions`, starting with `client`; toasts and polls
    /// wait on `clock`.
    pub fn new(
        client: Client,
        connect: Connect,
        actions: mpsc::UnboundedSender<Action>,
        clock: Clock,
        journal: Journal,
    ) -> Self {
        let mut executor = Executor {
            client: Arc::new(Mutex::new(client)),
            connect,
            actions,
            slots: HashMap::new(),
            timers: Vec::new(),
            rate_watch: None,
            switching: None,
            clock,
            probe: None,
            last_append: None,
            journal,
            writes: Vec::new(),
        };
        executor.watch_rate_limit();
        executor.read_journal();
        executor
    }

    fn client(&self) -> Client {
        self.client
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Starts the work `effect` describes.
    pub fn run(&mut self, effect: Effect) {
        match effect {
            Effect::Fetch { request, fetch } => {
                let slot = fetch.slot();
                let client = self.client();
                let actions = self.actions.clone();
                let task = tokio::spawn(async move {
                    let result = fetch::run(&client, fetch).await;
                    let unreachable = result.as_ref().is_err_and(fetch::unreachable);
                    if let Err(error) = &result
                        && let Some(status @ (401 | 403)) = error.status()
                    {
                        let _ = actions.send(Action::AccessRefused(status));
                    }
                    let result = result.map_err(|error| error.to_string());
                    let _ = actions.send(Action::Loaded { request, result });
                    if unreachable {
                        let _ = actions.send(Action::StoreUnreachable);
                    }
                });
                if let Some(older) = self.slots.insert(slot, task.abort_handle()) {
                    older.abort();
                }
            }
            Effect::Debounce {
                tab,
                generation,
                delay,
            } => {
                // Typing speed, not time of day: tokio's timer even under a manual clock.
                let delay = tokio::time::sleep(delay);
                self.after(delay, Action::FilterDue { tab, generation })
            }
            Effect::ExpireToast { id, after } => {
                self.after(self.clock.sleep(after), Action::ToastExpired(id))
            }
            Effect::SwitchProfile(profile) => self.switch_profile(profile),
            // The runner writes to the terminal; nothing to run here.
            Effect::CopyToClipboard(_) => {}
            Effect::Orders(task) => {
                self.timers.retain(|timer| !timer.is_finished());
                // A poll's wait starts now, not when its task first runs.
                let wait = match &task {
                    OrdersTask::Poll { after, .. } => Some(self.clock.sleep(*after)),
                    _ => None,
                };
                let (client, actions) = (self.client(), self.actions.clone());
                let journal = self.journal.clone();
                let writes = task.describe_write().is_some();
                let task = tokio::spawn(async move {
                    if let Some(wait) = wait {
                        wait.await;
                    }
                    super::orders_tasks::run(client, task, actions, &journal).await;
                });
                if writes {
                    self.track_write(task);
                } else {
                    self.timers.push(task.abort_handle());
                }
            }
            Effect::Console(effect) => {
                // Not a slot: a request already sent is never abandoned (not
                // even by a profile switch); only quitting aborts it.
                self.timers.retain(|task| !task.is_finished());
                // History lines go to the file in the order they were asked for:
                // each append waits for the one before it.
                let appends = matches!(effect, ConsoleEffect::AppendHistory { .. });
                let previous = if appends {
                    self.last_append.take()
                } else {
                    None
                };
                let task = super::console_exec::run(
                    self.client(),
                    self.actions.clone(),
                    effect,
                    self.clock.clone(),
                    previous,
                );
                self.timers.push(task.abort_handle());
                if appends {
                    self.last_append = Some(task);
                }
            }
            Effect::Write { request, write } => {
                // Writes are never aborted by newer fetches: they must finish and report.
                let client = self.client();
                let actions = self.actions.clone();
                let journal = self.journal.clone();
                let task = tokio::spawn(async move {
                    let store = client.store_hash().to_string();
                    journal.sent(&store, request, write.describe(), write.check());
                    let result = crate::writes::run(&client, request, *write, &actions).await;
                    journal.outcome(&store, request, crate::writes::outcome(&result));
                    let _ = actions.send(Action::Written { request, result });
                });
                self.track_write(task);
            }
            Effect::RetriedUnknownWrites { records } => {
                let (journal, store) =
                    (self.journal.clone(), self.client().store_hash().to_string());
                tokio::task::spawn_blocking(move || journal.retried(&store, &records));
            }
            Effect::DiscardUnknownWrites => {
                let (journal, store) =
                    (self.journal.clone(), self.client().store_hash().to_string());
                tokio::task::spawn_blocking(move || {
                    journal.discard(&store, &journal.unknown(&store))
                });
            }
            // The runner suspends the terminal for the editor; nothing to run here.
            Effect::EditExternally(_) => {}
            Effect::Home(task) => {
                let (client, actions) = (self.client(), self.actions.clone());
                let walk = matches!(task, HomeTask::Sales { .. });
                let task = tokio::spawn(super::home_tasks::run(client, task, actions));
                if walk {
                    // A reload's walk replaces the older one: no quota spent on stale pages.
                    if let Some(older) = self.slots.insert(Slot::HomeSales, task.abort_handle()) {
                        older.abort();
                    }
                } else {
                    self.timers.retain(|timer| !timer.is_finished());
                    self.timers.push(task.abort_handle());
                }
            }
            Effect::ProbeStore => self.probe_store(),
            Effect::Quit => self.abort_all(),
        }
    }

    /// Asks the store for its name with growing pauses until it answers, then
    /// sends `Action::StoreReachable`. One probe at a time.
    fn probe_store(&mut self) {
        if self
            .probe
            .as_ref()
            .is_some_and(|probe| !probe.is_finished())
        {
            return;
        }
        let client = self.client();
        let actions = self.actions.clone();
        self.probe = Some(tokio::spawn(async move {
            let mut pause = PROBE_FIRST_PAUSE;
            loop {
                // Retry pacing, not time of day: tokio's timer even under a manual clock.
                tokio::time::sleep(pause).await;
                match client.store_info().await {
                    Ok(store) => {
                        let _ = actions.send(Action::StoreReachable(Some(store.name)));
                        return;
                    }
                    Err(error) if fetch::unreachable(&error) => {
                        pause = (pause * 2).min(PROBE_MAX_PAUSE);
                    }
                    // It answered, if only to refuse (e.g. no scope for /v2/store).
                    Err(_) => {
                        let _ = actions.send(Action::StoreReachable(None));
                        return;
                    }
                }
            }
        }));
    }

    /// Sends `action` once `delay` completes.
    fn after(&mut self, delay: impl Future<Output = ()> + Send + 'static, action: Action) {
        self.timers.retain(|timer| !timer.is_finished());
        let actions = self.actions.clone();
        let task = tokio::spawn(async move {
            delay.await;
            let _ = actions.send(action);
        });
        self.timers.push(task.abort_handle());
    }

    fn switch_profile(&mut self, profile: String) {
        if let Some(previous) = self.switching.take() {
            previous.abort();
        }
        let connect = self.connect.clone();
        let shared = self.client.clone();
        let actions = self.actions.clone();
        // Connecting may run a `token_command`, so it runs off the async workers.
        let task = tokio::spawn(async move {
            let name = profile.clone();
            let connected = tokio::task::spawn_blocking(move || connect(&name))
                .await
                .unwrap_or_else(|error| Err(format!("connecting failed: {error}")));
            let result = connected.map(|client| {
                let read_only = client.read_only();
                *shared.lock().unwrap_or_else(PoisonError::into_inner) = client;
                Connected { read_only }
            });
            let _ = actions.send(Action::ProfileSwitched { profile, result });
        });
        self.switching = Some(task);
        // Results for the old store are of no use any more.
        for (_, task) in self.slots.drain() {
            task.abort();
        }
        if let Some(probe) = self.probe.take() {
            probe.abort();
        }
    }

    /// Reads the current store's journal off the UI thread and sends what `:log`
    /// and the unknown-outcome check need. Called at start and after `:profile`.
    pub fn read_journal(&self) {
        let (journal, store) = (self.journal.clone(), self.client().store_hash().to_string());
        let (actions, client) = (self.actions.clone(), self.client());
        tokio::spawn(async move {
            let found = {
                let (journal, store) = (journal.clone(), store.clone());
                tokio::task::spawn_blocking(move || journal.unknown(&store)).await
            };
            let unknown = match found {
                Ok(unknown) if !unknown.is_empty() => {
                    super::journal_check::check(&client, &journal, &store, unknown).await
                }
                _ => Vec::new(),
            };
            // Read after the check, so `:log` shows the outcomes it recorded; a write
            // this run has sent meanwhile is this run's log, not an earlier run's.
            let records = tokio::task::spawn_blocking(move || journal.earlier_runs(&store))
                .await
                .unwrap_or_default();
            let earlier = records
                .iter()
                .skip(records.len().saturating_sub(EARLIER_LINES))
                .map(journal::describe)
                .collect();
            let _ = actions.send(Action::JournalRead { earlier, unknown });
        });
    }

    /// Must be called after a successful profile switch so the header shows
    /// the new store's quota.
    pub fn watch_rate_limit(&mut self) {
        if let Some(task) = self.rate_watch.take() {
            task.abort();
        }
        let client = self.client();
        let actions = self.actions.clone();
        self.rate_watch = Some(tokio::spawn(async move {
            let mut watch = client.watch_rate_limit();
            loop {
                let state = watch.borrow_and_update().clone();
                let resumes_in = state.resumes_in();
                let info = RateInfo {
                    left: state.requests_left.unwrap_or(0),
                    quota: state.quota.unwrap_or(0),
                    resume_in_secs: resumes_in.map(|d| d.as_millis().div_ceil(1000) as u64),
                };
                if (state.quota.is_some() || resumes_in.is_some())
                    && actions.send(Action::RateLimit(info)).is_err()
                {
                    return;
                }
                if resumes_in.is_some() {
                    // Count the pause down once a second until it ends.
                    tokio::select! {
                        changed = watch.changed() => if changed.is_err() { return },
                        () = tokio::time::sleep(Duration::from_secs(1)) => {}
                    }
                } else if watch.changed().await.is_err() {
                    return;
                }
            }
        }));
    }

    fn track_write(&mut self, task: JoinHandle<()>) {
        self.writes.retain(|write| !write.is_finished());
        self.writes.push(task);
    }

    /// Waits up to `within` for the writes still on their way (after the user quit or
    /// a signal asked bctui to end); returns how many did not finish. Those stay in
    /// the journal as sent, and the next start lists them.
    pub async fn finish_writes(&mut self, within: Duration) -> usize {
        let writes = std::mem::take(&mut self.writes);
        let deadline = tokio::time::Instant::now() + within;
        let mut unfinished = 0;
        for write in writes {
            if tokio::time::timeout_at(deadline, write).await.is_err() {
                unfinished += 1;
            }
        }
        unfinished
    }

    fn abort_all(&mut self) {
        for (_, task) in self.slots.drain() {
            task.abort();
        }
        for timer in self.timers.drain(..) {
            timer.abort();
        }
        if let Some(task) = self.rate_watch.take() {
            task.abort();
        }
        if let Some(task) = self.switching.take() {
            task.abort();
        }
        if let Some(task) = self.probe.take() {
            task.abort();
        }
    }
}

impl Drop for Executor {
    fn drop(&mut self) {
        self.abort_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ClientConfig, Token};
    use crate::app::Tab;

    /// An executor whose client points at a closed port: these effects make no request.
    fn executor(clock: Clock) -> (Executor, mpsc::UnboundedReceiver<Action>) {
        let client = Client::new(ClientConfig {
            api_url: "http://127.0.0.1:9".to_string(),
            store_hash: "nowhere".to_string(),
            token: Token::new("unused".to_string()),
            read_only: true,
        })
        .expect("client");
        let connect: Connect = Arc::new(|name: &str| Err(format!("no profile {name}")));
        let (sender, receiver) = mpsc::unbounded_channel();
        let journal = Journal::new(
            &std::env::temp_dir().join("bctui-executor-unit-never-written"),
            clock.clone(),
        );
        (
            Executor::new(client, connect, sender, clock, journal),
            receiver,
        )
    }

    async fn settle() {
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
    }

    /// The next timer's action, skipping what the executor sends by itself at start
    /// (the journal it reads on a blocking thread, the quota).
    fn timer_action(actions: &mut mpsc::UnboundedReceiver<Action>) -> Option<Action> {
        loop {
            match actions.try_recv().ok()? {
                Action::JournalRead { .. } | Action::RateLimit(_) => continue,
                action => return Some(action),
            }
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_filter_is_due_when_typing_has_paused_for_the_debounce() {
        let (mut executor, mut actions) = executor(Clock::test());
        executor.run(Effect::Debounce {
            tab: Tab::Products,
            generation: 7,
            delay: Duration::from_millis(300),
        });
        tokio::time::advance(Duration::from_millis(299)).await;
        settle().await;
        assert!(timer_action(&mut actions).is_none(), "not yet");
        tokio::time::advance(Duration::from_millis(1)).await;
        settle().await;
        assert!(matches!(
            timer_action(&mut actions),
            Some(Action::FilterDue {
                tab: Tab::Products,
                generation: 7
            })
        ));
    }

    #[tokio::test(start_paused = true)]
    async fn a_toast_expires_on_the_app_clock() {
        let clock = Clock::test();
        let (mut executor, mut actions) = executor(clock.clone());
        executor.run(Effect::ExpireToast {
            id: 3,
            after: Duration::from_secs(4),
        });
        // tokio's time passing does not move a manual clock.
        tokio::time::advance(Duration::from_secs(60)).await;
        settle().await;
        assert!(
            timer_action(&mut actions).is_none(),
            "the app clock stood still"
        );
        clock.advance(Duration::from_secs(4));
        settle().await;
        assert!(matches!(
            timer_action(&mut actions),
            Some(Action::ToastExpired(3))
        ));
    }
}
