//! Word lists for seeding, compiled in from `assets/fakestore/`.

/// The lines of `text` cut in three at `|`; a line with fewer parts is skipped.
fn triples(text: &'static str) -> impl Iterator<Item = [&'static str; 3]> {
    lines(text).into_iter().filter_map(|l| {
        let mut parts = l.split('|');
        Some([parts.next()?, parts.next()?, parts.next()?])
    })
}

fn lines(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect()
}

/// A product noun with its SKU code and catalog group (e.g. `Jacket|JKT|Apparel`).
pub(crate) struct Noun {
    pub name: &'static str,
    pub code: &'static str,
    pub group: &'static str,
}

/// A city with its state and the first three digits of its ZIP codes.
pub(crate) struct City {
    pub name: &'static str,
    pub state: &'static str,
    pub zip_prefix: &'static str,
}

pub(crate) struct Words {
    pub adjectives: Vec<&'static str>,
    pub materials: Vec<&'static str>,
    pub nouns: Vec<Noun>,
    pub first_names: Vec<&'static str>,
    pub last_names: Vec<&'static str>,
    pub companies: Vec<&'static str>,
    pub streets: Vec<&'static str>,
    pub cities: Vec<City>,
    /// Category tree lines: (level, name), level from indentation (two spaces a level).
    pub categories: Vec<(usize, &'static str)>,
}

impl Words {
    pub(crate) fn load() -> Words {
        let nouns = triples(include_str!("../../assets/fakestore/nouns.txt"))
            .map(|[name, code, group]| Noun { name, code, group })
            .collect();
        let cities = triples(include_str!("../../assets/fakestore/cities.txt"))
            .map(|[name, state, zip_prefix]| City {
                name,
                state,
                zip_prefix,
            })
            .collect();
        let categories = lines(include_str!("../../assets/fakestore/categories.txt"))
            .into_iter()
            .map(|l| {
                let name = l.trim_start();
                ((l.len() - name.len()) / 2, name)
            })
            .collect();
        Words {
            adjectives: lines(include_str!("../../assets/fakestore/adjectives.txt")),
            materials: lines(include_str!("../../assets/fakestore/materials.txt")),
            nouns,
            first_names: lines(include_str!("../../assets/fakestore/first_names.txt")),
            last_names: lines(include_str!("../../assets/fakestore/last_names.txt")),
            companies: lines(include_str!("../../assets/fakestore/companies.txt")),
            streets: lines(include_str!("../../assets/fakestore/streets.txt")),
            cities,
            categories,
        }
    }
}

/// Country name for an ISO-3166 alpha-2 code (a short table; unknown codes echo the code).
pub(crate) fn country_name(code: &str) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("US", "United States"),
        ("CA", "Canada"),
        ("GB", "United Kingdom"),
        ("AU", "Australia"),
        ("NZ", "New Zealand"),
        ("IE", "Ireland"),
        ("DE", "Germany"),
        ("FR", "France"),
        ("NL", "Netherlands"),
        ("ES", "Spain"),
        ("IT", "Italy"),
        ("SE", "Sweden"),
        ("NO", "Norway"),
        ("DK", "Denmark"),
        ("MX", "Mexico"),
        ("JP", "Japan"),
    ];
    let upper = code.to_ascii_uppercase();
    NAMES
        .iter()
        .find(|(c, _)| *c == upper)
        .map(|(_, n)| n.to_string())
        .unwrap_or(upper)
}

/// A URL slug: lowercase ASCII words joined by dashes.
pub(crate) fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        let w = Words::load();
        assert!(w.adjectives.len() >= 40 && w.nouns.len() >= 40 && w.cities.len() >= 30);
        assert_eq!(w.categories[0], (0, "Shop All"));
        assert_eq!(slug("Jackets & Coats"), "jackets-coats");
    }
}
