//! Input problems (one per field) and the core's input error. It must not decide medical
//! outcomes: a rule result is a finding, never an error.

use std::fmt;

/// One thing wrong with an input, naming the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted path of the field, e.g. `stage.grade` or `protocol.min_sessions`.
    pub field: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Problem {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            field: field.into(),
            message: message.into(),
        }
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

/// Parses JSON text into a value, mapping syntax errors (with the reader's limits on nesting)
/// to [`InputError::Syntax`].
pub fn parse_json(what: &str, text: &str) -> Result<serde_json::Value, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::Syntax {
            what: what.into(),
            message: "the input is empty".into(),
        });
    }
    serde_json::from_str(text).map_err(|e| InputError::Syntax {
        what: what.into(),
        message: e.to_string(),
    })
}
