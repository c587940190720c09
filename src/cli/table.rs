//! Plain text tables aligned by display width, so 中文 columns line up in a terminal.
//!
//! A [`Table`] keeps every cell, escaped, in one string as it is added, and its column widths
//! as they grow: a listing of 25,000 rows is one allocation per few thousand cells instead of
//! a `String` per cell, a copy per escaped cell and one per line.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use unicode_width::UnicodeWidthStr;

use crate::domain::problem::Problem;
use crate::i18n::{Lang, sheets};

/// Display width of an escaped cell: printable ASCII is one column a byte (most cells:
/// numbers, codes, times), a CJK unified ideograph two (school names, states); anything else
/// in the cell has it measured by `unicode-width`, whose rules also look at neighbours.
fn width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    let mut w = 0;
    for c in s.chars() {
        w += match c {
            ' '..='~' => 1,
            '\u{4e00}'..='\u{9fff}' => 2,
            _ => return s.width(),
        };
    }
    w
}

/// A table filled row by row, then rendered or printed once.
#[derive(Debug, Clone)]
pub struct Table {
    /// Widest cell (or header) per header column.
    widths: Vec<usize>,
    /// Every cell of every row (the header's first), escaped, back to back.
    text: String,
    /// Per cell: where it ends in `text` and its display width (u32: half the memory of a
    /// listing's 200,000 cells; a table is far below 4 GB).
    cells: Vec<(u32, u32)>,
    /// Where each row ends in `cells`.
    rows: Vec<usize>,
}

impl Table {
    /// An empty table under `header`; the header's columns are the ones aligned (cells beyond
    /// them are printed unpadded).
    pub fn new(header: &[&str]) -> Table {
        let mut t = Table {
            widths: vec![0; header.len()],
            text: String::new(),
            cells: Vec::new(),
            rows: Vec::new(),
        };
        for h in header {
            t.cell(h);
        }
        t.end_row();
        t
    }

    /// An empty table under `header`, with room for about `rows` rows.
    pub fn with_capacity(header: &[&str], rows: usize) -> Table {
        let mut t = Table::new(header);
        let cols = header.len().max(1);
        t.cells.reserve(rows * cols);
        t.rows.reserve(rows);
        // Cells of listings are short: about 12 bytes each is a fair first guess.
        t.text.reserve(rows * cols * 12);
        t
    }

    /// Adds a cell to the row being filled, escaped ([`super::term::escape`]) before it is
    /// measured, so a hostile cell cannot break the alignment of the rows after it either.
    pub fn cell(&mut self, s: &str) -> &mut Table {
        self.text.push_str(&super::term::escape(s));
        self.measure()
    }

    /// Adds a formatted cell (a number, a count like 198/200) without a `String` of its own.
    pub fn cell_fmt(&mut self, args: fmt::Arguments<'_>) -> &mut Table {
        let start = self.text.len();
        let _ = self.text.write_fmt(args);
        if let Cow::Owned(escaped) = super::term::escape(&self.text[start..]) {
            self.text.truncate(start);
            self.text.push_str(&escaped);
        }
        self.measure()
    }

    /// Adds a number (ids, counts): digits need neither escaping nor measuring.
    pub fn num(&mut self, n: impl Into<i128>) -> &mut Table {
        self.push_num(n.into());
        self.ascii_cell()
    }

    /// Adds `a/b` (valid rows of rows, items done of all).
    pub fn ratio(&mut self, a: impl Into<i128>, b: impl Into<i128>) -> &mut Table {
        self.push_num(a.into());
        self.text.push('/');
        self.push_num(b.into());
        self.ascii_cell()
    }

    fn push_num(&mut self, n: i128) {
        let mut digits = [0u8; 40];
        let mut at = digits.len();
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if n < 0 {
            self.text.push('-');
        }
        self.text
            .push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
    }

    /// Records the cell just written to `text`, known to be printable ASCII.
    fn ascii_cell(&mut self) -> &mut Table {
        let start = self.cells.last().map_or(0, |c| c.0 as usize);
        let w = self.text.len() - start;
        let col = self.cells.len() - self.rows.last().copied().unwrap_or(0);
        if let Some(max) = self.widths.get_mut(col) {
            *max = (*max).max(w);
        }
        self.cells.push((self.text.len() as u32, w as u32));
        self
    }

    /// Records the cell just written to `text`.
    fn measure(&mut self) -> &mut Table {
        let start = self.cells.last().map_or(0, |c| c.0 as usize);
        let w = width(&self.text[start..]);
        let col = self.cells.len() - self.rows.last().copied().unwrap_or(0);
        if let Some(max) = self.widths.get_mut(col) {
            *max = (*max).max(w);
        }
        self.cells.push((self.text.len() as u32, w as u32));
        self
    }

    /// Ends the row being filled.
    pub fn end_row(&mut self) {
        self.rows.push(self.cells.len());
    }

    /// Adds a whole row.
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        for c in cells {
            self.cell(c.as_ref());
        }
        self.end_row();
    }

    /// The table as text: left-aligned columns separated by two spaces, each line without
    /// trailing blanks and ending in a line break.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + self.rows.len() * 16);
        self.lines(|line| {
            out.push_str(line);
            Ok(())
        })
        .expect("writing to a String");
        out
    }

    /// Prints the table on stdout, a block of lines at a time (a listing of 25,000 rows is
    /// never held twice). Its cells were escaped as they were added.
    pub fn print(&self) {
        let mut block = String::with_capacity(64 * 1024);
        let _ = self.lines(|line| {
            block.push_str(line);
            if block.len() >= 60 * 1024 {
                super::term::stdout_escaped(&block)?;
                block.clear();
            }
            Ok(())
        });
        let _ = super::term::stdout_escaped(&block);
    }

    /// Hands each line, padded and ending in a line break, to `f`.
    fn lines(&self, mut f: impl FnMut(&str) -> std::io::Result<()>) -> std::io::Result<()> {
        let mut line = String::new();
        let (mut cell, mut at) = (0, 0);
        for &row_end in &self.rows {
            line.clear();
            for (i, &(end, w)) in self.cells[cell..row_end].iter().enumerate() {
                if i > 0 {
                    line.push_str("  ");
                }
                let end = end as usize;
                line.push_str(&self.text[at..end]);
                at = end;
                let pad = self
                    .widths
                    .get(i)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(w as usize);
                line.extend(std::iter::repeat_n(' ', pad));
            }
            cell = row_end;
            line.truncate(line.trim_end().len());
            line.push('\n');
            f(&line)?;
        }
        Ok(())
    }
}

/// Renders `header` and `rows` as left-aligned columns separated by two spaces. Cells are
/// escaped ([`super::term::escape`]) before they are measured, so a hostile cell cannot break
/// the alignment of the rows after it either.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut t = Table::with_capacity(header, rows.len());
    for r in rows {
        t.row(r);
    }
    t.render()
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
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn ascii_and_chinese_are_as_wide_as_unicode_width_says() {
        for s in [
            "浙江商业职业技术学院",
            "报名表 (2).xlsx",
            "第62职业技术学院",
            "已受理",
            "张三\u{301}",
            "（全角）",
            "ab\ncd",
            "é",
            "",
        ] {
            assert_eq!(super::width(s), s.width(), "{s}");
        }
        for c in ('\u{4e00}'..='\u{9fff}').chain(' '..='~') {
            let s = c.to_string();
            assert_eq!(super::width(&s), s.width(), "{c}");
        }
    }

    #[test]
    fn numbers_and_ratios_are_written_as_display_writes_them() {
        let mut t = super::Table::new(&["n", "of"]);
        for (a, b) in [
            (0i64, 200usize),
            (-17, 3),
            (i64::MAX, usize::MAX),
            (i64::MIN, 0),
        ] {
            t.num(a).ratio(a, b as u64).end_row();
        }
        let mut by_fmt = super::Table::new(&["n", "of"]);
        for (a, b) in [
            (0i64, 200usize),
            (-17, 3),
            (i64::MAX, usize::MAX),
            (i64::MIN, 0),
        ] {
            by_fmt
                .cell_fmt(format_args!("{a}"))
                .cell_fmt(format_args!("{a}/{b}"))
                .end_row();
        }
        assert_eq!(t.render(), by_fmt.render());
    }

    #[test]
    fn a_hostile_cell_is_escaped_and_the_columns_still_line_up() {
        let mut t = super::Table::new(&["院校", "n"]);
        t.cell("浙\u{1b}[2J江").num(1u8).end_row();
        t.cell("ab").num(22u8).end_row();
        // 浙 and 江 are two columns each, the escaped ESC nine.
        assert_eq!(
            t.render(),
            "院校           n\n浙\\u001b[2J江  1\nab             22\n"
        );
    }

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
