//! A problem found by a form's check, tied to the field that has it.

/// How much a problem matters: errors stop "ready to submit", warnings never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Must be fixed before the form is ready to submit.
    Error,
    /// Worth a look; the form may still be submitted.
    Warning,
}

/// One problem of one field, with a Chinese message that names the field and says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem<F> {
    /// The field the message belongs to.
    pub field: F,
    /// Error or warning.
    pub severity: Severity,
    /// The message shown beside the field and in the summary.
    pub message: String,
}

impl<F> Problem<F> {
    /// An error of `field`.
    pub fn error(field: F, message: impl Into<String>) -> Self {
        Self { field, severity: Severity::Error, message: message.into() }
    }

    /// A warning of `field`.
    pub fn warning(field: F, message: impl Into<String>) -> Self {
        Self { field, severity: Severity::Warning, message: message.into() }
    }

    /// Whether this problem stops the form from being ready to submit.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Whether any of `problems` is an error.
pub fn has_errors<F>(problems: &[Problem<F>]) -> bool {
    problems.iter().any(Problem::is_error)
}
