//! 考生照片: the pure rules of a school's photo archive — which entry names are safe, which name
//! a candidate's photo must have, what content is a photo, and when a background is red.

use super::keyed::keyed;
use super::problem::ProblemCode;

/// What an archive entry's name says about it, before any byte of it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryName {
    /// Junk an archiver adds (`__MACOSX/`, `.DS_Store`, `._*`, `Thumbs.db`): skipped, listed.
    Junk,
    /// A folder entry (`photos/`): nothing to check.
    Directory,
    /// A name that would escape or confuse a path if anyone extracted it.
    Unsafe(UnsafeName),
    /// A file whose base name is not `<ID number>.jpg|.jpeg|.png`.
    BadName(BadName),
    /// A photo named for an ID number (upper-cased `x`) with its extension.
    Photo { id_number: String, ext: PhotoExt },
}

/// Why an entry name is unsafe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnsafeName {
    Empty,
    /// Starts with `/` or `\`.
    Absolute,
    /// Has a `..` component.
    ParentDir,
    /// Has a drive letter or any `:` (`C:\x.jpg`, NTFS streams).
    Drive,
    /// Holds a NUL or another control character.
    ControlChar,
}

/// Why a file's base name is not a photo name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadName {
    /// The extension is not .jpg, .jpeg or .png (the whole base name is kept for the message).
    Extension(String),
    /// The stem is not 17 digits and a digit or X.
    NotIdNumber(String),
    /// The stem looks like an ID number but its check character is wrong; `expected` is the right one.
    Checksum { stem: String, expected: char },
}

/// The extension a photo's name has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhotoExt {
    Jpg,
    Jpeg,
    Png,
}

/// What the content really is, by its magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoFormat {
    Jpeg,
    Png,
}

/// The check character of an 18-character ID number, or `None` when its first 17 are not digits.
/// The one MOD 11-2 lives with the ID number rules.
pub fn id_check_char(id: &str) -> Option<char> {
    if id.len() != 18 {
        return None;
    }
    super::id_number::check_char(id.get(..17)?)
}

/// Whether `id` is 18 characters with a correct check character (upper-case X only).
pub fn id_number_valid(id: &str) -> bool {
    id_check_char(id).is_some_and(|c| id.ends_with(c))
}

/// Classifies an entry by its name alone. Folders inside the archive are allowed: the base name
/// is what must be `<ID number>.<ext>` (schools zip a folder as often as its files). A backslash
/// counts as a separator, as old Windows archivers write, so `..\x.jpg` is still caught.
/// `known` says whether a stem is an ID number of the submission: such a name is accepted even
/// with a wrong check character, since that fault is the spreadsheet's, already reported there.
pub fn classify_entry(name: &str, known: impl Fn(&str) -> bool) -> EntryName {
    if name.is_empty() {
        return EntryName::Unsafe(UnsafeName::Empty);
    }
    if name.chars().any(char::is_control) {
        return EntryName::Unsafe(UnsafeName::ControlChar);
    }
    if name.starts_with('/') || name.starts_with('\\') {
        return EntryName::Unsafe(UnsafeName::Absolute);
    }
    let parts: Vec<&str> = name.split(['/', '\\']).collect();
    if parts.contains(&"..") {
        return EntryName::Unsafe(UnsafeName::ParentDir);
    }
    if name.contains(':') {
        return EntryName::Unsafe(UnsafeName::Drive);
    }
    if parts.contains(&"__MACOSX") {
        return EntryName::Junk;
    }
    let base = parts.last().copied().unwrap_or_default();
    if base.is_empty() {
        return EntryName::Directory;
    }
    if base == ".DS_Store" || base.starts_with("._") || base.eq_ignore_ascii_case("Thumbs.db") {
        return EntryName::Junk;
    }
    photo_name(base, known)
}

/// The ID number and extension of a base name such as `11010519491231002x.JPG`. Full-width
/// digits and letters (a Chinese IME in full-width mode) are read as the sheet reads them.
fn photo_name(base: &str, known: impl Fn(&str) -> bool) -> EntryName {
    let ascii = super::id_number::normalize_id(base);
    let Some((stem, ext)) = ascii.rsplit_once('.').or_else(|| base.rsplit_once('.')) else {
        return EntryName::BadName(BadName::Extension(base.to_string()));
    };
    let ext = match ext.to_ascii_lowercase().as_str() {
        "jpg" => PhotoExt::Jpg,
        "jpeg" => PhotoExt::Jpeg,
        "png" => PhotoExt::Png,
        _ => return EntryName::BadName(BadName::Extension(base.to_string())),
    };
    let id = stem.trim().to_ascii_uppercase();
    if known(&id) || id_number_valid(&id) {
        return EntryName::Photo { id_number: id, ext };
    }
    match id_check_char(&id) {
        Some(expected) if id.ends_with(|c: char| c.is_ascii_digit() || c == 'X') => {
            EntryName::BadName(BadName::Checksum {
                stem: stem.to_string(),
                expected,
            })
        }
        _ => EntryName::BadName(BadName::NotIdNumber(stem.to_string())),
    }
}

impl PhotoExt {
    /// The content format this extension promises.
    pub fn format(self) -> PhotoFormat {
        match self {
            PhotoExt::Jpg | PhotoExt::Jpeg => PhotoFormat::Jpeg,
            PhotoExt::Png => PhotoFormat::Png,
        }
    }
}

impl PhotoFormat {
    /// The format's usual name, e.g. `JPEG`.
    pub fn name(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "JPEG",
            PhotoFormat::Png => "PNG",
        }
    }
}

/// The format by magic bytes: JPEG starts `FF D8 FF`, PNG with its 8-byte signature.
pub fn sniff_format(bytes: &[u8]) -> Option<PhotoFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(PhotoFormat::Jpeg)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(PhotoFormat::Png)
    } else {
        None
    }
}

/// A picture format staff meet that is not accepted, named so the message can say which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherFormat {
    /// HEIC/HEIF: what an iPhone saves by default.
    Heic,
    WebP,
    Gif,
    Bmp,
    Tiff,
}

impl OtherFormat {
    /// The format's usual name.
    pub fn name(self) -> &'static str {
        match self {
            OtherFormat::Heic => "HEIC",
            OtherFormat::WebP => "WebP",
            OtherFormat::Gif => "GIF",
            OtherFormat::Bmp => "BMP",
            OtherFormat::Tiff => "TIFF",
        }
    }
}

/// An unaccepted format by its magic bytes: HEIC is an ISO media file (`ftyp` at byte 4) of a
/// HEIF brand, WebP a RIFF file of type `WEBP`.
pub fn sniff_other_format(b: &[u8]) -> Option<OtherFormat> {
    const HEIF_BRANDS: [&[u8; 4]; 7] = [
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1",
    ];
    if b.get(4..8) == Some(b"ftyp")
        && b.get(8..12).is_some_and(|brand| {
            HEIF_BRANDS.iter().any(|h| h.as_slice() == brand) || brand == b"msf1"
        })
    {
        Some(OtherFormat::Heic)
    } else if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        Some(OtherFormat::WebP)
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some(OtherFormat::Gif)
    } else if b.starts_with(b"BM") && b.len() > 14 {
        Some(OtherFormat::Bmp)
    } else if b.starts_with(b"II*\0") || b.starts_with(b"MM\0*") {
        Some(OtherFormat::Tiff)
    } else {
        None
    }
}

/// Whether a JPEG runs to its end-of-image marker. Segments are skipped by their lengths and
/// entropy-coded data up to the next marker (in it `FF` is only ever followed by `00` or a
/// restart marker), so an `FF D9` inside an EXIF thumbnail or data after the end does not
/// mislead. Decoders paint a cut-short JPEG grey without an error; this catches it.
pub fn jpeg_complete(b: &[u8]) -> bool {
    if !b.starts_with(&[0xFF, 0xD8]) {
        return false;
    }
    let next_ff = |from: usize| {
        b.get(from..)?
            .iter()
            .position(|&x| x == 0xFF)
            .map(|p| from + p)
    };
    let mut i = 2;
    loop {
        // Tolerate stray bytes between segments, as decoders do.
        let Some(ff) = next_ff(i) else { return false };
        i = ff;
        while b.get(i) == Some(&0xFF) {
            i += 1;
        }
        let Some(&marker) = b.get(i) else {
            return false;
        };
        i += 1;
        match marker {
            0xD9 => return true,
            0x01 | 0xD0..=0xD7 => {}
            _ => {
                let Some(len) = b.get(i..i + 2) else {
                    return false;
                };
                i += usize::from(u16::from_be_bytes([len[0], len[1]]));
                if marker == 0xDA {
                    loop {
                        let Some(ff) = next_ff(i) else { return false };
                        match b.get(ff + 1) {
                            None => return false,
                            Some(0x00 | 0xD0..=0xD7) => i = ff + 2,
                            Some(_) => {
                                i = ff;
                                break;
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Whether `actual` is within `tolerance` pixels of `wanted`.
pub fn size_fits(actual: u32, wanted: u32, tolerance: u32) -> bool {
    actual.abs_diff(wanted) <= tolerance
}

/// A rectangle of pixels: columns `x0..x1`, rows `y0..y1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
}

/// Where the background is sampled in a `width`×`height` photo. A compliant 一寸 photo (295×413
/// at 300 dpi) has the crown 2–4 mm (24–47 px) below the top edge, the head about 16 mm wide in
/// the middle of 25 mm, and the shoulders rising from about 60 % of the height. So: the top band
/// of 1/16 of the height (above any crown) across the whole width, and the outer eighth of each
/// side from there down to 2/5 of the height (beside the head, above the shoulders).
pub fn background_region(width: u32, height: u32) -> [Rect; 3] {
    let band = (height / 16).max(1);
    let side = (width / 8).max(1);
    let low = (height * 2 / 5).max(band);
    [
        Rect {
            x0: 0,
            y0: 0,
            x1: width,
            y1: band,
        },
        Rect {
            x0: 0,
            y0: band,
            x1: side,
            y1: low,
        },
        Rect {
            x0: width.saturating_sub(side),
            y0: band,
            x1: width,
            y1: low,
        },
    ]
}

/// How a background colour looks, for the message that says why it is not red.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tint {
    Red,
    /// Red in hue but too dark to pass as a red background.
    DarkRed,
    /// Red in hue but washed out (pink).
    PaleRed,
    Orange,
    Yellow,
    Green,
    Blue,
    Purple,
    White,
    Grey,
    Black,
}

/// Hue (degrees 0–360), saturation and value (0–1) of an RGB colour.
pub fn hsv([r, g, b]: [u8; 3]) -> (f32, f32, f32) {
    let (r, g, b) = (
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
    );
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let d = max - min;
    let h = if d == 0.0 {
        0.0
    } else if max == r {
        60.0 * ((g - b) / d).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / d + 2.0)
    } else {
        60.0 * ((r - g) / d + 4.0)
    };
    let s = if max == 0.0 { 0.0 } else { d / max };
    (h, s, max)
}

/// Judges a measured background colour. Red means a hue within 20° of pure red, saturation at
/// least 0.45 (pink is not red) and value at least 0.35 (maroon passes, near-black does not):
/// wide enough for 证件照红 from #FF0000 to #C8102E after JPEG and lighting, narrow enough to
/// catch the blue and white backgrounds schools send by mistake.
pub fn judge_background(rgb: [u8; 3]) -> Tint {
    let (h, s, v) = hsv(rgb);
    if s < 0.15 {
        return if v >= 0.85 {
            Tint::White
        } else if v < 0.2 {
            Tint::Black
        } else {
            Tint::Grey
        };
    }
    if !(20.0..340.0).contains(&h) {
        return if v < 0.35 {
            Tint::DarkRed
        } else if s < 0.45 {
            Tint::PaleRed
        } else {
            Tint::Red
        };
    }
    if v < 0.2 {
        return Tint::Black;
    }
    match h {
        h if h < 45.0 => Tint::Orange,
        h if h < 70.0 => Tint::Yellow,
        h if h < 165.0 => Tint::Green,
        h if h < 260.0 => Tint::Blue,
        _ => Tint::Purple,
    }
}

/// `#RRGGBB` of a colour.
pub fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// The colour of a `#RRGGBB` text, as [`hex`] writes it.
pub fn from_hex(s: &str) -> Option<[u8; 3]> {
    let h = s.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let c = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([c(0)?, c(2)?, c(4)?])
}

keyed! {
    /// Where a candidate's photo stands after a check of the school's archive.
    pub enum PhotoState {
        /// One photo, and nothing wrong with it.
        Ok = "ok",
        /// A photo was found but something is wrong with it (or there are several).
        Problem = "problem",
        /// No photo for the candidate in the archive.
        Missing = "missing",
    }
}

impl PhotoState {
    /// The state of a candidate whose check found `codes`.
    pub fn of(codes: impl IntoIterator<Item = ProblemCode>) -> PhotoState {
        let mut state = PhotoState::Ok;
        for c in codes {
            if c == ProblemCode::PhotoMissing {
                return PhotoState::Missing;
            }
            state = PhotoState::Problem;
        }
        state
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_photo_outranks_other_problems_and_states_round_trip() {
        use ProblemCode as P;
        assert_eq!(PhotoState::of([]), PhotoState::Ok);
        assert_eq!(PhotoState::of([P::PhotoBackground]), PhotoState::Problem);
        assert_eq!(
            PhotoState::of([P::PhotoDuplicate, P::PhotoMissing]),
            PhotoState::Missing
        );
        for s in [PhotoState::Ok, PhotoState::Problem, PhotoState::Missing] {
            assert_eq!(PhotoState::from_key(s.key()), Some(s));
        }
        assert_eq!(from_hex(&hex([200, 16, 46])), Some([200, 16, 46]));
        assert_eq!(from_hex("#GG0000"), None);
        assert_eq!(from_hex("C8102E"), None);
    }

    fn none(_: &str) -> bool {
        false
    }

    #[test]
    fn check_character_follows_gb11643() {
        // The standard's own example and a number ending in X.
        assert!(id_number_valid("11010519491231002X"));
        assert!(id_number_valid("440524188001010014"));
        assert!(!id_number_valid("110105194912310021"));
        assert!(!id_number_valid("11010519491231002x"));
        assert_eq!(id_check_char("110105194912310021"), Some('X'));
        assert_eq!(id_check_char("1101051949123100"), None);
    }

    #[test]
    fn photo_names_any_case_any_folder() {
        let p = |id: &str, ext| EntryName::Photo {
            id_number: id.into(),
            ext,
        };
        assert_eq!(
            classify_entry("11010519491231002x.JPG", none),
            p("11010519491231002X", PhotoExt::Jpg)
        );
        assert_eq!(
            classify_entry("照片/440524188001010014.jpeg", none),
            p("440524188001010014", PhotoExt::Jpeg)
        );
        assert_eq!(
            classify_entry("a\\440524188001010014.Png", none),
            p("440524188001010014", PhotoExt::Png)
        );
        // Typed with a Chinese IME in full-width mode, as the sheet accepts it too.
        assert_eq!(
            classify_entry("照片/４４０５２４１８８００１０１００１４．ｊｐｇ", none),
            p("440524188001010014", PhotoExt::Jpg)
        );
        assert_eq!(
            classify_entry("１１０１０５１９４９１２３１００２ｘ.JPG", none),
            p("11010519491231002X", PhotoExt::Jpg)
        );
    }

    #[test]
    fn bad_names_say_why() {
        assert_eq!(
            classify_entry("440524188001010014.gif", none),
            EntryName::BadName(BadName::Extension("440524188001010014.gif".into()))
        );
        assert_eq!(
            classify_entry("张三.jpg", none),
            EntryName::BadName(BadName::NotIdNumber("张三".into()))
        );
        assert_eq!(
            classify_entry("440524188001010015.jpg", none),
            EntryName::BadName(BadName::Checksum {
                stem: "440524188001010015".into(),
                expected: '4'
            })
        );
        // A submission's own ID number is matched even with a wrong check character.
        assert!(matches!(
            classify_entry("440524188001010015.jpg", |s| s == "440524188001010015"),
            EntryName::Photo { .. }
        ));
    }

    #[test]
    fn unsafe_names_are_caught_before_anything_else() {
        use UnsafeName::*;
        for (name, why) in [
            ("../../x.jpg", ParentDir),
            ("a/../../440524188001010014.jpg", ParentDir),
            ("..\\x.jpg", ParentDir),
            ("/etc/x.jpg", Absolute),
            ("\\\\server\\x.jpg", Absolute),
            ("C:\\x.jpg", Drive),
            ("c:x.jpg", Drive),
            ("x.jpg:stream", Drive),
            ("a\0.jpg", ControlChar),
            ("", Empty),
        ] {
            assert_eq!(classify_entry(name, none), EntryName::Unsafe(why), "{name}");
        }
    }

    #[test]
    fn archiver_junk_and_folders() {
        for name in [
            "__MACOSX/._440524188001010014.jpg",
            "photos/__MACOSX/x",
            ".DS_Store",
            "photos/.DS_Store",
            "._440524188001010014.jpg",
            "Thumbs.db",
        ] {
            assert_eq!(classify_entry(name, none), EntryName::Junk, "{name}");
        }
        assert_eq!(classify_entry("photos/", none), EntryName::Directory);
    }

    #[test]
    fn magic_bytes_decide_the_format() {
        assert_eq!(
            sniff_format(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(PhotoFormat::Jpeg)
        );
        assert_eq!(
            sniff_format(b"\x89PNG\r\n\x1a\n...."),
            Some(PhotoFormat::Png)
        );
        assert_eq!(sniff_format(b"GIF89a"), None);
        assert_eq!(sniff_format(b""), None);
    }

    #[test]
    fn iphone_and_web_formats_are_named() {
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(sniff_other_format(heic), Some(OtherFormat::Heic));
        assert_eq!(
            sniff_other_format(b"RIFF\x10\0\0\0WEBPVP8 "),
            Some(OtherFormat::WebP)
        );
        assert_eq!(sniff_other_format(b"GIF89a..."), Some(OtherFormat::Gif));
        // An MP4 video is an ISO media file too, but no photo.
        assert_eq!(sniff_other_format(b"\0\0\0\x18ftypisom"), None);
        assert_eq!(sniff_other_format(b"junk"), None);
    }

    #[test]
    fn a_jpeg_is_complete_only_up_to_its_end_marker() {
        // SOI, an APP0 holding FF D9 (as an EXIF thumbnail would), SOS, data with a stuffed
        // FF 00 and a restart marker, EOI, then trailing bytes.
        let whole = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0xFF, 0xD9, 0xFF, 0xDA, 0x00, 0x02, 0x12, 0xFF,
            0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD9, 0x00, 0x00,
        ];
        assert!(jpeg_complete(&whole));
        for cut in [2, 8, 13, 16, 19] {
            assert!(!jpeg_complete(&whole[..cut]), "cut at {cut}");
        }
        assert!(!jpeg_complete(b"\x89PNG"));
    }

    #[test]
    fn size_tolerance() {
        assert!(size_fits(295, 295, 0));
        assert!(!size_fits(296, 295, 0));
        assert!(size_fits(293, 295, 2));
        assert!(!size_fits(292, 295, 2));
    }

    #[test]
    fn region_of_a_standard_photo_stays_clear_of_head_and_shoulders() {
        let [top, left, right] = background_region(295, 413);
        assert_eq!((top.x1, top.y1), (295, 25));
        assert_eq!((left.x0, left.x1, left.y0, left.y1), (0, 36, 25, 165));
        assert_eq!((right.x0, right.x1), (259, 295));
    }

    #[test]
    fn red_backgrounds_pass() {
        for c in [
            [0xFF, 0x00, 0x00],
            [0xD9, 0x00, 0x1B],
            [0xC8, 0x10, 0x2E],
            [0x8B, 0x00, 0x00],
            [0xE0, 0x30, 0x30],
        ] {
            assert_eq!(judge_background(c), Tint::Red, "{}", hex(c));
        }
    }

    #[test]
    fn other_backgrounds_say_what_they_are() {
        for (c, t) in [
            ([0x3A, 0x6F, 0xD0], Tint::Blue),
            ([0x43, 0x8E, 0xDB], Tint::Blue),
            ([0xAD, 0xD8, 0xE6], Tint::Blue),
            ([0xFF, 0xFF, 0xFF], Tint::White),
            ([0xF2, 0xF2, 0xF0], Tint::White),
            ([0x80, 0x80, 0x80], Tint::Grey),
            ([0x10, 0x10, 0x10], Tint::Black),
            ([0x40, 0x00, 0x00], Tint::DarkRed),
            ([0xFF, 0xC0, 0xCB], Tint::PaleRed),
            ([0xFF, 0x8C, 0x00], Tint::Orange),
            ([0xF0, 0xE0, 0x20], Tint::Yellow),
            ([0x20, 0xA0, 0x40], Tint::Green),
            ([0x80, 0x20, 0xA0], Tint::Purple),
        ] {
            assert_eq!(judge_background(c), t, "{}", hex(c));
        }
    }

    #[test]
    fn hex_is_upper_case_rrggbb() {
        assert_eq!(hex([0xC8, 0x10, 0x2E]), "#C8102E");
    }
}
