//! Small helpers for the words the app shows.

/// `1 product`, `3 products`.
pub fn counted(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// `#2002 Oak Board (OAK-1)`, or without the brackets when there is no SKU.
pub fn labelled(id: u64, name: &str, sku: &str) -> String {
    if sku.trim().is_empty() {
        format!("#{id} {name}")
    } else {
        format!("#{id} {name} ({sku})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_or_many() {
        assert_eq!(counted(1, "product", "products"), "1 product");
        assert_eq!(counted(0, "product", "products"), "0 products");
        assert_eq!(
            counted(25, "subcategory", "subcategories"),
            "25 subcategories"
        );
        assert_eq!(labelled(2002, "Temp", ""), "#2002 Temp");
        assert_eq!(labelled(7, "Mug", "M-1"), "#7 Mug (M-1)");
    }
}
