//! Entry names as the school's archiver wrote them. The zip format names entries in UTF-8 only
//! when flag bit 11 says so; otherwise in the archiver's code page, which on Chinese Windows
//! (its built-in "Send to > Compressed folder", WinRAR's default) is GBK. Read as the format's
//! default CP437, 张三.jpg comes out as "ÕÅÈý.jpg".

use super::source::SharedFile;

/// General purpose flag bit 11: the name and comment are UTF-8.
const UTF8_FLAG: u16 = 1 << 11;
const LOCAL_HEADER: [u8; 4] = *b"PK\x03\x04";

/// The entry's name as the school sees it: UTF-8 when flagged, or when the bytes are valid
/// UTF-8 anyway (macOS writes UTF-8 without the flag); otherwise GB18030, GBK's superset.
pub fn decode(raw: &[u8], flags: u16) -> String {
    if flags & UTF8_FLAG != 0 {
        return String::from_utf8_lossy(raw).into_owned();
    }
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(raw)
            .0
            .into_owned(),
    }
}

/// The name in the local header at `header_start`, which is what most unzippers extract
/// under; `None` when there is no local header there.
pub fn local(f: &SharedFile, header_start: u64) -> Option<Vec<u8>> {
    let mut head = [0u8; 30];
    f.read_exact_at(&mut head, header_start)?;
    if head[..4] != LOCAL_HEADER {
        return None;
    }
    let len = usize::from(u16::from_le_bytes([head[26], head[27]]));
    let mut name = vec![0u8; len];
    f.read_exact_at(&mut name, header_start + 30)?;
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_names_without_the_flag_read_as_written() {
        let (gbk, _, _) = encoding_rs::GBK.encode("照片/张三.jpg");
        assert_eq!(decode(&gbk, 0), "照片/张三.jpg");
        assert_eq!(decode("照片/张三.jpg".as_bytes(), 0), "照片/张三.jpg");
        assert_eq!(decode("张三.jpg".as_bytes(), UTF8_FLAG), "张三.jpg");
        assert_eq!(decode(b"110105.jpg", 0), "110105.jpg");
    }
}
