//! Fonts for typesetting: loading the font store once per process and
//! resolving the typographic roles of GB/T 9704 (title, body, headings,
//! numbers) to the font families that are actually present.
//!
//! The resolved table is handed to templates as the virtual file
//! `/fonts.json` (see [`fonts_json`]), so that templates only ever name
//! families that exist and Typst prints no "unknown font family" warnings.

use serde_json::json;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo, FontVariant};
use typst_kit::fonts::{FontPath, FontSource, FontStore};

use super::{RenderOptions, RoleChoice};

/// The fonts that ship inside the binary, so that a machine without any
/// Chinese font still prints correct Chinese: subsets of the Noto CJK SC
/// fonts (宋体 and 黑体, and every character the others lack), of FandolFang
/// (仿宋, the body) and of LXGW WenKai (楷体, renamed Yishi WenKai), generated
/// into `fonts/` by `scripts/make-fonts.py` (licences beside them).
const SHIPPED: [&[u8]; 5] = [
    include_bytes!("../../fonts/NotoSerifCJKsc-Regular.subset.otf"),
    include_bytes!("../../fonts/NotoSerifCJKsc-Bold.subset.otf"),
    include_bytes!("../../fonts/NotoSansCJKsc-Regular.subset.otf"),
    include_bytes!("../../fonts/FandolFang-Regular.subset.otf"),
    include_bytes!("../../fonts/YishiWenKai-Regular.subset.ttf"),
];

/// The shipped serif family, the last resort for every Song/Fang/Kai role:
/// Typst takes a character the families before it lack from here.
const SHIPPED_SERIF: &str = "Noto Serif CJK SC";
/// The shipped 仿宋 (GB 2312 and 1,179 more hanzi).
const SHIPPED_FANG: &str = "FandolFang R";
/// The shipped 楷体 (GB 2312).
const SHIPPED_KAI: &str = "Yishi WenKai";

/// Official fonts first, then common substitutes, then the shipped family.
const TITLE: &[&str] = &[
    "FZXiaoBiaoSong-B05S",
    "FZXiaoBiaoSong-B05",
    "STZhongsong",
    SHIPPED_SERIF,
];
const BODY: &[&str] = &[
    "FangSong_GB2312",
    "FangSong",
    "STFangsong",
    SHIPPED_FANG,
    SHIPPED_SERIF,
];
const HEADING1: &[&str] = &["SimHei", "STHeiti", "Noto Sans CJK SC"];
const HEADING2: &[&str] = &[
    "KaiTi_GB2312",
    "KaiTi",
    "STKaiti",
    SHIPPED_KAI,
    SHIPPED_SERIF,
];
const NUMBERS: &[&str] = &[
    "Times New Roman",
    "FangSong_GB2312",
    "FangSong",
    "STFangsong",
    SHIPPED_FANG,
    SHIPPED_SERIF,
];

/// Role names with their wanted families, in the order of
/// [`Typesetter::font_roles`](super::Typesetter::font_roles).
const ROLES: [(&str, &[&str]); 5] = [
    ("title", TITLE),
    ("body", BODY),
    ("heading1", HEADING1),
    ("heading2", HEADING2),
    ("numbers", NUMBERS),
];

/// Builds the font store: explicit font paths first, then the system's
/// fonts, then the shipped ones.
///
/// Why this order: when a family exists twice (an installed full Noto Serif
/// CJK SC and the shipped subset), Typst takes the first face pushed among
/// equally good variants, so installed fonts win over the shipped subsets.
///
/// Fonts found on disk are only described here; a face is memory-mapped
/// the first time a document needs it (see [`MappedFont`]).
///
/// Also returns a fingerprint of the fonts: it changes when a face is added,
/// removed or described differently, or a font file on disk changes size or
/// modification time, so a document typeset before is typeset again.
pub(crate) fn load_store(opts: &RenderOptions) -> (FontStore, String) {
    let mut store = FontStore::new();
    let mut files = Vec::new();
    for path in &opts.font_paths {
        if path.is_file() {
            // `scan` only walks directories; a single file is read whole.
            if let Ok(data) = std::fs::read(path) {
                store.extend(faces(Bytes::new(data)));
                files.push(path.clone());
            }
        } else {
            store.extend(typst_kit::fonts::scan(path).map(|f| mapped(f, &mut files)));
        }
    }
    if opts.system_fonts {
        store.extend(typst_kit::fonts::system().map(|f| mapped(f, &mut files)));
    }
    for data in SHIPPED {
        // Static bytes: the fonts are used in place, never copied.
        store.extend(faces(Bytes::new(data)));
    }
    let fingerprint = fingerprint(store.book(), &files);
    (store, fingerprint)
}

/// See [`load_store`]. The shipped fonts are covered by the book: a new
/// subset covers other characters.
fn fingerprint(book: &FontBook, files: &[std::path::PathBuf]) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update(typst::utils::hash128(book).to_le_bytes());
    for path in files {
        hash.update(path.to_string_lossy().as_bytes());
        hash.update(super::file_stamp(path).as_bytes());
    }
    format!("{:x}", hash.finalize())
}

/// A font file on disk, memory-mapped when first used.
///
/// Why: an installed CJK font is 10–30 MB a face. Reading it whole (what
/// `typst_kit::fonts::FontPath` does) puts that on the heap of every
/// process; mapped, the pages are the system's shared file cache, and the
/// first document is typeset about twice as fast.
struct MappedFont {
    path: std::path::PathBuf,
    index: u32,
}

impl FontSource for MappedFont {
    fn load(&self) -> Option<Font> {
        let file = std::fs::File::open(&self.path).ok()?;
        // SAFETY: the map is read-only and only read as font data, which
        // Typst parses defensively. What it cannot guard against is another
        // process truncating an installed font file during a run; Typst's
        // own tools and fontdb accept the same risk for the same gain.
        #[allow(unsafe_code)]
        let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        Font::new(Bytes::new(map), self.index)
    }
}

/// A scanned face as a [`MappedFont`]; its file joins `files` once.
fn mapped(
    (path, info): (FontPath, FontInfo),
    files: &mut Vec<std::path::PathBuf>,
) -> (MappedFont, FontInfo) {
    if files.last() != Some(&path.path) {
        files.push(path.path.clone());
    }
    (
        MappedFont {
            path: path.path,
            index: path.index,
        },
        info,
    )
}

/// Whether some font of `book` has a glyph for `c`: what Typst's fallback
/// would find. Characters for which this is false print as empty boxes.
pub(crate) fn covered(book: &FontBook, c: char) -> bool {
    let mut buf = [0u8; 4];
    book.select_fallback(None, FontVariant::default(), c.encode_utf8(&mut buf))
        .is_some()
}

/// The faces of one font file (a collection may hold several).
fn faces(data: Bytes) -> impl Iterator<Item = (Font, FontInfo)> {
    Font::iter(data).map(|font| {
        let info = font.info().clone();
        (font, info)
    })
}

/// Resolves every role against the families of `book`.
pub(crate) fn resolve_roles(book: &FontBook) -> Vec<RoleChoice> {
    ROLES
        .iter()
        .map(|&(role, wanted)| {
            let chosen: Vec<String> = wanted
                .iter()
                .filter_map(|family| present_family(book, family))
                .collect();
            let substituted = present_family(book, wanted[0]).is_none();
            RoleChoice {
                role,
                wanted: wanted.to_vec(),
                chosen,
                substituted,
            }
        })
        .collect()
}

/// The family's name as the font spells it, if the book has it. Typst
/// matches family names case-insensitively on their lowercase form.
fn present_family(book: &FontBook, family: &str) -> Option<String> {
    let index = book.select_family(&family.to_lowercase()).next()?;
    book.info(index).map(|info| info.family.clone())
}

/// The content of the virtual file `/fonts.json` that templates read:
///
/// ```json
/// { "title":    { "families": ["Noto Serif CJK SC"], "weight": "bold" },
///   "body":     { "families": ["Noto Serif CJK SC"], "weight": "regular" },
///   "heading1": { … }, "heading2": { … }, "numbers": { … } }
/// ```
///
/// `families` holds only present families, in order of preference. The
/// title gets `"bold"` when the shipped Song face stands in for 小标宋,
/// whose strokes are heavy; every other role is `"regular"` (仿宋, 黑体 and
/// 楷体 are used in their regular weight by GB/T 9704).
pub(crate) fn fonts_json(roles: &[RoleChoice]) -> Vec<u8> {
    let mut map = serde_json::Map::new();
    for choice in roles {
        let mut families = choice.chosen.clone();
        if families.is_empty() {
            // Cannot happen with the shipped fonts embedded; keep the last
            // resort so the template still has a name to ask for.
            families.push((*choice.wanted.last().unwrap_or(&SHIPPED_SERIF)).to_string());
        }
        let bold = choice.role == "title" && families[0].eq_ignore_ascii_case(SHIPPED_SERIF);
        map.insert(
            choice.role.to_string(),
            json!({
                "families": families,
                "weight": if bold { "bold" } else { "regular" },
            }),
        );
    }
    serde_json::to_vec(&serde_json::Value::Object(map)).expect("a JSON map always serializes")
}
