//! The one source of "now" for the simulator and the app, and of the timers that are
//! measured against it (toast lifetimes, the orders poll).
//!
//! Production uses the system clock. Tests use a manual clock that starts at
//! [`TEST_ANCHOR`] and moves only when the test calls [`Clock::advance`], so every
//! date a test sees is the same on any day, and a timer fires exactly when the
//! test moves the clock past it.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Local, TimeZone, Utc};
use tokio::sync::watch;

/// The instant every test's manual clock starts at (and the simulator seeds from).
pub const TEST_ANCHOR: &str = "2025-06-01T12:00:00Z";

/// A shared handle to the time source; clones see the same time.
#[derive(Clone)]
pub struct Clock {
    source: Arc<Source>,
}

enum Source {
    System,
    /// The current instant, which only [`Clock::advance`] and [`Clock::set`] change.
    Manual(watch::Sender<DateTime<Utc>>),
}

impl Clock {
    /// The machine's clock, in the machine's time zone.
    pub fn system() -> Clock {
        Clock {
            source: Arc::new(Source::System),
        }
    }

    /// A clock standing still at `at` (shown in UTC) until advanced.
    pub fn manual(at: DateTime<Utc>) -> Clock {
        let (sender, _) = watch::channel(at);
        Clock {
            source: Arc::new(Source::Manual(sender)),
        }
    }

    /// A manual clock at [`TEST_ANCHOR`].
    pub fn test() -> Clock {
        Clock::manual(test_anchor())
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match &*self.source {
            Source::System => Utc::now(),
            Source::Manual(sender) => *sender.borrow(),
        }
    }

    /// The current instant in the zone times are shown in: the machine's own for the
    /// system clock, UTC for a manual one (so tests do not depend on `TZ`).
    pub fn now_local(&self) -> DateTime<FixedOffset> {
        let now = self.now();
        match &*self.source {
            Source::System => now.with_timezone(&Local).fixed_offset(),
            Source::Manual(_) => now.fixed_offset(),
        }
    }

    /// Moves a manual clock forward by `by` (waking the timers it passes); the system
    /// clock cannot be moved, so this does nothing there.
    pub fn advance(&self, by: Duration) {
        if let Source::Manual(sender) = &*self.source {
            let by = chrono::Duration::from_std(by).unwrap_or(chrono::Duration::zero());
            sender.send_modify(|now| *now = now.checked_add_signed(by).unwrap_or(*now));
        }
    }

    /// Sets a manual clock to `at` (nothing for the system clock).
    pub fn set(&self, at: DateTime<Utc>) {
        if let Source::Manual(sender) = &*self.source {
            sender.send_replace(at);
        }
    }

    /// A timer that ends once `duration` has passed on this clock, counted from this
    /// call (not from the first poll): tokio's timer for the system clock, the test's
    /// [`Clock::advance`] calls for a manual one.
    pub fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send + 'static {
        let manual = match &*self.source {
            Source::System => None,
            Source::Manual(sender) => {
                let by = chrono::Duration::from_std(duration).unwrap_or(chrono::Duration::MAX);
                let mut watch = sender.subscribe();
                let deadline = watch.borrow_and_update().checked_add_signed(by);
                Some((watch, deadline))
            }
        };
        let system = manual.is_none().then(|| tokio::time::sleep(duration));
        async move {
            if let Some(sleep) = system {
                return sleep.await;
            }
            let Some((mut watch, Some(deadline))) = manual else {
                // Past the end of time: never.
                return std::future::pending().await;
            };
            loop {
                if *watch.borrow_and_update() >= deadline {
                    return;
                }
                if watch.changed().await.is_err() {
                    // Every handle to the clock is gone: nothing will move it again.
                    return std::future::pending().await;
                }
            }
        }
    }
}

impl Default for Clock {
    fn default() -> Clock {
        Clock::system()
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &*self.source {
            Source::System => f.write_str("Clock::system"),
            Source::Manual(sender) => write!(f, "Clock::manual({})", *sender.borrow()),
        }
    }
}

/// [`TEST_ANCHOR`] as an instant.
pub fn test_anchor() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(TEST_ANCHOR)
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|_| Utc.timestamp_opt(0, 0).single().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_stands_still_until_advanced() {
        let clock = Clock::test();
        assert_eq!(clock.now().to_rfc3339(), "2025-06-01T12:00:00+00:00");
        assert_eq!(clock.now(), clock.now());
        let copy = clock.clone();
        copy.advance(Duration::from_secs(90));
        assert_eq!(clock.now().to_rfc3339(), "2025-06-01T12:01:30+00:00");
        assert_eq!(clock.now_local().to_rfc3339(), "2025-06-01T12:01:30+00:00");
    }

    #[tokio::test]
    async fn a_manual_sleep_ends_when_the_clock_passes_its_deadline() {
        let clock = Clock::test();
        // The deadline counts from the call, even though the task runs later.
        let sleeper = tokio::spawn(clock.sleep(Duration::from_secs(4)));
        clock.advance(Duration::from_secs(3));
        tokio::task::yield_now().await;
        assert!(!sleeper.is_finished(), "3 of 4 seconds passed");
        clock.advance(Duration::from_secs(1));
        tokio::time::timeout(Duration::from_secs(5), sleeper)
            .await
            .expect("the sleep ends at its deadline")
            .expect("the task ran");
    }

    #[tokio::test(start_paused = true)]
    async fn the_system_clock_sleeps_on_tokio_time() {
        let started = tokio::time::Instant::now();
        Clock::system().sleep(Duration::from_secs(60)).await;
        assert_eq!(started.elapsed().as_secs(), 60);
    }
}
