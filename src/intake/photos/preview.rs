//! One candidate's photo read back from the archive to be looked at, under the same caps as
//! the check: the entry through `take(cap + 1)`, the decoder held to a memory budget.

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use image::{DynamicImage, ImageReader, Limits};
use zip::ZipArchive;

use super::PhotoLimits;

/// Why a photo cannot be shown: a plain sentence for the console.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PreviewError(pub String);

/// Decodes the archive entry `entry` as an image, whatever its extension says. A photo the
/// check found too large is refused here too.
pub fn load_photo(
    archive: &Path,
    entry: &str,
    limits: &PhotoLimits,
) -> Result<DynamicImage, PreviewError> {
    let err = |e: &dyn std::fmt::Display| PreviewError(e.to_string());
    let file = File::open(archive).map_err(|e| err(&e))?;
    let mut zip = ZipArchive::new(file).map_err(|e| err(&e))?;
    let found = zip.by_name(entry).map_err(|e| err(&e))?;
    let cap = limits.max_photo_bytes;
    let mut buf = Vec::new();
    found
        .take(cap + 1)
        .read_to_end(&mut buf)
        .map_err(|e| err(&e))?;
    if buf.len() as u64 > cap {
        return Err(PreviewError(format!(
            "> {}",
            crate::i18n::photos::bytes(cap)
        )));
    }
    let mut reader = ImageReader::new(Cursor::new(buf))
        .with_guessed_format()
        .map_err(|e| err(&e))?;
    let mut caps = Limits::default();
    caps.max_alloc = Some(64 * 1024 * 1024);
    reader.limits(caps);
    reader.decode().map_err(|e| err(&e))
}
