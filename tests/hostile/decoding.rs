//! Odd values from the store degrade to one item, never a whole page.
