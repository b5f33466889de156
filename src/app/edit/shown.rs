//! A record shown twice: as a row of its list (only the list's fields) and whole in
//! its detail view. Edits read it from, and write answers show it in, both places.

use std::borrow::Cow;

use crate::api::models::{Customer, CustomerRow, Product, ProductRow};

/// A record whose list holds a row type of its own with only some of its fields.
pub(super) trait Listed: Clone {
    type Row: for<'a> From<&'a Self>;
    fn id(&self) -> u64;
    fn row_id(row: &Self::Row) -> u64;
    /// The record as far as a row knows it (the rest left empty).
    fn from_row(row: &Self::Row) -> Self;
}

/// Record `id` as the detail (`whole`) or the list has it: the detail first, as it holds
/// the whole record; a list row only the list's fields.
pub(super) fn find<'a, R: Listed>(
    whole: Option<&'a R>,
    rows: &'a [R::Row],
    id: u64,
) -> Option<Cow<'a, R>> {
    match whole.filter(|record| record.id() == id) {
        Some(record) => Some(Cow::Borrowed(record)),
        None => rows
            .iter()
            .find(|row| R::row_id(row) == id)
            .map(|row| Cow::Owned(R::from_row(row))),
    }
}

/// Shows `record` wherever it is listed (`rows`) or open (`whole`); `keep` carries over
/// from the open record as it was what `record` (a write answer) lacks.
pub(super) fn show<R: Listed>(
    rows: &mut [R::Row],
    whole: Option<&mut R>,
    record: &R,
    keep: impl FnOnce(&mut R, R),
) {
    if let Some(row) = rows.iter_mut().find(|row| R::row_id(row) == record.id()) {
        *row = R::Row::from(record);
    }
    if let Some(open) = whole.filter(|open| open.id() == record.id()) {
        let before = std::mem::replace(open, record.clone());
        keep(open, before);
    }
}

/// [`Listed`] for `$record`, listed as `$row`s that `$whole` turns back into one.
macro_rules! listed {
    ($record:ty, $row:ty, $whole:ident) => {
        impl Listed for $record {
            type Row = $row;
            fn id(&self) -> u64 {
                self.id
            }
            fn row_id(row: &$row) -> u64 {
                row.id
            }
            fn from_row(row: &$row) -> $record {
                row.$whole()
            }
        }
    };
}
listed!(Customer, CustomerRow, to_customer);
listed!(Product, ProductRow, to_product);
