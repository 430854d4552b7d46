//! The QR code of a share link (spec §12): the SVG decodes back to the exact link with
//! Python's `zxing-cpp` (rasterised with Pillow), keeps a 4-module quiet zone, has one path
//! and no `style` attribute (strict CSP); text too long for a QR code is an error.

#![cfg(not(target_arch = "wasm32"))]

mod common;
mod py;

use meso_advisor::core::export::{qr, share};
use meso_advisor::core::Answers;
use serde_json::{json, Value};

fn links() -> Vec<String> {
    let mut rng = py::Rng::new(99);
    let mut out = vec![];
    for base in [
        "https://clinic.example/#/s/",
        "http://localhost:8080/advisor/index.html#/s/",
        "https://a-rather-long-host-name.hair-clinic.example.org/mesotherapy/advisor/#/s/",
    ] {
        for _ in 0..3 {
            let today = py::today(&mut rng);
            let v = py::answers(&mut rng, today);
            let a = Answers::from_value(&v, Some(today)).expect("valid");
            out.push(format!("{base}{}", share::encode(&a)));
        }
    }
    out.push("https://klinik.example/münchen/#/s/BRoMyAAAAAAAAAAAAAS".into());
    out.push(format!("https://clinic.example/?q={}", "x".repeat(600)));
    out
}

#[test]
fn every_svg_decodes_back_to_its_link_with_zxing() {
    let docs: Vec<Value> = links()
        .into_iter()
        .map(|text| json!({ "svg": qr::svg(&text).expect("fits"), "text": text }))
        .collect();
    let n = docs.len();
    let out = py::check("check_qr.py", &Value::Array(docs));
    assert!(out.starts_with(&format!("ok {n}")), "{out}");
}

#[test]
fn the_checker_is_not_vacuous() {
    let svg = qr::svg("https://clinic.example/#/s/BRoMyAAAAAAAAAAAAAS").expect("fits");
    let wrong = json!([{ "svg": svg, "text": "https://clinic.example/#/s/BRoMyAAAAAAAAAAAAAT" }]);
    assert!(py::run("check_qr.py", &wrong).is_err());
}

#[test]
fn the_svg_is_csp_safe_with_one_path_and_a_quiet_zone() {
    for text in links() {
        let svg = qr::svg(&text).expect("fits");
        let modules = qr::modules(&text).expect("fits");
        let n = modules.len();
        let size = n + 8;
        assert!(svg.starts_with("<svg "), "{svg}");
        assert!(svg.ends_with("</svg>"));
        assert!(
            !svg.contains("style"),
            "no style attribute or element: {svg}"
        );
        assert!(svg.contains("class=\"qr-code\""));
        assert!(svg.contains("shape-rendering=\"crispEdges\""));
        assert!(svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")));
        assert_eq!(svg.matches("<path").count(), 1);
        // Every run lies inside the quiet zone's frame.
        let d = svg
            .split(" d=\"")
            .nth(1)
            .expect("d")
            .split('"')
            .next()
            .expect("d");
        for run in d.split('z').filter(|r| !r.is_empty()) {
            let nums: Vec<usize> = run
                .trim_start_matches('M')
                .split(['h', 'v', ',', '-'])
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().expect("number"))
                .collect();
            let (x, y, w) = (nums[0], nums[1], nums[2]);
            assert!(
                x >= 4 && y >= 4 && x + w <= size - 4 && y < size - 4,
                "{run}"
            );
        }
        // Version 1–40 sizes.
        assert!((21..=177).contains(&n) && (n - 17).is_multiple_of(4));
    }
}

#[test]
fn text_too_long_for_a_qr_code_is_an_error() {
    let long = "x".repeat(3000);
    let err = qr::svg(&long).unwrap_err();
    assert_eq!(err, qr::QrError::TooLong { bytes: 3000 });
    assert!(err.to_string().contains("too long"));
}
