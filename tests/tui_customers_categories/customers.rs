//! Customers: create (valid and 422), inline edit, $EDITOR, delete, marks, read-only.

use crossterm::event::{KeyCode, KeyModifiers};

use bctui::api::query::CustomerQuery;
use bctui::app::edit::Overlay;

use crate::Harness;

async fn customer_by_email(h: &Harness, email: &str) -> Option<bctui::api::models::Customer> {
    let query = CustomerQuery {
        email_in: vec![email.to_string()],
        ..CustomerQuery::default()
    };
    h.api
        .list_customers(&query)
        .await
        .expect("customers load")
        .items
        .into_iter()
        .next()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_valid_then_a_duplicate_email_lands_on_its_field() {
    let mut h = Harness::start(false).await;
    h.open_customers().await;
    h.press(KeyCode::Char('c'));
    h.wait_overlay().await;
    insta::assert_snapshot!("customer_create_form", h.body());
    for (text, tab) in [
        ("new@example.com", true),
        ("Ada", true),
        ("Lovelace", true),
        ("Engines Ltd", true),
        ("555-0100", true),
        ("", true),
        ("12 Analytical Way", true),
        ("London", true),
        ("N1", true),
        ("gb", false),
    ] {
        h.type_text(text);
        if tab {
            h.press(KeyCode::Tab);
        }
    }
    h.press(KeyCode::Enter);
    h.wait_toast("Created customer").await;
    let saved = customer_by_email(&h, "new@example.com")
        .await
        .expect("created");
    assert_eq!(
        (saved.first_name.as_str(), saved.last_name.as_str()),
        ("Ada", "Lovelace")
    );
    assert_eq!(saved.company, "Engines Ltd");
    assert_eq!(h.state().customers.list.rows[0].id, saved.id);
    let full = h.api.get_customer(saved.id).await.unwrap();
    assert_eq!(full.addresses.len(), 1, "the first address was sent");
    assert_eq!(full.addresses[0].country_code, "GB");

    // Same email again: the API's 422 lands on the email field.
    h.press(KeyCode::Char('c'));
    h.wait_overlay().await;
    for text in ["new@example.com", "Ada", "Again"] {
        h.type_text(text);
        h.press(KeyCode::Tab);
    }
    h.press(KeyCode::Enter);
    h.wait_toast("Not created").await;
    let Some(Overlay::Form(form)) = &h.state().edit.overlay else {
        panic!("the form comes back");
    };
    let email = form.get("email").unwrap();
    assert!(
        email
            .error
            .as_deref()
            .unwrap_or("")
            .contains("already in use"),
        "{:?}",
        email.error
    );
    insta::assert_snapshot!("customer_create_422", h.body());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_edit_sends_only_the_field() {
    let mut h = Harness::start(false).await;
    h.open_customers().await;
    let first = h.state().customers.list.rows[0].clone();
    // Name → Email → Company.
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('e'));
    h.wait_overlay().await;
    h.type_text("Acme Widgets");
    h.wait_for("typed", |s| {
        matches!(&s.edit.overlay, Some(Overlay::CustomerCell(e)) if e.editor.input.value() == "Acme Widgets")
    })
    .await;
    insta::assert_snapshot!("customer_inline_company", h.body());
    h.press(KeyCode::Enter);
    h.wait_toast("Saved").await;
    let saved = h.api.get_customer(first.id).await.unwrap();
    assert_eq!(saved.company, "Acme Widgets");
    assert_eq!(saved.email, *first.email);
    assert_eq!(
        h.state().customers.list.rows[0].company,
        "Acme Widgets".into()
    );
    assert_eq!(saved.first_name, *first.first_name);
    assert_eq!(saved.phone, *first.phone);
    let writes = h.writes();
    assert_eq!(writes, ["PUT /stores/fakestore/v3/customers 200"]);
    let log = h.state().edit.log.lines().join("\n");
    // Named by the column titles the list shows.
    assert!(log.contains("Company") && !log.contains("Email"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn external_edit_sends_what_changed() {
    let script = crate::common::use_editor_script(
        "cust-editor",
        "#!/bin/sh\ncp \"$1\" \"$(dirname \"$0\")/offered.json\"\nsed -i 's/\"phone\": \"[^\"]*\"/\"phone\": \"+44 20 7946 0000\"/' \"$1\"\n",
    );
    let offered = script.with_file_name("offered.json");
    let mut h = Harness::start(false).await;
    h.open_customers().await;
    let first = h.state().customers.list.rows[0].clone();
    // A field the list's rows do not hold: the editor offers it as the store has it.
    let exempt = bctui::api::models::CustomerWrite {
        id: Some(first.id),
        tax_exempt_category: Some("B".into()),
        ..Default::default()
    };
    h.api.update_customers(&[exempt]).await.expect("set up");
    h.edit_with_editor().await;
    h.wait_toast("Saved").await;
    let offered = std::fs::read_to_string(&offered).unwrap();
    assert!(
        offered.contains(r#""tax_exempt_category": "B""#),
        "{offered}"
    );
    let saved = h.api.get_customer(first.id).await.unwrap();
    assert_eq!(saved.phone, "+44 20 7946 0000");
    assert_eq!(saved.first_name, *first.first_name);
    assert_eq!(saved.email, *first.email);
    assert_eq!(saved.tax_exempt_category, "B");
    // The set-up's write, then the editor's.
    assert_eq!(h.writes(), ["PUT /stores/fakestore/v3/customers 200"; 2]);
    let log = h.state().edit.log.lines().join("\n");
    assert!(
        log.contains("Phone") && !log.contains("First name") && !log.contains("Tax"),
        "{log}"
    );

    // An unknown field is not dropped silently: the editor is offered again.
    std::fs::write(
        &script,
        "#!/bin/sh\nsed -i 's/^{/{\"nickname\": \"Ace\",/' \"$1\"\n",
    )
    .unwrap();
    h.edit_with_editor().await;
    h.wait_overlay().await;
    assert!(h.screen().contains("nickname"), "{}", h.screen());
    h.press(KeyCode::Char('n'));
    h.wait_toast("Cancelled").await;
    assert_eq!(h.writes().len(), 2, "nothing more sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_cancelled_then_confirmed_then_marked() {
    let mut h = Harness::start(false).await;
    h.open_customers().await;
    let first = h.state().customers.list.rows[0].clone();
    h.press(KeyCode::Char('x'));
    h.wait_overlay().await;
    let screen = h.screen();
    assert!(screen.contains(&*first.email), "{screen}");
    assert!(screen.contains("Orders:"), "{screen}");
    insta::assert_snapshot!("customer_delete_dialog", h.body());
    h.press(KeyCode::Char('n'));
    h.wait_toast("Cancelled").await;
    assert!(h.writes().is_empty());

    h.press(KeyCode::Char('x'));
    h.wait_overlay().await;
    h.press(KeyCode::Char('y'));
    h.wait_toast("Deleted customer").await;
    assert!(h.api.get_customer(first.id).await.is_err(), "gone");
    assert!(
        h.state()
            .customers
            .list
            .rows
            .iter()
            .all(|c| c.id != first.id)
    );

    // Two marked rows go in one request with id:in.
    let rows = h.state().customers.list.rows.clone();
    h.press(KeyCode::Char(' '));
    h.press(KeyCode::Char(' '));
    h.wait_for("two marks", |s| s.customers.marked.len() == 2)
        .await;
    h.press(KeyCode::Char('x'));
    h.wait_overlay().await;
    assert!(h.screen().contains("Delete 2 customers?"), "{}", h.screen());
    h.press(KeyCode::Char('y'));
    h.wait_toast("Deleted 2 customers").await;
    for c in &rows[..2] {
        assert!(h.api.get_customer(c.id).await.is_err());
    }
    let deletes: Vec<String> = h
        .store
        .requests()
        .into_iter()
        .filter(|r| r.method == "DELETE")
        .map(|r| r.path)
        .collect();
    assert_eq!(deletes.len(), 2, "{deletes:?}");
    assert!(
        deletes
            .iter()
            .all(|p| p.contains("id:in") || p.contains("id%3Ain"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_only_refuses_customer_writes() {
    let mut h = Harness::start(true).await;
    h.open_customers().await;
    h.assert_refused_read_only(&[
        ('c', "c (create)"),
        ('e', "e (edit field)"),
        ('E', "E (edit in $EDITOR)"),
        ('x', "x (delete)"),
    ])
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn detail_edit_and_orders_of_the_customer() {
    let mut h = Harness::start(false).await;
    h.open_customers().await;
    // Groups show by name, as the API names them.
    let groups = h.api.customer_groups().await.expect("groups load");
    assert_eq!(h.state().customers.groups, groups);
    let grouped = h
        .state()
        .customers
        .list
        .rows
        .iter()
        .find(|c| c.customer_group_id != 0)
        .cloned()
        .expect("a customer in a group");
    let name = &groups
        .iter()
        .find(|g| g.id == grouped.customer_group_id)
        .expect("its group is listed")
        .name;
    let screen = h.screen();
    let line = screen
        .lines()
        .find(|l| l.contains(&*grouped.email))
        .unwrap_or_default();
    assert!(line.contains(name.as_str()), "{line}");

    let first = h.state().customers.list.rows[0].clone();
    h.open_customer_row(0).await;
    let screen = h.screen();
    assert!(
        screen.contains("Store credit") && screen.contains("Addresses"),
        "{screen}"
    );
    // Name → Email → Company → Phone → Group: a choice among the groups.
    for _ in 0..4 {
        h.press(KeyCode::Char('l'));
    }
    h.press(KeyCode::Char('e'));
    h.wait_overlay().await;
    let Some(Overlay::CustomerCell(cell)) = &h.state().edit.overlay else {
        panic!("the group picker");
    };
    let bctui::app::edit::FieldKind::Choice(options) = &cell.editor.kind else {
        panic!("the group is picked from a list");
    };
    let mut expected = vec!["none".to_string()];
    expected.extend(groups.iter().map(|g| g.name.clone()));
    assert_eq!(options, &expected);
    let staff = groups
        .iter()
        .position(|g| g.name == "Staff")
        .expect("Staff")
        + 1;
    let now = options
        .iter()
        .position(|o| {
            groups
                .iter()
                .find(|g| g.id == first.customer_group_id)
                .map_or("none", |g| g.name.as_str())
                == o
        })
        .expect("the current group is an option");
    for _ in 0..(staff + options.len() - now) % options.len() {
        h.press(KeyCode::Char(' '));
    }
    h.wait_for(
        "Staff picked",
        |s| matches!(&s.edit.overlay, Some(Overlay::CustomerCell(e)) if e.editor.choice == staff),
    )
    .await;
    assert!(h.writes().is_empty(), "nothing is sent before Enter");
    h.press(KeyCode::Enter);
    // Said as the Group column says it: names, `-` for none.
    let was = groups
        .iter()
        .find(|g| g.id == first.customer_group_id)
        .map_or("-", |g| g.name.as_str());
    h.wait_toast(&format!("Group {was} → Staff")).await;
    let saved = h.api.get_customer(first.id).await.unwrap();
    assert_eq!(saved.customer_group_id, 3);
    assert_eq!(
        h.state()
            .customers
            .detail
            .as_ref()
            .and_then(|d| d.data.as_ref())
            .map(|d| d.customer.customer_group_id),
        Some(3)
    );
    let screen = h.screen();
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Group") && l.contains("Staff")),
        "{screen}"
    );

    h.press(KeyCode::Char('o'));
    h.wait_for("the customer's orders", |s| {
        s.tab == bctui::app::Tab::Orders
            && s.orders.list.load == bctui::app::list::LoadState::Loaded
    })
    .await;
    assert_eq!(
        h.state().orders.filter,
        Some(bctui::app::panes::OrderFilter::Customer(first.id))
    );
    let rows = &h.state().orders.list.rows;
    assert!(
        !rows.is_empty(),
        "every order of the customer, not only those needing action"
    );
    assert!(rows.iter().all(|o| o.customer_id == first.id));
    let by_customer = format!("customer_id={}", first.id);
    assert!(
        h.store
            .requests()
            .iter()
            .any(|r| r.path.contains("/v2/orders?") && r.path.contains(&by_customer)),
        "the orders were asked for by customer id"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_inline_edit_reverts_with_the_api_message() {
    let mut h = Harness::start(false).await;
    h.open_customers().await;
    let rows = h.state().customers.list.rows.clone();
    let (first, taken) = (rows[0].clone(), rows[1].email.clone());
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('e'));
    h.wait_overlay().await;
    // Text opens with the current value and the cursor at its end: typing adds to it.
    h.wait_for("the current email", |s| {
        matches!(&s.edit.overlay, Some(Overlay::CustomerCell(e)) if e.editor.input.value() == &*first.email)
    })
    .await;
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_text("no-at-sign");
    h.press(KeyCode::Enter);
    h.wait_for(
        "the refusal",
        |s| matches!(&s.edit.overlay, Some(Overlay::CustomerCell(e)) if e.editor.error.is_some()),
    )
    .await;
    assert!(h.writes().is_empty(), "an email without @ sends nothing");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('e'));
    h.wait_overlay().await;
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_text(&taken);
    h.press(KeyCode::Enter);
    h.wait_toast("Not saved").await;
    let toast = h.state().toasts.last().unwrap().text.clone();
    assert!(toast.contains("already in use"), "{toast}");
    assert_eq!(
        h.state().customers.list.rows[0].email,
        first.email,
        "reverted"
    );
    let saved = h.api.get_customer(first.id).await.unwrap();
    assert_eq!(saved.email, *first.email);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_over_a_colleagues_change_is_not_sent() {
    let mut h = Harness::start(false).await;
    h.open_customers().await;
    let first = h.state().customers.list.rows[0].clone();
    // A colleague changes the company after the list loaded.
    let theirs = bctui::api::models::CustomerWrite {
        id: Some(first.id),
        company: Some("Theirs Ltd".into()),
        ..Default::default()
    };
    h.api
        .update_customers(&[theirs])
        .await
        .expect("their change");
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('l'));
    h.press(KeyCode::Char('e'));
    h.wait_overlay().await;
    h.type_text("Ours Inc");
    h.press(KeyCode::Enter);
    h.wait_refused_as_changed().await;
    let toast = h
        .state()
        .toasts
        .last()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(toast.contains("company is Theirs Ltd"), "{toast}");
    let saved = h.api.get_customer(first.id).await.unwrap();
    assert_eq!(saved.company, "Theirs Ltd", "theirs is kept");
    assert_eq!(h.writes().len(), 1, "only their write: {:?}", h.writes());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_detail_counts_the_customers_orders_and_what_they_spent() {
    let mut h = Harness::start(true).await;
    h.open_customers().await;
    let rows = h.state().customers.list.rows.clone();
    let mut found = None;
    for (index, customer) in rows.iter().enumerate() {
        let query = bctui::api::query::OrderQuery {
            customer_id: Some(customer.id),
            ..Default::default()
        };
        let orders = h.api.all_orders(&query, |_| {}).await.unwrap();
        if !orders.is_empty() {
            found = Some((index, orders));
            break;
        }
    }
    let (index, orders) = found.expect("a customer with orders");
    // Worked out here from the API: totals less refunds, cancelled and declined left out.
    let mut spent = rust_decimal::Decimal::ZERO;
    for order in orders
        .iter()
        .filter(|o| o.status_id != 5 && o.status_id != 6)
    {
        spent += order.total_inc_tax - order.refunded_amount;
    }
    h.open_customer_row(index).await;
    let detail = h.state().customers.detail.as_ref().unwrap();
    let totals = detail
        .data
        .as_ref()
        .unwrap()
        .totals
        .clone()
        .expect("totals");
    assert_eq!(totals.orders, orders.len());
    let currency = orders[0].currency_code.clone();
    assert_eq!(totals.spent, [(currency, spent)]);
    let screen = h.screen();
    // A field line reads `  Label   value`; thousands separators left out.
    let value = |label: &str| {
        screen
            .lines()
            .map(|l| l.trim_matches('"'))
            .find_map(|l| l.strip_prefix(&format!("  {label} ")))
            .unwrap_or_default()
            .replace(',', "")
            .trim()
            .to_string()
    };
    assert_eq!(value("Orders"), orders.len().to_string(), "{screen}");
    let amount = format!("{:.2}", spent.round_dp(2));
    assert!(
        value("Total spent").starts_with(&amount),
        "{amount}\n{screen}"
    );
}
