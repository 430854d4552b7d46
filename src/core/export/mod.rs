//! Formats for taking the plan along (spec §12): calendar (.ics), share code, FHIR R4 and the
//! QR code of a share link. Pure functions of typed data: they must not read the clock (a
//! timestamp is passed in), draw randomness or do IO.

pub mod fhir;
pub mod ics;
pub mod qr;
pub mod share;

use super::catalog::{fill, Catalog};

/// A catalog text with placeholders, or `fallback` (filled the same way) while the catalog
/// does not have `key` yet: exports never show a `⟦key⟧` marker.
pub(crate) fn text_or(
    catalog: &Catalog,
    key: &str,
    fallback: &str,
    args: &[(&str, &str)],
) -> String {
    if catalog.has(key) {
        catalog.f(key, args)
    } else {
        fill(fallback, args)
    }
}
