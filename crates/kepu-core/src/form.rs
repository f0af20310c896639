//! The one description of a form that every part reads: the registry (its
//! slug, from its line in `forms::each_form!`), the menu (its name), the
//! shell (its exports, its print sheet), the draft code (see
//! [`Stored`]) and the Excel engine (its workbook).

use chrono::NaiveDate;

use crate::draft::Stored;
use crate::rules::print::Sheet;

/// A form's place in the registry: given by its line in [`crate::each_form!`], never written by hand.
pub trait Registered {
    /// The form's part of every key (`kepu-forms:{SLUG}:…`), its address (`#{SLUG}`) and its cargo feature.
    const SLUG: &'static str;
}

/// One file a form exports from its toolbar: a CSV, and beside it a workbook of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Export {
    /// How the page, excel.js and the Excel worker name it (`data-excel`).
    pub key: &'static str,
    /// The CSV button's text.
    pub csv: &'static str,
    /// The Excel button's text.
    pub excel: &'static str,
}

impl Export {
    /// The form itself: 导出CSV and 导出Excel.
    pub const FORM: Export = Export { key: "form", csv: "导出CSV", excel: "导出Excel" };
}

/// A paper form: what it is called, what it exports, how it prints and how it goes into a workbook.
pub trait Form: Stored {
    /// The name in the menu, the page's title bar and messages about its drafts.
    const NAME: &'static str;
    /// What its toolbar exports, in order; the first is the form itself.
    const EXPORTS: &'static [Export] = &[Export::FORM];
    /// The CSV file name of export `export` (an index into [`Form::EXPORTS`]) made on `today`;
    /// the workbook's is the same with `.xlsx`.
    fn file_name(&self, export: usize, today: NaiveDate) -> String;
    /// The CSV bytes of export `export`.
    fn to_csv(&self, export: usize) -> Vec<u8>;
    /// The A4 sheet 打印 prints.
    fn print_sheet(&self) -> Sheet;
    /// The worksheets of export `export`, named for their tabs. Only the Excel
    /// engine calls this, so the page never carries what it adds to the print.
    fn workbook(&self, export: usize) -> Vec<(&'static str, Sheet)>;
    /// Which of its exports a CSV file is, by the file's first record with text
    /// in it; `None` when it is none of them. The 汇总 recognises the files it
    /// is sent by this.
    fn export_of(first: &[&str]) -> Option<usize>;
}

/// Whether `record` starts with the cells `cells` (spaces around a cell do not count).
pub fn starts_with(record: &[&str], cells: &[&str]) -> bool {
    record.len() >= cells.len() && record.iter().zip(cells).all(|(r, c)| r.trim() == *c)
}

/// Code generic over a form, run on the form a slug names by [`crate::forms::visit`].
pub trait Visit {
    /// What it gives back.
    type Out;
    /// Runs on form `T`.
    fn visit<T: Form>(self) -> Self::Out;
}

/// A form's fields outside its tables (the lines above a table, the
/// settings), each read and written through one id, so the page binds every
/// one of them the same way; a form described at run time gives them as data.
pub trait Heads: Form {
    /// Which field: the form's own enum, or an index for a form known only at run time.
    type Head: Copy + Eq + Send + Sync + 'static;
    /// Its text.
    fn head(&self, head: Self::Head) -> &str;
    /// Sets its text.
    fn set_head(&mut self, head: Self::Head, value: String);
    /// What 检查's messages about it point at; `None` when it is not checked.
    fn checked(head: Self::Head) -> Option<Self::Field>;
    /// Whether the paper asks for it (the field is marked required); by default, when it is checked.
    /// Asked of the form, since a table described at run time says it in its description.
    fn required(&self, head: Self::Head) -> bool {
        Self::checked(head).is_some()
    }
}

/// `impl Form` for a form with one export, from its module's `to_csv`,
/// `print_sheet` and `workbook` (each taking the form), the file name
/// `$file_name` made from the form `$form` on `$today`, and whether a CSV whose
/// first record is `$first` is its export (`$own`).
#[macro_export]
macro_rules! one_export_form {
    ($ty:ty, $name:expr, $export:expr, |$form:ident, $today:pat_param| $file_name:expr, |$first:ident| $own:expr) => {
        impl $crate::form::Form for $ty {
            const NAME: &'static str = $name;
            const EXPORTS: &'static [$crate::form::Export] = &[$export];

            fn file_name(&self, _: usize, $today: chrono::NaiveDate) -> String {
                let $form = self;
                $file_name
            }

            fn to_csv(&self, _: usize) -> Vec<u8> {
                to_csv(self)
            }

            fn print_sheet(&self) -> $crate::rules::print::Sheet {
                print_sheet(self)
            }

            fn workbook(&self, _: usize) -> Vec<(&'static str, $crate::rules::print::Sheet)> {
                workbook(self)
            }

            fn export_of($first: &[&str]) -> Option<usize> {
                ($own).then_some(0)
            }
        }
    };
}

/// The `head` and `set_head` of [`Heads`] for fields that are plain text
/// members of the form: `Head::Year => year, …`.
#[macro_export]
macro_rules! text_heads {
    ($($head:path => $member:ident),* $(,)?) => {
        fn head(&self, head: Self::Head) -> &str {
            match head {
                $($head => &self.$member,)*
            }
        }

        fn set_head(&mut self, head: Self::Head, value: String) {
            match head {
                $($head => self.$member = value,)*
            }
        }
    };
}
