//! Long editable tables as HTML text: a thousand rows of nine inputs are one
//! `innerHTML` for the browser's own parser, where building them node by node
//! from wasm takes seconds. Cells are named by `aria-label`, so no thousands of
//! visually hidden `<label>`s; the page handles events on the table body.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use leptos::prelude::document;

use crate::ui::field::FieldMessage;
use kepu_core::rules::problem::Severity;
use kepu_core::table::CellKind;

/// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped, safe in text and in quoted attributes.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// One editable cell: `<td>` with its input or select, named `name`, with suggestions from
/// the `<datalist>` `list`, and its message under it.
pub fn cell(
    out: &mut String,
    id: &str,
    name: &str,
    kind: CellKind,
    list: Option<&str>,
    value: &str,
    message: Option<&FieldMessage>,
) {
    let error = message.is_some_and(|m| m.severity == Severity::Error);
    out.push_str(if error { "<td class=\"table-cell table-cell--error\">" } else { "<td class=\"table-cell\">" });
    let mut attrs = String::new();
    let _ = write!(attrs, " id=\"{id}\" aria-label=\"");
    escape_into(&mut attrs, name);
    attrs.push('"');
    if error {
        attrs.push_str(" aria-invalid=\"true\"");
    }
    if message.is_some() {
        let _ = write!(attrs, " aria-describedby=\"{id}-message\"");
    }
    if let Some(list) = list {
        let _ = write!(attrs, " list=\"{list}\"");
    }
    match kind {
        CellKind::Choice(options) => {
            let _ = write!(out, "<select{attrs}><option value=\"\">请选择</option>");
            for option in options {
                let selected = if *option == value { " selected" } else { "" };
                out.push_str("<option value=\"");
                escape_into(out, option);
                let _ = write!(out, "\"{selected}>");
                escape_into(out, option);
                out.push_str("</option>");
            }
            out.push_str("</select>");
        }
        CellKind::LongText => {
            let _ = write!(out, "<textarea{attrs} rows=\"3\">");
            escape_into(out, value);
            out.push_str("</textarea>");
        }
        _ => {
            let kind_attrs = match kind {
                CellKind::Date => " type=\"date\"",
                CellKind::Count => " type=\"text\" inputmode=\"numeric\" class=\"numeric\"",
                CellKind::Decimal => " type=\"text\" inputmode=\"decimal\" class=\"numeric\"",
                _ => " type=\"text\"",
            };
            let _ = write!(out, "<input{attrs}{kind_attrs} autocomplete=\"off\" value=\"");
            escape_into(out, value);
            out.push_str("\">");
        }
    }
    if let Some(m) = message {
        let _ = write!(out, "<p class=\"message cell-message\" id=\"{id}-message\">");
        escape_into(out, &m.text);
        out.push_str("</p>");
    }
    out.push_str("</td>");
}

/// Shows `message` (or none) at the cell with element id `id`, in place.
pub fn patch_message(id: &str, message: Option<&FieldMessage>) {
    let Some(control) = document().get_element_by_id(id) else {
        return;
    };
    let message_id = format!("{id}-message");
    let error = message.is_some_and(|m| m.severity == Severity::Error);
    let _ =
        if error { control.set_attribute("aria-invalid", "true") } else { control.remove_attribute("aria-invalid") };
    let Some(cell) = control.parent_element() else {
        return;
    };
    cell.set_class_name(if error { "table-cell table-cell--error" } else { "table-cell" });
    if let Some(old) = document().get_element_by_id(&message_id) {
        old.remove();
    }
    match message {
        Some(m) => {
            let _ = control.set_attribute("aria-describedby", &message_id);
            if let Ok(p) = document().create_element("p") {
                p.set_id(&message_id);
                p.set_class_name("message cell-message");
                p.set_text_content(Some(&m.text));
                let _ = cell.append_child(&p);
            }
        }
        None => {
            let _ = control.remove_attribute("aria-describedby");
        }
    }
}

/// Brings the cells' messages from `before` to `now`, touching only the cells that changed.
pub fn patch_messages<K: Copy + Ord>(
    before: &mut BTreeMap<K, FieldMessage>,
    now: BTreeMap<K, FieldMessage>,
    id: impl Fn(K) -> String,
) {
    for (&key, m) in &now {
        if before.get(&key) != Some(m) {
            patch_message(&id(key), Some(m));
        }
    }
    for &key in before.keys().filter(|k| !now.contains_key(k)) {
        patch_message(&id(key), None);
    }
    *before = now;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut out = String::new();
        escape_into(&mut out, r#"<b>"A&B"</b> 'x'"#);
        assert_eq!(out, "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; &#39;x&#39;");
    }

    #[test]
    fn a_count_cell_with_an_error() {
        let mut out = String::new();
        let message = FieldMessage { severity: Severity::Error, text: "请填写整数".into() };
        cell(&mut out, "t-1-n", "参与人数 第1行", CellKind::Count, None, "1\"0", Some(&message));
        assert_eq!(
            out,
            "<td class=\"table-cell table-cell--error\"><input id=\"t-1-n\" aria-label=\"参与人数 第1行\" \
             aria-invalid=\"true\" aria-describedby=\"t-1-n-message\" type=\"text\" inputmode=\"numeric\" \
             class=\"numeric\" autocomplete=\"off\" value=\"1&quot;0\"><p class=\"message cell-message\" \
             id=\"t-1-n-message\">请填写整数</p></td>"
        );
    }

    #[test]
    fn a_choice_cell_selects_its_value() {
        let mut out = String::new();
        cell(&mut out, "m", "活动形式 第2行", CellKind::Choice(&["线上", "线下"]), None, "线下", None);
        assert_eq!(
            out,
            "<td class=\"table-cell\"><select id=\"m\" aria-label=\"活动形式 第2行\"><option value=\"\">请选择</option>\
             <option value=\"线上\">线上</option><option value=\"线下\" selected>线下</option></select></td>"
        );
    }
}
