//! Rules shared by every paper form, in plain Rust: no browser, no UI.

pub mod calendar;
pub mod contact;
pub mod csv_out;
pub mod dates;
pub mod money;
pub mod numbers;
pub mod print;
pub mod problem;
pub mod zi;
