//! Small page interactions: focusing a field, asking to confirm.

use wasm_bindgen::{JsCast, JsValue};

fn document() -> Result<web_sys::Document, JsValue> {
    web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document"))
}

/// Focuses the element with `id`, first opening a closed `<details>` around it.
pub fn focus_field(id: &str) -> Result<(), JsValue> {
    let element = document()?.get_element_by_id(id).ok_or_else(|| JsValue::from_str("no such field"))?;
    if let Some(details) = element.closest("details")? {
        details.set_attribute("open", "")?;
    }
    let element: web_sys::HtmlElement = element.dyn_into()?;
    element.focus()?;
    element.scroll_into_view_with_bool(false);
    Ok(())
}

/// The element that has focus now, if any but the page itself.
fn focused() -> Option<web_sys::Element> {
    let document = document().ok()?;
    let active = document.active_element()?;
    (Some(&active) != document.body().map(web_sys::Element::from).as_ref()).then_some(active)
}

/// Runs `focus` once the current render has reached the page, unless the user
/// has moved focus elsewhere meanwhile: never take focus from where they went.
fn when_drawn(focus: impl FnOnce() + 'static) {
    let before = focused();
    let run = wasm_bindgen::closure::Closure::once_into_js(move || {
        let now = focused();
        if now.is_none() || now == before {
            focus();
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(run.unchecked_ref());
    }
}

/// Focuses `element` once the current render has reached the page.
pub fn focus_later(element: web_sys::HtmlElement) {
    when_drawn(move || {
        let _ = element.focus();
    });
}

/// Focuses the element with `id` once the current render has reached the page.
pub fn focus_field_later(id: String) {
    when_drawn(move || {
        let _ = focus_field(&id);
    });
}

/// Sets the value of the form control with `id` to `value` when it shows something else.
pub fn show_value(id: &str, value: &str) {
    let Ok(Some(element)) = document().map(|d| d.get_element_by_id(id)) else { return };
    if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        if select.value() != value {
            select.set_value(value);
        }
    } else if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        if input.value() != value {
            input.set_value(value);
        }
    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>()
        && area.value() != value
    {
        area.set_value(value);
    }
}

/// Asks the user `question` with the browser's confirmation dialog.
pub fn confirm(question: &str) -> Result<bool, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?.confirm_with_message(question)
}

/// Whether the page is being hidden (tab switched, window minimised, page closing).
pub fn page_hidden() -> bool {
    document().is_ok_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// The number in attribute `name` of the button a click hit, for one click
/// handler over buttons drawn as HTML text (holding text only, so the click's
/// target is the button).
pub fn clicked(ev: &web_sys::MouseEvent, name: &str) -> Option<u32> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()?.get_attribute(name)?.parse().ok()
}

/// Sends the window event `name` (what the page's scripts wait for).
pub fn announce(name: &str) {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(name)) {
        let _ = window.dispatch_event(&event);
    }
}

/// Resolves once the browser is idle (`requestIdleCallback`; where it is missing, as
/// in Safari, on the next task): what can wait for the first field waits for this.
pub async fn idle() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if window.request_idle_callback(&resolve).is_err() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
