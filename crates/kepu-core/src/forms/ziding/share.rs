//! A table shared without a server: its description (not what was filled
//! in) as JSON text, which the page compresses into a link's fragment, with a
//! check of the description, so a link cut short or altered is refused and
//! never opens a different table.

use serde::{Deserialize, Serialize};

use super::{Table, Ziding, fingerprint};

/// What a link carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Shared {
    /// The table's identity.
    id: String,
    /// Its version.
    version: u32,
    /// The description.
    table: Table,
    /// [`check`] of the description.
    check: String,
}

/// What a link that cannot be opened says.
pub const BROKEN_LINK: &str = "分享链接不完整或已被改动，无法打开表格：请向发出表格的单位重新索取链接（可请对方改用“导出表格文件”）";

/// The description's [`fingerprint`] in sixteen hex digits.
fn check(table: &Table) -> String {
    format!("{:016x}", fingerprint(table))
}

/// The JSON text a link or a table file carries for `form`'s table; `None` before it is finished.
pub fn shared(form: &Ziding) -> Option<String> {
    form.finished().then(|| {
        let shared =
            Shared { id: form.id.clone(), version: form.version, table: form.table.clone(), check: check(&form.table) };
        serde_json::to_string(&shared).unwrap_or_default()
    })
}

/// A new draft of the table `text` carries, finished and ready to fill; [`BROKEN_LINK`]'s
/// message when the text was cut, altered or is not a shared table.
pub fn open(text: &str) -> Result<Ziding, String> {
    let shared: Shared = serde_json::from_str(text).map_err(|_| BROKEN_LINK.to_owned())?;
    if shared.check != check(&shared.table) || shared.version == 0 || shared.id.is_empty() || !shared.table.sound() {
        return Err(BROKEN_LINK.to_owned());
    }
    Ok(Ziding { id: shared.id, version: shared.version, table: shared.table, ..Ziding::default() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::ziding::{Item, Layout};

    fn finished() -> Ziding {
        let table = Table {
            title: "联络员名单".into(),
            layout: Layout::List,
            columns: vec![Item::read("姓名", &[]), Item::read("手机号码", &[])],
            numbered: true,
            ..Table::default()
        };
        Ziding { id: "20261202-101500-3f2a".into(), version: 2, table, heads: vec!["甲".into()], ..Ziding::default() }
    }

    #[test]
    fn a_shared_table_opens_as_the_same_table_without_what_was_filled() {
        let form = finished();
        let text = shared(&form).unwrap();
        let opened = open(&text).unwrap();
        assert_eq!((opened.id.as_str(), opened.version, &opened.table), (form.id.as_str(), 2, &form.table));
        assert!(opened.heads.is_empty() && opened.finished());
        assert_eq!(shared(&Ziding::default()), None, "a table not finished is not shared");
    }

    #[test]
    fn a_cut_or_altered_link_is_refused() {
        let text = shared(&finished()).unwrap();
        assert_eq!(open(&text[..text.len() - 10]).unwrap_err(), BROKEN_LINK);
        let altered = text.replace("手机号码", "身份证号");
        assert_eq!(open(&altered).unwrap_err(), BROKEN_LINK, "another table never opens");
        assert_eq!(open("").unwrap_err(), BROKEN_LINK);
        assert_eq!(open("{\"id\":1}").unwrap_err(), BROKEN_LINK);
        // A link made by hand with a matching check but a grid pointing past its fields.
        let mut crafted = finished();
        crafted.table.grid = vec![vec![crate::forms::ziding::Slot::Field { field: 5, span: 1 }]];
        assert_eq!(open(&shared(&crafted).unwrap()).unwrap_err(), BROKEN_LINK);
    }
}
