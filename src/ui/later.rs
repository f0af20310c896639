//! Parts of the page a first visit does not need, loaded when they are first
//! shown: a release bundle keeps each in a file of its own (`split` feature,
//! `scripts/bundle.sh` and `crates/kepu-split`), fetched then; every other
//! build calls them in place.

use std::future::Future;

use leptos::prelude::*;

/// A part's file could not be fetched (offline before it was kept, or a new
/// version deployed meanwhile).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unloaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for Unloaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unloaded
    }
}

/// What the user is told when the part `name` (as they know it) could not be fetched.
pub fn unloaded_message(name: &str) -> String {
    format!("“{name}”未能载入：网络可能中断，或网站刚刚更新。已填写的内容都保存在本浏览器中。")
}

/// Declares `async fn NAME(ARGS) -> Result<RET, Unloaded>` whose code a
/// release bundle keeps in the file `PART` (see [`Later`]); with `preload P`,
/// also `async fn P()`, which only fetches the file (`Ok` once it is there).
#[macro_export]
macro_rules! load_on_use {
    ($part:ident $(, preload $preload:ident)?: fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($part, wasm_split_path = ::leptos::wasm_split, fallible $(, preload($preload))?)]
        fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::later::Unloaded> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> Result<$ret, $crate::ui::later::Unloaded> {
            Ok($body)
        }

        $(
            #[cfg(not(feature = "split"))]
            async fn $preload() -> Result<(), $crate::ui::later::Unloaded> {
                Ok(())
            }
        )?
    };
}

/// The value of `future` if it is ready at once: a part's function, once its
/// file is there, runs without waiting, so a synchronous event (`beforeprint`)
/// can use it.
pub fn at_once<F: Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    match future.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
        std::task::Poll::Ready(out) => Some(out),
        std::task::Poll::Pending => None,
    }
}

/// Runs `load` in a task of the current owner once the browser is idle after
/// the first field (a first visit fetches nothing more before it), then `done`
/// with what it brought; the function returned runs it again at once (重试, or
/// a print that found its part missing).
pub fn fetch_at_idle<T, Fut>(
    load: impl Fn() -> Fut + Copy + 'static,
    done: impl Fn(Result<T, Unloaded>) + Copy + 'static,
) -> impl Fn() + Clone + 'static
where
    T: 'static,
    Fut: Future<Output = Result<T, Unloaded>> + 'static,
{
    // Not the caller's scope at the time of a retry: 重试 runs in the failure
    // message's scope, which its own click disposes.
    let owner = Owner::current().unwrap_or_default();
    let run = move |at_idle: bool| {
        let task = async move {
            if at_idle {
                crate::browser::dom::idle().await;
            }
            done(load().await);
        };
        owner.with(|| leptos::task::spawn_local_scoped(task))
    };
    run(true);
    move || run(false)
}

/// Shows the part `load` brings once it is there (see [`fetch_at_idle`]);
/// where it could not be fetched, says so in Chinese with 重试, which fetches
/// it again. A plain task rather than Leptos's `Suspend`, whose machinery would
/// otherwise ride in every first visit for this one use.
#[component]
pub fn Later<F, Fut>(
    /// What the part is, as the user knows it (`草稿列表`).
    name: &'static str,
    /// Brings the part (a function declared by [`load_on_use!`]).
    load: F,
    /// Drawn until the part is there, taking its room, so nothing below moves when it comes.
    #[prop(optional, into)]
    placeholder: Option<ViewFn>,
) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, Unloaded>> + 'static,
{
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Waiting,
        Shown,
        Failed,
    }
    let state = RwSignal::new(State::Waiting);
    // The view is taken out once, when the state says it is there.
    let part = StoredValue::new_local(None::<AnyView>);
    let fetch = fetch_at_idle(load, move |loaded| match loaded {
        Ok(view) => {
            part.set_value(Some(view));
            state.set(State::Shown);
        }
        Err(Unloaded) => state.set(State::Failed),
    });
    move || match state.get() {
        State::Waiting => placeholder.as_ref().map(|p| p.run()),
        State::Shown => part.try_update_value(Option::take).flatten(),
        State::Failed => Some({
            let fetch = fetch.clone();
            view! {
                <p class="later-failed" role="alert">
                    {unloaded_message(name)}
                    <button type="button" on:click=move |_| {
                        state.set(State::Waiting);
                        fetch();
                    }>"重试"</button>
                </p>
            }
            .into_any()
        }),
    }
}
