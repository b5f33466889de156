//! Column widths: names, SKUs and emails get the room they need before a
//! less important column is shown, at 100x30, 80x24 and 160x45.

use super::tests::{loaded_state, render};
use crate::app::Tab;

const SIZES: [(u16, u16); 3] = [(100, 30), (80, 24), (160, 45)];

/// The loaded state with an edited SKU and long emails, as a merchant's store has.
fn state(size: (u16, u16)) -> crate::app::AppState {
    let mut state = loaded_state(size);
    state.products.list.rows[3].sku = "TRS-OAK-00002-X".into();
    state.customers.list.rows[1].email = "grace.hopper@navy-research.example.com".into();
    state
}

fn screen(tab: Tab, (width, height): (u16, u16)) -> String {
    let mut state = state((width, height));
    state.tab = tab;
    render(&state, width, height).backend().to_string()
}

#[test]
fn names_skus_and_emails_are_not_cut_for_less_important_columns() {
    for size in SIZES {
        let products = screen(Tab::Products, size);
        let customers = screen(Tab::Customers, size);
        let (width, height) = size;
        insta::assert_snapshot!(format!("widths_products_{width}x{height}"), products);
        insta::assert_snapshot!(format!("widths_customers_{width}x{height}"), customers);
        assert!(products.contains("TRS-OAK-00002-X"), "{products}");
        assert!(
            products.contains("Ceramic Pour-Over Coffee Dripper"),
            "{products}"
        );
        assert!(
            customers.contains("grace.hopper@navy-research.example.com"),
            "{customers}"
        );
    }
}

#[test]
fn the_app_pages_by_the_rows_the_table_shows() {
    for (width, height) in SIZES {
        let state = state((width, height));
        let products = screen(Tab::Products, (width, height));
        let rows = products.lines().filter(|l| l.contains("SKU-0")).count()
            + products.lines().filter(|l| l.contains("TRS-OAK")).count();
        assert_eq!(rows, state.list_rows_for(Tab::Products), "{products}");
    }
}
