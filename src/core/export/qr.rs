//! The QR code of a share link as an inline SVG (spec §12), through the `qrcodegen` crate at
//! error correction level M: one `<path>` of the dark modules, a quiet zone of 4 modules,
//! `shape-rendering="crispEdges"`. It must not use a `style` attribute (the app's CSP
//! forbids inline styles: colours are presentation attributes, sizing is the CSS class's
//! job), read the clock or do IO.

use std::fmt;
use std::fmt::Write as _;

use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};

/// The quiet zone around the code, in modules (the standard's minimum).
pub const QUIET_ZONE: i32 = 4;

/// The class of the `<svg>` element (styled by the app's CSS).
pub const CLASS: &str = "qr-code";

/// Why no QR code was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrError {
    /// The text does not fit in the largest QR code (version 40) at level M.
    TooLong { bytes: usize },
}

impl fmt::Display for QrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QrError::TooLong { bytes } => write!(
                f,
                "the text is too long for a QR code ({bytes} bytes; at most 2331 fit at error correction level M)"
            ),
        }
    }
}

impl std::error::Error for QrError {}

/// The QR code's dark modules as a matrix (row by row, without the quiet zone), level M
/// exactly (never raised), smallest version that fits.
pub fn modules(text: &str) -> Result<Vec<Vec<bool>>, QrError> {
    let segments = QrSegment::make_segments(text);
    let qr = QrCode::encode_segments_advanced(
        &segments,
        QrCodeEcc::Medium,
        Version::MIN,
        Version::MAX,
        None,
        false,
    )
    .map_err(|_| QrError::TooLong { bytes: text.len() })?;
    let n = qr.size();
    Ok((0..n)
        .map(|y| (0..n).map(|x| qr.get_module(x, y)).collect())
        .collect())
}

/// The QR code of `text` as an SVG element: a white background and one black `<path>` of
/// the dark modules (horizontal runs), in a viewBox of modules plus the quiet zone.
pub fn svg(text: &str) -> Result<String, QrError> {
    let rows = modules(text)?;
    let size = rows.len() as i32 + 2 * QUIET_ZONE;
    let mut d = String::new();
    for (y, row) in rows.iter().enumerate() {
        let mut x = 0;
        while x < row.len() {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < row.len() && row[x] {
                x += 1;
            }
            let _ = write!(
                d,
                "M{},{}h{}v1h-{}z",
                start as i32 + QUIET_ZONE,
                y as i32 + QUIET_ZONE,
                x - start,
                x - start
            );
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{CLASS}\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{d}\"/></svg>"
    ))
}
