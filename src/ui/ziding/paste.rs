//! 粘贴表格: the box a notice's table is pasted into, from Word, WPS, Excel or a web page.

use leptos::prelude::*;

use crate::browser::pasted;
use crate::ui::keeper::Keeper;
use kepu_core::forms::ziding::pasted::from_text;
use kepu_core::forms::ziding::{Reading, Ziding, read};

/// Element id of the paste box.
pub const PASTE_ID: &str = "ziding-paste";

/// The most text a paste may hold: a notice's table is a few hundred KB at most even from Word.
const MAX_PASTE: usize = 8 * 1024 * 1024;

/// What a paste's data gives: the table read, or why not, in Chinese.
fn reading_of(html: &str, text: &str, files: u32) -> Result<Reading, String> {
    if html.len() > MAX_PASTE || text.len() > MAX_PASTE {
        let mb = html.len().max(text.len()) as f64 / 1_048_576.0;
        return Err(format!("粘贴的内容太大（{mb:.1} MB）：请只复制通知中的那张表格"));
    }
    if !html.trim().is_empty()
        && let Some(grid) = pasted::grid_of(html)?
    {
        return read(&grid);
    }
    if !text.trim().is_empty() {
        return read(&from_text(text));
    }
    if files > 0 {
        return Err("粘贴的是图片或文件，不是表格：请在Word、WPS或Excel中选中表格文字后复制".to_owned());
    }
    Err("剪贴板里没有表格：请在Word、WPS或Excel中选中整张表格（连同上方标题和下方说明）后复制".to_owned())
}

/// The paste box and what went wrong with the last paste.
pub fn paste_box(keeper: Keeper<Ziding>) -> impl IntoView {
    let message = RwSignal::new(None::<String>);
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        ev.prevent_default();
        let Some(data) = ev.clipboard_data() else {
            message.set(Some("浏览器没有交出剪贴板的内容，请再粘贴一次".to_owned()));
            return;
        };
        let html = data.get_data("text/html").unwrap_or_default();
        let text = data.get_data("text/plain").unwrap_or_default();
        let files = data.files().map_or(0, |f| f.length());
        match reading_of(&html, &text, files) {
            Ok(reading) => {
                message.set(None);
                keeper.edit(|f| {
                    f.table = reading.table;
                    f.rows = reading.rows;
                    f.heads.clear();
                });
            }
            Err(why) => message.set(Some(why)),
        }
    };
    view! {
        <section class="paste-box">
            <label for=PASTE_ID>"粘贴表格"</label>
            <p class="hint" id="ziding-paste-hint">
                "在Word、WPS或Excel中选中通知里的整张表格（连同上方的标题、填报单位一行和下方的说明），复制后点击下框，按Ctrl+V粘贴。也可粘贴列名，每行一个。"
            </p>
            <textarea
                id=PASTE_ID
                rows="6"
                aria-describedby="ziding-paste-hint ziding-paste-message"
                aria-invalid=move || message.with(Option::is_some).then_some("true")
                placeholder="在此粘贴表格"
                on:paste=on_paste
                // Typed text is never kept: only a paste makes a table.
                prop:value=""
            ></textarea>
            <p class="message" id="ziding-paste-message" role="alert">{move || message.get()}</p>
        </section>
    }
}
