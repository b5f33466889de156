//! Seeded variants: the base variant of a product without options, and the Size and/or
//! Color variants of one with options.

use rust_decimal::Decimal;

use super::rng::Rng;
use super::store::{
    OptionValue, Product, ProductOption, StoreData, Variant, VariantOptionValue, next_id,
};

/// The single variant of a product without options.
pub(crate) fn base_variant(data: &mut StoreData, p: &Product) -> Variant {
    let id = next_id(&mut data.ids.variant);
    Variant {
        id,
        product_id: p.id,
        sku: p.sku.clone(),
        sku_id: None,
        price: None,
        calculated_price: p.calculated_price,
        sale_price: None,
        retail_price: None,
        map_price: None,
        cost_price: None,
        weight: None,
        calculated_weight: p.weight,
        width: None,
        height: None,
        depth: None,
        is_free_shipping: false,
        fixed_cost_shipping_price: None,
        purchasing_disabled: false,
        purchasing_disabled_message: String::new(),
        image_url: String::new(),
        upc: String::new(),
        mpn: String::new(),
        gtin: String::new(),
        inventory_level: p.inventory_level,
        inventory_warning_level: 0,
        bin_picking_number: String::new(),
        option_values: Vec::new(),
    }
}

const SIZES: &[&str] = &["XS", "S", "M", "L", "XL", "XXL"];
const SHOE_SIZES: &[&str] = &["7", "8", "9", "10", "11", "12"];
const COLORS: &[&str] = &["Black", "Navy", "Olive", "Rust", "Natural", "Charcoal"];

/// Gives a product 2–6 variants from a Size and/or Color option, each with its own SKU.
pub(crate) fn add_option_variants(
    data: &mut StoreData,
    rng: &mut Rng,
    p: &mut Product,
    group: &str,
) {
    let count = rng.range(2, 6) as usize;
    let sized = matches!(group, "Apparel" | "Footwear");
    let mut axes: Vec<(&str, Vec<&str>)> = Vec::new();
    if sized && count >= 4 && count.is_multiple_of(2) && rng.chance(0.4) {
        let sizes = if group == "Footwear" {
            SHOE_SIZES
        } else {
            &SIZES[1..]
        };
        axes.push(("Size", sizes[..count / 2].to_vec()));
        axes.push(("Color", COLORS[..2].to_vec()));
    } else if sized {
        let sizes = if group == "Footwear" {
            SHOE_SIZES
        } else {
            SIZES
        };
        let start = if count <= 4 { 1 } else { 0 };
        axes.push((
            "Size",
            sizes[start..(start + count).min(sizes.len())].to_vec(),
        ));
    } else {
        let offset = rng.below((COLORS.len() - count + 1) as u64) as usize;
        axes.push(("Color", COLORS[offset..offset + count].to_vec()));
    }
    // Options with ids for their values.
    let mut option_ids = Vec::new();
    for (i, (name, labels)) in axes.iter().enumerate() {
        let option_id = next_id(&mut data.ids.option);
        let values = labels
            .iter()
            .enumerate()
            .map(|(j, label)| OptionValue {
                id: next_id(&mut data.ids.option_value),
                label: label.to_string(),
                sort_order: j as i64,
                value_data: None,
                is_default: false,
            })
            .collect::<Vec<_>>();
        option_ids.push(option_id);
        p.options.push(ProductOption {
            id: option_id,
            product_id: p.id,
            name: format!("{name}-{}", p.id),
            display_name: name.to_string(),
            kind: if *name == "Color" {
                "swatch".into()
            } else {
                "rectangles".into()
            },
            sort_order: i as i64,
            option_values: values,
        });
    }
    // Cartesian product of the option values.
    let mut combos: Vec<Vec<(usize, usize)>> = vec![Vec::new()];
    for (axis, opt) in p.options.iter().enumerate() {
        combos = combos
            .into_iter()
            .flat_map(|c| {
                (0..opt.option_values.len()).map(move |k| {
                    let mut c = c.clone();
                    c.push((axis, k));
                    c
                })
            })
            .collect();
    }
    p.variants.reserve_exact(combos.len());
    let mut total = 0;
    for combo in combos {
        let mut v = base_variant(data, p);
        let mut codes = Vec::new();
        let mut premium = false;
        for (axis, k) in combo {
            let opt = &p.options[axis];
            let value = &opt.option_values[k];
            codes.push(
                value
                    .label
                    .to_ascii_uppercase()
                    .chars()
                    .take(3)
                    .collect::<String>(),
            );
            premium |= value.label == "XXL";
            v.option_values.push(VariantOptionValue {
                id: value.id,
                label: value.label.clone(),
                option_id: opt.id,
                option_display_name: opt.display_name.clone(),
            });
        }
        v.sku = format!("{}-{}", p.sku, codes.join("-"));
        v.price = premium.then(|| p.price + Decimal::new(5, 0));
        v.inventory_level = if rng.chance(0.1) {
            0
        } else {
            rng.range(1, 120)
        };
        total += v.inventory_level;
        p.variants.push(v);
    }
    p.inventory_tracking = "variant".into();
    p.inventory_level = total;
    p.base_variant_id = None;
}
