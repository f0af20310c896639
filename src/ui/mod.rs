//! Components: thin views that render form state and dispatch edits.

pub mod app;
pub mod backup;
pub mod cells;
pub mod checks;
pub mod counter;
pub mod drafts;
pub mod field;
pub mod html;
pub mod keeper;
pub mod later;
pub mod print;
pub mod rows;
pub mod rows_html;
pub mod shell;
pub mod summary;

/// The app's side of the registry (`kepu_core::each_form!`): each form's page
/// module of the same name, built when its cargo feature is on, and [`FORMS`].
macro_rules! declare_pages {
    ($($slug:literal => $module:ident :: $form:ident,)*) => {
        $(
            #[cfg(feature = $slug)]
            pub mod $module;
        )*

        /// The print sheet of `doc`, a form of this bundle; only the print part calls it
        /// (`ui::print`), so a first visit does without every form's print code.
        pub fn print_sheet_of(doc: &dyn kepu_core::draft::Doc) -> Option<kepu_core::rules::print::Sheet> {
            $(
                #[cfg(feature = $slug)]
                if let Some(form) = doc.as_any().downcast_ref::<kepu_core::forms::$module::$form>() {
                    return Some(kepu_core::form::Form::print_sheet(form));
                }
            )*
            let _ = doc;
            None
        }

        /// The file name and bytes of export `export` of `doc`, a form of this bundle, made
        /// on `today`; only the export part calls it (`ui::keeper`), as for the print.
        pub fn csv_of(
            doc: &dyn kepu_core::draft::Doc,
            export: usize,
            today: chrono::NaiveDate,
        ) -> Option<(String, Vec<u8>)> {
            $(
                #[cfg(feature = $slug)]
                if let Some(form) = doc.as_any().downcast_ref::<kepu_core::forms::$module::$form>() {
                    use kepu_core::form::Form;
                    return Some((form.file_name(export, today), form.to_csv(export)));
                }
            )*
            let _ = (doc, export, today);
            None
        }

        /// Stored text `raw` read as form `slug` of this bundle; only the reader part calls
        /// it (`ui::keeper::reader`), so a first visit does without every form's reader.
        pub fn read_of(
            slug: &str,
            raw: &str,
        ) -> Option<Result<kepu_core::draft::ReadDoc, kepu_core::draft::Unread>> {
            $(
                #[cfg(feature = $slug)]
                if slug == $slug {
                    return Some(kepu_core::draft::read_doc::<kepu_core::forms::$module::$form>(raw));
                }
            )*
            let _ = (slug, raw);
            None
        }

        /// Every form, in the menu's order, from the registry.
        pub const FORMS: [app::FormEntry; [$($slug),*].len()] = [$(
            app::FormEntry {
                slug: $slug,
                name: <kepu_core::forms::$module::$form as kepu_core::form::Form>::NAME,
                built: {
                    #[cfg(feature = $slug)]
                    let built: Option<(kepu_core::draft::Kind, fn() -> leptos::prelude::AnyView)> =
                        Some((
                            kepu_core::draft::Kind::read_by::<kepu_core::forms::$module::$form>(
                                keeper::reader::read_later::<kepu_core::forms::$module::$form>,
                            ),
                            $module::page,
                        ));
                    #[cfg(not(feature = $slug))]
                    let built: Option<(kepu_core::draft::Kind, fn() -> leptos::prelude::AnyView)> = None;
                    built
                },
            }
        ),*];
    };
}

kepu_core::each_form!(declare_pages);
