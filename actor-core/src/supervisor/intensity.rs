//! Restart intensity, as in OTP: at most `max` restarts within `within`.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

/// The restarts of the last `within`, to tell when there are too many.
#[derive(Debug)]
pub(crate) struct RestartWindow {
    max: u32,
    within: Duration,
    recent: VecDeque<Instant>,
}

impl RestartWindow {
    pub(crate) fn new(max: u32, within: Duration) -> RestartWindow {
        RestartWindow { max, within, recent: VecDeque::new() }
    }

    /// Counts a restart now. Returns how many restarts the window holds with
    /// it, or `None` if that is more than allowed.
    pub(crate) fn record(&mut self, now: Instant) -> Option<usize> {
        while self.recent.front().is_some_and(|&at| now.duration_since(at) >= self.within) {
            self.recent.pop_front();
        }
        self.recent.push_back(now);
        (self.recent.len() <= self.max as usize).then_some(self.recent.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_max_restarts_within_the_period_and_refuses_one_more() {
        let start = Instant::now();
        let mut window = RestartWindow::new(2, Duration::from_secs(10));
        assert_eq!(window.record(start), Some(1));
        assert_eq!(window.record(start + Duration::from_secs(1)), Some(2));
        assert_eq!(window.record(start + Duration::from_secs(2)), None);
    }

    #[test]
    fn restarts_older_than_the_period_no_longer_count() {
        let start = Instant::now();
        let mut window = RestartWindow::new(1, Duration::from_secs(10));
        assert_eq!(window.record(start), Some(1));
        assert_eq!(window.record(start + Duration::from_secs(10)), Some(1));
        assert_eq!(window.record(start + Duration::from_secs(11)), None);
    }

    #[test]
    fn zero_restarts_allowed_refuses_the_first() {
        let mut window = RestartWindow::new(0, Duration::from_secs(1));
        assert_eq!(window.record(Instant::now()), None);
    }
}
