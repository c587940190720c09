//! Photo archives: every problem code on archives generated here, the caps that refuse bombs
//! fast and in bounded memory, and unsafe names that are reported, never followed.

mod common;

use std::fs::File;
use std::io::{BufWriter, Cursor, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use image::{ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use kaowu::domain::photo::id_check_char;
use kaowu::domain::problem::ProblemCode;
use kaowu::i18n::Lang;
use kaowu::intake::photos::{
    ArchiveError, CandidatePhoto, Cap, Expected, PhotoLimits, PhotoReport, check_archive,
};
use tempfile::TempDir;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const RED: [u8; 3] = [0xD9, 0x00, 0x1B];
const BLUE: [u8; 3] = [0x43, 0x8E, 0xDB];

/// A valid resident ID number, different for each `n`.
fn id(n: u32) -> String {
    let first = format!("11010519900101{n:03}0");
    let stem = &first[..17];
    let check = id_check_char(&format!("{stem}0")).unwrap();
    format!("{stem}{check}")
}

/// An ID number ending in X.
fn id_x() -> String {
    (0..1000)
        .map(id)
        .find(|i| i.ends_with('X'))
        .expect("some number ends in X")
}

fn expected(ids: &[&str]) -> Vec<Expected> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| Expected {
            id_number: id.to_string(),
            name: format!("考生{i}"),
        })
        .collect()
}

/// A passport-style portrait: background, a darker head in the middle, shoulders at the bottom.
fn portrait(w: u32, h: u32, bg: [u8; 3]) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let dx = (x as f32 - w as f32 / 2.0) / (w as f32 * 0.27);
        let dy = (y as f32 - h as f32 * 0.42) / (h as f32 * 0.25);
        if dx * dx + dy * dy <= 1.0 {
            Rgb([90, 60, 45])
        } else if y as f32 > h as f32 * 0.72 {
            Rgb([30, 30, 50])
        } else {
            Rgb(bg)
        }
    })
}

fn jpeg_of(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(img)
        .unwrap();
    out
}

fn jpeg(w: u32, h: u32, bg: [u8; 3]) -> Vec<u8> {
    jpeg_of(&portrait(w, h, bg))
}

fn png(w: u32, h: u32, bg: [u8; 3]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    portrait(w, h, bg)
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

fn progressive_jpeg(bg: [u8; 3]) -> Vec<u8> {
    let img = portrait(295, 413, bg);
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 90);
    enc.set_progressive(true);
    enc.encode(img.as_raw(), 295, 413, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

fn cmyk_jpeg(bg: [u8; 3]) -> Vec<u8> {
    let img = portrait(295, 413, bg);
    let cmyk: Vec<u8> = img
        .pixels()
        .flat_map(|p| {
            let [r, g, b] = p.0.map(u32::from);
            let k = 255 - r.max(g).max(b);
            let ink = |c: u32| {
                if k == 255 {
                    0
                } else {
                    (255 - c - k) * 255 / (255 - k)
                }
            };
            [ink(r) as u8, ink(g) as u8, ink(b) as u8, k as u8]
        })
        .collect();
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 90)
        .encode(&cmyk, 295, 413, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    out
}

enum Entry {
    File(String, Vec<u8>),
    Dir(&'static str),
    Symlink(String),
    Encrypted(String, Vec<u8>),
}

fn file(name: impl Into<String>, data: Vec<u8>) -> Entry {
    Entry::File(name.into(), data)
}

fn write_zip(path: &Path, entries: Vec<Entry>) {
    let mut z = ZipWriter::new(File::create(path).unwrap());
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for e in entries {
        match e {
            Entry::File(name, data) => {
                z.start_file(name, opts).unwrap();
                z.write_all(&data).unwrap();
            }
            Entry::Dir(name) => z.add_directory(name, opts).unwrap(),
            Entry::Symlink(name) => z.add_symlink(name, "/etc/passwd", opts).unwrap(),
            Entry::Encrypted(name, data) => {
                use zip::unstable::write::FileOptionsExt;
                let o = opts.with_deprecated_encryption(b"secret").unwrap();
                z.start_file(name, o).unwrap();
                z.write_all(&data).unwrap();
            }
        }
    }
    z.finish().unwrap();
}

struct Archive {
    _dir: TempDir,
    path: PathBuf,
}

fn archive(entries: Vec<Entry>) -> Archive {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("photos.zip");
    write_zip(&path, entries);
    Archive { _dir: dir, path }
}

fn check_with(
    a: &Archive,
    ids: &[&str],
    limits: &PhotoLimits,
) -> Result<PhotoReport, ArchiveError> {
    check_archive(&a.path, &expected(ids), limits, Lang::En, &|_, _| {})
}

fn check(a: &Archive, ids: &[&str]) -> PhotoReport {
    check_with(a, ids, &PhotoLimits::default()).expect("archive readable")
}

fn codes(c: &CandidatePhoto) -> Vec<ProblemCode> {
    c.problems.iter().map(|(code, _)| *code).collect()
}

fn message(c: &CandidatePhoto, code: ProblemCode) -> &str {
    c.problems
        .iter()
        .find(|(k, _)| *k == code)
        .map(|(_, m)| m.as_str())
        .unwrap_or_else(|| panic!("{code} not among {:?}", c.problems))
}

#[test]
fn good_photos_in_any_form_pass_and_junk_is_skipped() {
    let ids: Vec<String> = (1..=5).map(id).collect();
    let x = id_x();
    let a = archive(vec![
        Entry::Dir("照片/"),
        file(format!("照片/{}.jpg", ids[0]), jpeg(295, 413, RED)),
        file(format!("{}.PNG", ids[1]), png(295, 413, RED)),
        file(format!("{}.jpeg", ids[2]), progressive_jpeg(RED)),
        file(format!("{}.JPG", ids[3]), cmyk_jpeg(RED)),
        // A lower-case x in the name matches the candidate's X.
        file(format!("{}.jpg", x.to_lowercase()), jpeg(295, 413, RED)),
        file(format!("__MACOSX/照片/._{}.jpg", ids[0]), vec![0; 100]),
        file(".DS_Store", vec![0; 10]),
    ]);
    let all: Vec<&str> = ids[..4]
        .iter()
        .map(String::as_str)
        .chain([x.as_str()])
        .collect();
    let r = check(&a, &all);
    for c in &r.candidates {
        assert!(c.problems.is_empty(), "{}: {:?}", c.id_number, c.problems);
        let [red, g, b] = c.colour.expect("colour measured");
        assert!(red > 180 && g < 40 && b < 60, "{:?}", c.colour);
    }
    assert!(r.is_clean());
    assert_eq!(r.entries, 8);
    assert_eq!(
        r.candidates[0].photo.as_deref(),
        Some(format!("照片/{}.jpg", ids[0]).as_str())
    );
    assert_eq!(r.skipped.len(), 2);
    assert!(r.skipped.iter().any(|s| s.starts_with("__MACOSX/")));
}

#[test]
fn every_candidate_and_entry_problem_has_its_code() {
    let ids: Vec<String> = (10..=19).map(id).collect();
    let x = id_x();
    let jpg = jpeg(295, 413, RED);
    let truncated = jpg[..jpg.len() / 2].to_vec();
    let a = archive(vec![
        // ids[0]: no photo at all.
        file(format!("{}.jpg", ids[1]), png(295, 413, RED)),
        file(format!("{}.jpg", ids[2]), b"GIF89a not a photo".to_vec()),
        file(format!("{}.jpg", ids[3]), jpeg(300, 400, RED)),
        file(format!("{}.jpg", ids[4]), jpeg(295, 413, BLUE)),
        file(format!("{}.jpg", ids[5]), truncated),
        file(format!("{}.jpg", ids[6]), vec![0xFF; 5 * 1024 * 1024 + 1]),
        file(format!("{x}.jpg"), jpeg(295, 413, RED)),
        file(format!("{}.png", x.to_lowercase()), png(295, 413, RED)),
        file(format!("{}.jpg", id(99)), jpeg(295, 413, RED)),
        file("张三.jpg", jpeg(295, 413, RED)),
        file("110105199001010101.jpg", jpeg(295, 413, RED)),
        file(format!("{}.gif", ids[7]), vec![1, 2, 3]),
        file("../../x.jpg", jpeg(295, 413, RED)),
        file("/etc/x.jpg", jpeg(295, 413, RED)),
        file("C:\\x.jpg", jpeg(295, 413, RED)),
        Entry::Symlink(format!("{}.jpg", ids[8])),
        Entry::Encrypted(format!("{}.jpg", ids[9]), jpeg(295, 413, RED)),
    ]);
    let mut want: Vec<&str> = ids.iter().map(String::as_str).collect();
    want.push(&x);
    let r = check(&a, &want);
    let c = &r.candidates;
    use ProblemCode::*;
    assert_eq!(codes(&c[0]), [PhotoMissing]);
    assert_eq!(c[0].photo, None);
    assert_eq!(
        codes(&c[1]),
        [PhotoExtMismatch],
        "a PNG named .jpg is still checked"
    );
    assert!(message(&c[1], PhotoExtMismatch).contains("PNG"));
    assert_eq!(codes(&c[2]), [PhotoFormat]);
    assert_eq!(codes(&c[3]), [PhotoDimensions]);
    assert!(message(&c[3], PhotoDimensions).contains("300×400"));
    assert_eq!(codes(&c[4]), [PhotoBackground]);
    assert_eq!(codes(&c[5]), [PhotoCorrupt]);
    assert_eq!(codes(&c[6]), [PhotoTooLarge]);
    // The symlink and the encrypted entry were refused, so those candidates have no photo.
    assert_eq!(codes(&c[8]), [PhotoMissing]);
    assert_eq!(codes(&c[9]), [PhotoMissing]);
    assert_eq!(codes(&c[10]), [PhotoDuplicate]);
    assert!(message(&c[10], PhotoDuplicate).contains(".png"));

    let entry = |name: &str| {
        r.entry_problems
            .iter()
            .find(|e| e.entry == name)
            .map(|e| e.code)
    };
    assert_eq!(entry(&format!("{}.jpg", id(99))), Some(PhotoOrphan));
    assert_eq!(entry("张三.jpg"), Some(PhotoBadName));
    assert_eq!(entry("110105199001010101.jpg"), Some(PhotoBadName));
    assert_eq!(entry(&format!("{}.gif", ids[7])), Some(PhotoBadName));
    for unsafe_name in ["../../x.jpg", "/etc/x.jpg", "C:\\x.jpg"] {
        assert_eq!(
            entry(unsafe_name),
            Some(ArchiveUnsafeEntry),
            "{unsafe_name}"
        );
    }
    assert_eq!(entry(&format!("{}.jpg", ids[8])), Some(ArchiveUnsafeEntry));
    assert_eq!(entry(&format!("{}.jpg", ids[9])), Some(ArchiveUnsafeEntry));
    assert!(!r.is_clean());
}

#[test]
fn a_blue_background_is_reported_with_its_measured_colour() {
    let a = archive(vec![file(format!("{}.jpg", id(1)), jpeg(295, 413, BLUE))]);
    let zh = check_archive(
        &a.path,
        &expected(&[&id(1)]),
        &PhotoLimits::default(),
        Lang::Zh,
        &|_, _| {},
    )
    .unwrap();
    let m = message(&zh.candidates[0], ProblemCode::PhotoBackground);
    assert!(
        m.starts_with("背景平均色 #") && m.contains("偏蓝，应为红色"),
        "{m}"
    );
    let [r, g, b] = zh.candidates[0].colour.unwrap();
    assert!(b > 180 && r < 100 && g > 100, "measured {r},{g},{b}");
    let en = check(&a, &[&id(1)]);
    assert!(
        message(&en.candidates[0], ProblemCode::PhotoBackground).contains("is blue, should be red")
    );
}

#[test]
fn transparent_background_counts_as_white() {
    let img = RgbaImage::from_fn(295, 413, |x, y| {
        if y > 300 || (120..180).contains(&x) {
            Rgba([30, 30, 50, 255])
        } else {
            Rgba([255, 0, 0, 0])
        }
    });
    let mut bytes = Cursor::new(Vec::new());
    img.write_to(&mut bytes, ImageFormat::Png).unwrap();
    let a = archive(vec![file(format!("{}.png", id(1)), bytes.into_inner())]);
    let r = check(&a, &[&id(1)]);
    assert!(message(&r.candidates[0], ProblemCode::PhotoBackground).contains("is white"));
}

#[test]
fn tolerance_lets_near_sizes_pass() {
    let a = archive(vec![file(format!("{}.jpg", id(1)), jpeg(296, 412, RED))]);
    let strict = check(&a, &[&id(1)]);
    assert_eq!(codes(&strict.candidates[0]), [ProblemCode::PhotoDimensions]);
    let limits = PhotoLimits {
        tolerance: 1,
        ..PhotoLimits::default()
    };
    let loose = check_with(&a, &[&id(1)], &limits).unwrap();
    assert!(loose.is_clean(), "{:?}", loose.candidates[0].problems);
}

/// A PNG whose header claims 100,000×100,000 pixels: decoding would need 30 GB. The header
/// alone must settle it.
#[test]
fn a_huge_declared_size_is_refused_from_the_header_without_decoding() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(100_000u32.to_be_bytes());
    png.extend(100_000u32.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    let a = archive(vec![file(format!("{}.png", id(1)), png)]);
    let r = check(&a, &[&id(1)]);
    assert_eq!(codes(&r.candidates[0]), [ProblemCode::PhotoDimensions]);
    assert!(message(&r.candidates[0], ProblemCode::PhotoDimensions).contains("100000×100000"));
}

#[test]
fn an_entry_of_exactly_the_cap_is_read_and_one_byte_more_is_too_large() {
    let cap = 5 * 1024 * 1024;
    let a = archive(vec![
        file(format!("{}.jpg", id(1)), vec![0; cap]),
        file(format!("{}.jpg", id(2)), vec![0; cap + 1]),
    ]);
    let r = check(&a, &[&id(1), &id(2)]);
    assert_eq!(codes(&r.candidates[0]), [ProblemCode::PhotoFormat]);
    assert_eq!(codes(&r.candidates[1]), [ProblemCode::PhotoTooLarge]);
    assert!(message(&r.candidates[1], ProblemCode::PhotoTooLarge).contains("5 MB"));
}

/// Raw deflate of `n` MB of zeros, built from one flushed 1 MB block repeated: a full flush
/// leaves the stream byte-aligned with no back-references, so the blocks concatenate.
fn deflated_zeros(out: &mut impl Write, megabytes: usize) -> u64 {
    let mut c = flate2::Compress::new(flate2::Compression::best(), false);
    let mut block = Vec::with_capacity(64 * 1024);
    c.compress_vec(&vec![0; 1 << 20], &mut block, flate2::FlushCompress::Full)
        .unwrap();
    assert_eq!(c.total_in(), 1 << 20);
    for _ in 0..megabytes {
        out.write_all(&block).unwrap();
    }
    // The final block: stored, empty.
    out.write_all(&[0x01, 0x00, 0x00, 0xFF, 0xFF]).unwrap();
    (block.len() * megabytes + 5) as u64
}

/// Writes a one-entry zip by hand, so the headers can say what the test wants: `declared` is the
/// uncompressed size the headers claim. The CRC is left 0: the reader must never get that far.
fn hand_zip(path: &Path, name: &str, megabytes: usize, declared: u32) {
    let mut f = BufWriter::new(File::create(path).unwrap());
    let local = |f: &mut BufWriter<File>, csize: u32| {
        f.write_all(&0x04034b50u32.to_le_bytes()).unwrap();
        f.write_all(&[20, 0, 0, 0, 8, 0, 0, 0, 0x21, 0]).unwrap();
        f.write_all(&0u32.to_le_bytes()).unwrap();
        f.write_all(&csize.to_le_bytes()).unwrap();
        f.write_all(&declared.to_le_bytes()).unwrap();
        f.write_all(&(name.len() as u16).to_le_bytes()).unwrap();
        f.write_all(&0u16.to_le_bytes()).unwrap();
        f.write_all(name.as_bytes()).unwrap();
    };
    local(&mut f, 0);
    let csize = deflated_zeros(&mut f, megabytes) as u32;
    let cd_start = f.stream_position().unwrap();
    // Patch the local header's compressed size.
    f.seek(std::io::SeekFrom::Start(18)).unwrap();
    f.write_all(&csize.to_le_bytes()).unwrap();
    f.seek(std::io::SeekFrom::Start(cd_start)).unwrap();
    f.write_all(&0x02014b50u32.to_le_bytes()).unwrap();
    f.write_all(&[0x1E, 3, 20, 0, 0, 0, 8, 0, 0, 0, 0x21, 0])
        .unwrap();
    f.write_all(&0u32.to_le_bytes()).unwrap();
    f.write_all(&csize.to_le_bytes()).unwrap();
    f.write_all(&declared.to_le_bytes()).unwrap();
    f.write_all(&(name.len() as u16).to_le_bytes()).unwrap();
    f.write_all(&[0; 8]).unwrap();
    f.write_all(&((0o100644u32) << 16).to_le_bytes()).unwrap();
    f.write_all(&0u32.to_le_bytes()).unwrap();
    f.write_all(name.as_bytes()).unwrap();
    let cd_end = f.stream_position().unwrap();
    f.write_all(&0x06054b50u32.to_le_bytes()).unwrap();
    f.write_all(&[0, 0, 0, 0, 1, 0, 1, 0]).unwrap();
    f.write_all(&((cd_end - cd_start) as u32).to_le_bytes())
        .unwrap();
    f.write_all(&(cd_start as u32).to_le_bytes()).unwrap();
    f.write_all(&0u16.to_le_bytes()).unwrap();
    f.flush().unwrap();
}

/// Peak resident memory of this test process, in MB.
fn peak_rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

fn assert_refused_fast(megabytes: usize, declared: u32, code: ProblemCode) -> String {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("bomb.zip");
    hand_zip(&path, &format!("{}.jpg", id(1)), megabytes, declared);
    let on_disk = std::fs::metadata(&path).unwrap().len();
    assert!(
        on_disk < 2 * 1024 * 1024,
        "the bomb is small on disk: {on_disk}"
    );
    let started = Instant::now();
    let r = check_archive(
        &path,
        &expected(&[&id(1)]),
        &PhotoLimits::default(),
        Lang::En,
        &|_, _| {},
    )
    .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        codes(&r.candidates[0]),
        [code],
        "{:?}",
        r.candidates[0].problems
    );
    // Reading the whole entry would have taken its full size in memory.
    assert!(peak_rss_mb() < 400, "peak memory {} MB", peak_rss_mb());
    r.candidates[0].problems[0].1.clone()
}

#[test]
fn a_small_entry_that_inflates_to_a_gigabyte_is_refused_fast() {
    let m = assert_refused_fast(1024, 1024 * 1024 * 1024, ProblemCode::PhotoTooLarge);
    assert!(m.contains("5 MB"), "{m}");
}

#[test]
fn an_entry_whose_header_lies_about_its_size_is_refused_fast() {
    // Declares 40 KB, inflates to 512 MB: stopped where the declaration ends.
    let m = assert_refused_fast(512, 40_000, ProblemCode::PhotoCorrupt);
    assert!(m.contains("declared size (39.1 KB)"), "{m}");
}

#[test]
fn archive_wide_caps_refuse_the_whole_archive() {
    let a = archive(
        (1..=3)
            .map(|n| file(format!("{}.jpg", id(n)), vec![0; 400_000]))
            .collect(),
    );
    let ids: Vec<String> = (1..=3).map(id).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let few = PhotoLimits {
        max_entries: 2,
        ..PhotoLimits::default()
    };
    assert_eq!(
        check_with(&a, &ids, &few),
        Err(ArchiveError::TooLarge(Cap::Entries { found: 3, max: 2 }))
    );
    let small = PhotoLimits {
        max_total_bytes: 1_000_000,
        ..PhotoLimits::default()
    };
    let err = check_with(&a, &ids, &small).unwrap_err();
    assert_eq!(err, ArchiveError::TooLarge(Cap::Bytes { max: 1_000_000 }));
    assert_eq!(err.code(), ProblemCode::ArchiveTooLarge);
    assert!(err.message(Lang::En, "photos.zip").contains("photos.zip"));
    assert!(check_with(&a, &ids, &PhotoLimits::default()).is_ok());
}

#[test]
fn what_is_not_a_zip_is_unreadable() {
    let dir = TempDir::new().unwrap();
    let text = dir.path().join("photos.zip");
    std::fs::write(&text, "这不是压缩包").unwrap();
    let a = archive(vec![file(format!("{}.jpg", id(1)), jpeg(295, 413, RED))]);
    let bytes = std::fs::read(&a.path).unwrap();
    let cut = dir.path().join("cut.zip");
    std::fs::write(&cut, &bytes[..bytes.len() - 30]).unwrap();
    for path in [text, cut, dir.path().join("absent.zip")] {
        let err =
            check_archive(&path, &[], &PhotoLimits::default(), Lang::Zh, &|_, _| {}).unwrap_err();
        assert!(
            matches!(err, ArchiveError::Unreadable(_)),
            "{path:?}: {err:?}"
        );
        assert_eq!(err.code(), ProblemCode::ArchiveUnreadable);
        assert!(
            err.message(Lang::Zh, "p.zip")
                .contains("不是可读取的 zip 压缩包")
        );
    }
}

#[test]
fn progress_reports_every_photo_and_results_keep_the_candidates_order() {
    let ids: Vec<String> = (1..=24).map(id).collect();
    let a = archive(
        ids.iter()
            .rev()
            .enumerate()
            .map(|(i, id)| {
                let bg = if i % 2 == 0 { RED } else { BLUE };
                file(format!("{id}.jpg"), jpeg(295, 413, bg))
            })
            .collect(),
    );
    let want: Vec<&str> = ids.iter().map(String::as_str).collect();
    let calls = AtomicUsize::new(0);
    let last = AtomicUsize::new(0);
    let r = check_archive(
        &a.path,
        &expected(&want),
        &PhotoLimits::default(),
        Lang::En,
        &|done, total| {
            calls.fetch_add(1, Ordering::Relaxed);
            last.fetch_max(done, Ordering::Relaxed);
            assert_eq!(total, 24);
        },
    )
    .unwrap();
    assert_eq!(calls.load(Ordering::Relaxed), 24);
    assert_eq!(last.load(Ordering::Relaxed), 24);
    let got: Vec<&str> = r.candidates.iter().map(|c| c.id_number.as_str()).collect();
    assert_eq!(got, want);
    // Written in reverse: the last id got red, the one before it blue, and so on.
    for (i, c) in r.candidates.iter().enumerate() {
        let blue = (ids.len() - 1 - i) % 2 == 1;
        assert_eq!(
            codes(c).contains(&ProblemCode::PhotoBackground),
            blue,
            "{i}"
        );
    }
}

/// A database holding one submission of `ids`; the submission's id.
fn database_with_submission(db: &Path, ids: &[&str]) -> i64 {
    let names: Vec<String> = (0..ids.len()).map(|i| format!("考生{i}")).collect();
    let people: Vec<(&str, &str)> = ids
        .iter()
        .copied()
        .zip(names.iter().map(String::as_str))
        .collect();
    common::pending_submission(&mut kaowu::store::Store::open(db).unwrap(), &people)
}

fn kaowu(db: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("kaowu").unwrap();
    c.env("KAOWU_DB", db).env_remove("KAOWU_LANG");
    c
}

fn run_json(cmd: &mut assert_cmd::Command) -> (i32, serde_json::Value) {
    let out = cmd.arg("--json").output().unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), v)
}

#[test]
fn cli_checks_an_archive_against_a_submission() {
    let (one, two) = (id(1), id(2));
    let a = archive(vec![
        file(format!("{one}.jpg"), jpeg(295, 413, RED)),
        file(format!("{two}.jpg"), jpeg(295, 413, RED)),
    ]);
    let db = a._dir.path().join("kaowu.db");
    let sub = database_with_submission(&db, &[&one, &two]);
    let zip = a.path.to_str().unwrap();

    let (code, v) =
        run_json(kaowu(&db).args(["photos", "check", zip, "--submission", &sub.to_string()]));
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["archive"], "photos.zip");
    assert_eq!(v["submission"], sub);
    assert_eq!(v["entries"], 2);
    assert_eq!(v["candidates"][0]["id_number"], one.as_str());
    assert_eq!(v["candidates"][0]["photo"], format!("{one}.jpg"));
    assert_eq!(v["candidates"][0]["problems"], serde_json::json!([]));
    assert_eq!(v["entries_problems"], serde_json::json!([]));
    // The check is filed: each candidate's photo status, for the console and the return.
    let stored = |db: &Path| {
        let s = kaowu::store::Store::open(db).unwrap();
        let states: Vec<&str> = s
            .photo_statuses(sub)
            .unwrap()
            .iter()
            .map(|p| p.state.key())
            .collect();
        (states, s.count("photo_check").unwrap())
    };
    assert_eq!(stored(&db), (vec!["ok", "ok"], 1));

    // The school's latest submission for the plan, and a photo missing: exit 1.
    let b = archive(vec![
        file(format!("{one}.jpg"), jpeg(295, 413, BLUE)),
        file("../../x.jpg", jpeg(295, 413, RED)),
    ]);
    let (code, v) = run_json(kaowu(&db).args([
        "photos",
        "check",
        b.path.to_str().unwrap(),
        "--plan",
        "20211211-初级",
        "--school",
        "浙江商业职业技术学院",
    ]));
    assert_eq!(code, 1, "{v}");
    assert_eq!(
        v["candidates"][0]["problems"][0]["code"],
        "photo_background"
    );
    assert_eq!(v["candidates"][1]["photo"], serde_json::Value::Null);
    assert_eq!(v["candidates"][1]["problems"][0]["code"], "photo_missing");
    assert_eq!(v["entries_problems"][0]["entry"], "../../x.jpg");
    assert_eq!(v["entries_problems"][0]["code"], "archive_unsafe_entry");
    assert_eq!(
        stored(&db),
        (vec!["problem", "missing"], 2),
        "the re-check replaced the status"
    );

    // The human text masks ID numbers and names the problem.
    let out = kaowu(&db)
        .args([
            "photos",
            "check",
            b.path.to_str().unwrap(),
            "--submission",
            &sub.to_string(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("photo_background") && text.contains("偏蓝"),
        "{text}"
    );
    assert!(!text.contains(&two), "unmasked ID number in {text}");
}

#[test]
fn cli_refuses_an_unreadable_archive_with_exit_2_and_a_json_problem() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("kaowu.db");
    let sub = database_with_submission(&db, &[&id(1)]);
    let bogus = dir.path().join("photos.zip");
    std::fs::write(&bogus, "not a zip").unwrap();
    let (code, v) = run_json(kaowu(&db).args([
        "photos",
        "check",
        bogus.to_str().unwrap(),
        "--submission",
        &sub.to_string(),
    ]));
    assert_eq!(code, 2);
    assert_eq!(v["problems"][0]["code"], "archive_unreadable");
    let s = kaowu::store::Store::open(&db).unwrap();
    assert_eq!(s.count("photo_check").unwrap(), 0, "nothing filed");
    drop(s);

    let out = kaowu(&db)
        .args([
            "photos",
            "check",
            bogus.to_str().unwrap(),
            "--submission",
            "999",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "unknown submission");
    let out = kaowu(&db)
        .args([
            "photos",
            "check",
            bogus.to_str().unwrap(),
            "--plan",
            "20211211-初级",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--plan without --school");
}

// ---- archives as Windows and phones make them (issue 16) -----------------------------------

/// Replaces every `from` in the file with `to` (same length): names inside the local headers
/// and the central directory alike, unless `first_only`.
fn patch(path: &Path, from: &[u8], to: &[u8], first_only: bool) {
    assert_eq!(from.len(), to.len());
    let mut bytes = std::fs::read(path).unwrap();
    let mut at = 0;
    let mut n = 0;
    while let Some(i) = bytes[at..].windows(from.len()).position(|w| w == from) {
        bytes[at + i..at + i + to.len()].copy_from_slice(to);
        at += i + to.len();
        n += 1;
        if first_only {
            break;
        }
    }
    assert!(n > 0, "nothing to patch");
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn gbk_entry_names_without_the_utf8_flag_are_shown_as_the_school_wrote_them() {
    let one = id(1);
    // Written with ASCII stand-ins of the same byte length (so the zip writer sets no UTF-8
    // flag), then the stand-ins are replaced by the GBK bytes Chinese Windows writes.
    let a = archive(vec![
        file(format!("QQQQ/{one}.jpg"), jpeg(295, 413, RED)),
        file("QQQQ/WWWW.jpg", jpeg(295, 413, RED)),
    ]);
    let (folder, _, _) = encoding_rs::GBK.encode("照片");
    let (name, _, _) = encoding_rs::GBK.encode("张三");
    patch(&a.path, b"QQQQ", &folder, false);
    patch(&a.path, b"WWWW", &name, false);
    let r = check(&a, &[&one]);
    assert!(r.candidates[0].problems.is_empty(), "{:?}", r.candidates[0]);
    assert_eq!(
        r.candidates[0].photo.as_deref(),
        Some(format!("照片/{one}.jpg").as_str())
    );
    assert_eq!(r.entry_problems.len(), 1);
    assert_eq!(r.entry_problems[0].entry, "照片/张三.jpg");
    assert_eq!(r.entry_problems[0].code, ProblemCode::PhotoBadName);
}

/// A JPEG with an EXIF APP1 segment holding only an orientation tag.
fn jpeg_with_orientation(img: &RgbImage, orientation: u16) -> Vec<u8> {
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\x01\0".to_vec();
    exif.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0]);
    exif.extend(orientation.to_le_bytes());
    exif.extend([0, 0, 0, 0, 0, 0]);
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 90);
    enc.add_app_segment(1, exif).unwrap();
    enc.encode(
        img.as_raw(),
        img.width() as u16,
        img.height() as u16,
        jpeg_encoder::ColorType::Rgb,
    )
    .unwrap();
    out
}

#[test]
fn exif_orientation_is_honoured_when_judging_dimensions() {
    let (upright, sideways) = (id(1), id(2));
    // A phone's portrait photo: landscape pixels, turned a quarter by its EXIF note.
    let turned = image::imageops::rotate270(&portrait(295, 413, RED));
    assert_eq!(turned.dimensions(), (413, 295));
    let a = archive(vec![
        file(format!("{upright}.jpg"), jpeg_with_orientation(&turned, 6)),
        // The same pixels without the note are a landscape photo: wrong.
        file(format!("{sideways}.jpg"), jpeg_with_orientation(&turned, 1)),
    ]);
    let r = check(&a, &[&upright, &sideways]);
    assert!(r.candidates[0].problems.is_empty(), "{:?}", r.candidates[0]);
    assert_eq!(codes(&r.candidates[1]), [ProblemCode::PhotoDimensions]);
}

#[test]
fn heic_and_webp_photos_are_named_in_the_message() {
    let (iphone, web) = (id(1), id(2));
    let mut heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    heic.resize(2000, 0);
    let mut webp = b"RIFF\xe8\x03\0\0WEBPVP8 ".to_vec();
    webp.resize(1000, 0);
    let a = archive(vec![
        file(format!("{iphone}.jpg"), heic),
        file(format!("{web}.jpg"), webp),
    ]);
    let r = check(&a, &[&iphone, &web]);
    let m = message(&r.candidates[0], ProblemCode::PhotoFormat);
    assert!(m.contains("HEIC") && m.contains("iPhone"), "{m}");
    assert!(message(&r.candidates[1], ProblemCode::PhotoFormat).contains("WebP"));
}

#[test]
fn a_compression_method_we_cannot_read_is_one_archive_problem() {
    let ids: Vec<String> = (1..=3).map(id).collect();
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("photos.zip");
    let mut z = ZipWriter::new(File::create(&path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in &ids {
        z.start_file(format!("{i}.jpg"), stored).unwrap();
        z.write_all(&jpeg(295, 413, RED)).unwrap();
    }
    z.finish().unwrap();
    // Method 14 (LZMA), as 7-Zip writes when asked for its best compression: set in every
    // local header (offset 8) and central directory record (offset 10).
    let mut bytes = std::fs::read(&path).unwrap();
    for (sig, at) in [(b"PK\x03\x04", 8), (b"PK\x01\x02", 10)] {
        let starts: Vec<usize> = bytes
            .windows(4)
            .enumerate()
            .filter(|(_, w)| w == sig)
            .map(|(i, _)| i)
            .collect();
        for s in starts {
            bytes[s + at..s + at + 2].copy_from_slice(&14u16.to_le_bytes());
        }
    }
    std::fs::write(&path, bytes).unwrap();
    let a = Archive { _dir: dir, path };
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let e = check_with(&a, &refs, &PhotoLimits::default()).unwrap_err();
    assert_eq!(e.code(), ProblemCode::ArchiveUnreadable);
    let m = e.message(Lang::Zh, "photos.zip");
    assert!(m.contains("LZMA (14)") && m.contains("3 张照片"), "{m}");

    // Through the CLI: exit 2 and one problem, not three.
    let db = a._dir.path().join("kaowu.db");
    let sub = database_with_submission(&db, &refs);
    let (code, v) = run_json(kaowu(&db).args([
        "photos",
        "check",
        a.path.to_str().unwrap(),
        "--submission",
        &sub.to_string(),
    ]));
    assert_eq!(code, 2, "{v}");
    assert_eq!(v["problems"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["problems"][0]["code"], "archive_unreadable");
}

#[test]
fn a_local_header_naming_another_file_than_the_directory_is_unsafe() {
    let (one, two) = (id(1), id(2));
    let a = archive(vec![
        file(format!("{one}.jpg"), jpeg(295, 413, RED)),
        file(format!("QQ{two}.jpg"), jpeg(295, 413, RED)),
    ]);
    // The local header (first in the file) says ../ where the directory says QQ.
    patch(&a.path, b"QQ", b"..", true);
    let r = check(&a, &[&one, &two]);
    assert!(r.candidates[0].problems.is_empty());
    assert_eq!(r.entry_problems.len(), 1, "{:?}", r.entry_problems);
    assert_eq!(r.entry_problems[0].code, ProblemCode::ArchiveUnsafeEntry);
    assert!(
        r.entry_problems[0].message.contains(".."),
        "{:?}",
        r.entry_problems[0]
    );
}

#[test]
fn full_width_digits_in_a_photo_name_are_read_as_the_sheet_reads_them() {
    let one = id(1);
    let wide: String = one
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .collect();
    let a = archive(vec![file(format!("{wide}.jpg"), jpeg(295, 413, RED))]);
    let r = check(&a, &[&one]);
    assert!(r.is_clean(), "{:?} {:?}", r.candidates, r.entry_problems);
}
