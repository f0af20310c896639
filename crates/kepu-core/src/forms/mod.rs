//! The paper forms, one module each: data, check, CSV columns and print model.

/// The registry: every form, in the menu's order, as `"slug" => module::Type`.
/// A form's line here declares its module (here and, by the same name, its
/// page in the app), gives it its slug (its keys, its address and its cargo
/// feature) and puts it in the menu, the build's `forms.json`, backups and
/// the Excel engine. Calls `$then!` with the list.
#[macro_export]
macro_rules! each_form {
    ($then:ident) => {
        $then! {
            "shenbao" => shenbao::Shenbao,
            "tongji" => tongji::Tongji,
            "renwu" => renwu::Renwu,
            "anpai" => anpai::Anpai,
            "huizong" => huizong::Huizong,
            "ziding" => ziding::Ziding,
        }
    };
}

/// The registry's side in this crate: each form's module and slug, the list and the visitor.
macro_rules! declare_forms {
    ($($slug:literal => $module:ident :: $form:ident,)*) => {
        $(
            pub mod $module;
            impl $crate::form::Registered for $module::$form {
                const SLUG: &'static str = $slug;
            }
        )*

        /// Every form's slug and name, in the menu's order.
        pub const ALL: &[(&str, &str)] = &[$(($slug, <$module::$form as $crate::form::Form>::NAME)),*];

        /// Runs `visit` on the form of `slug`; `None` when no form has that slug.
        pub fn visit<V: $crate::form::Visit>(slug: &str, visit: V) -> Option<V::Out> {
            $(
                if slug == $slug {
                    return Some(visit.visit::<$module::$form>());
                }
            )*
            None
        }
    };
}

each_form!(declare_forms);

pub mod budget;
pub mod reward;
