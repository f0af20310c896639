//! HTML as text, for what the page draws in one `innerHTML` (long tables, the
//! print sheets, the 汇总's lists): one builder, which escapes every text and
//! attribute value and lets in unescaped only markup written in the code.

use std::fmt::{self, Display, Write as _};

/// HTML being built. [`Html::text`] and [`Html::attr`] escape what they are
/// given; only [`Html::tag`] takes markup as it is, and only a `&'static str`,
/// so no text typed or read from a file can reach the page as markup.
#[derive(Debug, Default)]
pub struct Html(String);

impl Html {
    /// Empty, with room for `bytes`.
    pub fn with_capacity(bytes: usize) -> Self {
        Html(String::with_capacity(bytes))
    }

    /// Markup written in the code: `<tr>`, `</td>`.
    pub fn tag(&mut self, markup: &'static str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// Text (or a number), escaped.
    pub fn text(&mut self, text: impl Display) -> &mut Self {
        self.escaped(format_args!("{text}"))
    }

    // One copy of the writing for every type of text (each `text` call only builds its arguments).
    #[inline(never)]
    fn escaped(&mut self, text: fmt::Arguments) -> &mut Self {
        let _ = Escaped(&mut self.0).write_fmt(text);
        self
    }

    /// ` name="value"`, the value escaped.
    pub fn attr(&mut self, name: &'static str, value: impl Display) -> &mut Self {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        self.escaped(format_args!("{value}"));
        self.0.push('"');
        self
    }

    /// ` class="…"`, or nothing for no class.
    pub fn class(&mut self, class: &str) -> &mut Self {
        if !class.is_empty() {
            self.attr("class", class);
        }
        self
    }

    /// The HTML.
    pub fn finish(self) -> String {
        self.0
    }
}

/// Writes into a string with `&`, `<`, `>`, `"` and `'` escaped: safe in text and in quoted attributes.
struct Escaped<'a>(&'a mut String);

impl fmt::Write for Escaped<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for c in text.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                '\'' => self.0.push_str("&#39;"),
                c => self.0.push(c),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_markup_is_not() {
        let mut html = Html::default();
        html.tag("<td").attr("aria-label", "\"A&B\" 第1行").class("").class("num").tag(">");
        html.text(r#"<b>"A&B"</b> 'x'"#).text(12).tag("</td>");
        assert_eq!(
            html.finish(),
            "<td aria-label=\"&quot;A&amp;B&quot; 第1行\" class=\"num\">\
             &lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; &#39;x&#39;12</td>"
        );
    }
}
