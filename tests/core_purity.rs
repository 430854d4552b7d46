//! Architecture checks: the pure core (`src/core/**`) never imports browser crates (yew,
//! web-sys, gloo, js-sys, wasm-bindgen) and never reads the clock (`today` is an argument,
//! spec §4); every source file under `src/` starts with a `//!` module comment.

#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// Browser crates the core must not use (as paths or imports).
const BROWSER_CRATES: &[&str] = &["yew", "web_sys", "gloo", "js_sys", "wasm_bindgen"];

/// Ways of reading the clock.
const CLOCK: &[&str] = &["now()", "SystemTime", "Instant::", "Local::", "Utc::"];

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Whether `needle` occurs in `line` starting at a token boundary (not inside a longer
/// identifier such as `snow()` or `MyLocal::`).
fn has_token(line: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(i) = line[from..].find(needle) {
        let at = from + i;
        let before_ok = line[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !is_ident_char(c));
        if before_ok {
            return true;
        }
        from = at + needle.len();
    }
    false
}

/// Removes a trailing `//` comment (not inside a string literal, roughly) and ignores
/// comment-only lines.
fn code_part(line: &str) -> &str {
    let t = line.trim_start();
    if t.starts_with("//") || t.starts_with("/*") || t.starts_with('*') {
        return "";
    }
    let mut in_str = false;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_str => i += 1,
            b'"' => in_str = !in_str,
            b'/' if !in_str && i + 1 < bytes.len() && bytes[i + 1] == b'/' => return &line[..i],
            _ => {}
        }
        i += 1;
    }
    line
}

/// Every forbidden use found in a source text, as `line N: reason: text`.
fn violations(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = code_part(raw);
        if line.trim().is_empty() {
            continue;
        }
        for krate in BROWSER_CRATES {
            let import = format!("use {krate}");
            let path = format!("{krate}::");
            let ext = format!("extern crate {krate}");
            if has_token(line, &import) || has_token(line, &path) || has_token(line, &ext) {
                out.push(format!("line {}: uses {krate}: {}", n + 1, raw.trim()));
            }
        }
        for clock in CLOCK {
            if has_token(line, clock) {
                out.push(format!(
                    "line {}: reads the clock ({clock}): {}",
                    n + 1,
                    raw.trim()
                ));
            }
        }
    }
    out
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("read {}: {e}", d.display()));
        for e in entries {
            let p = e.expect("dir entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn scanner_detects_forbidden_lines() {
    let bad = [
        "use yew::prelude::*;",
        "use web_sys::Window;",
        "    let w = web_sys::window();",
        "use gloo::storage::LocalStorage;",
        "let a = js_sys::Date::now();",
        "use wasm_bindgen::prelude::*;",
        "extern crate yew;",
        "use yew;",
        "let today = chrono::Local::now().date_naive();",
        "let t = Utc::now();",
        "let t = std::time::SystemTime::now();",
        "let t = Instant::now();",
        "let x = clock.now();",
        "let d = foo(); let e = Local::today(); // comment",
    ];
    for line in bad {
        assert!(!violations(line).is_empty(), "not detected: {line}");
    }
    let fine = [
        "//! It must never import yew, web-sys, gloo, js-sys or wasm-bindgen, nor read the clock.",
        "/// `today` is an argument; never call Local::now() here.",
        "// use yew::prelude::*;",
        "let view = 1; // yew:: in a comment",
        "pub fn today_plus(d: NaiveDate) -> NaiveDate { d }",
        "let snow() = 1;",
        "let s = MyLocal::new();",
        "let yewtree = 3;",
        "let s = \"a // b\"; let t = 1;",
    ];
    for line in fine {
        assert!(
            violations(line).is_empty(),
            "false positive: {line}: {:?}",
            violations(line)
        );
    }
    // a whole synthetic file
    let file = "//! A module.\nuse chrono::NaiveDate;\n\npub fn f() {\n    let _ = chrono::Utc::now();\n}\n";
    let v = violations(file);
    assert!(!v.is_empty());
    assert!(v.iter().all(|x| x.starts_with("line 5:")), "{v:?}");
}

#[test]
fn core_is_pure() {
    let core = src().join("core");
    let files = rust_files(&core);
    assert!(
        files.len() >= 5,
        "src/core should hold the core modules: {files:?}"
    );
    let mut problems = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for v in violations(&text) {
            problems.push(format!("{}: {v}", f.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "the core must stay pure:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_source_file_starts_with_a_module_comment() {
    let files = rust_files(&src());
    assert!(!files.is_empty());
    let mut missing = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let first = text.lines().next().unwrap_or("");
        if !first.starts_with("//!") {
            missing.push(format!("{}: first line is {first:?}", f.display()));
        }
    }
    assert!(
        missing.is_empty(),
        "files without a leading `//!` line:\n{}",
        missing.join("\n")
    );
}
