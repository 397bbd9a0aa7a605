//! A week of minutes as a bitset: union, wrap-around at Sunday midnight and
//! "left out because of what" become plain bit operations.

use crate::case::time::MINUTES_PER_WEEK;

const WORDS: usize = (MINUTES_PER_WEEK as usize).div_ceil(64);

/// A set of minutes of the week.
#[derive(Clone, PartialEq, Eq)]
pub(super) struct Week(pub(super) [u64; WORDS]);

impl Week {
    pub(super) const EMPTY: Week = Week([0; WORDS]);

    /// Adds minutes `a..b` of the week circle; `b` may pass the week's end
    /// and wraps to Monday.
    pub(super) fn add_span(&mut self, a: u32, b: u32) {
        if b > MINUTES_PER_WEEK {
            self.add_range(a, MINUTES_PER_WEEK);
            self.add_range(0, b - MINUTES_PER_WEEK);
        } else {
            self.add_range(a, b);
        }
    }

    pub(super) fn add_range(&mut self, a: u32, b: u32) {
        let (a, b) = (a as usize, b.min(MINUTES_PER_WEEK) as usize);
        if a >= b {
            return;
        }
        let (wa, wb) = (a / 64, (b - 1) / 64);
        let head = !0u64 << (a % 64);
        let tail = !0u64 >> (63 - (b - 1) % 64);
        if wa == wb {
            self.0[wa] |= head & tail;
        } else {
            self.0[wa] |= head;
            for w in &mut self.0[wa + 1..wb] {
                *w = !0;
            }
            self.0[wb] |= tail;
        }
    }

    /// `self |= o`, on the given words of `o` only (its only words set).
    pub(super) fn or_words(&mut self, o: &Week, words: &[usize]) {
        for &w in words {
            self.0[w] |= o.0[w];
        }
    }

    /// The indices of the words with a minute set.
    pub(super) fn words(&self) -> Vec<usize> {
        (0..WORDS).filter(|&w| self.0[w] != 0).collect()
    }

    pub(super) fn count(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    /// Minutes set within `a..b`, counted word by word over that range only.
    pub(super) fn count_range(&self, a: u32, b: u32) -> u32 {
        let (a, b) = (a as usize, b.min(MINUTES_PER_WEEK) as usize);
        if a >= b {
            return 0;
        }
        let (wa, wb) = (a / 64, (b - 1) / 64);
        let mut n = 0;
        for (i, &word) in self.0.iter().enumerate().take(wb + 1).skip(wa) {
            let mut w = word;
            if i == wa {
                w &= !0u64 << (a % 64);
            }
            if i == wb {
                w &= !0u64 >> (63 - (b - 1) % 64);
            }
            n += w.count_ones();
        }
        n
    }

    pub(super) fn and(&self, o: &Week) -> Week {
        let mut w = self.clone();
        for (a, b) in w.0.iter_mut().zip(&o.0) {
            *a &= b;
        }
        w
    }

    /// Minutes set in both, without building the intersection.
    pub(super) fn count_and(&self, o: &Week) -> u32 {
        self.0
            .iter()
            .zip(&o.0)
            .map(|(a, b)| (a & b).count_ones())
            .sum()
    }

    /// Minutes set within `a..b` of the week circle (`b` may pass the
    /// week's end and wrap to Monday, as in `add_span`).
    pub(super) fn count_span(&self, a: u32, b: u32) -> u32 {
        if b > MINUTES_PER_WEEK {
            self.count_range(a, MINUTES_PER_WEEK) + self.count_range(0, b - MINUTES_PER_WEEK)
        } else {
            self.count_range(a, b)
        }
    }

    /// The longest run of set minutes within `a..b` of the week circle.
    pub(super) fn longest_run_in(&self, a: u32, b: u32) -> u32 {
        let (mut best, mut run) = (0, 0);
        for m in a..b {
            if self.get(m) {
                run += 1;
                best = best.max(run);
            } else {
                run = 0;
            }
        }
        best
    }

    pub(super) fn and_not(&self, o: &Week) -> Week {
        Week(std::array::from_fn(|i| self.0[i] & !o.0[i]))
    }
    pub(super) fn or_assign(&mut self, o: &Week) {
        for (x, y) in self.0.iter_mut().zip(o.0.iter()) {
            *x |= y;
        }
    }
    pub(super) fn get(&self, m: u32) -> bool {
        let m = (m % MINUTES_PER_WEEK) as usize;
        self.0[m / 64] >> (m % 64) & 1 == 1
    }

    /// The first minute from `m` on that is set (`set`) or not set
    /// (`!set`), found a word at a time; `None` when there is none before
    /// the week's end.
    pub(super) fn next_from(&self, m: u32, set: bool) -> Option<u32> {
        let n = MINUTES_PER_WEEK as usize;
        let mut i = m as usize;
        while i < n {
            let word = if set { self.0[i / 64] } else { !self.0[i / 64] };
            let w = word >> (i % 64);
            if w != 0 {
                let at = i + w.trailing_zeros() as usize;
                return (at < n).then_some(at as u32);
            }
            i = (i / 64 + 1) * 64;
        }
        None
    }

    /// Runs of set minutes as (start, length), a run over Sunday midnight
    /// joined with Monday's start. Found with whole words (trailing_zeros),
    /// not minute by minute: this was most of the time `assess` took.
    pub(super) fn runs(&self) -> Vec<(u32, u32)> {
        let n = MINUTES_PER_WEEK;
        let mut runs: Vec<(u32, u32)> = Vec::new();
        let mut m = 0;
        while let Some(start) = self.next_from(m, true) {
            let end = self.next_from(start, false).unwrap_or(n);
            runs.push((start, end - start));
            m = end;
        }
        // A run to the week's end and one from its start are one run.
        if runs.len() > 1 {
            let (first, last) = (runs[0], runs[runs.len() - 1]);
            if first.0 == 0 && last.0 + last.1 == n {
                runs.remove(0);
                let at = runs.len() - 1;
                runs[at].1 += first.1;
            }
        }
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain minute-by-minute scan that `runs` replaced, as a reference.
    fn runs_minute_by_minute(w: &Week) -> Vec<(u32, u32)> {
        let n = MINUTES_PER_WEEK;
        if w.count() == n {
            return vec![(0, n)];
        }
        let Some(origin) = (0..n).find(|&m| !w.get(m)) else {
            return vec![];
        };
        let (mut runs, mut m) = (Vec::new(), 0);
        while m < n {
            if w.get(origin + m) {
                let (start, mut len) = (origin + m, 0);
                while m < n && w.get(origin + m) {
                    len += 1;
                    m += 1;
                }
                runs.push((start % n, len));
            } else {
                m += 1;
            }
        }
        runs
    }

    #[test]
    fn runs_and_counts_by_word_match_minute_by_minute() {
        let mut seed = 7u32;
        let mut next = |n: u32| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 8) % n
        };
        let full = {
            let mut w = Week::EMPTY;
            w.add_range(0, MINUTES_PER_WEEK);
            w
        };
        let mut weeks = vec![Week::EMPTY, full];
        for _ in 0..300 {
            let mut w = Week::EMPTY;
            for _ in 0..next(40) {
                let a = next(MINUTES_PER_WEEK);
                w.add_span(a, a + 1 + next(300));
            }
            weeks.push(w);
        }
        for w in &weeks {
            // The same runs; the order does not matter to the caller.
            let (mut got, mut want) = (w.runs(), runs_minute_by_minute(w));
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want);
            for _ in 0..20 {
                let a = next(MINUTES_PER_WEEK);
                let b = a + next(MINUTES_PER_WEEK - a + 1);
                let by_minute = (a..b).filter(|&m| w.get(m)).count() as u32;
                assert_eq!(w.count_range(a, b), by_minute, "{a}..{b}");
            }
        }
    }

    #[test]
    fn ranges_and_wrap() {
        let mut w = Week::EMPTY;
        w.add_span(MINUTES_PER_WEEK - 60, MINUTES_PER_WEEK + 120);
        assert_eq!(w.count(), 180);
        assert!(w.get(0) && w.get(119) && !w.get(120));
        assert_eq!(w.runs(), vec![(MINUTES_PER_WEEK - 60, 180)]);
        let mut x = Week::EMPTY;
        x.add_range(63, 129);
        assert_eq!(x.count(), 66);
        assert_eq!(x.count_range(0, 64), 1);
        assert_eq!(x.runs(), vec![(63, 66)]);
    }
}
