//! One photo's content: read under the byte caps, then magic bytes, header size, decode and
//! background — each step only when the one before passed, so nothing is decoded before its
//! header says it has the right size.

use std::io::{Cursor, Read, Seek};
use std::sync::atomic::{AtomicU64, Ordering};

use image::codecs::jpeg::JpegDecoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use zip::ZipArchive;

use super::PhotoLimits;
use crate::domain::photo::{self, PhotoExt, PhotoFormat, Tint};
use crate::domain::problem::ProblemCode;
use crate::i18n::{Lang, photos as msg};

/// What checking one photo found.
#[derive(Debug, Default)]
pub struct Checked {
    pub colour: Option<[u8; 3]>,
    pub problems: Vec<(ProblemCode, String)>,
}

/// The archive-wide cap on bytes read (inflated), shared by the workers.
pub struct Budget {
    used: AtomicU64,
    max: u64,
}

/// The archive-wide byte cap was passed: the whole archive is refused.
#[derive(Debug)]
pub struct OverBudget;

impl Budget {
    pub fn new(max: u64) -> Budget {
        Budget {
            used: AtomicU64::new(0),
            max,
        }
    }

    /// Counts `n` more bytes read; `false` once the total is past the cap.
    fn spend(&self, n: u64) -> bool {
        self.used.fetch_add(n, Ordering::Relaxed) + n <= self.max
    }

    pub fn exceeded(&self) -> bool {
        self.used.load(Ordering::Relaxed) > self.max
    }
}

/// Reads entry `index` through `take(max_photo_bytes + 1)` whatever its header declares (the
/// zip crate does not hold an entry to its declared size), then checks what was read.
pub fn check_entry<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    index: usize,
    ext: PhotoExt,
    limits: &PhotoLimits,
    budget: &Budget,
    lang: Lang,
) -> Result<Checked, OverBudget> {
    let cap = limits.max_photo_bytes;
    let mut buf = Vec::new();
    let mut declared = u64::MAX;
    let read = match archive.by_index(index) {
        Ok(file) => {
            declared = file.size();
            // The declared size is only a capacity hint, and never more than the cap.
            buf.reserve(declared.min(cap + 1) as usize);
            file.take(cap + 1).read_to_end(&mut buf)
        }
        Err(e) => Err(std::io::Error::other(e)),
    };
    if !budget.spend(buf.len() as u64) {
        return Err(OverBudget);
    }
    if buf.len() as u64 > cap {
        let m = lang.fill(&msg::TOO_LARGE, &[("max", &msg::bytes(cap))]);
        return Ok(one(ProblemCode::PhotoTooLarge, m));
    }
    if let Err(e) = read {
        // The zip crate stops an entry that inflates past its declared size: a forged header.
        let m = if buf.len() as u64 >= declared {
            lang.fill(&msg::ENTRY_LIES, &[("declared", &msg::bytes(declared))])
        } else {
            lang.fill(&msg::ENTRY_UNREADABLE, &[("err", &e)])
        };
        return Ok(one(ProblemCode::PhotoCorrupt, m));
    }
    Ok(check_image(&buf, ext, limits, lang))
}

fn one(code: ProblemCode, message: String) -> Checked {
    Checked {
        colour: None,
        problems: vec![(code, message)],
    }
}

/// Checks a photo's bytes: format by magic bytes, size from the header, then decode and judge
/// the background.
pub fn check_image(bytes: &[u8], ext: PhotoExt, limits: &PhotoLimits, lang: Lang) -> Checked {
    let mut out = Checked::default();
    let Some(format) = photo::sniff_format(bytes) else {
        let m = match photo::sniff_other_format(bytes) {
            Some(other) => {
                let note = if other == photo::OtherFormat::Heic {
                    lang.t(&msg::NOTE_IPHONE)
                } else {
                    ""
                };
                lang.fill(
                    &msg::FORMAT_NAMED,
                    &[("format", &other.name()), ("note", &note)],
                )
            }
            None => {
                let magic: Vec<String> = bytes.iter().take(4).map(|b| format!("{b:02X}")).collect();
                lang.fill(&msg::FORMAT, &[("magic", &magic.join(" "))])
            }
        };
        return one(ProblemCode::PhotoFormat, m);
    };
    if format != ext.format() {
        let ext_text = match ext {
            PhotoExt::Jpg => "jpg",
            PhotoExt::Jpeg => "jpeg",
            PhotoExt::Png => "png",
        };
        let m = lang.fill(
            &msg::EXT_MISMATCH,
            &[("actual", &format.name()), ("ext", &ext_text)],
        );
        out.problems.push((ProblemCode::PhotoExtMismatch, m));
    }
    let size = match imagesize::blob_size(bytes) {
        Ok(s) => s,
        Err(e) => {
            let m = lang.fill(&msg::NO_HEADER, &[("err", &e)]);
            out.problems.push((ProblemCode::PhotoCorrupt, m));
            return out;
        }
    };
    // A phone stores a portrait photo as landscape pixels plus an EXIF note to turn it: the
    // photo as everyone sees it is the turned one.
    let orientation = orientation(bytes, format);
    let (w, h) = if turns_sideways(orientation) {
        (size.height as u64, size.width as u64)
    } else {
        (size.width as u64, size.height as u64)
    };
    let fits = |actual: u64, wanted: u32| {
        u32::try_from(actual).is_ok_and(|a| photo::size_fits(a, wanted, limits.tolerance))
    };
    if !fits(w, limits.width) || !fits(h, limits.height) {
        let (ew, eh, tol) = (limits.width, limits.height, limits.tolerance);
        let m = if tol == 0 {
            lang.fill(
                &msg::DIMENSIONS,
                &[("w", &w), ("h", &h), ("ew", &ew), ("eh", &eh)],
            )
        } else {
            lang.fill(
                &msg::DIMENSIONS_TOL,
                &[
                    ("w", &w),
                    ("h", &h),
                    ("ew", &ew),
                    ("eh", &eh),
                    ("tol", &tol),
                ],
            )
        };
        out.problems.push((ProblemCode::PhotoDimensions, m));
        return out;
    }
    if format == PhotoFormat::Jpeg && !photo::jpeg_complete(bytes) {
        out.problems.push((
            ProblemCode::PhotoCorrupt,
            lang.t(&msg::JPEG_CUT).to_string(),
        ));
        return out;
    }
    let image = match decode(bytes, format, limits, orientation) {
        Ok(i) => i,
        Err(e) => {
            let m = lang.fill(&msg::CORRUPT, &[("err", &e)]);
            out.problems.push((ProblemCode::PhotoCorrupt, m));
            return out;
        }
    };
    let colour = background_colour(&image);
    out.colour = Some(colour);
    let tint = photo::judge_background(colour);
    if tint != Tint::Red {
        let m = lang.fill(
            &msg::BACKGROUND,
            &[
                ("hex", &photo::hex(colour)),
                ("tint", &lang.t(msg::tint(tint))),
            ],
        );
        out.problems.push((ProblemCode::PhotoBackground, m));
    }
    out
}

/// Decodes with the decoder held to the size the header already showed, so a second frame
/// header that disagrees with the first cannot make it allocate more.
fn decode(
    bytes: &[u8],
    format: PhotoFormat,
    limits: &PhotoLimits,
    orientation: Orientation,
) -> image::ImageResult<DynamicImage> {
    let format = match format {
        PhotoFormat::Jpeg => ImageFormat::Jpeg,
        PhotoFormat::Png => ImageFormat::Png,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut caps = Limits::default();
    // The stored pixels are the turned photo's other way round.
    let (w, h) = (
        limits.width + limits.tolerance,
        limits.height + limits.tolerance,
    );
    let (w, h) = if turns_sideways(orientation) {
        (h, w)
    } else {
        (w, h)
    };
    caps.max_image_width = Some(w);
    caps.max_image_height = Some(h);
    caps.max_alloc = Some(64 * 1024 * 1024);
    reader.limits(caps);
    let mut image = reader.decode()?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// The EXIF orientation of a JPEG (read from its header only); PNG photos have none here.
fn orientation(bytes: &[u8], format: PhotoFormat) -> Orientation {
    if format != PhotoFormat::Jpeg {
        return Orientation::NoTransforms;
    }
    JpegDecoder::new(Cursor::new(bytes))
        .and_then(|mut d| d.orientation())
        .unwrap_or(Orientation::NoTransforms)
}

/// Whether the orientation turns the photo a quarter, swapping width and height.
fn turns_sideways(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// The average colour of the background region; transparent pixels count as white paper.
fn background_colour(image: &DynamicImage) -> [u8; 3] {
    let (w, h) = (image.width(), image.height());
    let region = photo::background_region(w, h);
    let mut sum = [0u64; 3];
    let mut n = 0u64;
    let mut add = |p: [u8; 3]| {
        for (s, c) in sum.iter_mut().zip(p) {
            *s += u64::from(c);
        }
        n += 1;
    };
    match image {
        DynamicImage::ImageRgb8(buf) => {
            for r in region {
                for y in r.y0..r.y1.min(h) {
                    for x in r.x0..r.x1.min(w) {
                        add(buf.get_pixel(x, y).0);
                    }
                }
            }
        }
        other => {
            let buf = other.to_rgba8();
            for r in region {
                for y in r.y0..r.y1.min(h) {
                    for x in r.x0..r.x1.min(w) {
                        let [red, g, b, a] = buf.get_pixel(x, y).0;
                        let over_white = |c: u8| {
                            ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a))) / 255) as u8
                        };
                        add([over_white(red), over_white(g), over_white(b)]);
                    }
                }
            }
        }
    }
    if n == 0 {
        return [0, 0, 0];
    }
    sum.map(|s| ((s + n / 2) / n) as u8)
}
