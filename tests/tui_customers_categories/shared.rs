//! The product create form is the same `Form` as the customer and category ones.

use crossterm::event::KeyCode;

use bctui::app::edit::Overlay;

use crate::Harness;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn product_create_uses_the_shared_form() {
    let mut h = Harness::start(false).await;
    h.press(KeyCode::Char('c'));
    h.wait_overlay().await;
    let Some(Overlay::Create(form)) = &h.state().edit.overlay else {
        panic!("the product form opens");
    };
    assert_eq!(
        form.purpose,
        bctui::app::edit::form::FormPurpose::CreateProduct
    );
    // Enter with an empty name: refused on the field, nothing sent.
    h.press(KeyCode::Enter);
    h.wait_for(
        "the refusal",
        |s| matches!(&s.edit.overlay, Some(Overlay::Create(f)) if f.fields[0].error.is_some()),
    )
    .await;
    assert!(h.writes().is_empty());
    insta::assert_snapshot!("product_create_form_refused", h.body());
}
