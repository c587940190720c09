//! Wrapping text for pop-ups by display width. ratatui's word wrap breaks only at spaces, so
//! Chinese (which has none) was cut where a sentence with one space left a long tail; here a
//! line may break after any wide character, Latin words stay whole where they fit, and a text
//! that does not fit its box ends in "…" instead of stopping mid-word unmarked.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::table::fit;

/// `text` in lines of at most `width` cells. Breaks at spaces and after any wide (CJK)
/// character; a Latin word longer than a line is split. `\n` starts a new line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for token in tokens(para) {
            let w = token.width();
            if token == " " {
                if used > 0 && used < width {
                    line.push(' ');
                    used += 1;
                }
                continue;
            }
            if used + w > width && used > 0 {
                out.push(line.trim_end().to_string());
                line = String::new();
                used = 0;
            }
            if w > width {
                // A word longer than a whole line: split it where the line is full.
                for c in token.chars() {
                    let cw = c.width().unwrap_or(0);
                    if used + cw > width {
                        out.push(std::mem::take(&mut line));
                        used = 0;
                    }
                    line.push(c);
                    used += cw;
                }
                continue;
            }
            line.push_str(token);
            used += w;
        }
        out.push(line.trim_end().to_string());
    }
    out
}

/// At most `max` lines of `text` wrapped to `width`; when some are left out, the last shown
/// ends in "…".
pub fn wrap_clipped(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines = wrap(text, width);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            let cut = fit(last, width.saturating_sub(1));
            *last = format!("{}…", cut.trim_end_matches('…'));
        }
    }
    lines
}

/// Words of narrow characters, single wide characters, and single spaces.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let wide = c.width().unwrap_or(0) > 1;
        if c == ' ' || wide {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
            out.push(&s[i..i + c.len_utf8()]);
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_wraps_by_width_not_only_at_spaces() {
        let text = "确认将 #12 浙江商业职业技术学院 20211211-初级 标为已完成？此操作会记入日志";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        // Nothing lost: the lines hold the whole text (spaces at breaks aside).
        let joined: String = lines.concat().replace(' ', "");
        assert_eq!(joined, text.replace(' ', ""));
        // Latin words stay whole.
        assert!(
            lines
                .iter()
                .any(|l| l.contains("20211211-初级") || l.contains("20211211-"))
        );
        // A break falls inside a run of Chinese with no space: "标为已" / "完成".
        assert!(
            lines
                .windows(2)
                .any(|p| p[0].ends_with("标为已") && p[1].starts_with("完成")),
            "{lines:?}"
        );
        // Each full line is used up to its width (no early break at a space).
        assert!(
            lines[2..lines.len() - 1].iter().all(|l| l.width() >= 19),
            "{lines:?}"
        );
    }

    #[test]
    fn a_clipped_text_ends_in_an_ellipsis() {
        let lines = wrap_clipped("一二三四五六七八九十一二三四五六七八九十", 10, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(lines[1].width() <= 10);
        assert_eq!(wrap_clipped("短", 10, 2), ["短"]);
    }
}
