//! Plain text tables aligned by display width, so 中文 columns line up in a terminal.

use unicode_width::UnicodeWidthStr;

use crate::domain::problem::Problem;
use crate::i18n::{Lang, sheets};

/// Renders `header` and `rows` as left-aligned columns separated by two spaces. Cells are
/// escaped ([`super::term::escape`]) before they are measured, so a hostile cell cannot break
/// the alignment of the rows after it either.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let escaped: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| super::term::escape(c).into_owned())
                .collect()
        })
        .collect();
    let rows = &escaped;
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.width());
            }
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut l = String::new();
        for (i, c) in cells.enumerate() {
            if i > 0 {
                l.push_str("  ");
            }
            l.push_str(c);
            let pad = widths
                .get(i)
                .copied()
                .unwrap_or(0)
                .saturating_sub(c.width());
            l.extend(std::iter::repeat_n(' ', pad));
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

/// The cells of one problem line: row, column, code, message (file-level problems leave the
/// row and column empty).
pub fn problem_cells(p: &Problem, lang: Lang) -> Vec<String> {
    vec![
        p.row.map(|r| r.to_string()).unwrap_or_default(),
        p.column.clone().unwrap_or_default(),
        p.code.key().to_string(),
        crate::i18n::problems::text(p, lang),
    ]
}

/// Problem lines under the same headers as the annotated return's 问题说明 sheet, so staff
/// read one vocabulary on screen and in the files they send back.
pub fn problems(lang: Lang, rows: &[Vec<String>]) -> String {
    render(
        &[
            lang.t(&sheets::RETURN_COL_ROW),
            lang.t(&sheets::RETURN_COL_COLUMN),
            lang.t(&sheets::RETURN_COL_CODE),
            lang.t(&sheets::RETURN_COL_MESSAGE),
        ],
        rows,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn aligns_by_display_width() {
        let t = super::render(
            &["院校", "n"],
            &[
                vec!["浙江".into(), "1".into()],
                vec!["ab".into(), "22".into()],
            ],
        );
        assert_eq!(t, "院校  n\n浙江  1\nab    22\n");
    }
}
