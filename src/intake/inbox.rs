//! The inbox folder: staff `scp` schools' files to the server; the console picks them up.
//!
//! A file named `<plan code>_<school name>[_anything].xlsx` (e.g.
//! `20211211-初级_浙江商业职业技术学院_第2版.xlsx`) names its plan and school; other names are
//! asked for. A processed file moves to `done/`, never deleted and never overwriting another.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One file waiting in the inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxFile {
    pub path: PathBuf,
    pub name: String,
    pub size: u64,
    /// Plan code and school name read from the file name, when it follows the pattern.
    pub hint: Option<(String, String)>,
}

/// The plan code and school name a file name carries, if it follows the documented pattern.
pub fn parse_name(file_name: &str) -> Option<(String, String)> {
    let stem = file_name
        .strip_suffix(".xlsx")
        .or_else(|| file_name.strip_suffix(".XLSX"))?;
    let mut parts = stem.split('_');
    let plan = parts.next()?.trim();
    let school = parts.next()?.trim();
    let (date, level) = plan.split_once('-')?;
    let plausible =
        date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) && !level.is_empty();
    (plausible && !school.is_empty()).then(|| (plan.to_string(), school.to_string()))
}

/// The `.xlsx` files waiting in `dir` (not in `done/`), oldest first. A missing inbox is empty.
pub fn scan(dir: &Path) -> io::Result<Vec<InboxFile>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry?;
        let meta = entry.metadata()?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Half-copied files from scp end in other suffixes or are hidden: skip them.
        if !meta.is_file() || name.starts_with('.') || !name.to_lowercase().ends_with(".xlsx") {
            continue;
        }
        let modified = meta.modified().ok();
        files.push((
            modified,
            InboxFile {
                path: entry.path(),
                hint: parse_name(&name),
                name,
                size: meta.len(),
            },
        ));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    Ok(files.into_iter().map(|(_, f)| f).collect())
}

/// Moves a processed file into `<inbox>/done/`, adding `.1`, `.2`, … before the extension when
/// that name is taken: a file is never deleted or overwritten.
pub fn archive(file: &Path) -> io::Result<PathBuf> {
    let dir = file.parent().unwrap_or(Path::new(".")).join("done");
    fs::create_dir_all(&dir)?;
    let name = file
        .file_name()
        .ok_or_else(|| io::Error::other("not a file"))?;
    let mut target = dir.join(name);
    let stem = file
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut n = 1;
    while target.exists() {
        target = dir.join(format!("{stem}.{n}.{ext}"));
        n += 1;
    }
    fs::rename(file, &target)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_following_the_pattern_carry_plan_and_school() {
        assert_eq!(
            parse_name("20211211-初级_浙江商业职业技术学院_第2版.xlsx"),
            Some(("20211211-初级".into(), "浙江商业职业技术学院".into()))
        );
        assert_eq!(
            parse_name("20211211-junior_义乌工商职业技术学院.xlsx")
                .unwrap()
                .0,
            "20211211-junior"
        );
        assert_eq!(parse_name("报名表.xlsx"), None);
        assert_eq!(parse_name("2021_学院.xlsx"), None);
        assert_eq!(parse_name("20211211-初级_学院.xls"), None);
    }

    #[test]
    fn processed_files_move_to_done_without_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path();
        fs::write(inbox.join("a.xlsx"), b"1").unwrap();
        fs::write(inbox.join(".partial.xlsx"), b"x").unwrap();
        fs::write(inbox.join("notes.txt"), b"x").unwrap();
        let found = scan(inbox).unwrap();
        assert_eq!(
            found.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
            ["a.xlsx"]
        );
        let first = archive(&found[0].path).unwrap();
        fs::write(inbox.join("a.xlsx"), b"2").unwrap();
        let second = archive(&inbox.join("a.xlsx")).unwrap();
        assert_ne!(first, second);
        assert_eq!(fs::read(first).unwrap(), b"1");
        assert_eq!(fs::read(second).unwrap(), b"2");
        assert!(scan(inbox).unwrap().is_empty());
        assert!(scan(&inbox.join("missing")).unwrap().is_empty());
    }
}
