//! The live 字数 counter beside a long text field.

use std::time::Duration;

use leptos::prelude::*;

use kepu_core::rules::zi::TextCount;

/// How long typing must pause before the count is read out to screen readers.
const ANNOUNCE_AFTER: Duration = Duration::from_millis(1000);

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
    let announced = RwSignal::new(String::new());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let spoken = move |c: TextCount| {
        if c.zi < min {
            format!("字数{}，还差{}字", c.zi, min - c.zi)
        } else {
            format!("字数{}，已达到{min}字", c.zi)
        }
    };
    Effect::new(move |previous: Option<()>| {
        let c = count.get();
        if previous.is_none() {
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let text = spoken(c);
        pending.set_value(set_timeout_with_handle(move || announced.set(text), ANNOUNCE_AFTER).ok());
    });
    on_cleanup(move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    });
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
        <p class="sr-only" aria-live="polite" aria-atomic="true">{move || announced.get()}</p>
    }
}
