//! The event loop, generic over the ratatui backend and the input stream so
//! tests drive the real loop with a `TestBackend` and injected key events.
//!
//! Each turn waits (biased) for: results from tasks, terminal input, or a
//! tick while something animates. After handling one message it drains
//! everything already queued without drawing, then draws once if the state
//! changed. An idle app therefore sleeps in `select!` and writes nothing.

use std::future::{pending, poll_fn};
use std::io;
use std::pin::Pin;
use std::task::Poll;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEventKind};
use ratatui::Terminal;
use tokio::sync::mpsc;
use tokio_stream::{Stream, StreamExt};

use super::executor::Executor;
use super::terminal::FrameBackend;
use crate::app::{Action, AppState, Effect, update};
use crate::ui;

/// Spinner speed while something loads.
const TICK: Duration = Duration::from_millis(120);
/// Messages handled between two frames at most, so a flood cannot starve drawing.
const MAX_BATCH: usize = 512;

/// A source of terminal events (crossterm's `EventStream`, or a channel in tests).
pub trait InputStream: Stream<Item = io::Result<Event>> + Unpin {}
impl<S: Stream<Item = io::Result<Event>> + Unpin> InputStream for S {}

/// The app loop: state, terminal, the executor for effects and the channel
/// that brings results back.
pub struct Runner<B: FrameBackend> {
    terminal: Terminal<B>,
    state: AppState,
    executor: Executor,
    actions: mpsc::UnboundedReceiver<Action>,
    dirty: bool,
    ticker: tokio::time::Interval,
    external: Option<crate::app::edit::ExternalEdit>,
}

impl<B: FrameBackend> Runner<B> {
    /// Builds the loop around `terminal` and starts the first fetches.
    pub(crate) fn new(
        terminal: Terminal<B>,
        mut state: AppState,
        executor: Executor,
        actions: mpsc::UnboundedReceiver<Action>,
    ) -> io::Result<Self> {
        let size = terminal.size().map_err(backend_error)?;
        state.size = (size.width, size.height);
        let mut runner = Runner {
            terminal,
            state,
            executor,
            actions,
            dirty: true,
            ticker: ticker(),
            external: None,
        };
        let effects = runner.state.start();
        for effect in effects {
            runner.executor.run(effect);
        }
        Ok(runner)
    }

    /// The current state.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The backend (a `TestBackend` in tests, for snapshots of the screen).
    pub fn backend(&self) -> &B {
        self.terminal.backend()
    }

    /// Waits up to `within` for writes still on their way; returns how many did not
    /// finish (see `Executor::finish_writes`).
    pub async fn finish_writes(&mut self, within: Duration) -> usize {
        self.executor.finish_writes(within).await
    }

    /// Runs until the user quits or the input ends.
    pub async fn run<S: InputStream>(&mut self, input: &mut S) -> io::Result<()> {
        self.run_until(input, |_| false).await
    }

    /// Runs until `done` holds for the state (checked after every frame), the
    /// user quits, or the input ends. Returns after drawing the final state.
    pub async fn run_until<S: InputStream>(
        &mut self,
        input: &mut S,
        mut done: impl FnMut(&AppState) -> bool,
    ) -> io::Result<()> {
        let mut input_open = true;
        loop {
            if self.dirty {
                self.draw()?;
            }
            if self.state.quit || done(&self.state) || self.external.is_some() {
                // An external edit needs the terminal and the input: the caller
                // drops its input stream and calls `edit_externally`.
                return Ok(());
            }
            let animating = self.state.is_animating();
            let ticker = &mut self.ticker;
            let tick = async move {
                if animating {
                    ticker.tick().await;
                } else {
                    pending::<()>().await;
                }
            };
            tokio::select! {
                biased;
                Some(action) = self.actions.recv() => self.handle(action),
                event = input.next(), if input_open => match event {
                    Some(Ok(event)) => self.handle_event(event),
                    Some(Err(error)) => return Err(error),
                    None => input_open = false,
                },
                () = tick => self.handle(Action::Tick),
            }
            if !input_open && !self.state.quit {
                // The terminal went away (or a test ended its input): finish
                // what is queued and stop.
                self.drain(input, &mut input_open).await?;
                if self.dirty {
                    self.draw()?;
                }
                return Ok(());
            }
            self.drain(input, &mut input_open).await?;
        }
    }

    /// Handles everything already waiting, without drawing in between.
    async fn drain<S: InputStream>(
        &mut self,
        input: &mut S,
        input_open: &mut bool,
    ) -> io::Result<()> {
        for _ in 0..MAX_BATCH {
            let mut progressed = false;
            if let Ok(action) = self.actions.try_recv() {
                self.handle(action);
                progressed = true;
            }
            if *input_open {
                match poll_once(input).await {
                    Poll::Ready(Some(Ok(event))) => {
                        self.handle_event(event);
                        progressed = true;
                    }
                    Poll::Ready(Some(Err(error))) => return Err(error),
                    Poll::Ready(None) => *input_open = false,
                    Poll::Pending => {}
                }
            }
            if !progressed || self.state.quit {
                break;
            }
        }
        Ok(())
    }

    fn handle_event(&mut self, event: Event) {
        let action = match event {
            Event::Key(key) => Action::Key(key),
            Event::Paste(text) => Action::Paste(text),
            Event::Resize(columns, rows) => Action::Resize(columns, rows),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => {
                    Action::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE))
                }
                MouseEventKind::ScrollUp => {
                    Action::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE))
                }
                _ => return,
            },
            Event::FocusGained | Event::FocusLost => return,
        };
        self.handle(action);
    }

    fn handle(&mut self, action: Action) {
        let switched = matches!(&action, Action::ProfileSwitched { result: Ok(_), .. });
        if switched {
            // The new store has its own quota and its own journal.
            self.executor.watch_rate_limit();
            self.executor.read_journal();
        }
        let effects = update(&mut self.state, action);
        if self.state.changed {
            self.dirty = true;
        }
        for effect in effects {
            match effect {
                Effect::CopyToClipboard(text) => self.copy(text),
                Effect::EditExternally(edit) => self.external = Some(edit),
                effect => self.executor.run(effect),
            }
        }
    }

    /// Terminal output belongs to the loop, so the clipboard is written here.
    fn copy(&mut self, text: String) {
        if let Err(err) = self.terminal.backend_mut().copy_to_clipboard(&text) {
            tracing::warn!("could not write to the clipboard: {err}");
        }
    }

    /// Whether `run`/`run_until` returned because an external edit waits.
    pub fn wants_external_edit(&self) -> bool {
        self.external.is_some()
    }

    /// Runs the waiting external edit: suspends the terminal, runs the editor
    /// (blocking, off the async workers), restores and redraws, and feeds the
    /// result to the app. The caller must not read terminal input meanwhile.
    pub async fn edit_externally(&mut self) -> io::Result<()> {
        let Some(edit) = self.external.take() else {
            return Ok(());
        };
        self.terminal.backend_mut().suspend()?;
        let (text, suffix) = (edit.initial_text.clone(), edit.file_suffix.clone());
        let result =
            tokio::task::spawn_blocking(move || super::external_editor::edit_text(&text, &suffix))
                .await
                .unwrap_or_else(|error| Err(format!("the editor task failed: {error}")));
        self.terminal.backend_mut().resume()?;
        super::terminal::clear_screen(&mut self.terminal).map_err(backend_error)?;
        self.handle(Action::EditedExternally { edit, result });
        self.dirty = true;
        Ok(())
    }

    fn draw(&mut self) -> io::Result<()> {
        let state = &self.state;
        self.terminal.backend_mut().begin_frame()?;
        let mut measured = None;
        let drawn = self
            .terminal
            .draw(|frame| measured = ui::draw_measured(frame, state))
            .map(drop);
        // End the synchronized update even if drawing failed.
        let ended = self.terminal.backend_mut().end_frame();
        drawn.map_err(backend_error)?;
        ended?;
        self.dirty = false;
        if let Some(measure) = measured {
            let tab = self.state.tab;
            self.handle(Action::DetailMeasured { tab, measure });
        }
        Ok(())
    }
}

fn backend_error(error: impl std::fmt::Display) -> io::Error {
    io::Error::other(error.to_string())
}

/// The spinner clock; missed ticks are skipped, not bunched up.
fn ticker() -> tokio::time::Interval {
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    ticker
}

/// Polls `stream` once without waiting. Uses the task's real waker: crossterm's
/// `EventStream` remembers the first waker it is given until an event arrives.
async fn poll_once<S: InputStream>(stream: &mut S) -> Poll<Option<io::Result<Event>>> {
    poll_fn(|cx| Poll::Ready(Pin::new(&mut *stream).poll_next(cx))).await
}
