//! The live 字数 counter beside a long text field.

use std::time::Duration;

use leptos::prelude::*;

use kepu_core::rules::zi::TextCount;

/// How long typing must pause before the count is read out to screen readers (at most twice that).
const ANNOUNCE_AFTER: Duration = Duration::from_millis(1000);

/// The screen reader's announcement of the count, once typing pauses. Copy.
#[derive(Clone, Copy)]
struct Announcer {
    said: RwSignal<String>,
    changes: StoredValue<u32>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Announcer {
    /// The count changed: `text` is said once it has stayed so for one to two [`ANNOUNCE_AFTER`]s.
    /// One timer per pause, not one per keystroke (re-arming it cost each keystroke 0.05 ms).
    fn changed(self, text: impl Fn() -> String + Copy + 'static) {
        self.changes.update_value(|n| *n = n.wrapping_add(1));
        if self.timer.with_value(Option::is_none) {
            self.arm(text);
        }
    }

    fn arm(self, text: impl Fn() -> String + Copy + 'static) {
        let seen = self.changes.get_value();
        let fire = move || {
            self.timer.set_value(None);
            if self.changes.get_value() == seen {
                self.said.set(text());
            } else {
                self.arm(text);
            }
        };
        self.timer.set_value(set_timeout_with_handle(fire, ANNOUNCE_AFTER).ok());
    }

    fn stop(self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
    }
}

/// `字数：N　字符数（不计空格）：M　还差 K 字`, with a polite, debounced
/// announcement for screen readers.
#[component]
pub fn ZiCounter(
    /// Element id, referenced by the field's `aria-describedby`.
    #[prop(into)]
    id: String,
    /// The counts of the committed text.
    #[prop(into)]
    count: Signal<TextCount>,
    /// The minimum number of 字 the paper asks for.
    min: usize,
) -> impl IntoView {
    let announcer =
        Announcer { said: RwSignal::new(String::new()), changes: StoredValue::new(0), timer: StoredValue::new(None) };
    let spoken = move || {
        let c = count.get_untracked();
        if c.zi < min {
            format!("字数{}，还差{}字", c.zi, min - c.zi)
        } else {
            format!("字数{}，已达到{min}字", c.zi)
        }
    };
    Effect::new(move |previous: Option<()>| {
        count.track();
        if previous.is_some() {
            announcer.changed(spoken);
        }
    });
    on_cleanup(move || announcer.stop());
    // Past the minimum the status stays the same while typing: not rebuilt per keystroke.
    let short = Memo::new(move |_| count.with(|c| (c.zi < min).then(|| min - c.zi)));
    view! {
        <p class="counter" id=id>
            <span class="counter__zi">{move || format!("字数：{}", count.get().zi)}</span>
            <span class="counter__chars">{move || format!("字符数（不计空格）：{}", count.get().chars)}</span>
            {move || match short.get() {
                Some(n) => view! { <span class="counter__short">{format!("还差 {n} 字")}</span> }.into_any(),
                None => view! { <span class="counter__ok">{format!("已满{min}字")}</span> }.into_any(),
            }}
        </p>
        <p class="sr-only" aria-live="polite" aria-atomic="true">{move || announcer.said.get()}</p>
    }
}
