//! The arithmetic of a bulk price change: what was typed (`BulkOp`) and the
//! rounding after it, all checked: a result out of range is `None`, never a panic.

use rust_decimal::{Decimal, RoundingStrategy};

use super::inline::plain_money;

/// Rounding applied after a bulk change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rounding {
    #[default]
    None,
    /// To the nearest price ending in .99.
    End99,
    /// To the nearest price ending in .95.
    End95,
    /// To the nearest whole amount.
    End00,
}

impl Rounding {
    pub const ALL: [Rounding; 4] = [
        Rounding::None,
        Rounding::End99,
        Rounding::End95,
        Rounding::End00,
    ];

    /// How the form shows it.
    pub fn label(self) -> &'static str {
        match self {
            Rounding::None => "none",
            Rounding::End99 => ".99",
            Rounding::End95 => ".95",
            Rounding::End00 => ".00",
        }
    }

    /// Rounds `price` to an amount with this ending, in `direction` (never below
    /// the ending itself); `None` when the result is out of the decimal range.
    pub fn apply(self, price: Decimal, direction: RoundDirection) -> Option<Decimal> {
        let ending = match self {
            Rounding::None => return Some(price),
            Rounding::End99 => Decimal::new(99, 2),
            Rounding::End95 => Decimal::new(95, 2),
            Rounding::End00 => Decimal::ZERO,
        };
        let strategy = match direction {
            RoundDirection::Nearest => RoundingStrategy::MidpointAwayFromZero,
            RoundDirection::Up => RoundingStrategy::ToPositiveInfinity,
            RoundDirection::Down => RoundingStrategy::ToNegativeInfinity,
        };
        let whole = price
            .checked_sub(ending)?
            .round_dp_with_strategy(0, strategy);
        Some(whole.max(Decimal::ZERO).checked_add(ending)?.round_dp(2))
    }
}

/// Which way rounding goes: to the nearest ending, or never down / never up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RoundDirection {
    #[default]
    Nearest,
    Up,
    Down,
}

impl RoundDirection {
    const ALL: [RoundDirection; 3] = [
        RoundDirection::Nearest,
        RoundDirection::Up,
        RoundDirection::Down,
    ];

    /// How the form shows it.
    pub fn label(self) -> &'static str {
        match self {
            RoundDirection::Nearest => "nearest",
            RoundDirection::Up => "up",
            RoundDirection::Down => "down",
        }
    }

    /// The next direction (`d` in the form).
    pub fn next(self) -> RoundDirection {
        let i = Self::ALL.iter().position(|d| *d == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

/// The highest price a bulk change may set: beyond it the result is surely a typo.
pub const MAX_PRICE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

/// A bulk operation parsed from what was typed: `9.99`, `+2`, `-1.5`, `+10%`, `-15%`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkOp {
    Set(Decimal),
    Add(Decimal),
    Subtract(Decimal),
    AddPercent(Decimal),
    SubtractPercent(Decimal),
}

impl BulkOp {
    /// Parses the amount text.
    pub fn parse(text: &str) -> Result<BulkOp, String> {
        let text = text.trim().replace(' ', "");
        let text = text.replace('−', "-");
        let (sign, rest) = match text.chars().next() {
            Some('+') => (Some(true), &text[1..]),
            Some('-') => (Some(false), &text[1..]),
            _ => (None, text.as_str()),
        };
        let (number, percent) = match rest.strip_suffix('%') {
            Some(n) => (n, true),
            None => (rest, false),
        };
        let value = super::inline::parse_money(number)?;
        Ok(match (sign, percent) {
            (None, false) => BulkOp::Set(value),
            (None, true) => return Err("a percentage needs + or -, e.g. +10%".to_string()),
            (Some(true), false) => BulkOp::Add(value),
            (Some(false), false) => BulkOp::Subtract(value),
            (Some(true), true) => BulkOp::AddPercent(value),
            (Some(false), true) => BulkOp::SubtractPercent(value),
        })
    }

    /// The new price for `old`, before rounding (percentages to the cent); `None`
    /// when the arithmetic leaves the decimal range (the preview skips that product).
    pub fn apply(self, old: Decimal) -> Option<Decimal> {
        let hundred = Decimal::ONE_HUNDRED;
        let percent = |factor: Decimal| {
            let new = old.checked_mul(factor)?.checked_div(hundred)?;
            Some(new.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
        };
        match self {
            BulkOp::Set(v) => Some(v),
            BulkOp::Add(v) => old.checked_add(v),
            BulkOp::Subtract(v) => old.checked_sub(v),
            BulkOp::AddPercent(p) => percent(hundred.checked_add(p)?),
            BulkOp::SubtractPercent(p) => percent(hundred.checked_sub(p)?),
        }
    }

    /// "set to 9.99", "+10 %".
    pub fn describe(self) -> String {
        match self {
            BulkOp::Set(v) => format!("set to {}", plain_money(v)),
            BulkOp::Add(v) => format!("+{}", plain_money(v)),
            BulkOp::Subtract(v) => format!("−{}", plain_money(v)),
            BulkOp::AddPercent(p) => format!("+{} %", p.normalize()),
            BulkOp::SubtractPercent(p) => format!("−{} %", p.normalize()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn operations_parse_and_apply() {
        for (op, old, new) in [
            ("9.99", "5", "9.99"),
            ("+2", "7.95", "9.95"),
            ("-1.5", "7.95", "6.45"),
            ("+10%", "7.95", "8.75"),
            ("-15 %", "20", "17.00"),
        ] {
            let applied = BulkOp::parse(op).unwrap().apply(d(old));
            assert_eq!(applied, Some(d(new)), "{op} on {old}");
        }
        assert!(BulkOp::parse("10%").is_err());
        assert!(BulkOp::parse("abc").is_err());
    }

    #[test]
    fn rounding_goes_to_the_nearest_ending() {
        let near = RoundDirection::Nearest;
        assert_eq!(Rounding::End99.apply(d("10.20"), near), Some(d("9.99")));
        assert_eq!(Rounding::End99.apply(d("10.70"), near), Some(d("10.99")));
        assert_eq!(Rounding::End95.apply(d("8.75"), near), Some(d("8.95")));
        assert_eq!(Rounding::End00.apply(d("8.49"), near), Some(d("8")));
        assert_eq!(Rounding::End99.apply(d("0.10"), near), Some(d("0.99")));
    }

    #[test]
    fn rounding_up_never_lowers_and_down_never_raises() {
        let (up, down) = (RoundDirection::Up, RoundDirection::Down);
        assert_eq!(Rounding::End99.apply(d("10.20"), up), Some(d("10.99")));
        assert_eq!(Rounding::End99.apply(d("10.20"), down), Some(d("9.99")));
        assert_eq!(Rounding::End99.apply(d("10.99"), up), Some(d("10.99")));
        assert_eq!(Rounding::End99.apply(d("10.99"), down), Some(d("10.99")));
        assert_eq!(Rounding::End95.apply(d("8.96"), down), Some(d("8.95")));
        assert_eq!(Rounding::End95.apply(d("8.96"), up), Some(d("9.95")));
        assert_eq!(Rounding::End00.apply(d("8.01"), up), Some(d("9")));
        assert_eq!(Rounding::End00.apply(d("8.99"), down), Some(d("8")));
    }

    #[test]
    fn huge_prices_and_percentages_are_refused_not_panicked_on() {
        let op = BulkOp::parse("+999999999999%").unwrap();
        let huge = d("100000000000000000000");
        assert_eq!(op.apply(huge), None, "out of the decimal range");
        let max = Decimal::MAX;
        assert_eq!(BulkOp::Add(d("1")).apply(max), None);
        assert_eq!(BulkOp::Subtract(d("1")).apply(Decimal::MIN), None);
        assert_eq!(
            Rounding::End99.apply(Decimal::MIN, RoundDirection::Up),
            None
        );
        assert_eq!(
            BulkOp::parse("+10%").unwrap().apply(d("1e20")),
            Some(d("110000000000000000000"))
        );
    }
}
