//! Input problems (one per field) and the core's input error. It must not decide medical
//! outcomes: a rule result is a finding, never an error.

use std::fmt;

/// What kind of problem it is, without words: the questionnaire shows each kind in the
/// visitor's language, the command line prints [`Problem::message`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A required field is missing (or null).
    Required,
    /// A number outside its range, or not a whole number.
    OutOfRange,
    /// Not a real date written `YYYY-MM-DD`.
    NotADate,
    /// A date before today.
    DateInPast,
    /// A date too far ahead.
    DateTooFar,
    /// An answer that does not apply to the other answers (e.g. pregnant with sex male).
    NotApplicable,
    /// Anything else (wrong type, unknown field or value, duplicate…).
    Invalid,
}

/// One thing wrong with an input, naming the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted path of the field, e.g. `stage.grade` or `protocol.min_sessions`.
    pub field: String,
    /// What is wrong, in plain words (English; the command line's and the setup's text).
    pub message: String,
    /// What is wrong, as a kind.
    pub kind: ProblemKind,
}

impl Problem {
    /// A problem with `field` (of kind [`ProblemKind::Invalid`]).
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Problem::of(ProblemKind::Invalid, field, message)
    }

    /// A problem of a given kind.
    pub fn of(kind: ProblemKind, field: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            field: field.into(),
            message: message.into(),
            kind,
        }
    }

    /// The top-level answer field it concerns (`stage` for `stage.grade`, `conditions` for
    /// `conditions[2]`).
    pub fn top_field(&self) -> &str {
        let end = self.field.find(['.', '[']).unwrap_or(self.field.len());
        &self.field[..end]
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Why an input (answers, clinic settings, saved plans) was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The text is not well-formed JSON (empty, truncated, bad syntax, nested too deeply,
    /// a number too large for any type).
    Syntax {
        /// What was being read, e.g. `answers` or `clinic.json`.
        what: String,
        /// The parser's description, with line and column.
        message: String,
    },
    /// Well-formed JSON whose content breaks the contract: every problem found, each naming
    /// its field.
    Invalid(Vec<Problem>),
}

impl InputError {
    /// One line per problem, as printed by the command line and shown by the app.
    pub fn lines(&self) -> Vec<String> {
        match self {
            InputError::Syntax { what, message } => {
                vec![format!("{what}: not valid JSON ({message})")]
            }
            InputError::Invalid(problems) => problems.iter().map(Problem::to_string).collect(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for InputError {}

/// Largest answers or settings document read (real ones are a few KB).
pub const MAX_DOCUMENT_BYTES: usize = 1 << 20;

/// Parses JSON text into a value, mapping syntax errors (with serde_json's nesting limit of
/// 128 levels), a document over [`MAX_DOCUMENT_BYTES`] and a key given twice in one object to
/// [`InputError::Syntax`]. A leading byte-order mark is allowed.
pub fn parse_json(what: &str, text: &str) -> Result<serde_json::Value, InputError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(InputError::Syntax {
            what: what.into(),
            message: "the input is larger than 1 MiB".into(),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(InputError::Syntax {
            what: what.into(),
            message: "the input is empty".into(),
        });
    }
    serde_json::from_str::<StrictValue>(text)
        .map(|v| v.0)
        .map_err(|e| InputError::Syntax {
            what: what.into(),
            message: e.to_string(),
        })
}

/// A JSON value whose objects may not repeat a key (serde_json alone keeps the last one,
/// which would let `"age": 35, "age": 12` pass as 12 unseen).
struct StrictValue(serde_json::Value);

impl<'de> serde::Deserialize<'de> for StrictValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = StrictValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<StrictValue, E> {
        Ok(StrictValue(v.into()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<StrictValue, E> {
        Ok(StrictValue(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<StrictValue, E> {
        Ok(StrictValue(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<StrictValue, E> {
        Ok(StrictValue(serde_json::Number::from_f64(v).map_or(
            serde_json::Value::Null,
            serde_json::Value::Number,
        )))
    }

    fn visit_str<E>(self, v: &str) -> Result<StrictValue, E> {
        Ok(StrictValue(v.into()))
    }

    fn visit_string<E>(self, v: String) -> Result<StrictValue, E> {
        Ok(StrictValue(v.into()))
    }

    fn visit_unit<E>(self) -> Result<StrictValue, E> {
        Ok(StrictValue(serde_json::Value::Null))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<StrictValue, A::Error> {
        let mut out = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(StrictValue(serde_json::Value::Array(out)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<StrictValue, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(<A::Error as serde::de::Error>::custom(format!(
                    "the field \"{key}\" is given twice"
                )));
            }
            let StrictValue(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(StrictValue(serde_json::Value::Object(out)))
    }
}
