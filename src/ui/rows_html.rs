//! Long editable tables as HTML text: a thousand rows of nine inputs are one
//! `innerHTML` for the browser's own parser, where building them node by node
//! from wasm takes seconds. Cells are named by `aria-label`, so no thousands of
//! visually hidden `<label>`s; the page handles events on the table body.

use std::collections::BTreeMap;

use leptos::prelude::document;

use crate::ui::field::FieldMessage;
use crate::ui::html::Html;
use kepu_core::rules::problem::Severity;
use kepu_core::table::CellKind;

/// One editable cell: `<td>` with its input or select, named `name`, with suggestions from
/// the `<datalist>` `list`, and its message under it.
pub fn cell(
    out: &mut Html,
    id: &str,
    name: &str,
    kind: CellKind,
    list: Option<&str>,
    value: &str,
    message: Option<&FieldMessage>,
) {
    let error = message.is_some_and(|m| m.severity == Severity::Error);
    out.tag(if error { "<td class=\"table-cell table-cell--error\">" } else { "<td class=\"table-cell\">" });
    let attrs = |out: &mut Html| {
        out.attr("id", id).attr("aria-label", name);
        if error {
            out.attr("aria-invalid", "true");
        }
        if message.is_some() {
            out.attr("aria-describedby", format_args!("{id}-message"));
        }
        if let Some(list) = list {
            out.attr("list", list);
        }
    };
    match kind {
        CellKind::Choice(options) => {
            out.tag("<select");
            attrs(out);
            out.tag("><option value=\"\">请选择</option>");
            for option in options {
                out.tag("<option").attr("value", option);
                if *option == value {
                    out.tag(" selected");
                }
                out.tag(">").text(option).tag("</option>");
            }
            out.tag("</select>");
        }
        CellKind::LongText => {
            out.tag("<textarea");
            attrs(out);
            out.tag(" rows=\"3\">").text(value).tag("</textarea>");
        }
        _ => {
            out.tag("<input");
            attrs(out);
            out.tag(match kind {
                CellKind::Date => " type=\"date\"",
                CellKind::Count => " type=\"text\" inputmode=\"numeric\" class=\"numeric\"",
                CellKind::Decimal => " type=\"text\" inputmode=\"decimal\" class=\"numeric\"",
                _ => " type=\"text\"",
            });
            out.tag(" autocomplete=\"off\"").attr("value", value).tag(">");
        }
    }
    if let Some(m) = message {
        out.tag("<p class=\"message cell-message\"").attr("id", format_args!("{id}-message")).tag(">");
        out.text(&m.text).tag("</p>");
    }
    out.tag("</td>");
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
    fn a_count_cell_with_an_error() {
        let mut out = Html::default();
        let message = FieldMessage { severity: Severity::Error, text: "请填写整数".into() };
        cell(&mut out, "t-1-n", "参与人数 第1行", CellKind::Count, None, "1\"0", Some(&message));
        assert_eq!(
            out.finish(),
            "<td class=\"table-cell table-cell--error\"><input id=\"t-1-n\" aria-label=\"参与人数 第1行\" \
             aria-invalid=\"true\" aria-describedby=\"t-1-n-message\" type=\"text\" inputmode=\"numeric\" \
             class=\"numeric\" autocomplete=\"off\" value=\"1&quot;0\"><p class=\"message cell-message\" \
             id=\"t-1-n-message\">请填写整数</p></td>"
        );
    }

    #[test]
    fn a_choice_cell_selects_its_value() {
        let mut out = Html::default();
        cell(&mut out, "m", "活动形式 第2行", CellKind::Choice(&["线上", "线下"]), None, "线下", None);
        assert_eq!(
            out.finish(),
            "<td class=\"table-cell\"><select id=\"m\" aria-label=\"活动形式 第2行\"><option value=\"\">请选择</option>\
             <option value=\"线上\">线上</option><option value=\"线下\" selected>线下</option></select></td>"
        );
    }
}
