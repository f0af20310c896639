//! [`Keeper`]: a page's typed view of its form's draft session.

use std::marker::PhantomData;

use leptos::prelude::*;

use super::session::DraftSession;
use kepu_core::draft::Doc;
use kepu_core::form::Form;

/// A page's typed view of its form's draft session. Copy.
pub struct Keeper<T> {
    /// The draft session.
    pub draft: DraftSession,
    /// The form as typed.
    pub form: FormView<T>,
}

impl<T> Clone for Keeper<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Keeper<T> {}

/// The open form as form type `T`, read reactively like a signal.
pub struct FormView<T> {
    draft: DraftSession,
    form: PhantomData<fn() -> T>,
}

impl<T> Clone for FormView<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for FormView<T> {}

/// The session holds the form of its own kind, so the cast cannot fail while
/// a page's `Keeper<T>` and its session agree on `T` (they are made together).
fn cast<T: Form>(doc: &dyn Doc) -> &T {
    doc.as_any().downcast_ref().expect("a page's form is of its session's kind")
}

fn cast_mut<T: Form>(doc: &mut dyn Doc) -> &mut T {
    doc.as_any_mut().downcast_mut().expect("a page's form is of its session's kind")
}

impl<T: Form> FormView<T> {
    /// Reads the form, re-running the caller when it changes.
    pub fn with<R>(self, read: impl FnOnce(&T) -> R) -> R {
        self.draft.changed.track();
        self.with_untracked(read)
    }

    /// Reads the form.
    pub fn with_untracked<R>(self, read: impl FnOnce(&T) -> R) -> R {
        self.draft.session.with_value(|s| read(cast(s.doc())))
    }

    /// A copy of the form.
    pub fn get_untracked(self) -> T
    where
        T: Clone,
    {
        self.with_untracked(T::clone)
    }
}

impl<T: Form> Keeper<T> {
    /// The page's typed view of the draft session its frame gives it by context.
    ///
    /// # Panics
    /// Without a session of form `T` in context: opening one here would put a
    /// second session on the same draft, each writing over the other.
    pub fn of_page() -> Self {
        let draft = use_context::<DraftSession>()
            .filter(|d| d.slug() == T::SLUG)
            .expect("a form's page is given its own form's draft session");
        Self { draft, form: FormView { draft, form: PhantomData } }
    }

    /// Applies an edit and schedules the save.
    pub fn edit(self, change: impl FnOnce(&mut T)) {
        self.draft.session.update_value(|s| change(cast_mut(s.doc_mut())));
        self.draft.touched();
    }

    /// Starts a new draft holding `form`, stored at once; false when the open one could not be saved first.
    pub fn create(self, form: T) -> bool {
        self.draft.create_doc(Box::new(form))
    }
}
