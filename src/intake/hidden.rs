//! Rows hidden in Excel. Schools hide the students who withdrew instead of deleting them, and
//! calamine reads hidden rows like any other: they would be registered. The worksheets are
//! inflated once anyway by the guard's scan, which feeds them through [`HiddenRows`]; which
//! worksheet entry is which sheet comes from the workbook's own parts ([`sheet_paths`]).

use std::io::{Cursor, Read};

/// A row start tag longer than this is not one Excel or WPS wrote; it is not looked into.
const MAX_TAG: usize = 1024;
/// Row numbers kept per sheet (all are counted).
const MAX_KEPT: usize = 1000;

/// Finds `<row …hidden="1"…>` start tags (any namespace prefix) across chunk boundaries.
/// It runs over every byte of every worksheet on the import's critical path, so it looks only
/// where the word `hidden` occurs (a SIMD search), never at each byte.
#[derive(Debug, Default)]
pub struct HiddenRows {
    /// The end of the last chunk, for a tag cut by the chunk boundary.
    carry: Vec<u8>,
    /// Bytes fed so far.
    fed: u64,
    /// Where the last occurrence judged starts (absolute), so the carried bytes are not
    /// judged twice.
    judged: Option<u64>,
    /// Hidden rows' 1-based numbers, at most [`MAX_KEPT`].
    pub rows: Vec<u32>,
    pub count: u64,
}

impl HiddenRows {
    pub fn feed(&mut self, chunk: &[u8]) {
        let mut buf = std::mem::take(&mut self.carry);
        let base = self.fed - buf.len() as u64;
        buf.extend_from_slice(chunk);
        self.fed += chunk.len() as u64;
        for at in memchr::memmem::find_iter(&buf, b"hidden") {
            let abs = base + at as u64;
            if self.judged.is_some_and(|j| abs <= j) {
                continue;
            }
            // Inside a tag only when a `<` comes before it with no `>` in between.
            let Some(start) = buf[..at].iter().rposition(|&b| b == b'<' || b == b'>') else {
                self.judged = Some(abs);
                continue;
            };
            if buf[start] == b'>' {
                self.judged = Some(abs);
                continue;
            }
            // The tag goes on in the next chunk: judged then, from the carried bytes.
            let Some(len) = buf[at..].iter().position(|&b| b == b'>') else {
                break;
            };
            self.judged = Some(abs);
            self.judge(&buf[start + 1..at + len]);
        }
        let keep = buf.len().min(MAX_TAG);
        self.carry = buf.split_off(buf.len() - keep);
    }

    /// Judges one start tag's text, without its `<` and `>`.
    fn judge(&mut self, tag: &[u8]) {
        let name_end = tag
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(tag.len());
        let name = &tag[..name_end];
        let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        if local != b"row" {
            return;
        }
        let attrs = String::from_utf8_lossy(&tag[name_end..]);
        let hidden = attribute(&attrs, "hidden").is_some_and(|v| v == "1" || v == "true");
        if !hidden {
            return;
        }
        self.count += 1;
        if self.rows.len() < MAX_KEPT
            && let Some(r) = attribute(&attrs, "r").and_then(|v| v.parse().ok())
        {
            self.rows.push(r);
        }
    }
}

/// The value of attribute `name` (not one merely ending in it) in a tag's attribute text.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().last();
        let after = rest[i + name.len()..].trim_start();
        if before.is_none_or(char::is_whitespace)
            && let Some(v) = after.strip_prefix('=')
        {
            let v = v.trim_start();
            let quote = v.chars().next()?;
            if quote == '"' || quote == '\'' {
                let v = &v[1..];
                return v.find(quote).map(|end| &v[..end]);
            }
            return None;
        }
        rest = &rest[i + name.len()..];
    }
    None
}

/// Each worksheet's name and its entry in the zip (`xl/worksheets/sheet1.xml`), from
/// `xl/workbook.xml` and its relationships. Empty when they cannot be read: the caller then
/// simply has no hidden rows to tell of.
pub fn sheet_paths(bytes: &[u8]) -> Vec<(String, String)> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut text = |name: &str| -> Option<String> {
        let entry = zip.by_name(name).ok()?;
        let mut s = String::new();
        // Both parts are a few kilobytes; the guard has already bounded every entry.
        entry.take(16 * 1024 * 1024).read_to_string(&mut s).ok()?;
        Some(s)
    };
    let (Some(book), Some(rels)) = (text("xl/workbook.xml"), text("xl/_rels/workbook.xml.rels"))
    else {
        return Vec::new();
    };
    let targets: Vec<(String, String)> = tags(&rels, "Relationship")
        .filter_map(|t| {
            Some((
                attribute(t, "Id")?.to_string(),
                attribute(t, "Target")?.to_string(),
            ))
        })
        .collect();
    tags(&book, "sheet")
        .filter_map(|t| {
            let name = unescape(attribute(t, "name")?);
            let id = attribute(t, "r:id")?;
            let target = &targets.iter().find(|(i, _)| i == id)?.1;
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            Some((name, path))
        })
        .collect()
}

/// The attribute text of every start tag named `name` (any prefix) in `xml`.
fn tags<'a>(xml: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    xml.split('<').filter_map(move |part| {
        let tag = &part[..part.find('>')?];
        let end = tag
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(tag.len());
        let local = tag[..end].rsplit(':').next()?;
        (local == name).then(|| &tag[end..])
    })
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_rows_are_found_across_chunks_and_prefixes() {
        let mut h = HiddenRows::default();
        h.feed(br#"<sheetData><row r="2" spans="1:3"><c r="A2"/></row><row r="3" hid"#);
        h.feed(br#"den="1"><c r="A3"/></row><x:row hidden="true" r="5"></x:row>"#);
        h.feed(br#"<rows hidden="1"/><row r="7" customHeight="1"/><c><is><t>hidden</t>"#);
        h.feed(br#"</is></c><col hidden="1"/><row r="9" hi"#);
        h.feed(br#"dden="1"/>"#);
        assert_eq!(h.rows, [3, 5, 9]);
        assert_eq!(h.count, 3);
    }

    #[test]
    fn every_split_of_a_sheet_finds_the_same_rows() {
        let xml = br#"<sheetData><row r="2"><c/></row><row r="3" hidden="1"><c/></row><row hidden="true" r="4"/><x:row r="12" hidden="1"></x:row></sheetData>"#;
        for split in 0..xml.len() {
            let mut h = HiddenRows::default();
            h.feed(&xml[..split]);
            h.feed(&xml[split..]);
            assert_eq!(h.rows, [3, 4, 12], "split at {split}");
        }
    }

    #[test]
    fn attributes_are_not_matched_by_their_tails() {
        assert_eq!(attribute(r#" r:id="rId3" id="x""#, "r:id"), Some("rId3"));
        assert_eq!(attribute(r#" sheetId="1" Id="rId1""#, "Id"), Some("rId1"));
        assert_eq!(attribute(r#" thidden="1""#, "hidden"), None);
    }
}
