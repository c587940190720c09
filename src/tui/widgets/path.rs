//! Tab completion of a typed file path, as a shell does it: to the one match, or to what all
//! matches share, listing them. Only folders and files of the wanted kind are offered.

use std::path::PathBuf;

/// What Tab turned a typed path into.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    /// The path with as much filled in as is certain.
    pub text: String,
    /// The names still possible when there is more than one (folders end in `/`).
    pub choices: Vec<String>,
}

/// The part of a typed path that counts. The fields start filled with a folder (the inbox),
/// and staff type or paste an absolute path after it: as in Emacs, a `//` or `/~/` starts the
/// path over, so `…/inbox//tmp/报名表.xlsx` is `/tmp/报名表.xlsx`.
pub fn restart(typed: &str) -> &str {
    let from_root = typed.rfind("//").map(|i| i + 1);
    let from_home = typed.rfind("/~/").map(|i| i + 1);
    match from_root.max(from_home) {
        Some(i) => &typed[i..],
        None => typed,
    }
}

/// A typed path as a path: `~/` means the home folder (see [`restart`] for `//`).
pub fn expand(typed: &str) -> PathBuf {
    let typed = restart(typed);
    match typed.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join(rest))
            .unwrap_or_else(|| PathBuf::from(typed)),
        None => PathBuf::from(typed),
    }
}

/// The longest start all `items` share (whole characters).
pub fn common_prefix(items: &[String]) -> String {
    let Some(first) = items.first() else {
        return String::new();
    };
    let mut common: &str = first;
    for n in &items[1..] {
        let shared: usize = common
            .chars()
            .zip(n.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        common = &common[..shared];
    }
    common.to_string()
}

/// Completes `typed` against the file system, offering folders and files ending in `ext`
/// (`.zip`, `.xlsx`; any case). A relative path is taken from the working folder.
pub fn complete(typed: &str, ext: &str) -> Completion {
    let typed = restart(typed);
    let (dir_part, prefix) = match typed.rfind('/') {
        Some(i) => typed.split_at(i + 1),
        None => ("", typed),
    };
    let dir = if dir_part.is_empty() {
        PathBuf::from(".")
    } else {
        expand(dir_part)
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            // Follows symbolic links: a link to a folder of files is a folder here.
            let is_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
            if is_dir {
                Some(format!("{name}/"))
            } else if name.to_lowercase().ends_with(ext) {
                Some(name)
            } else {
                None
            }
        })
        .collect();
    names.sort();
    match names.as_slice() {
        [] => Completion {
            text: typed.to_string(),
            choices: Vec::new(),
        },
        [one] => Completion {
            text: format!("{dir_part}{one}"),
            choices: Vec::new(),
        },
        _ => Completion {
            text: format!("{dir_part}{}", common_prefix(&names)),
            choices: names,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_to_the_one_match_or_the_shared_start() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in [
            "浙江商院照片.zip",
            "浙江商院报名表.xlsx",
            "杭职照片.ZIP",
            ".hidden.zip",
        ] {
            std::fs::write(d.join(f), b"").unwrap();
        }
        std::fs::create_dir(d.join("浙江旧照片")).unwrap();
        let base = format!("{}/", d.display());

        let c = complete(&format!("{base}杭"), ".zip");
        assert_eq!(c.text, format!("{base}杭职照片.ZIP"));
        assert!(c.choices.is_empty());

        // The spreadsheet is not offered; the folder is, with its slash.
        let c = complete(&format!("{base}浙江"), ".zip");
        assert_eq!(c.text, format!("{base}浙江"));
        assert_eq!(c.choices, ["浙江商院照片.zip", "浙江旧照片/"]);

        let c = complete(&format!("{base}浙江旧"), ".zip");
        assert_eq!(c.text, format!("{base}浙江旧照片/"));

        let c = complete(&base, ".zip");
        assert_eq!(c.choices.len(), 3, "hidden files only when asked: {c:?}");

        let c = complete(&format!("{base}没有"), ".zip");
        assert_eq!(c.text, format!("{base}没有"));
        assert!(c.choices.is_empty());
    }

    #[test]
    fn a_double_slash_or_home_after_the_prefilled_folder_starts_the_path_over() {
        let inbox = "/srv/kaowu/inbox/";
        assert_eq!(
            restart(&format!("{inbox}/tmp/报名表.xlsx")),
            "/tmp/报名表.xlsx"
        );
        assert_eq!(
            restart(&format!("{inbox}~/下载/报名表.xlsx")),
            "~/下载/报名表.xlsx"
        );
        assert_eq!(
            restart(&format!("{inbox}报名表.xlsx")),
            format!("{inbox}报名表.xlsx")
        );
        assert_eq!(
            expand(&format!("{inbox}/tmp/a.xlsx")),
            PathBuf::from("/tmp/a.xlsx")
        );

        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("浙江商院报名表.xlsx"), b"").unwrap();
        let c = complete(&format!("{inbox}{}/浙江", dir.path().display()), ".xlsx");
        assert_eq!(
            c.text,
            format!("{}/浙江商院报名表.xlsx", dir.path().display())
        );
    }
}
