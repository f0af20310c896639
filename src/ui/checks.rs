//! Which problems a form shows, and when: a field's message appears once the
//! user has edited and left it, and every message after 检查.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;

use crate::browser::{dom, print};
use crate::ui::field::FieldMessage;
use crate::ui::print::printing;
use crate::ui::summary::SummaryItem;
use kepu_core::rules::problem::{Problem, Severity};

/// The check state of one form over its field type `F`. Copy.
pub struct Checks<F: Send + Sync + 'static> {
    /// Every current problem, recomputed as the form changes.
    pub problems: Memo<Vec<Problem<F>>>,
    /// Whether 检查 was pressed: then every field shows its message.
    pub checked: RwSignal<bool>,
    shown: RwSignal<BTreeSet<F>>,
    edited: StoredValue<BTreeSet<F>>,
}

impl<F: Send + Sync + 'static> Clone for Checks<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static> Copy for Checks<F> {}

impl<F> Checks<F>
where
    F: Copy + Ord + Send + Sync + 'static,
    Problem<F>: PartialEq,
{
    /// Checks computed by `validate` from whatever it reads.
    pub fn new(validate: impl Fn() -> Vec<Problem<F>> + Send + Sync + 'static) -> Self {
        Self {
            problems: Memo::new(move |_| validate()),
            checked: RwSignal::new(false),
            shown: RwSignal::new(BTreeSet::new()),
            edited: StoredValue::new(BTreeSet::new()),
        }
    }

    /// The message `field` shows now; reactive when read inside a derived signal.
    pub fn message_now(self, field: F) -> Option<FieldMessage> {
        if !self.checked.get() && !self.shown.with(|s| s.contains(&field)) {
            return None;
        }
        self.problems.with(|all| {
            let mine = || all.iter().filter(|p| p.field == field);
            mine()
                .find(|p| p.is_error())
                .or_else(|| mine().next())
                .map(|p| FieldMessage { severity: p.severity, text: p.message.clone() })
        })
    }

    /// Every message shown now on a field that `pick` maps to a key, one per key (an error
    /// before a warning): what a view that patches its cells in place needs.
    pub fn visible<K: Ord>(self, pick: impl Fn(F) -> Option<K>) -> BTreeMap<K, FieldMessage> {
        let checked = self.checked.get();
        self.shown.with(|shown| {
            let mut out = BTreeMap::new();
            if !checked && shown.is_empty() {
                // Nothing shows: the problems need not even be computed.
                return out;
            }
            self.problems.with(|all| {
                for p in all.iter().filter(|p| checked || shown.contains(&p.field)) {
                    let Some(key) = pick(p.field) else { continue };
                    let message = FieldMessage { severity: p.severity, text: p.message.clone() };
                    match out.get(&key) {
                        Some(FieldMessage { severity: Severity::Error, .. }) => {}
                        Some(_) if !p.is_error() => {}
                        _ => {
                            out.insert(key, message);
                        }
                    }
                }
            });
            out
        })
    }

    /// [`Self::message_now`] as a signal.
    pub fn message(self, field: F) -> Signal<Option<FieldMessage>> {
        Signal::derive(move || self.message_now(field))
    }

    /// Records that the user typed into `field`.
    pub fn edited(self, field: F) {
        self.edited.update_value(|e| {
            e.insert(field);
        });
    }

    /// The user left `field`: if they had typed into it, its message shows from now on.
    pub fn left(self, field: F) {
        if self.edited.with_value(|e| e.contains(&field)) {
            self.shown.update(|s| {
                s.insert(field);
            });
        }
    }

    /// Forgets shown messages of fields matching `stale`, e.g. cells whose row number changed.
    pub fn forget(self, stale: impl Fn(&F) -> bool) {
        self.shown.update(|s| s.retain(|f| !stale(f)));
        self.edited.update_value(|e| e.retain(|f| !stale(f)));
    }

    /// Back to a fresh form: nothing shown, not checked.
    pub fn reset(self) {
        self.checked.set(false);
        self.shown.set(BTreeSet::new());
        self.edited.set_value(BTreeSet::new());
    }

    /// The summary's lines, each linking to its field by `id`.
    pub fn summary_items(self, id: impl Fn(F) -> String + Send + Sync + 'static) -> Signal<Vec<SummaryItem>> {
        Signal::derive(move || {
            self.problems.with(|all| {
                all.iter()
                    .map(|p| SummaryItem { field_id: id(p.field), severity: p.severity, text: p.message.clone() })
                    .collect()
            })
        })
    }

    /// What the form shell needs: the summary's lines, each linking to its field by `id`, and 检查.
    pub fn hooks(self, id: impl Fn(F) -> String + Send + Sync + 'static) -> crate::ui::shell::CheckHooks {
        crate::ui::shell::CheckHooks {
            checked: self.checked.into(),
            items: self.summary_items(id),
            run: Callback::new(move |summary| self.run(summary)),
        }
    }

    /// Presses 检查: every message shows and the summary takes focus.
    pub fn run(self, summary: NodeRef<leptos::html::Div>) {
        self.checked.set(true);
        if let Some(el) = summary.get_untracked() {
            dom::focus_later(el.into());
        }
    }
}

/// 检查 and 打印, the first buttons of every form's toolbar.
#[component]
pub fn CheckAndPrint(
    /// Runs the form's checks.
    on_check: Callback<()>,
) -> impl IntoView {
    view! {
        <button type="button" class="primary" on:click=move |_| on_check.run(())>"检查"</button>
        <button type="button" on:click=move |_| {
            let printing = printing();
            leptos::task::spawn_local(async move {
                // Where the print part cannot be fetched, the paper says so.
                let _ = crate::ui::print::print_ready().await;
                printing.set(true);
                // Opened at once, the dialog would show the page before the sheet is built:
                // open it once the update has run. Without a dialog, Ctrl+P prints the same sheet.
                set_timeout(
                    || {
                        let _ = print::print();
                    },
                    std::time::Duration::ZERO,
                );
            });
        }>"打印"</button>
    }
}
