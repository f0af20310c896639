//! The rows of a form's table drawn as HTML text: drawing them with their
//! messages, and 删除 and 撤销, where each 删除 button names its row by `data-row`.

use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::dom;
use crate::ui::field::FieldMessage;
use crate::ui::keeper::Keeper;
use crate::ui::rows_html;
use kepu_core::draft::Stored;

/// The row a clicked 删除 button names.
pub fn clicked_row(ev: &web_sys::MouseEvent) -> Option<usize> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|b| b.get_attribute("data-row"))
        .and_then(|r| r.parse().ok())
}

/// The rows of one form's table, with the last removed row kept for 撤销.
pub struct Rows<F: Send + Sync + 'static, R: Send + Sync + 'static> {
    /// The form's keeper.
    pub keeper: Keeper<F>,
    /// The last removed row and where it stood, until the next change of rows.
    pub removed: RwSignal<Option<(usize, R)>>,
    /// The form's row list.
    pub rows: fn(&mut F) -> &mut Vec<R>,
    /// Runs before rows move: messages tied to row numbers would mislead.
    pub moved: Callback<()>,
    /// Element id of the 撤销 button.
    pub undo_id: &'static str,
    /// Element id of the first cell of a row, for focus after 撤销.
    pub first_cell: fn(usize) -> String,
}

impl<F: Send + Sync + 'static, R: Send + Sync + 'static> Clone for Rows<F, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static, R: Send + Sync + 'static> Copy for Rows<F, R> {}

impl<F, R> Rows<F, R>
where
    F: Stored + Default + Clone + Send + Sync + 'static,
    R: Clone + Send + Sync + 'static,
{
    /// A change that moves rows: messages are forgotten, the edit saved.
    pub fn change(self, change: impl FnOnce(&mut F)) {
        self.moved.run(());
        self.keeper.edit(change);
    }

    /// Removes row `row`, keeping it for 撤销, and moves focus to 撤销.
    pub fn remove(self, row: usize) {
        let mut taken = None;
        self.change(|f| {
            let list = (self.rows)(f);
            if row < list.len() {
                taken = Some(list.remove(row));
            }
        });
        if let Some(r) = taken {
            self.removed.set(Some((row, r)));
            dom::focus_field_later(self.undo_id.into());
        }
    }

    /// Puts the last removed row back where it was.
    pub fn undo(self) {
        if let Some((row, r)) = self.removed.get_untracked() {
            self.removed.set(None);
            self.change(|f| {
                let list = (self.rows)(f);
                list.insert(row.min(list.len()), r);
            });
            dom::focus_field_later((self.first_cell)(row));
        }
    }
}

/// Keeps a table body of HTML rows: drawn afresh by `html` whenever `structure` (reads of
/// what makes rows come, go or move) changes, with `messages` patched into the cells in place.
pub fn draw_rows<K: Copy + Ord + Send + Sync + 'static>(
    body: NodeRef<leptos::html::Tbody>,
    structure: impl Fn() + 'static,
    messages: Memo<BTreeMap<K, FieldMessage>>,
    html: impl Fn(&BTreeMap<K, FieldMessage>) -> String + 'static,
    id: fn(K) -> String,
) {
    let patched = StoredValue::new(BTreeMap::new());
    Effect::new(move |_| {
        structure();
        if let Some(body) = body.get() {
            let now = messages.get_untracked();
            body.set_inner_html(&html(&now));
            patched.set_value(now);
        }
    });
    Effect::new(move |_| {
        let now = messages.get();
        patched.update_value(|before| rows_html::patch_messages(before, now, id));
    });
}
