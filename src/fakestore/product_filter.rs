//! The product filters of `GET /v3/catalog/products` (and of its bulk DELETE): reading them
//! from the query and matching products, through their [`ProductRow`]s where those answer.

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;

use super::errors::ApiError;
use super::product_indexes::{CategoryIndex, FIELD_BREAK};
use super::product_rows::{ProductRow, TextIndex};
use super::query::Query;
use super::store::Product;

/// The indexes a list built for its filter, which [`ProductFilter::candidates`] consults.
#[derive(Default)]
pub(crate) struct Lookups<'a> {
    pub text: Option<&'a TextIndex>,
    pub categories: Option<&'a CategoryIndex>,
}

/// The product filters of `GET /catalog/products` (also used by the bulk DELETE).
#[derive(Default, PartialEq)]
pub(crate) struct ProductFilter {
    id: Option<i64>,
    id_in: Option<Vec<i64>>,
    id_not_in: Option<Vec<i64>>,
    id_min: Option<i64>,
    id_max: Option<i64>,
    id_greater: Option<i64>,
    id_less: Option<i64>,
    name: Option<String>,
    sku: Option<String>,
    sku_in: Option<Vec<String>>,
    keyword: Option<String>,
    category: Option<i64>,
    categories_in: Option<Vec<i64>>,
    is_visible: Option<bool>,
    is_featured: Option<bool>,
    is_free_shipping: Option<bool>,
    availability: Option<String>,
    kind: Option<String>,
    condition: Option<String>,
    brand_id: Option<i64>,
    price: Option<Decimal>,
    inventory_level: Option<i64>,
    inventory_in: Option<Vec<i64>>,
    inventory_min: Option<i64>,
    inventory_max: Option<i64>,
    inventory_greater: Option<i64>,
    inventory_less: Option<i64>,
    out_of_stock: Option<bool>,
    inventory_low: Option<bool>,
    total_sold: Option<i64>,
    modified_min: Option<chrono::DateTime<chrono::Utc>>,
    modified_max: Option<chrono::DateTime<chrono::Utc>>,
    /// Whether any filter was given (a bulk DELETE needs one).
    pub any: bool,
}

fn lower_list(v: Option<Vec<String>>) -> Option<Vec<String>> {
    v.map(|l| l.into_iter().map(|s| s.to_lowercase()).collect())
}

impl ProductFilter {
    pub(crate) fn from_query(q: &Query) -> Result<ProductFilter, ApiError> {
        let price =
            match q.get("price") {
                None => None,
                Some(v) => Some(v.trim().parse::<Decimal>().map_err(|_| {
                    ApiError::invalid("price", "The filter 'price' must be a number.")
                })?),
            };
        let f = ProductFilter {
            id: q.int("id")?,
            id_in: q.int_list("id:in")?,
            id_not_in: q.int_list("id:not_in")?,
            id_min: q.int("id:min")?,
            id_max: q.int("id:max")?,
            id_greater: q.int("id:greater")?,
            id_less: q.int("id:less")?,
            name: q.get("name").map(str::to_lowercase),
            sku: q.get("sku").map(str::to_lowercase),
            sku_in: lower_list(q.list("sku:in")),
            keyword: q
                .get("keyword")
                .map(|k| k.trim().to_lowercase())
                .filter(|k| !k.is_empty()),
            category: q.int("categories")?,
            categories_in: q.int_list("categories:in")?,
            is_visible: q.bool("is_visible")?,
            is_featured: q.bool("is_featured")?,
            is_free_shipping: q.bool("is_free_shipping")?,
            availability: q.one_of("availability", &["available", "disabled", "preorder"])?,
            kind: q.one_of("type", &["physical", "digital"])?,
            condition: q.one_of("condition", &["new", "used", "refurbished"])?,
            brand_id: q.int("brand_id")?,
            price,
            inventory_level: q.int("inventory_level")?,
            inventory_in: q.int_list("inventory_level:in")?,
            inventory_min: q.int("inventory_level:min")?,
            inventory_max: q.int("inventory_level:max")?,
            inventory_greater: q.int("inventory_level:greater")?,
            inventory_less: q.int("inventory_level:less")?,
            out_of_stock: q.bool("out_of_stock")?,
            inventory_low: q.bool("inventory_low")?,
            total_sold: q.int("total_sold")?,
            modified_min: q.date("date_modified:min")?,
            modified_max: q.date("date_modified:max")?,
            any: false,
        };
        let any = q.has_any(&[
            "id",
            "id:in",
            "id:not_in",
            "id:min",
            "id:max",
            "id:greater",
            "id:less",
            "name",
            "sku",
            "sku:in",
            "keyword",
            "categories",
            "categories:in",
            "is_visible",
            "is_featured",
            "is_free_shipping",
            "availability",
            "type",
            "condition",
            "brand_id",
            "price",
            "inventory_level",
            "inventory_level:in",
            "inventory_level:min",
            "inventory_level:max",
            "inventory_level:greater",
            "inventory_level:less",
            "out_of_stock",
            "inventory_low",
            "total_sold",
            "date_modified:min",
            "date_modified:max",
        ]);
        Ok(ProductFilter { any, ..f })
    }

    /// Whether only the id filters that [`ProductFilter::candidates`] applies are set: then the
    /// candidates are the matches, and counting them touches no product.
    pub(crate) fn ids_only(&self) -> bool {
        let ids = ProductFilter {
            id: self.id,
            id_in: self.id_in.clone(),
            id_min: self.id_min,
            id_max: self.id_max,
            id_greater: self.id_greater,
            id_less: self.id_less,
            any: self.any,
            ..ProductFilter::default()
        };
        *self == ids
    }

    /// The filters of this one that [`ProductRow`]s answer (with the id filters).
    fn row_part(&self) -> ProductFilter {
        ProductFilter {
            id: self.id,
            id_in: self.id_in.clone(),
            id_not_in: self.id_not_in.clone(),
            id_min: self.id_min,
            id_max: self.id_max,
            id_greater: self.id_greater,
            id_less: self.id_less,
            is_visible: self.is_visible,
            is_featured: self.is_featured,
            is_free_shipping: self.is_free_shipping,
            availability: self.availability.clone(),
            kind: self.kind.clone(),
            brand_id: self.brand_id,
            inventory_level: self.inventory_level,
            inventory_in: self.inventory_in.clone(),
            inventory_min: self.inventory_min,
            inventory_max: self.inventory_max,
            inventory_greater: self.inventory_greater,
            inventory_less: self.inventory_less,
            out_of_stock: self.out_of_stock,
            total_sold: self.total_sold,
            any: self.any,
            ..ProductFilter::default()
        }
    }

    /// Whether only filters that [`ProductRow`]s and the keyword haystacks answer are set (a
    /// keyword holding [`FIELD_BREAK`] could match across two fields of a haystack).
    pub(crate) fn rows_and_keywords_decide(&self) -> bool {
        let keyword = self.keyword.clone().filter(|k| !k.contains(FIELD_BREAK));
        *self
            == ProductFilter {
                keyword,
                ..self.row_part()
            }
    }

    /// The keyword filter, tested on a product's haystack from [`product_keywords`].
    ///
    /// [`product_keywords`]: super::product_indexes::product_keywords
    pub(crate) fn matches_keywords(&self, haystack: &str) -> bool {
        self.keyword
            .as_ref()
            .is_none_or(|k| haystack.contains(k.as_str()))
    }

    /// Whether a keyword filter is set.
    pub(crate) fn by_keyword(&self) -> bool {
        self.keyword.is_some()
    }

    /// Whether a category filter is set, so that a [`CategoryIndex`] can list the products
    /// worth testing.
    pub(crate) fn by_category(&self) -> bool {
        self.category.is_some() || self.categories_in.as_ref().is_some_and(|l| !l.is_empty())
    }

    /// Whether [`ProductFilter::candidates`] lists the products worth testing rather than
    /// walking an id range.
    pub(crate) fn lists_candidates(&self, found: &Lookups) -> bool {
        self.id.is_some()
            || self.id_in.is_some()
            || (found.text.is_some() && self.by_text())
            || (found.categories.is_some() && self.by_category())
    }

    /// The products the category filters allow, from `index` (a superset of the matches).
    fn category_ids(&self, index: &CategoryIndex) -> Option<Vec<i64>> {
        let ids = if let Some(category) = self.category {
            index.in_category(category)
        } else {
            // In all the listed categories: those in the smallest of them are worth testing.
            let listed = self.categories_in.as_ref()?;
            listed
                .iter()
                .map(|c| index.in_category(*c))
                .min_by_key(|ids| ids.len())?
        };
        Some(
            ids.iter()
                .filter_map(|id| i64::try_from(*id).ok())
                .collect(),
        )
    }

    /// The filters a [`ProductRow`] answers (all of them but the keyword for a filter that
    /// [`ProductFilter::rows_and_keywords_decide`]).
    pub(crate) fn matches_row(&self, r: &ProductRow) -> bool {
        let id = r.id as i64;
        let inv = r.inventory_level;
        self.id.is_none_or(|x| x == id)
            && self.id_in.as_ref().is_none_or(|l| l.contains(&id))
            && self.id_not_in.as_ref().is_none_or(|l| !l.contains(&id))
            && self.id_min.is_none_or(|x| id >= x)
            && self.id_max.is_none_or(|x| id <= x)
            && self.id_greater.is_none_or(|x| id > x)
            && self.id_less.is_none_or(|x| id < x)
            && self.is_visible.is_none_or(|b| r.is_visible == b)
            && self.is_featured.is_none_or(|b| r.is_featured == b)
            && self
                .is_free_shipping
                .is_none_or(|b| r.is_free_shipping == b)
            && self
                .availability
                .as_ref()
                .is_none_or(|a| r.availability == *a)
            && self.kind.as_ref().is_none_or(|t| r.kind == *t)
            && self.brand_id.is_none_or(|b| r.brand_id as i64 == b)
            && self.inventory_level.is_none_or(|x| inv == x)
            && self.inventory_in.as_ref().is_none_or(|l| l.contains(&inv))
            && self.inventory_min.is_none_or(|x| inv >= x)
            && self.inventory_max.is_none_or(|x| inv <= x)
            && self.inventory_greater.is_none_or(|x| inv > x)
            && self.inventory_less.is_none_or(|x| inv < x)
            && self.out_of_stock.is_none_or(|b| (inv == 0) == b)
            && self.total_sold.is_none_or(|x| r.total_sold as i64 == x)
    }

    /// Whether an exact name or SKU filter is set, so that a [`TextIndex`] can list the
    /// products worth testing.
    pub(crate) fn by_text(&self) -> bool {
        self.name.is_some() || self.sku.is_some() || self.sku_in.is_some()
    }

    /// The products the name or SKU filters allow, from `text` (a superset of the matches:
    /// every candidate is still tested in full).
    fn text_ids(&self, text: &TextIndex) -> Option<Vec<i64>> {
        let ids: Vec<u64> = if let Some(name) = &self.name {
            text.named(name).to_vec()
        } else if let Some(sku) = &self.sku {
            text.with_sku(sku).to_vec()
        } else {
            let skus = self.sku_in.as_ref()?;
            skus.iter()
                .flat_map(|sku| text.with_sku(sku))
                .copied()
                .collect()
        };
        Some(
            ids.into_iter()
                .filter_map(|id| i64::try_from(id).ok())
                .collect(),
        )
    }

    /// The products worth testing with [`ProductFilter::matches`], in id order: the listed ids for
    /// `id`/`id:in`, those the indexes in `found` list for an exact name or SKU or a category,
    /// the id range the bounds allow, or the whole catalog.
    pub(crate) fn candidates<'a>(
        &self,
        products: &'a BTreeMap<u64, Box<Product>>,
        found: &Lookups,
    ) -> Box<dyn DoubleEndedIterator<Item = (u64, &'a Product)> + 'a> {
        let low = [self.id_min, self.id_greater.map(|x| x.saturating_add(1))]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(0)
            .max(0) as u64;
        let high = [self.id_max, self.id_less.map(|x| x.saturating_sub(1))]
            .into_iter()
            .flatten()
            .min();
        if high.is_some_and(|h| h < 0 || (h as u64) < low) {
            return Box::new(std::iter::empty());
        }
        let high = high.map_or(u64::MAX, |h| h as u64);
        let listed = match (self.id, &self.id_in) {
            (Some(id), Some(ids)) => Some(ids.iter().copied().filter(|x| *x == id).collect()),
            (Some(id), None) => Some(vec![id]),
            (None, Some(ids)) => Some(ids.clone()),
            (None, None) => None,
        };
        let indexed = [
            found.text.and_then(|text| self.text_ids(text)),
            found.categories.and_then(|index| self.category_ids(index)),
        ];
        let listed = indexed
            .into_iter()
            .fold(listed, |listed, more| match (listed, more) {
                (Some(ids), Some(more)) => {
                    let more: HashSet<i64> = more.into_iter().collect();
                    Some(ids.into_iter().filter(|id| more.contains(id)).collect())
                }
                (ids, more) => ids.or(more),
            });
        if let Some(mut ids) = listed {
            ids.sort_unstable();
            ids.dedup();
            let found: Vec<(u64, &Product)> = ids
                .into_iter()
                .filter_map(|id| u64::try_from(id).ok())
                .filter(|id| (low..=high).contains(id))
                .filter_map(|id| products.get(&id).map(|p| (id, &**p)))
                .collect();
            return Box::new(found.into_iter());
        }
        // The id comes from the map's key: counting reads no product.
        Box::new(products.range(low..=high).map(|(id, p)| (*id, &**p)))
    }

    pub(crate) fn matches(&self, p: &Product, brands: &BTreeMap<u64, String>) -> bool {
        self.matches_row(&ProductRow::of(p))
            && self.name.as_ref().is_none_or(|n| p.name.to_lowercase() == *n)
            && self.sku.as_ref().is_none_or(|s| p.sku.to_lowercase() == *s)
            && self.sku_in.as_ref().is_none_or(|l| l.contains(&p.sku.to_lowercase()))
            && self.keyword.as_ref().is_none_or(|k| {
                p.name.to_lowercase().contains(k)
                    || p.sku.to_lowercase().contains(k)
                    || p.description.to_lowercase().contains(k)
                    || brands.get(&p.brand_id).is_some_and(|b| b.to_lowercase().contains(k))
            })
            // `categories` only returns products in exactly that one category (as documented).
            && self.category.is_none_or(|c| p.categories.len() == 1 && p.categories[0] as i64 == c)
            // `categories:in` returns products in all the listed categories (as documented).
            && self.categories_in.as_ref().is_none_or(|l| l.iter().all(|c| p.categories.iter().any(|pc| *pc as i64 == *c)))
            && self.condition.as_ref().is_none_or(|c| p.condition.to_lowercase() == *c)
            && self.price.is_none_or(|x| p.price == x)
            && self.inventory_low.is_none_or(|b| is_low_stock(p) == b)
            && self.modified_min.is_none_or(|d| p.date_modified >= d)
            && self.modified_max.is_none_or(|d| p.date_modified <= d)
    }
}

/// At or under the warning level, for a product whose stock is tracked and
/// that has a warning level.
fn is_low_stock(p: &Product) -> bool {
    p.inventory_tracking != "none"
        && p.inventory_warning_level > 0
        && p.inventory_level <= p.inventory_warning_level
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fakestore::errors::ApiVersion;
    use crate::fakestore::product_rows::product_text;
    use crate::fakestore::seed::catalog_only;

    /// The ids `query` matches: testing every product, and only those the name/SKU index lists.
    fn both_ways(data: &mut crate::fakestore::StoreData, query: &str) -> [Vec<u64>; 2] {
        let query = Query::parse(Some(query), ApiVersion::V3, crate::clock::test_anchor());
        let filter = ProductFilter::from_query(&query).expect("a valid filter");
        assert!(filter.by_text(), "{query:?}");
        let text = product_text(data);
        [None, Some(text.as_ref())].map(|text| {
            let found = Lookups {
                text,
                categories: None,
            };
            filter
                .candidates(&data.products, &found)
                .filter(|(_, p)| filter.matches(p, &data.brands))
                .map(|(id, _)| id)
                .collect()
        })
    }

    #[test]
    fn the_name_and_sku_index_finds_what_testing_every_product_finds() {
        let mut data = catalog_only(300);
        let product = |id: u64| data.products[&id].clone();
        let (a, b) = (product(7), product(211));
        let enc = |text: &str| form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
        let found = [
            format!("name={}", enc(&a.name)),
            format!("name={}", enc(&a.name.to_uppercase())),
            format!("sku={}", enc(&b.sku)),
            format!("sku:in={},{}", enc(&a.sku), enc(&b.sku)),
            format!("name={}&id:in=3,7,9", enc(&a.name)),
            format!("sku={}&is_visible={}", enc(&b.sku), b.is_visible),
        ];
        for query in &found {
            let [scanned, indexed] = both_ways(&mut data, query);
            assert!(!scanned.is_empty(), "{query}");
            assert_eq!(scanned, indexed, "{query}");
        }
        let none = [
            "name=no%20such%20product".to_string(),
            format!("sku={}&id:in=1,2", enc(&b.sku)),
            "sku:in=".to_string(),
        ];
        for query in &none {
            assert_eq!(
                both_ways(&mut data, query),
                [Vec::<u64>::new(), Vec::new()],
                "{query}"
            );
        }
    }
}
