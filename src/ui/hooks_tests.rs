//! Snapshots of the Webhooks tab (list, filtered list, detail with masked headers,
//! the new-webhook form with refusals, the delete confirmation) at 100x30 and 80x24,
//! from fixed hooks with fixed timestamps.

use std::collections::BTreeMap;

use super::tests::{base_state, render};
use crate::api::models::Hook;
use crate::app::edit::{EditIntent, Overlay};
use crate::app::hooks::HookFilter;
use crate::app::{AppState, Tab};

const SIZES: [(u16, u16); 2] = [(100, 30), (80, 24)];

fn hook(id: u64, scope: &str, destination: &str, active: bool) -> Hook {
    Hook {
        id,
        scope: scope.to_string(),
        destination: destination.to_string(),
        is_active: active,
        // 2025-05-30 09:00 UTC, updated a little later per hook.
        created_at: 1_748_595_600 + id as i64 * 60,
        updated_at: 1_748_595_600 + id as i64 * 3_600,
        headers: if id == 11 {
            BTreeMap::from([
                ("Authorization".to_string(), "Bearer s3cret".to_string()),
                ("X-Hook-Secret".to_string(), "opensesame".to_string()),
            ])
        } else {
            BTreeMap::new()
        },
        ..Hook::default()
    }
}

fn loaded(size: (u16, u16)) -> AppState {
    let mut state = base_state();
    state.size = size;
    state.tab = Tab::Webhooks;
    let rows = vec![
        hook(
            11,
            "store/order/*",
            "https://erp.example.com/bigcommerce/orders",
            true,
        ),
        hook(
            12,
            "store/product/inventory/updated",
            "http://127.0.0.1:8787/",
            true,
        ),
        hook(
            13,
            "store/customer/created",
            "https://crm.example.com/hooks/customers",
            false,
        ),
    ];
    state.hooks.list.append_page(1, rows, 4, Some(3));
    state
}

fn snapshot(variant: &str, build: impl Fn((u16, u16)) -> AppState) {
    for (width, height) in SIZES {
        let state = build((width, height));
        let terminal = render(&state, width, height);
        insta::assert_snapshot!(
            format!("webhooks_{variant}_{width}x{height}"),
            terminal.backend()
        );
    }
}

#[test]
fn list_and_filter() {
    snapshot("loaded", loaded);
    snapshot("filtered", |size| {
        let mut state = loaded(size);
        state.hooks.filter = HookFilter::parse("store/order/*");
        state.hooks.list.rows.truncate(1);
        state
    });
    snapshot("empty", |size| {
        let mut state = loaded(size);
        state.hooks.list.rows.clear();
        state
    });
}

#[test]
fn detail_masks_header_values() {
    snapshot("detail", |size| {
        let mut state = loaded(size);
        state.hooks.detail = Some(11);
        state
    });
    let mut state = loaded((100, 30));
    state.hooks.detail = Some(11);
    let screen = render(&state, 100, 30).backend().to_string();
    assert!(screen.contains("X-Hook-Secret"));
    assert!(!screen.contains("opensesame") && !screen.contains("s3cret"));
}

#[test]
fn create_form_and_delete_confirm() {
    snapshot("create_refused", |size| {
        let mut state = loaded(size);
        crate::app::edit::on_intent(&mut state, EditIntent::Create);
        if let Some(Overlay::Form(form)) = state.edit.overlay.as_mut() {
            form.paste("store/order/exploded");
            form.move_focus(1);
            form.paste("http://example.com/hook");
        }
        crate::app::edit::on_intent(&mut state, EditIntent::Submit);
        state
    });
    snapshot("delete_confirm", |size| {
        let mut state = loaded(size);
        crate::app::edit::on_intent(&mut state, EditIntent::Delete);
        state
    });
}
