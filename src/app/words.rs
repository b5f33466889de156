//! Small helpers for the words the app shows.

/// `1 product`, `3 products`.
pub fn counted(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// `one` or `many` by `count`, for numbers written some other way (`1,250 orders`).
pub fn noun<'a>(count: u64, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}

/// `#2002 Oak Board (OAK-1)`, or without the brackets when there is no SKU.
pub fn labelled(id: u64, name: &str, sku: &str) -> String {
    if sku.trim().is_empty() {
        format!("#{id} {name}")
    } else {
        format!("#{id} {name} ({sku})")
    }
}

/// The city line of an address in the country's usual order: `Nashville, Tennessee
/// 37240` in the US, Canada and Australia, `London` then `N1 9GU` on its own line in
/// the UK and Ireland, `75001 Paris` in most of Europe and elsewhere.
pub fn city_line(city: &str, state: &str, zip: &str, country_iso2: &str) -> String {
    let (city, state, zip) = (city.trim(), state.trim(), zip.trim());
    let join = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    match country_iso2.trim().to_ascii_uppercase().as_str() {
        "US" | "CA" | "AU" => {
            let region = join(&[state, zip]);
            match (city.is_empty(), region.is_empty()) {
                (false, false) => format!("{city}, {region}"),
                _ => join(&[city, &region]),
            }
        }
        // The postcode on a line of its own, under the town (and county).
        "GB" | "IE" => [join(&[city, state]), zip.to_string()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => join(&[zip, city, state]),
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
        assert_eq!(noun(1, "order", "orders"), "order");
        assert_eq!(noun(0, "order", "orders"), "orders");
        assert_eq!(labelled(2002, "Temp", ""), "#2002 Temp");
        assert_eq!(labelled(7, "Mug", "M-1"), "#7 Mug (M-1)");
        assert_eq!(
            city_line("Nashville", "Tennessee", "37240", "US"),
            "Nashville, Tennessee 37240"
        );
        assert_eq!(city_line("London", "", "N1 9GU", "gb"), "London\nN1 9GU");
        assert_eq!(city_line("Sydney", "NSW", "2000", "AU"), "Sydney, NSW 2000");
        assert_eq!(city_line("Paris", "", "75001", "FR"), "75001 Paris");
        assert_eq!(city_line("", "", "", "US"), "");
    }
}
