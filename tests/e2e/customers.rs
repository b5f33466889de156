//! Customers (V3) end to end: list, get via id:in, create, update, delete.

use bctui::api::{CustomerQuery, CustomerWrite};

use crate::spec::assert_all_requests_in_spec;
use crate::support::{self, served};

fn new_customer(n: usize) -> CustomerWrite {
    CustomerWrite {
        email: Some(format!("new.customer{n}@example.net")),
        first_name: Some("New".into()),
        last_name: Some(format!("Customer{n}")),
        ..CustomerWrite::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_search_and_get_one_via_id_in() {
    let (store, client) = support::small_store().await;
    let page = client
        .list_customers(&CustomerQuery {
            include: vec!["addresses".into()],
            limit: Some(50),
            ..CustomerQuery::default()
        })
        .await
        .expect("customers");
    assert_eq!(page.items.len(), 50);
    assert_eq!(page.pagination.as_ref().map(|p| p.total), Some(120));
    assert!(page.items.iter().any(|c| !c.addresses.is_empty()));

    let first = &page.items[0];
    let one = client.get_customer(first.id).await.expect("one customer");
    assert_eq!(one.email, first.email);
    assert_eq!(served(&store, "GET", "/v3/customers?id:in="), 1);

    let by_email = client
        .list_customers(&CustomerQuery {
            email_in: vec![first.email.clone()],
            ..CustomerQuery::default()
        })
        .await
        .expect("by email");
    assert_eq!(by_email.items.len(), 1);
    let by_name = client
        .list_customers(&CustomerQuery {
            name_like: Some(first.last_name.clone()),
            ..CustomerQuery::default()
        })
        .await
        .expect("by name");
    assert!(by_name.items.iter().any(|c| c.id == first.id));

    let err = client.get_customer(999_999).await.expect_err("none");
    assert!(err.is_not_found(), "{err}");
    let addresses = client
        .list_customer_addresses(&bctui::api::AddressQuery {
            customer_id_in: vec![first.id],
            ..bctui::api::AddressQuery::default()
        })
        .await
        .expect("addresses");
    assert!(addresses.items.iter().all(|a| a.customer_id == first.id));
    assert_all_requests_in_spec(&store);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_update_delete_with_array_bodies() {
    let (store, client) = support::small_store().await;
    let batch: Vec<CustomerWrite> = (0..13).map(new_customer).collect();
    let created = client.create_customers(&batch).await.expect("created");
    assert_eq!(created.len(), 13);
    assert_eq!(served(&store, "POST", "/v3/customers"), 2, "10 + 3");

    let err = client
        .create_customers(&[new_customer(0)])
        .await
        .expect_err("duplicate email");
    assert_eq!(err.status(), Some(422), "{err}");

    let updated = client
        .update_customers(&[CustomerWrite {
            id: Some(created[0].id),
            company: Some("Acme Ltd".into()),
            ..CustomerWrite::default()
        }])
        .await
        .expect("updated");
    assert_eq!(updated[0].company, "Acme Ltd");
    assert_eq!(updated[0].email, created[0].email);

    let before = store.requests().len();
    assert!(
        client.delete_customers(&[]).await.is_err(),
        "empty id list refused"
    );
    assert_eq!(store.requests().len(), before, "and nothing was sent");

    let ids: Vec<u64> = created.iter().map(|c| c.id).collect();
    client.delete_customers(&ids).await.expect("deleted");
    let left = client
        .list_customers(&CustomerQuery {
            id_in: ids,
            ..CustomerQuery::default()
        })
        .await
        .expect("list");
    assert!(left.items.is_empty());
    assert_all_requests_in_spec(&store);
}
