//! Deterministic seeding of a realistic shop from the word lists: brands, one category tree,
//! products. Variants are in `seed_variants.rs`, customers and orders in `seed_customers.rs`
//! and `seed_orders.rs`. Everything is O(n).

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;

use super::config::FakeStoreConfig;
use super::product_write::blank_product;
use super::rng::Rng;
use super::seed_customers::seed_customers;
use super::seed_orders::seed_orders;
use super::seed_variants::{add_option_variants, base_variant};
use super::store::{Category, CategoryUrl, CustomUrl, Product, StoreData, Tree, next_id};
use super::words::{Words, slug};

const BRANDS: &[&str] = &[
    "Northwind",
    "Timberline",
    "Harbor & Hide",
    "Alpine Co.",
    "Fieldcraft",
    "Cedar Supply",
    "Drift Goods",
    "Summit Works",
];

/// Builds the data of a store from `config` (seed, sizes, anchor) without starting a server.
pub fn seed(config: &FakeStoreConfig) -> StoreData {
    let (mut data, rest) = seed_catalog(config);
    rest.seed(&mut data);
    data
}

/// A store of `products` products and nothing else, for tests of the catalog's lookups.
#[cfg(test)]
pub(crate) fn catalog_only(products: usize) -> StoreData {
    seed(&FakeStoreConfig {
        products,
        customers: 0,
        orders: 0,
        clock: crate::clock::Clock::test(),
        ..FakeStoreConfig::default()
    })
}

/// What seeding still has to do after the catalog: customers, then orders, continuing the
/// same random sequence (so a store seeded in two steps equals one seeded at once).
pub(crate) struct SeedRest {
    words: Words,
    rng: Rng,
    anchor: DateTime<Utc>,
    customers: usize,
    orders: usize,
}

impl SeedRest {
    /// Seeds the customers and orders into `data`, which holds the seeded catalog.
    pub(crate) fn seed(mut self, data: &mut StoreData) {
        let (words, rng, anchor) = (&self.words, &mut self.rng, self.anchor);
        seed_customers(data, words, rng, anchor, self.customers);
        seed_orders(data, words, rng, anchor, self.orders);
    }
}

/// Seeds brands, the category tree and the products; the rest is returned to do later.
pub(crate) fn seed_catalog(config: &FakeStoreConfig) -> (StoreData, SeedRest) {
    let anchor = config.clock.now();
    let anchor = DateTime::from_timestamp(anchor.timestamp(), 0).unwrap_or(anchor);
    let words = Words::load();
    let mut rng = Rng::new(config.seed);
    let mut data = StoreData::empty(config.seed);
    for (i, name) in BRANDS.iter().enumerate() {
        data.brands.insert(i as u64 + 1, name.to_string());
    }
    let index = seed_categories(&mut data, &words, &mut rng);
    seed_products(&mut data, &words, &mut rng, anchor, config.products, &index);
    let rest = SeedRest {
        words,
        rng,
        anchor,
        customers: config.customers,
        orders: config.orders,
    };
    (data, rest)
}

/// Where seeded products go: leaf categories per catalog group, plus the cross-cutting ones.
struct CategoryIndex {
    leaves_by_group: BTreeMap<String, Vec<u64>>,
    shop_all: Option<u64>,
    sale: Option<u64>,
}

pub(crate) fn new_category(
    data: &mut StoreData,
    tree_id: u64,
    parent_id: u64,
    name: &str,
    path: String,
) -> Category {
    let id = next_id(&mut data.ids.category);
    Category {
        category_id: id,
        category_uuid: data.rng.uuid(),
        tree_id,
        parent_id,
        name: name.to_string(),
        description: String::new(),
        views: 0,
        sort_order: 0,
        page_title: String::new(),
        meta_keywords: Vec::new(),
        meta_description: String::new(),
        layout_file: "category.html".to_string(),
        image_url: String::new(),
        is_visible: true,
        search_keywords: String::new(),
        default_product_sort: "use_store_settings".to_string(),
        url: CategoryUrl {
            path,
            is_customized: false,
        },
    }
}

fn seed_categories(data: &mut StoreData, words: &Words, rng: &mut Rng) -> CategoryIndex {
    let tree_id = next_id(&mut data.ids.tree);
    data.trees.insert(
        tree_id,
        Tree {
            id: tree_id,
            name: "Default".into(),
            channels: vec![1],
        },
    );
    // stack[level] = (id, url path, top-level name)
    let mut stack: Vec<(u64, String, String)> = Vec::new();
    let mut sibling_counts: BTreeMap<u64, i64> = BTreeMap::new();
    let mut top_of: Vec<(u64, String)> = Vec::new();
    for &(level, name) in &words.categories {
        stack.truncate(level);
        let (parent_id, parent_path, top) = match stack.last() {
            Some((id, path, top)) => (*id, path.clone(), top.clone()),
            None => (0, "/".to_string(), name.to_string()),
        };
        let path = format!("{parent_path}{}/", slug(name));
        let mut c = new_category(data, tree_id, parent_id, name, path.clone());
        let order = sibling_counts.entry(parent_id).or_insert(0);
        c.sort_order = *order;
        *order += 1;
        c.views = rng.below(5000);
        c.description = format!("<p>Browse our {} collection.</p>", name.to_lowercase());
        c.page_title = name.to_string();
        c.is_visible = name != "Last Chance";
        top_of.push((c.category_id, top.clone()));
        stack.push((c.category_id, path, top));
        data.categories.insert(c.category_id, c);
    }
    let mut index = CategoryIndex {
        leaves_by_group: BTreeMap::new(),
        shop_all: None,
        sale: None,
    };
    for (id, top) in top_of {
        let c = &data.categories[&id];
        match c.name.as_str() {
            "Shop All" => index.shop_all = Some(id),
            "Sale" => index.sale = Some(id),
            _ => {}
        }
        let is_leaf = !data.categories.values().any(|x| x.parent_id == id);
        if is_leaf {
            index.leaves_by_group.entry(top).or_default().push(id);
        }
    }
    index
}

fn money(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// A shop-like price: mostly ending in .95/.99/.00, from 4.95 up to about 500.
fn shop_price(rng: &mut Rng) -> Decimal {
    let dollars = match rng.weighted(&[30, 40, 22, 8]) {
        0 => rng.range(4, 19),
        1 => rng.range(20, 59),
        2 => rng.range(60, 149),
        _ => rng.range(150, 499),
    };
    let cents = if dollars == 4 {
        95
    } else {
        [95, 99, 0][rng.weighted(&[45, 35, 20])]
    };
    money(dollars * 100 + cents)
}

/// Rounds down to a `.99` ending below `price` (a typical sale price).
fn sale_price_for(price: Decimal, rng: &mut Rng) -> Decimal {
    let pct = Decimal::from(*rng.pick(&[70i64, 75, 80, 85, 90]));
    let raw = (price * pct / Decimal::from(100)).floor();
    let sale = raw + money(99);
    if sale < price && sale > Decimal::ZERO {
        sale
    } else {
        (price * money(80)).round_dp(2)
    }
}

fn seed_products(
    data: &mut StoreData,
    words: &Words,
    rng: &mut Rng,
    anchor: DateTime<Utc>,
    count: usize,
    index: &CategoryIndex,
) {
    // Per-word forms computed once: seeding must stay O(n) with few allocations per product.
    let lower = |list: &[&str]| list.iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
    let slugs = |list: &[&str]| list.iter().map(|w| slug(w)).collect::<Vec<_>>();
    let noun_names: Vec<&str> = words.nouns.iter().map(|n| n.name).collect();
    let (adj_lower, mat_lower, noun_lower) = (
        lower(&words.adjectives),
        lower(&words.materials),
        lower(&noun_names),
    );
    let (adj_slug, mat_slug, noun_slug) = (
        slugs(&words.adjectives),
        slugs(&words.materials),
        slugs(&noun_names),
    );
    let mat_code: Vec<String> = words
        .materials
        .iter()
        .map(|m| {
            m.chars()
                .filter(char::is_ascii_alphabetic)
                .take(3)
                .collect::<String>()
                .to_ascii_uppercase()
        })
        .collect();
    let mut used: HashSet<(usize, usize, usize)> = HashSet::with_capacity(count);
    // Collected in id order and bulk-built: a BTreeMap filled by sequential inserts ends up
    // with half-empty nodes (twice the memory, and seeding time goes to page faults).
    let mut products = Vec::with_capacity(count);
    for _ in 0..count {
        let id = next_id(&mut data.ids.product);
        let n = rng.below(words.nouns.len() as u64) as usize;
        let noun = &words.nouns[n];
        let (mut a, mut m, mut unique) = (0, 0, false);
        for _ in 0..4 {
            a = rng.below(words.adjectives.len() as u64) as usize;
            m = rng.below(words.materials.len() as u64) as usize;
            if used.insert((a, m, n)) {
                unique = true;
                break;
            }
        }
        let base = format!(
            "{} {} {}",
            words.adjectives[a], words.materials[m], noun.name
        );
        let (name, url) = if unique {
            (
                base,
                format!("/{}-{}-{}/", adj_slug[a], mat_slug[m], noun_slug[n]),
            )
        } else {
            // Every combination of words is taken: number the name to keep names unique.
            let name = format!("{base} No. {id}");
            let url = format!("/{}/", slug(&name));
            (name, url)
        };
        let sku = format!("{}-{}-{:05}", noun.code, mat_code[m], id);
        let price = shop_price(rng);
        let on_sale = rng.chance(0.12);
        let sale_price = if on_sale {
            sale_price_for(price, rng)
        } else {
            Decimal::ZERO
        };
        let cost_price = (price * Decimal::new(rng.range(35, 60), 2)).round_dp(2);
        let retail_price = if rng.chance(0.25) {
            (price * money(125)).round_dp(0)
        } else {
            Decimal::ZERO
        };
        let mut categories = Vec::new();
        if let Some(leaves) = index.leaves_by_group.get(noun.group) {
            categories.push(*rng.pick(leaves));
        }
        match (on_sale, index.sale, index.shop_all) {
            (true, Some(sale), _) => categories.push(sale),
            (false, _, Some(all)) if rng.chance(0.3) => categories.push(all),
            _ => {}
        }
        let availability = ["available", "disabled", "preorder"][rng.weighted(&[92, 5, 3])];
        let created = anchor - Duration::seconds(rng.range(86_400, 730 * 86_400));
        let modified_span = (anchor - created).num_seconds().max(1);
        let modified = created + Duration::seconds(rng.range(0, modified_span - 1));
        let preorder_release_date =
            (availability == "preorder").then(|| anchor + Duration::days(rng.range(14, 60)));
        let tracked = rng.chance(0.9);
        let (lower_noun, material) = (&noun_lower[n], &mat_lower[m]);
        let mut p = Product {
            id,
            name,
            sku,
            description: format!(
                "<p>The {} {lower_noun} is made from durable {material} and built for everyday use. {}</p>",
                adj_lower[a],
                if tracked {
                    "Ships within two business days."
                } else {
                    "Made to order."
                }
            ),
            weight: Decimal::new(rng.range(2, 60), 1),
            width: Decimal::from(rng.range(2, 24)),
            depth: Decimal::from(rng.range(1, 12)),
            height: Decimal::from(rng.range(1, 18)),
            price,
            cost_price,
            retail_price,
            sale_price,
            calculated_price: price,
            categories,
            brand_id: if rng.chance(0.9) {
                rng.range(1, BRANDS.len() as i64) as u64
            } else {
                0
            },
            inventory_level: if rng.chance(0.08) {
                0
            } else {
                rng.range(1, 500)
            },
            inventory_warning_level: if tracked { 5 } else { 0 },
            inventory_tracking: if tracked {
                "product".into()
            } else {
                "none".into()
            },
            total_sold: rng.below(300),
            is_free_shipping: rng.chance(0.1),
            is_visible: rng.chance(0.9),
            is_featured: rng.chance(0.05),
            bin_picking_number: format!(
                "{}-{:02}",
                (b'A' + rng.below(8) as u8) as char,
                rng.range(1, 40)
            ),
            search_keywords: format!("{lower_noun}, {material}"),
            availability: availability.into(),
            date_created: created,
            date_modified: modified,
            view_count: rng.below(5000),
            preorder_release_date,
            preorder_message: if availability == "preorder" {
                "Expected to ship soon".into()
            } else {
                String::new()
            },
            is_preorder_only: availability == "preorder",
            custom_url: CustomUrl {
                url,
                is_customized: false,
            },
            ..blank_product(id, created)
        };
        if rng.chance(0.2) {
            add_option_variants(data, rng, &mut p, noun.group);
        } else {
            let v = base_variant(data, &p);
            p.base_variant_id = Some(v.id);
            // Exact capacity: a pushed-to empty Vec reserves four (large) variants.
            p.variants = vec![v];
        }
        p.recompute();
        products.push((id, Box::new(p)));
    }
    data.products = products.into_iter().collect();
}
