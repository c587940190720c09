//! Photo archive check vs decoding the same JPEGs alone.
//!
//! Generates 5,000 distinct 295×413 JPEGs of about 40 KB (red background, a head and shoulders,
//! noise so they compress like real photos) into a deflated zip in a temp dir, then measures in
//! the same run: decoding the JPEGs from memory only (one thread, then all cores) and
//! `check_archive` on the zip. Prints wall time, CPU time (user+sys from /proc/self/stat) and
//! their ratio (cores busy), and check/decode ratios.
//!
//! Run: `cargo bench --bench photos` (add `-- N` for another photo count).

use std::fs::File;
use std::io::Write;
use std::time::Instant;

use image::{Rgb, RgbImage};
use kaowu::domain::photo::id_check_char;
use kaowu::intake::photos::{Expected, PhotoLimits, check_archive};
use rayon::prelude::*;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// xorshift: reproducible noise without a dependency.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A value in -amp..=amp.
    fn jitter(&mut self, amp: i32) -> i32 {
        (self.next() % (2 * amp as u64 + 1)) as i32 - amp
    }
}

fn photo(seed: u64) -> Vec<u8> {
    let mut n = Noise(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let (w, h) = (295u32, 413u32);
    let img = RgbImage::from_fn(w, h, |x, y| {
        let dx = (x as f32 - w as f32 / 2.0) / (w as f32 * 0.27);
        let dy = (y as f32 - h as f32 * 0.42) / (h as f32 * 0.25);
        let (base, amp) = if dx * dx + dy * dy <= 1.0 {
            ([200, 160, 130], 26)
        } else if y as f32 > h as f32 * 0.72 {
            ([40, 40, 70], 16)
        } else {
            ([215, 10, 30], 7)
        };
        let mut c = |v: i32| (v + n.jitter(amp)).clamp(0, 255) as u8;
        Rgb([c(base[0]), c(base[1]), c(base[2])])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .expect("encode");
    out
}

fn id(n: u64) -> String {
    let stem = format!("{:017}", 11_010_519_900_101_000u64 + n * 7);
    let check = id_check_char(&format!("{stem}0")).expect("17 digits");
    format!("{stem}{check}")
}

/// User+system CPU seconds of this process so far.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 here.
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| f.get(i).and_then(|v| v.parse::<f64>().ok()))
        .sum();
    ticks / 100.0
}

/// User+system CPU seconds of each thread of this process so far, by thread id, with its name.
fn thread_cpu() -> std::collections::BTreeMap<u64, (String, f64)> {
    let mut out = std::collections::BTreeMap::new();
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return out;
    };
    for t in tasks.flatten() {
        let Ok(tid) = t.file_name().to_string_lossy().parse::<u64>() else {
            continue;
        };
        let stat = std::fs::read_to_string(t.path().join("stat")).unwrap_or_default();
        let name = stat
            .split_once('(')
            .and_then(|(_, r)| r.rsplit_once(')'))
            .map_or("", |(n, _)| n)
            .to_string();
        let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
        let f: Vec<&str> = rest.split_whitespace().collect();
        let ticks: f64 = [11, 12]
            .iter()
            .filter_map(|&i| f.get(i).and_then(|v| v.parse::<f64>().ok()))
            .sum();
        out.insert(tid, (name, ticks / 100.0));
    }
    out
}

/// CPU seconds each thread spent between two `thread_cpu` readings (threads that did work).
fn thread_work(
    before: &std::collections::BTreeMap<u64, (String, f64)>,
    after: &std::collections::BTreeMap<u64, (String, f64)>,
) -> Vec<(String, f64)> {
    after
        .iter()
        .map(|(tid, (name, cpu))| {
            let was = before.get(tid).map_or(0.0, |(_, c)| *c);
            (format!("{name}#{tid}"), cpu - was)
        })
        .filter(|(_, s)| *s >= 0.05)
        .collect()
}

struct Run {
    wall: f64,
    cpu: f64,
}

fn measure(f: impl FnOnce()) -> Run {
    let (c0, t0) = (cpu_seconds(), Instant::now());
    f();
    Run {
        wall: t0.elapsed().as_secs_f64(),
        cpu: cpu_seconds() - c0,
    }
}

fn best(runs: usize, mut f: impl FnMut()) -> Run {
    (0..runs)
        .map(|_| measure(&mut f))
        .min_by(|a, b| a.wall.total_cmp(&b.wall))
        .expect("at least one run")
}

fn report(name: &str, r: &Run, count: usize) {
    println!(
        "{name:<28} wall {:>7.3} s  cpu {:>7.3} s  cores busy {:.2}  {:>7.0} photos/s",
        r.wall,
        r.cpu,
        r.cpu / r.wall,
        count as f64 / r.wall
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --all-targets` does not: there, a quick smoke run.
    let benching = std::env::args().any(|a| a == "--bench");
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(if benching { 5_000 } else { 4 });
    let dir = tempfile::tempdir().expect("temp dir");
    let zip_path = dir.path().join("photos.zip");

    let t = Instant::now();
    let photos: Vec<Vec<u8>> = (0..count as u64).into_par_iter().map(photo).collect();
    let ids: Vec<String> = (0..count as u64).map(id).collect();
    let mut z = ZipWriter::new(File::create(&zip_path).expect("zip file"));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (id, bytes) in ids.iter().zip(&photos) {
        z.start_file(format!("{id}.jpg"), opts).expect("entry");
        z.write_all(bytes).expect("write");
    }
    z.finish().expect("finish");
    let total: usize = photos.iter().map(Vec::len).sum();
    let zip_len = std::fs::metadata(&zip_path).map(|m| m.len()).unwrap_or(0);
    println!(
        "generated {count} JPEGs 295x413, {:.1} KB average, zip {:.1} MB, in {:.1} s; {} cores",
        total as f64 / count as f64 / 1024.0,
        zip_len as f64 / 1024.0 / 1024.0,
        t.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );

    let decode = |b: &Vec<u8>| {
        let img = image::load_from_memory_with_format(b, image::ImageFormat::Jpeg).expect("decode");
        std::hint::black_box(img);
    };
    let expected: Vec<Expected> = ids
        .iter()
        .map(|id| Expected {
            id_number: id.clone(),
            name: "考生".into(),
        })
        .collect();
    let limits = PhotoLimits::default();
    let check = || {
        let r = check_archive(&zip_path, &expected, &limits, &|_, _| {}).expect("check");
        assert!(r.is_clean(), "generated photos must pass");
        std::hint::black_box(r);
    };

    // Warm the page cache and the allocator once.
    check();
    let runs = if benching { 3 } else { 1 };
    let single = best(runs, || photos.iter().for_each(decode));
    let parallel = best(runs, || photos.par_iter().for_each(decode));
    let threads_before = thread_cpu();
    let checked = best(runs, check);
    let per_thread = thread_work(&threads_before, &thread_cpu());
    println!("best of {runs} runs each:");
    report("decode only, 1 thread", &single, count);
    report("decode only, all cores", &parallel, count);
    report("check_archive", &checked, count);
    println!(
        "check_archive / decode-only (all cores): {:.2}x; / decode-only (1 thread): {:.2}x",
        checked.wall / parallel.wall,
        checked.wall / single.wall
    );
    println!(
        "check_archive / decode-only CPU time: {:.2}x (1 thread), {:.2}x (all cores)",
        checked.cpu / single.cpu,
        checked.cpu / parallel.cpu
    );
    // Cores busy above is CPU/wall, which other processes on a shared machine pull down; the
    // CPU each thread did during the check runs shows whether the work was spread.
    println!("CPU seconds per thread during the {runs} check_archive runs:");
    for (name, secs) in per_thread {
        println!("  {name:<24} {secs:>7.2} s");
    }
}
