//! Text of the photo archive check.

use super::Msg;
use crate::domain::photo::{BadName, Tint, UnsafeName};

pub const MISSING: Msg = Msg {
    zh: "缺少照片（应命名为“证件号码.jpg”）",
    en: "no photo (expected <ID number>.jpg)",
};
pub const ORPHAN: Msg = Msg {
    zh: "此证件号码不是本次提交的考生，照片多余",
    en: "this ID number is not a candidate of this submission",
};
pub const DUPLICATE: Msg = Msg {
    zh: "同一证件号码有多张照片：{entries}",
    en: "more than one photo for this ID number: {entries}",
};
pub const BAD_EXT: Msg = Msg {
    zh: "文件名 {name} 的扩展名应为 .jpg、.jpeg 或 .png",
    en: "{name}: the extension must be .jpg, .jpeg or .png",
};
pub const BAD_ID: Msg = Msg {
    zh: "文件名 {stem} 不是 18 位证件号码，照片应命名为“证件号码.jpg”",
    en: "{stem} is not an 18-character ID number; name photos <ID number>.jpg",
};
pub const BAD_CHECKSUM: Msg = Msg {
    zh: "文件名 {stem} 的校验位错误（应为 {check}），不是有效的证件号码",
    en: "{stem} has a wrong check character (should be {check}): not a valid ID number",
};
pub const FORMAT: Msg = Msg {
    zh: "内容既不是 JPEG 也不是 PNG（文件头 {magic}）",
    en: "the content is neither JPEG nor PNG (starts with {magic})",
};
pub const EXT_MISMATCH: Msg = Msg {
    zh: "内容是 {actual}，扩展名却是 .{ext}",
    en: "the content is {actual} but the extension is .{ext}",
};
pub const TOO_LARGE: Msg = Msg {
    zh: "照片超过 {max}，未继续读取",
    en: "the photo exceeds {max}; not read further",
};
pub const DIMENSIONS: Msg = Msg {
    zh: "尺寸 {w}×{h} 像素，应为 {ew}×{eh}",
    en: "{w}×{h} pixels, should be {ew}×{eh}",
};
pub const DIMENSIONS_TOL: Msg = Msg {
    zh: "尺寸 {w}×{h} 像素，应为 {ew}×{eh}（允许 ±{tol}）",
    en: "{w}×{h} pixels, should be {ew}×{eh} (±{tol})",
};
pub const BACKGROUND: Msg = Msg {
    zh: "背景平均色 {hex} {tint}，应为红色",
    en: "background average colour {hex} {tint}, should be red",
};
pub const CORRUPT: Msg = Msg {
    zh: "图片已损坏，无法解码：{err}",
    en: "the image is damaged and cannot be decoded: {err}",
};
pub const NO_HEADER: Msg = Msg {
    zh: "图片已损坏，读不出尺寸：{err}",
    en: "the image is damaged: its size cannot be read: {err}",
};
pub const ENTRY_UNREADABLE: Msg = Msg {
    zh: "压缩包中的此文件无法读取：{err}",
    en: "this entry of the archive cannot be read: {err}",
};
pub const ENTRY_LIES: Msg = Msg {
    zh: "压缩包中的此文件比其声明的大小（{declared}）更大：文件头被篡改或已损坏",
    en: "this entry inflates past its declared size ({declared}): a forged or damaged header",
};
pub const JPEG_CUT: Msg = Msg {
    zh: "JPEG 数据不完整（缺少结束标记），可能在传输中被截断",
    en: "the JPEG is cut short (no end marker): probably truncated in transfer",
};
pub const UNSAFE: Msg = Msg {
    zh: "条目不安全（{why}），已跳过",
    en: "unsafe entry ({why}); skipped",
};
pub const UNSAFE_SYMLINK: Msg = Msg {
    zh: "符号链接",
    en: "a symbolic link",
};
pub const UNSAFE_ENCRYPTED: Msg = Msg {
    zh: "已加密",
    en: "encrypted",
};
pub const UNSAFE_LOCAL_NAME: Msg = Msg {
    zh: "条目的本地文件头名为「{local}」，与目录中的名称不同：解压软件可能解出另一个文件",
    en: "the entry's local header names it \"{local}\", unlike the directory: an unzipper could extract another file",
};
pub const ARCHIVE_METHOD: Msg = Msg {
    zh: "{file} 用了无法读取的压缩方式 {method}（{n} 张照片）：请用 Windows 自带的“发送到→压缩(zipped)文件夹”或 7-Zip 的 zip 格式（Deflate）重新打包",
    en: "{file} uses compression method {method}, which cannot be read ({n} photos): pack it again with Windows' \"Send to > Compressed (zipped) folder\" or 7-Zip's zip format (Deflate)",
};
pub const FORMAT_NAMED: Msg = Msg {
    zh: "内容是 {format} 格式{note}，不是 JPEG 或 PNG：请转换为 JPG 后再发",
    en: "the content is {format}{note}, not JPEG or PNG: convert it to JPG and send it again",
};
pub const NOTE_IPHONE: Msg = Msg {
    zh: "（iPhone 拍摄的照片）",
    en: " (an iPhone photo)",
};
pub const UNSAFE_DUPLICATE_NAMES: Msg = Msg {
    zh: "压缩包内有同名条目，只检查了其中一个",
    en: "the archive holds entries with the same name; only one of each was checked",
};
pub const ARCHIVE_UNREADABLE: Msg = Msg {
    zh: "{file} 不是可读取的 zip 压缩包：{err}",
    en: "{file} is not a readable zip archive: {err}",
};
pub const ARCHIVE_ENTRIES: Msg = Msg {
    zh: "{file} 有 {n} 个条目，超过上限 {max}",
    en: "{file} has {n} entries, more than the limit of {max}",
};
pub const ARCHIVE_BYTES: Msg = Msg {
    zh: "{file} 解压后超过 {max}，已停止检查",
    en: "{file} inflates to more than {max}; checking stopped",
};
pub const HINT_ARCHIVE: Msg = Msg {
    zh: "请学校重新打包：只放“证件号码.jpg”照片，用普通 zip 格式，不加密",
    en: "ask the school to re-pack: only <ID number>.jpg photos, a plain zip, no password",
};

/// Why a name is unsafe, in words.
pub fn unsafe_name(u: UnsafeName) -> &'static Msg {
    match u {
        UnsafeName::Empty => &Msg {
            zh: "名称为空",
            en: "empty name",
        },
        UnsafeName::Absolute => &Msg {
            zh: "绝对路径",
            en: "an absolute path",
        },
        UnsafeName::ParentDir => &Msg {
            zh: "含 .. 上级目录",
            en: "a .. component",
        },
        UnsafeName::Drive => &Msg {
            zh: "含盘符或冒号",
            en: "a drive letter or colon",
        },
        UnsafeName::ControlChar => &Msg {
            zh: "含控制字符",
            en: "control characters",
        },
    }
}

/// A bad photo name's message.
pub fn bad_name(lang: super::Lang, b: &BadName) -> String {
    match b {
        BadName::Extension(name) => lang.fill(&BAD_EXT, &[("name", name)]),
        BadName::NotIdNumber(stem) => lang.fill(&BAD_ID, &[("stem", stem)]),
        BadName::Checksum { stem, expected } => {
            lang.fill(&BAD_CHECKSUM, &[("stem", stem), ("check", expected)])
        }
    }
}

/// How a background looks, as the middle of [`BACKGROUND`].
pub fn tint(t: Tint) -> &'static Msg {
    match t {
        Tint::Red => &Msg {
            zh: "为红色",
            en: "is red",
        },
        Tint::DarkRed => &Msg {
            zh: "过暗",
            en: "is too dark",
        },
        Tint::PaleRed => &Msg {
            zh: "过浅（偏粉）",
            en: "is too pale (pink)",
        },
        Tint::Orange => &Msg {
            zh: "偏橙",
            en: "is orange",
        },
        Tint::Yellow => &Msg {
            zh: "偏黄",
            en: "is yellow",
        },
        Tint::Green => &Msg {
            zh: "偏绿",
            en: "is green",
        },
        Tint::Blue => &Msg {
            zh: "偏蓝",
            en: "is blue",
        },
        Tint::Purple => &Msg {
            zh: "偏紫",
            en: "is purple",
        },
        Tint::White => &Msg {
            zh: "为白色",
            en: "is white",
        },
        Tint::Grey => &Msg {
            zh: "为灰色",
            en: "is grey",
        },
        Tint::Black => &Msg {
            zh: "近黑色",
            en: "is black",
        },
    }
}

/// A byte count for messages: `5 MB`, `1.5 GB`, `40 KB` (binary units, as archivers show them).
pub fn bytes(n: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = KB * KB;
    const GB: u64 = MB * KB;
    let (unit, size) = if n >= GB {
        ("GB", GB)
    } else if n >= MB {
        ("MB", MB)
    } else {
        ("KB", KB)
    };
    if n.is_multiple_of(size) {
        format!("{} {unit}", n / size)
    } else {
        format!("{:.1} {unit}", n as f64 / size as f64)
    }
}

pub const COL_CANDIDATE: Msg = Msg {
    zh: "考生",
    en: "candidate",
};
pub const COL_ID: Msg = Msg {
    zh: "证件号码",
    en: "ID number",
};
pub const COL_ENTRY: Msg = Msg {
    zh: "文件",
    en: "entry",
};
pub const COL_PROBLEM: Msg = Msg {
    zh: "问题",
    en: "problem",
};
pub const COL_DETAIL: Msg = Msg {
    zh: "说明",
    en: "detail",
};
pub const SUMMARY: Msg = Msg {
    zh: "{file}：{entries} 个条目，提交 #{submission} 的 {candidates} 名考生中 {bad} 名照片有问题，另有 {other} 个文件有问题",
    en: "{file}: {entries} entries; {bad} of the {candidates} candidates of submission #{submission} have photo problems, and {other} other entries",
};
pub const ALL_GOOD: Msg = Msg {
    zh: "{file}：{candidates} 名考生的照片全部合格（{entries} 个条目）",
    en: "{file}: all {candidates} candidates have a good photo ({entries} entries)",
};
pub const SKIPPED: Msg = Msg {
    zh: "已跳过 {n} 个系统文件（__MACOSX、.DS_Store 等）",
    en: "skipped {n} archiver files (__MACOSX, .DS_Store, …)",
};
pub const PROGRESS: Msg = Msg {
    zh: "正在检查照片 {done}/{total}",
    en: "checking photos {done}/{total}",
};
pub const NO_SUBMISSION: Msg = Msg {
    zh: "{school} 没有 {plan} 的提交",
    en: "{school} has no submission for {plan}",
};
pub const HINT_NO_SUBMISSION: Msg = Msg {
    zh: "用 `kaowu submissions --plan 计划 --school 院校` 查看，或用 --submission 编号",
    en: "run `kaowu submissions --plan PLAN --school SCHOOL`, or give --submission N",
};

// The console's photo check.

pub const TUI_TITLE: Msg = Msg {
    zh: "照片检查 · 提交 #{id} {school} {plan}",
    en: "Photo check · submission #{id} {school} {plan}",
};
pub const TUI_SELECT_SUBMISSION: Msg = Msg {
    zh: "请先选中一条关于提交的记录",
    en: "select an entry about a submission first",
};
pub const TUI_PATH: Msg = Msg {
    zh: "照片压缩包路径（Tab 补全）",
    en: "Photo archive path (Tab completes)",
};
pub const TUI_PATH_EXAMPLE: Msg = Msg {
    zh: "~/照片/学校照片.zip",
    en: "~/photos/school-photos.zip",
};
pub const TUI_CANDIDATES: Msg = Msg {
    zh: "本提交共 {n} 名考生。输入学校发来的照片压缩包（.zip）路径，按 Enter 检查。",
    en: "This submission has {n} candidates. Type the path of the school's photo archive (.zip) and press Enter.",
};
pub const TUI_CHOICES: Msg = Msg {
    zh: "可选：",
    en: "Choices: ",
};
pub const TUI_NOT_A_FILE: Msg = Msg {
    zh: "找不到文件 {path}",
    en: "no such file: {path}",
};
pub const TUI_RUNNING: Msg = Msg {
    zh: "正在检查 {file}",
    en: "Checking {file}",
};
pub const TUI_BUSY: Msg = Msg {
    zh: "检查进行中，完成后才能关闭",
    en: "a check is running: it can be closed when it finishes",
};
pub const TUI_SUMMARY: Msg = Msg {
    zh: "{file}：{ok} 合格 · {problem} 有问题 · {missing} 缺照片 · 其他文件问题 {other}",
    en: "{file}: {ok} good · {problem} with problems · {missing} missing · {other} other entry problems",
};
pub const TUI_SAVED: Msg = Msg {
    zh: "已检查 {file}，照片状态已保存",
    en: "checked {file}; photo status saved",
};
pub const TUI_NOT_SAVED: Msg = Msg {
    zh: "结果未能保存：{err}",
    en: "the results could not be saved: {err}",
};
pub const TUI_NO_PROBLEMS: Msg = Msg {
    zh: "照片合格",
    en: "photo is good",
};
pub const TUI_NO_PREVIEW: Msg = Msg {
    zh: "无法显示照片：{err}",
    en: "cannot show the photo: {err}",
};
pub const TUI_NO_PHOTO: Msg = Msg {
    zh: "（无照片）",
    en: "(no photo)",
};
pub const TUI_NO_COLOR: Msg = Msg {
    zh: "NO_COLOR 已设置，不显示照片",
    en: "NO_COLOR is set: photo not drawn",
};
pub const TUI_ENTRY_PROBLEMS: Msg = Msg {
    zh: "其他文件：",
    en: "Other entries: ",
};
pub const STATE_OK: Msg = Msg {
    zh: "合格",
    en: "ok",
};
pub const STATE_PROBLEM: Msg = Msg {
    zh: "有问题",
    en: "problem",
};
pub const STATE_MISSING: Msg = Msg {
    zh: "缺照片",
    en: "missing",
};

/// How a photo state is called on screen.
pub fn state(s: crate::domain::photo::PhotoState) -> &'static Msg {
    use crate::domain::photo::PhotoState;
    match s {
        PhotoState::Ok => &STATE_OK,
        PhotoState::Problem => &STATE_PROBLEM,
        PhotoState::Missing => &STATE_MISSING,
    }
}

pub const KEY_CHECK: Msg = Msg {
    zh: "开始检查",
    en: "check",
};
pub const KEY_ANOTHER: Msg = Msg {
    zh: "检查另一个压缩包",
    en: "check another archive",
};
pub const KEY_CHECK_PHOTOS: Msg = Msg {
    zh: "检查照片",
    en: "check photos",
};
pub const SCOPE_PHOTO_PATH: Msg = Msg {
    zh: "照片检查：路径",
    en: "Photo check: path",
};
pub const SCOPE_PHOTO_LIST: Msg = Msg {
    zh: "照片检查：结果",
    en: "Photo check: results",
};

pub const COL_PHOTO: Msg = Msg {
    zh: "照片",
    en: "Photo",
};

pub const NOT_CHECKED: Msg = Msg {
    zh: "尚未检查",
    en: "not checked yet",
};
