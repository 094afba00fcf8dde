//! Turning a file's bytes into text: UTF-8 with or without BOM, UTF-16 with or without BOM, and
//! GB18030/GBK, which is what Excel and WPS on Chinese Windows write. A text file with a few NUL
//! bytes in it (a damaged copy) is still text: the lines holding them are reported where the
//! file is read, and the other lines are read.

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

use crate::source::Encoding;

/// Why bytes are not text in any encoding we read.
#[derive(Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Offset of the first byte that is neither UTF-8 nor GB18030.
    pub offset: usize,
    /// The file as text for showing the error, undecodable bytes as U+FFFD, in the encoding
    /// that read further.
    pub shown: String,
    /// Byte offset of the first undecodable byte in `shown`.
    pub at: usize,
    /// The file reads as UTF-8 up to `offset` (Chinese text included): another encoding was
    /// mixed in from there, as when rows are pasted from a GB18030 file.
    pub mixed: bool,
}

/// UTF-8 text with this many non-ASCII characters before the first bad byte is UTF-8: GB18030
/// text does not pass for UTF-8 over so many characters.
const UTF8_EVIDENCE: usize = 4;

pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return utf8_or_error(rest, 3).map(|s| (s, Encoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(rest, UTF_16LE).map(|s| (s, Encoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(rest, UTF_16BE).map(|s| (s, Encoding::Utf16Be));
    }
    if let Some((text, encoding)) = utf16_without_bom(bytes) {
        return Ok((text, encoding));
    }
    match utf8(bytes) {
        Ok(s) => Ok((s.to_string(), Encoding::Utf8)),
        Err(utf8_error) => {
            let valid = &bytes[..utf8_error.valid_up_to()];
            let non_ascii = std::str::from_utf8(valid).map_or(0, |s| {
                s.chars()
                    .filter(|c| !c.is_ascii())
                    .take(UTF8_EVIDENCE)
                    .count()
            });
            if non_ascii >= UTF8_EVIDENCE {
                // Read as GB18030 the whole file would turn its UTF-8 part into nonsense that
                // still "decodes": report the place the encoding changes instead.
                // GB18030 bytes can pass for a UTF-8 character or two before the first that
                // cannot: the foreign text starts with the run of non-ASCII bytes before it.
                let mut start = utf8_error.valid_up_to();
                while start > 0 && !bytes[start - 1].is_ascii() {
                    start -= 1;
                }
                let mixed = GB18030
                    .decode_without_bom_handling_and_without_replacement(&bytes[start..])
                    .is_some();
                let mut e = lossy(
                    bytes,
                    if mixed {
                        start
                    } else {
                        utf8_error.valid_up_to()
                    },
                );
                e.mixed = mixed;
                return Err(e);
            }
            // Not UTF-8: the other encoding offices use is GB18030 (a superset of GBK and GB2312).
            if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                return Ok((text.into_owned(), Encoding::Gb18030));
            }
            // Report the place in the reading that got further: the file was most likely meant
            // to be that encoding.
            let (utf8_end, gb_end) = (utf8_error.valid_up_to(), gb18030_valid_up_to(bytes));
            Err(if gb_end > utf8_end {
                let (shown, _) = GB18030.decode_without_bom_handling(bytes);
                let (prefix, _) = GB18030.decode_without_bom_handling(&bytes[..gb_end]);
                DecodeError {
                    offset: gb_end,
                    shown: shown.into_owned(),
                    at: prefix.len(),
                    mixed: false,
                }
            } else {
                lossy(bytes, utf8_end)
            })
        }
    }
}

/// The error shown as UTF-8 with replacement characters, which keep the valid prefix's offsets.
fn lossy(bytes: &[u8], offset: usize) -> DecodeError {
    DecodeError {
        offset,
        shown: String::from_utf8_lossy(bytes).into_owned(),
        at: offset,
        mixed: false,
    }
}

impl DecodeError {
    /// Counts the offset from the start of the file when `bytes` followed a byte-order mark.
    fn shifted(mut self, skipped: usize) -> DecodeError {
        self.offset += skipped;
        self
    }
}

/// How many leading bytes decode as GB18030.
fn gb18030_valid_up_to(bytes: &[u8]) -> usize {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3);
    match decoder.decode_to_string_without_replacement(bytes, &mut out, true) {
        (encoding_rs::DecoderResult::Malformed(bad, after), read) => {
            read - usize::from(bad) - usize::from(after)
        }
        _ => bytes.len(),
    }
}

/// `bytes` as text, as `std::str::from_utf8` reads them, checked a wide stretch at a time: every
/// file of a batch, and every finding a large batch's report holds back, is checked so. Where
/// they are not text, the standard check says where.
pub fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

fn utf8_or_error(bytes: &[u8], skipped: usize) -> Result<String, DecodeError> {
    utf8(bytes)
        .map(str::to_string)
        .map_err(|e| lossy(bytes, e.valid_up_to()).shifted(skipped))
}

fn utf16(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Result<String, DecodeError> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned)
        .ok_or_else(|| lossy(bytes, 0).shifted(2))
}

/// Whether bytes look like a binary file (image, archive, office document) rather than text,
/// and which kind, judged by the magic number, or by NUL and other control bytes where the file
/// is not text with a few NUL bytes in it.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "PNG 图片"),
        (b"\xff\xd8\xff", "JPEG 图片"),
        (b"GIF8", "GIF 图片"),
        (b"%PDF", "PDF 文件"),
        (b"PK\x03\x04", "ZIP 压缩包或 Office 文档（.docx/.xlsx）"),
        (b"\xd0\xcf\x11\xe0", "旧版 Office 文档（.doc/.xls）"),
        (b"Rar!", "RAR 压缩包"),
        (b"7z\xbc\xaf", "7z 压缩包"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(kind);
    }
    let utf16 = bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff");
    if utf16 || !bytes.contains(&0) || utf16_without_bom(bytes).is_some() {
        return None;
    }
    (!damaged_text(bytes)).then_some("二进制文件")
}

/// Text with NUL bytes in it, as a copy cut short or a disk error leaves: without them it decodes,
/// and it has next to no other control bytes (a binary file has plenty, and bytes no text
/// encoding allows).
fn damaged_text(bytes: &[u8]) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, 0 | b'\t' | b'\n' | b'\r' | 0x0c | 0x1a))
        .count();
    if controls * 100 > bytes.len() {
        return false;
    }
    let without: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
    decode(&without).is_ok()
}

/// UTF-16 without a byte-order mark, as some exports write it: the ASCII characters of a ledger
/// (commas, digits, line breaks) each have a zero byte on the same side, which no other text has.
fn utf16_without_bom(bytes: &[u8]) -> Option<(String, Encoding)> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let (zeros, other, encoding, label) = if odd > even {
        (odd, even, UTF_16LE, Encoding::Utf16Le)
    } else {
        (even, odd, UTF_16BE, Encoding::Utf16Be)
    };
    // At least one character in ten ASCII, and zero bytes on the other side only by chance (一 is
    // U+4E00: its low byte is zero).
    if zeros * 10 < head.len() / 2 || other * 20 > zeros {
        return None;
    }
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    // Text, not a binary file that happens to pair up: no NUL or other control characters.
    let clean = !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    clean.then(|| (text.into_owned(), label))
}

/// Old Mac line breaks (a lone CR, as Excel for Mac 2011 and older exports write) made LF, so
/// that lines are counted; the text keeps its length, and every span its place. Also returns the
/// offset of the first one changed and how many were.
pub fn lone_crs_to_lf(text: String) -> (String, Option<(usize, usize)>) {
    let bytes = text.as_bytes();
    let lone: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .collect();
    let Some(&first) = lone.first() else {
        return (text, None);
    };
    let mut out = text.clone().into_bytes();
    for &i in &lone {
        out[i] = b'\n';
    }
    // CR and LF are both one byte of ASCII: the text is still UTF-8.
    (
        String::from_utf8(out).unwrap_or(text),
        Some((first, lone.len())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_encoding_offices_write() {
        let text = "编号,议题\r\nLH-1,加装电梯\r\n";
        let (gb, _, _) = GB18030.encode(text);
        assert_eq!(decode(&gb).unwrap(), (text.to_string(), Encoding::Gb18030));
        let bom = [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom).unwrap(), (text.to_string(), Encoding::Utf8Bom));
        let mut le = vec![0xff, 0xfe];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap(), (text.to_string(), Encoding::Utf16Le));
    }

    #[test]
    fn a_bad_byte_late_in_a_gb18030_file_is_found_there() {
        let (gb, _, _) = GB18030.encode("编号,议题\r\nC-1,加装电梯\r\nC-3,");
        let mut gb = gb.into_owned();
        let at = gb.len();
        gb.extend_from_slice(b"\xff\r\n");
        let err = decode(&gb).unwrap_err();
        assert_eq!(err.offset, at);
        assert_eq!(&err.shown[..err.at], "编号,议题\r\nC-1,加装电梯\r\nC-3,");
    }

    #[test]
    fn gb18030_rows_pasted_into_a_utf8_file_are_found_where_they_start() {
        let utf8 = "编号,议题\nC-1,加装电梯\n".as_bytes();
        let (gb, _, _) = GB18030.encode("C-2,停车管理\n");
        let bytes = [utf8, &gb].concat();
        let err = decode(&bytes).unwrap_err();
        assert!(err.mixed);
        assert_eq!(err.offset, utf8.len() + 4);
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_recognised() {
        let text = "编号,层级,议题,会议日期\r\nLH-1,社区,加装电梯,2026-03-05\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(binary_kind(&le), None);
        assert_eq!(decode(&le).unwrap(), (text.to_string(), Encoding::Utf16Le));
        assert_eq!(decode(&be).unwrap(), (text.to_string(), Encoding::Utf16Be));
    }

    #[test]
    fn a_few_nul_bytes_leave_a_text_file_text() {
        let mut bytes = "编号,议题\nLH-1,加装电梯\n".as_bytes().to_vec();
        bytes.insert(10, 0);
        assert_eq!(binary_kind(&bytes), None);
        let (text, _) = decode(&bytes).unwrap();
        assert_eq!(text.matches('\0').count(), 1);
        // A binary file is still one.
        let mut binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        binary[0] = b'x';
        assert_eq!(binary_kind(&binary), Some("二进制文件"));
    }

    #[test]
    fn old_mac_line_breaks_become_lf_in_place() {
        let (text, first) = lone_crs_to_lf("a,b\rc,d\r\ne\r".to_string());
        assert_eq!(text, "a,b\nc,d\r\ne\n");
        assert_eq!(first, Some((3, 2)));
        assert_eq!(
            lone_crs_to_lf("a\r\n".to_string()),
            ("a\r\n".to_string(), None)
        );
    }

    #[test]
    fn bytes_in_no_encoding_are_an_error_at_their_offset() {
        let bytes = b"code,topic\nA,\x81\x20bad\n";
        let err = decode(bytes).unwrap_err();
        assert_eq!(err.offset, 13);
    }
}
