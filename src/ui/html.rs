//! HTML as text, for what the page draws in one `innerHTML` (long tables, the
//! print sheets, the 汇总's lists): one builder, which escapes every text and
//! attribute value and lets in unescaped only markup written in the code.

use std::fmt::{self, Write as _};

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
    pub fn text(&mut self, text: impl Piece) -> &mut Self {
        text.put(&mut self.0);
        self
    }

    /// ` name="value"`, the value escaped.
    pub fn attr(&mut self, name: &'static str, value: impl Piece) -> &mut Self {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        value.put(&mut self.0);
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

/// What goes into HTML as text: strings escaped, numbers as they are (they
/// hold nothing to escape), formatted text escaped as it is written.
pub trait Piece {
    /// Appends it to `out`.
    fn put(self, out: &mut String);
}

impl Piece for &str {
    fn put(self, out: &mut String) {
        escape(out, self);
    }
}

impl Piece for &&str {
    fn put(self, out: &mut String) {
        escape(out, self);
    }
}

impl Piece for &String {
    fn put(self, out: &mut String) {
        escape(out, self);
    }
}

impl Piece for String {
    fn put(self, out: &mut String) {
        escape(out, &self);
    }
}

impl Piece for fmt::Arguments<'_> {
    fn put(self, out: &mut String) {
        let _ = Escaped(out).write_fmt(self);
    }
}

macro_rules! numbers {
    ($($ty:ty),*) => {$(
        impl Piece for $ty {
            fn put(self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}

numbers!(u8, u16, u32, u64, usize);

/// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped: safe in text and in quoted attributes.
fn escape(out: &mut String, text: &str) {
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

/// Formatted text, escaped as it is written.
struct Escaped<'a>(&'a mut String);

impl fmt::Write for Escaped<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        escape(self.0, text);
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
        html.text(r#"<b>"A&B"</b> 'x'"#).text(12_u32).tag("</td>");
        assert_eq!(
            html.finish(),
            "<td aria-label=\"&quot;A&amp;B&quot; 第1行\" class=\"num\">\
             &lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; &#39;x&#39;12</td>"
        );
    }
}
