//! List plumbing shared by the screens: a cursor over a list and width-true truncation.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A selection in a list of `len` rows, and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub len: usize,
}

/// A cursor movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Down,
    Up,
    PageDown(usize),
    PageUp(usize),
    Top,
    Bottom,
}

impl Cursor {
    pub fn apply(&mut self, m: Move) {
        let last = self.len.saturating_sub(1);
        self.selected = match m {
            Move::Down => (self.selected + 1).min(last),
            Move::Up => self.selected.saturating_sub(1),
            Move::PageDown(n) => (self.selected + n.max(1)).min(last),
            Move::PageUp(n) => self.selected.saturating_sub(n.max(1)),
            Move::Top => 0,
            Move::Bottom => last,
        };
    }

    /// Keeps the selection inside a list that changed length.
    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// Whether the selection is among the `page` rows shown from `offset`.
    pub fn shown_in(&self, offset: usize, page: usize) -> bool {
        (offset..offset + page.max(1)).contains(&self.selected)
    }

    /// Where a window of `page` rows that started at `offset` starts once it shows the
    /// selection: it moves only as far as the selection went past its edge.
    pub fn window_from(&self, offset: usize, page: usize) -> usize {
        let page = page.max(1);
        if self.selected < offset {
            self.selected
        } else if self.selected >= offset + page {
            self.selected + 1 - page
        } else {
            offset
        }
    }
}

/// `s` cut to at most `width` terminal cells, with `…` when cut. CJK characters count two.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// A file name or path in at most `width` cells, cut in the middle with `…`: its end (the
/// extension, the file's own name) is what tells it apart, so the end stays whole as far as
/// it can (`…学院.xls` read as an old .xls; `…/exports/退回37.xlsx` must keep `37.xlsx`).
pub fn fit_path(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    if width <= 1 {
        return fit(s, width);
    }
    // The end gets two thirds of the room: the start only says where it is.
    let room = width - 1;
    let tail_w = room - room / 3;
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > tail_w {
            break;
        }
        tail.push(c);
        used += w;
    }
    let mut head = String::new();
    let mut head_used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if head_used + w > room - used {
            break;
        }
        head.push(c);
        head_used += w;
    }
    head.push('…');
    head.extend(tail.into_iter().rev());
    head
}

/// A count in at most `width` cells: whole when it fits, else in thousands or millions
/// (`201k`, `2M`), never cut, since a cut number reads as another number.
pub fn count(n: usize, width: usize) -> String {
    let whole = n.to_string();
    if whole.len() <= width {
        return whole;
    }
    let thousands = format!("{}k", n / 1000);
    if thousands.len() <= width {
        return thousands;
    }
    format!("{}M", n / 1_000_000)
}

/// The first row to show so that `selected` is visible in `height` rows.
pub fn scroll_start(selected: usize, height: usize) -> usize {
    if height == 0 {
        return 0;
    }
    selected.saturating_sub(height - 1)
}

/// `s` fitted to `width` cells and padded with spaces to exactly that width.
pub fn pad(s: &str, width: usize) -> String {
    let mut out = fit(s, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

/// Draws a screen's list: its table in a titled border, the selected row highlighted (also
/// without colour: the theme's selection is reversed). `selected` is the index among `rows`.
pub fn draw_list(
    f: &mut ratatui::Frame,
    area: ratatui::layout::Rect,
    th: &crate::tui::theme::Theme,
    table: ratatui::widgets::Table<'_>,
    title: &str,
    selected: Option<usize>,
) {
    use ratatui::text::Span;
    use ratatui::widgets::{Block, Borders, TableState};
    let table = table.row_highlight_style(th.selected()).block(
        Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(format!(" {title} "), th.title())),
    );
    let mut state = TableState::default().with_selected(selected);
    f.render_stateful_widget(table, area, &mut state);
}

/// A list filter as typed: words that must all appear, in any case, in what a row shows.
pub struct FilterWords(Vec<String>);

impl FilterWords {
    pub fn new(filter: &str) -> FilterWords {
        FilterWords(filter.split_whitespace().map(str::to_lowercase).collect())
    }

    /// Whether every word appears in `shown` (the row's text, joined).
    pub fn hit(&self, shown: &str) -> bool {
        let shown = shown.to_lowercase();
        self.0.iter().all(|w| shown.contains(w.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_too_wide_for_its_column_is_shortened_not_cut() {
        assert_eq!(count(1000, 4), "1000");
        assert_eq!(count(201_000, 4), "201k");
        assert_eq!(count(10_500, 4), "10k");
        assert_eq!(count(2_010_000, 4), "2M");
        assert_eq!(count(201_000, 7), "201000");
    }

    #[test]
    fn a_cut_path_keeps_its_end_and_shows_the_cut() {
        let p = "/home/wangjuan/.local/share/kaowu/exports/20211211-初级_浙江商业职业技术学院_退回37.xlsx";
        let cut = fit_path(p, 40);
        assert!(cut.width() <= 40, "{cut}");
        assert!(cut.ends_with("退回37.xlsx"), "{cut}");
        assert!(cut.starts_with("/home"), "{cut}");
        assert!(cut.contains('…'), "{cut}");
        assert_eq!(fit_path("a.xlsx", 10), "a.xlsx");
        let name = fit_path("浙江商业职业技术学院.xlsx", 12);
        assert!(name.ends_with(".xlsx") && name.contains('…'), "{name}");
        assert!(name.width() <= 12, "{name}");
    }

    #[test]
    fn fit_counts_cells_not_chars() {
        assert_eq!(fit("浙江商业职业技术学院", 10), "浙江商业…");
        assert_eq!(fit("浙江商业职业技术学院", 20), "浙江商业职业技术学院");
        assert_eq!(fit("abc", 2), "a…");
        assert_eq!(fit("浙江", 0), "");
        assert!(fit("浙江商业职业", 7).width() <= 7);
    }
}
