//! A strict reader over `serde_json::Value` that collects every problem (unknown keys, wrong
//! types, out-of-range numbers, unknown values, duplicates, unreal dates) with its field path.
//! It must never panic and never stop at the first problem.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::choice::Choice;
use super::problem::{Problem, ProblemKind};

/// Collects problems while reading one document.
#[derive(Default)]
pub(crate) struct Reader {
    pub problems: Vec<Problem>,
}

/// Joins a parent path and a key (`""` + `age` = `age`; `stage` + `grade` = `stage.grade`).
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn quoted_list(ids: &[&str]) -> String {
    ids.iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Shortens user-supplied text echoed back in a message (40 characters, then "…"), quoted,
/// with double quotes, backslashes and control characters escaped as `{:?}` does. Other
/// characters stay as they are: Rust's tables of printable characters, with which `{:?}` and
/// `escape_debug` also escape invisible ones, cost 1 KB of the first load's wasm (gzip).
fn echo(s: &str) -> String {
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        if i == 40 {
            out.push('…');
            break;
        }
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Reader {
    /// Records a problem.
    pub fn fail(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(field, message));
    }

    /// Records a problem of a given kind.
    pub fn fail_as(
        &mut self,
        kind: ProblemKind,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.problems.push(Problem::of(kind, field, message));
    }

    /// Reads an object whose keys must all be in `allowed`; reports each unknown key.
    pub fn object<'a>(
        &mut self,
        v: &'a Value,
        path: &str,
        allowed: &[&str],
    ) -> Option<&'a Map<String, Value>> {
        let Value::Object(map) = v else {
            let name = if path.is_empty() { "document" } else { path };
            self.fail(name, format!("must be an object, not {}", type_name(v)));
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                self.fail(
                    join(path, key),
                    format!("unknown field (expected one of: {})", allowed.join(", ")),
                );
            }
        }
        Some(map)
    }

    /// A required field: missing or null is a problem.
    pub fn required<'a>(
        &mut self,
        map: &'a Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'a Value> {
        match map.get(key) {
            None | Some(Value::Null) => {
                self.fail_as(ProblemKind::Required, join(path, key), "required");
                None
            }
            Some(v) => Some(v),
        }
    }

    /// An optional field: missing or null is `None`.
    pub fn optional<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// A boolean.
    pub fn bool(&mut self, v: Option<&Value>, field: &str) -> Option<bool> {
        match v? {
            Value::Bool(b) => Some(*b),
            other => {
                self.fail(
                    field,
                    format!("must be true or false, not {}", type_name(other)),
                );
                None
            }
        }
    }

    /// A whole number within `min..=max`.
    pub fn int(&mut self, v: Option<&Value>, field: &str, min: i64, max: i64) -> Option<i64> {
        let v = v?;
        let n = match v {
            Value::Number(n) => n,
            other => {
                self.fail(
                    field,
                    format!(
                        "must be a whole number from {min} to {max}, not {}",
                        type_name(other)
                    ),
                );
                return None;
            }
        };
        match n.as_i64() {
            Some(i) if (min..=max).contains(&i) => Some(i),
            _ => {
                self.fail_as(
                    ProblemKind::OutOfRange,
                    field,
                    format!("must be a whole number from {min} to {max}, not {n}"),
                );
                None
            }
        }
    }

    /// A non-negative amount with at most two decimals, returned in hundredths.
    pub fn amount_cents(&mut self, v: Option<&Value>, field: &str, max: f64) -> Option<u64> {
        let v = v?;
        let Some(x) = v.as_f64() else {
            self.fail(field, format!("must be a number, not {}", type_name(v)));
            return None;
        };
        let cents = (x * 100.0).round();
        if !x.is_finite() || !(0.0..=max).contains(&x) || (cents - x * 100.0).abs() > 1e-6 {
            self.fail(
                field,
                // Integers and the value as written: no float printing in the browser's build.
                format!(
                    "must be an amount from 0 to {} with at most two decimals, not {v}",
                    max as u64
                ),
            );
            return None;
        }
        Some(cents as u64)
    }

    /// Text, trimmed, of 1..=`max_chars` characters.
    pub fn text(&mut self, v: Option<&Value>, field: &str, max_chars: usize) -> Option<String> {
        let v = v?;
        let Value::String(s) = v else {
            self.fail(field, format!("must be text, not {}", type_name(v)));
            return None;
        };
        let t = s.trim();
        if t.is_empty() || t.chars().count() > max_chars || t.chars().any(char::is_control) {
            self.fail(
                field,
                format!("must be 1 to {max_chars} characters of plain text"),
            );
            return None;
        }
        Some(t.to_string())
    }

    /// One value of a closed set.
    pub fn choice<T: Choice>(&mut self, v: Option<&Value>, field: &str) -> Option<T> {
        self.choice_index(v, field, T::IDS).map(|i| T::ALL[i])
    }

    /// A list of distinct values of a closed set.
    pub fn set<T: Choice>(&mut self, v: Option<&Value>, field: &str) -> Option<BTreeSet<T>> {
        let indices = self.set_indices(v, field, T::IDS)?;
        let mut out = BTreeSet::new();
        for i in indices {
            out.insert(T::ALL[i]);
        }
        Some(out)
    }

    /// [`Reader::choice`] by position in `ids`: one copy of this code for every closed set (a
    /// generic one was compiled once per set, each with its messages).
    fn choice_index(&mut self, v: Option<&Value>, field: &str, ids: &[&str]) -> Option<usize> {
        let v = v?;
        let Value::String(s) = v else {
            self.fail(
                field,
                format!("must be one of {}, not {}", quoted_list(ids), type_name(v)),
            );
            return None;
        };
        let parsed = ids.iter().position(|id| id == s);
        if parsed.is_none() {
            self.fail(
                field,
                format!(
                    "unknown value {} (expected one of {})",
                    echo(s),
                    quoted_list(ids)
                ),
            );
        }
        parsed
    }

    /// [`Reader::set`] by positions in `ids`, in the order listed.
    fn set_indices(&mut self, v: Option<&Value>, field: &str, ids: &[&str]) -> Option<Vec<usize>> {
        let v = v?;
        let Value::Array(items) = v else {
            self.fail(
                field,
                format!("must be a list (possibly empty), not {}", type_name(v)),
            );
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let Value::String(s) = item else {
                self.fail(
                    format!("{field}[{i}]"),
                    format!(
                        "must be one of {}, not {}",
                        quoted_list(ids),
                        type_name(item)
                    ),
                );
                ok = false;
                continue;
            };
            match ids.iter().position(|id| id == s) {
                None => {
                    self.fail(
                        format!("{field}[{i}]"),
                        format!(
                            "unknown value {} (expected any of {})",
                            echo(s),
                            quoted_list(ids)
                        ),
                    );
                    ok = false;
                }
                Some(t) => {
                    if out.contains(&t) {
                        self.fail(
                            format!("{field}[{i}]"),
                            format!("{} is listed more than once", echo(s)),
                        );
                        ok = false;
                    } else {
                        out.push(t);
                    }
                }
            }
        }
        ok.then_some(out)
    }

    /// A calendar date written `YYYY-MM-DD`.
    pub fn date(&mut self, v: Option<&Value>, field: &str) -> Option<NaiveDate> {
        let v = v?;
        let Value::String(s) = v else {
            self.fail(
                field,
                format!("must be a date written YYYY-MM-DD, not {}", type_name(v)),
            );
            return None;
        };
        match parse_iso_date(s) {
            Ok(d) => Some(d),
            Err(msg) => {
                self.fail_as(ProblemKind::NotADate, field, msg);
                None
            }
        }
    }

    /// Returns the problems, or `Ok(())` when there are none.
    pub fn finish(self) -> Result<(), Vec<Problem>> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.problems)
        }
    }
}

/// Parses exactly `YYYY-MM-DD` into a real calendar date.
pub fn parse_iso_date(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(format!("{} is not a date written YYYY-MM-DD", echo(s)));
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    NaiveDate::from_ymd_opt(num(0..4) as i32, num(5..7), num(8..10))
        .ok_or_else(|| format!("{} is not a real date", echo(s)))
}

// proptest is a native dev-dependency only (Cargo.toml).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::echo;
    use proptest::prelude::*;

    /// Rust's own escaping (`{:?}`): the same as `echo` wherever a character is printable or
    /// a control character.
    fn as_debug(s: &str) -> String {
        let mut out: String = s.chars().take(40).collect();
        if s.chars().count() > 40 {
            out.push('…');
        }
        format!("{out:?}")
    }

    #[test]
    fn echo_escapes_quotes_backslashes_and_control_characters() {
        assert_eq!(
            echo("a\"b\\c\nd\re\tf\0g\u{7}h\u{9f}"),
            r#""a\"b\\c\nd\re\tf\0g\u{7}h\u{9f}""#
        );
        assert_eq!(echo(&"x".repeat(40)), format!("\"{}\"", "x".repeat(40)));
        assert_eq!(echo(&"é".repeat(41)), format!("\"{}…\"", "é".repeat(40)));
        // Kept as it is ({:?} would write \u{200b}): still inside the quotes.
        assert_eq!(echo("a\u{200b}b"), "\"a\u{200b}b\"");
    }

    proptest! {
        #[test]
        fn echo_is_debug_for_printable_and_control_text(s in "[ -~\u{0}-\u{1f}\u{7f}-\u{9f}äöüßñ€…«»\"'\\\\]{0,60}") {
            prop_assert_eq!(echo(&s), as_debug(&s));
        }
    }
}
