#!/usr/bin/env python3
"""Make the free CJK fonts that ship inside yishi (fonts/*.subset.otf, fonts/*.subset.ttf).

What it does
    Takes five faces out of three Debian packages:

      fonts-noto-cjk         NotoSerifCJK-Regular.ttc  "Noto Serif CJK SC" -> NotoSerifCJKsc-Regular.subset.otf
      fonts-noto-cjk         NotoSerifCJK-Bold.ttc     "Noto Serif CJK SC" -> NotoSerifCJKsc-Bold.subset.otf
      fonts-noto-cjk         NotoSansCJK-Regular.ttc   "Noto Sans CJK SC"  -> NotoSansCJKsc-Regular.subset.otf
      texlive-lang-chinese   FandolFang-Regular.otf    "FandolFang R"      -> FandolFang-Regular.subset.otf
      fonts-lxgw-wenkai      LXGWWenKai-Regular.ttf    "LXGW WenKai"       -> YishiWenKai-Regular.subset.ttf

    The Noto faces are the last resort for every role (宋体 for the title, 黑体 for first-level
    headings, and any character the other faces lack); FandolFang is the body's 仿宋 and
    LXGW WenKai the 楷体 of second-level headings, as GB/T 9704 asks.  Typst falls back from
    one family to the next character by character, so a name with a character FandolFang lacks
    still prints (that one character in Noto Serif).

    The face is found by its English family name (name ID 1, platform 3), never by a
    hard-coded index into a collection.  Each face is subset with fontTools' subsetter (used as
    a library) to a character set:

      gbk     every code point in U+0020..U+FFFF that Python's 'gbk' codec can encode (21,887
              with ASCII, including all 20,902 CJK Unified Ideographs U+4E00..U+9FA5), for the
              Noto faces and FandolFang (which has 7,942 of the GBK hanzi: all of GB 2312 and
              1,179 more, among them many used in names);
      gb2312  the code points of GB 2312 (6,763 hanzi), for the 楷体 of headings, which seldom
              hold rare characters: all of GBK would make it 12.9 MB instead of 3.6 MB;

    plus a few extra punctuation marks used in official documents (EXTRA_CODEPOINTS).  All
    OpenType layout features are kept for the default language system and zh-Hans ('ZHS ');
    the Japanese, Korean and Traditional Chinese language systems are dropped before
    subsetting, because in the Noto faces their `locl` lookups would pull in ~17,600
    region-variant glyphs.  The name table is kept (Typst finds the faces by family name),
    hinting is dropped, outlines stay CFF (.otf) or TrueType (.ttf) as in the source.
    head.created/head.modified are pinned to the source font's values, so two runs give
    byte-identical files.

    LXGW WenKai's licence reserves the names "LXGW" and "霞鹜" for fonts built from unmodified
    sources; a subset is a modified version (SIL OFL 1.1, condition 3), so its subset is
    renamed "Yishi WenKai" / "议事文楷" (RENAMES).  The Noto and Fandol licences reserve no
    names.

    It also writes the licences beside the fonts -- fonts/OFL.txt (Noto CJK),
    fonts/OFL-YishiWenKai.txt (LXGW WenKai), fonts/FandolFang-COPYING.txt (GPL 3 with the
    font exception) -- and fonts/README.md (origin, version, licence and file sizes).

Why subsets
    Official documents contain personal names, and personal names use rare characters, so the
    fallback faces cover all of GBK; still much smaller than the full fonts with their
    Japanese, Korean and Traditional Chinese glyphs.

How to run (from the repository root)
    pip install fonttools==4.68.0 && python3 scripts/make-fonts.py

    A package that is installed is read where it is; one that is not is fetched with
    `apt-get download` into a temporary folder and unpacked there with `dpkg-deb -x` (nothing
    is installed).  The script prints each package's version and the fontTools version it
    used, and each output's size and glyph count, and fails loudly if an output lacks any of
    the hanzi it must have.

Made from
    fonts-noto-cjk 1:20220127+repack1-1, texlive-lang-chinese 2022.20230122-1,
    fonts-lxgw-wenkai 1.250+repack-1 (Debian 12), fontTools 4.68.0.  Another version of any of
    them may give other bytes; the script says so.
"""

import gzip
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.tables.otBase import USE_HARFBUZZ_REPACKER

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "fonts"

# The versions the committed fonts were made from (see the docstring).
MADE_FROM_DEBIAN = {
    "fonts-noto-cjk": "1:20220127+repack1-1",
    "texlive-lang-chinese": "2022.20230122-1",
    "fonts-lxgw-wenkai": "1.250+repack-1",
}
MADE_FROM_FONTTOOLS = "4.68.0"

NOTO_DIR = "usr/share/fonts/opentype/noto"
FANDOL_DIR = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
LXGW_DIR = "usr/share/fonts/truetype/lxgw-wenkai"

# (package, source file inside it, English family name, expected subfamily, output file,
#  character set, hanzi it must have)
JOBS = [
    ("fonts-noto-cjk", f"{NOTO_DIR}/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "Regular",
     "NotoSerifCJKsc-Regular.subset.otf", "gbk", "gbk"),
    ("fonts-noto-cjk", f"{NOTO_DIR}/NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", "Bold",
     "NotoSerifCJKsc-Bold.subset.otf", "gbk", "gbk"),
    ("fonts-noto-cjk", f"{NOTO_DIR}/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "Regular",
     "NotoSansCJKsc-Regular.subset.otf", "gbk", "gbk"),
    ("texlive-lang-chinese", f"{FANDOL_DIR}/FandolFang-Regular.otf", "FandolFang R", "Regular",
     "FandolFang-Regular.subset.otf", "gbk", "gb2312"),
    ("fonts-lxgw-wenkai", f"{LXGW_DIR}/LXGWWenKai-Regular.ttf", "LXGW WenKai", "Regular",
     "YishiWenKai-Regular.subset.ttf", "gb2312", "gb2312"),
]

# Faces whose licence reserves their name: the subset's new names, by name ID, in English and
# in Chinese (Windows platform, zh-CN) where the source has a Chinese name.
RENAMES = {
    "LXGW WenKai": {
        "en": {1: "Yishi WenKai", 4: "Yishi WenKai", 6: "YishiWenKai-Regular", 3: "YishiWenKai-Regular;subset"},
        "zh": {1: "议事文楷", 4: "议事文楷"},
    },
}

# OpenType language systems kept in GSUB/GPOS besides each script's default
# one: zh-Hans only.  See the docstring for why the others are dropped.
KEEP_LANGSYS = {"ZHS "}

# Windows platform, Unicode BMP encoding, English (United States), Chinese (PRC).
PLAT_WIN, ENC_UNICODE_BMP, LANG_EN_US, LANG_ZH_CN = 3, 1, 0x409, 0x804
# Macintosh platform, Roman encoding, English; Chinese (Simplified) with its encoding.
PLAT_MAC, ENC_MAC_ROMAN, LANG_MAC_EN = 1, 0, 0
LANG_MAC_ZH = 33


def encodes_in(cp, codec):
    try:
        chr(cp).encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def codepoints(codec):
    """Every code point in U+0020..U+FFFF that Python's `codec` encodes."""
    return {cp for cp in range(0x20, 0x10000) if encodes_in(cp, codec)}


# Extra code points wanted even where GBK already has them (most of these are).
EXTRA_CODEPOINTS = (
    {0x2014, 0x2015, 0x2026, 0x00B7, 0x2018, 0x2019, 0x201C, 0x201D, 0x3007, 0x25A1}
    | set(range(0x3000, 0x3040))  # CJK symbols and punctuation
    | set(range(0xFF01, 0xFF5F))  # full-width ASCII forms
    | set(range(0x2460, 0x2474))  # circled numbers ①..⑳
)

# The hanzi an output must map, by the name in JOBS.
REQUIRED_HANZI = {
    name: {cp for cp in range(0x4E00, 0x9FA6) if encodes_in(cp, name)} for name in ("gbk", "gb2312")
}


class Package:
    """A Debian package's files: where it is installed, or unpacked from `apt-get download`."""

    def __init__(self, name, scratch):
        self.name = name
        installed = self._installed_version()
        if installed:
            self.version, self.root = installed, Path("/")
            return
        where = Path(scratch) / name
        where.mkdir()
        try:
            subprocess.run(["apt-get", "download", name], cwd=where, check=True,
                           capture_output=True, text=True)
        except (OSError, subprocess.CalledProcessError) as e:
            detail = getattr(e, "stderr", "") or e
            sys.exit(f"error: cannot fetch {name} with `apt-get download` ({detail}); "
                     f"run `apt-get update` first or install {name}")
        deb = next(where.glob("*.deb"))
        self.version = subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], check=True,
                                      capture_output=True, text=True).stdout.strip()
        self.root = where / "root"
        subprocess.run(["dpkg-deb", "-x", str(deb), str(self.root)], check=True)

    def _installed_version(self):
        out = subprocess.run(["dpkg-query", "-W", "-f=${Status} ${Version}", self.name],
                             capture_output=True, text=True)
        if out.returncode != 0 or not out.stdout.startswith("install ok installed "):
            return None
        return out.stdout.split(" ", 3)[3].strip()

    def path(self, relative):
        return self.root / relative


def english_name(font, name_id):
    rec = font["name"].getName(name_id, PLAT_WIN, ENC_UNICODE_BMP, LANG_EN_US)
    return rec.toUnicode() if rec is not None else None


def find_face(path, family):
    """Return (index, TTFont) of the only face named `family` in a collection or font file."""
    if path.suffix == ".ttc":
        collection = TTCollection(str(path), recalcTimestamp=False, recalcBBoxes=False)
        faces = list(enumerate(collection.fonts))
    else:
        faces = [(0, TTFont(str(path), recalcTimestamp=False, recalcBBoxes=False))]
    matches = [(i, f) for i, f in faces if english_name(f, 1) == family]
    if len(matches) != 1:
        names = [english_name(f, 1) for _, f in faces]
        sys.exit(f"error: expected exactly one face named {family!r} in {path}, "
                 f"found {len(matches)}; faces are {names}")
    return matches[0]


def keep_only_langsys(font, keep):
    """Drop every GSUB/GPOS language system whose tag is not in `keep`
    (default language systems stay).  Features and lookups that only the
    dropped ones used are then pruned by the subsetter, and the glyphs they
    reach are not pulled in by its layout closure.  Returns the dropped tags."""
    dropped = set()
    for tag in ("GSUB", "GPOS"):
        if tag not in font or not font[tag].table.ScriptList:
            continue
        for script in font[tag].table.ScriptList.ScriptRecord:
            records = script.Script.LangSysRecord
            dropped.update(r.LangSysTag for r in records if r.LangSysTag not in keep)
            script.Script.LangSysRecord = [r for r in records if r.LangSysTag in keep]
            script.Script.LangSysCount = len(script.Script.LangSysRecord)
    return sorted(dropped)


def langsys_with_feature(font, table_tag, script_tag, feature_tag):
    """Tags of the language systems of `script_tag` that use `feature_tag`."""
    table = font[table_tag].table
    features = table.FeatureList.FeatureRecord
    found = set()
    for script in table.ScriptList.ScriptRecord:
        if script.ScriptTag != script_tag:
            continue
        for rec in script.Script.LangSysRecord:
            if any(features[i].FeatureTag == feature_tag for i in rec.LangSys.FeatureIndex):
                found.add(rec.LangSysTag)
    return found


def subset_options():
    options = subset.Options()
    options.layout_features = ["*"]      # keep every GSUB/GPOS feature (locl, vert, palt, ...)
    options.layout_scripts = ["*"]
    options.name_IDs = ["*"]             # keep the whole name table ...
    options.name_languages = ["*"]       # ... in every language it has (en-US, zh-CN)
    options.name_legacy = True
    options.hinting = False              # drop hints
    options.desubroutinize = False       # keep CFF subroutines (smaller files)
    options.notdef_outline = True        # .notdef keeps its box, so missing glyphs show
    options.recalc_timestamp = False
    options.recalc_bounds = False
    options.glyph_names = False
    options.ignore_missing_unicodes = True
    options.bidi_closure = False         # exactly the code points asked for, no mirrored extras
    # The same GSUB/GPOS serializer whether or not uharfbuzz is installed,
    # so the output bytes do not depend on that.
    options.harfbuzz_repacker = False
    return options


def rename(font, names):
    """Replaces the family names of a face whose licence reserves them."""
    table = font["name"]
    for name_id, text in names["en"].items():
        table.setName(text, name_id, PLAT_WIN, ENC_UNICODE_BMP, LANG_EN_US)
        table.setName(text, name_id, PLAT_MAC, ENC_MAC_ROMAN, LANG_MAC_EN)
    for name_id, text in names["zh"].items():
        table.setName(text, name_id, PLAT_WIN, ENC_UNICODE_BMP, LANG_ZH_CN)
        # The Macintosh Chinese record would need a legacy encoding: drop it.
        table.removeNames(nameID=name_id, platformID=PLAT_MAC, langID=LANG_MAC_ZH)


def make_one(package, src_name, family, style, out_name, charset, required):
    src = package.path(src_name)
    if not src.is_file():
        sys.exit(f"error: {src} not found in {package.name} {package.version}")
    index, font = find_face(src, family)
    got_style = english_name(font, 2)
    if got_style != style:
        sys.exit(f"error: face {index} of {src} is {family!r} {got_style!r}, expected {style!r}")
    created, modified = font["head"].created, font["head"].modified
    cff = "CFF " in font

    unicodes = codepoints(charset) | EXTRA_CODEPOINTS
    dropped = keep_only_langsys(font, KEEP_LANGSYS)
    subsetter = subset.Subsetter(options=subset_options())
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    renamed = RENAMES.get(family)
    if renamed:
        rename(font, renamed)
    printed_family = renamed["en"][1] if renamed else family

    # Pin the timestamps to the source font's so the output does not depend
    # on when the script ran.
    font["head"].created = created
    font["head"].modified = modified
    font.recalcTimestamp = False
    font.cfg[USE_HARFBUZZ_REPACKER] = False

    buf = io.BytesIO()
    font.save(buf)
    data = buf.getvalue()
    out = OUT_DIR / out_name

    # Check the bytes that will be written, not the in-memory font, and
    # write them only if they pass.
    check = TTFont(io.BytesIO(data))
    cmap = check.getBestCmap()
    missing = sorted(REQUIRED_HANZI[required] - cmap.keys())
    if missing:
        shown = " ".join(f"U+{cp:04X}" for cp in missing[:20])
        sys.exit(f"error: {out} lacks {len(missing)} {required} hanzi: {shown}"
                 f"{' ...' if len(missing) > 20 else ''}")
    missing_extra = sorted(EXTRA_CODEPOINTS - cmap.keys())
    if missing_extra:
        shown = " ".join(f"U+{cp:04X}" for cp in missing_extra)
        print(f"  note: {out_name}: {len(missing_extra)} extra code points not in the source font: {shown}")
    if english_name(check, 1) != printed_family:
        sys.exit(f"error: {out} has family name {english_name(check, 1)!r}, expected {printed_family!r}")
    if cff and "CFF " not in check:
        sys.exit(f"error: {out} has no CFF outlines")
    if family.startswith("Noto") and "ZHS " not in langsys_with_feature(check, "GSUB", "hani", "locl"):
        sys.exit(f"error: {out} lost the zh-Hans ('ZHS ') locl feature of script 'hani'")
    glyphs = len(check.getGlyphOrder())
    out.write_bytes(data)
    hanzi = sum(1 for cp in REQUIRED_HANZI["gbk"] if cp in cmap)
    print(f"{out.relative_to(REPO)}: {len(data)} bytes, {glyphs} glyphs, "
          f"{len(cmap)} code points mapped, {hanzi} GBK hanzi (from {src.name} face {index}, "
          f"{family} {style}; language systems dropped: {' '.join(t.strip() for t in dropped) or 'none'})")
    return {
        "file": out_name, "package": package.name, "package_version": package.version,
        "src": src.name, "index": index, "family": family, "printed_family": printed_family,
        "style": style, "charset": charset, "bytes": len(data), "glyphs": glyphs,
        "mapped": len(cmap), "hanzi": hanzi,
        "copyright": english_name(check, 0), "trademark": english_name(check, 7),
        "version": english_name(check, 5),
    }


def debian_licence_text(copyright_path, licence):
    """The stand-alone `License: <licence>` paragraph of a Debian copyright file, as text."""
    lines = copyright_path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines[:-1])
              if line.strip() == f"License: {licence}" and lines[i + 1].startswith(" ")]
    if len(starts) != 1:
        sys.exit(f"error: no single 'License: {licence}' text paragraph in {copyright_path}")
    body = []
    for line in lines[starts[0] + 1:]:
        if not line.startswith(" "):
            break
        line = line[1:]
        body.append("" if line == "." else line)
    text = "\n".join(body).strip("\n") + "\n"
    if "OPEN FONT LICENSE Version 1.1" not in text or "DISCLAIMER" not in text:
        sys.exit(f"error: could not extract the OFL 1.1 text from {copyright_path}")
    return text


def write_licences(results, packages):
    noto = [r for r in results if r["package"] == "fonts-noto-cjk"]
    notices = []
    for r in noto:
        line = f"{r['family']} {r['style']}: {r['copyright']}"
        if line not in notices:
            notices.append(line)
    trademarks = sorted({r["trademark"] for r in noto if r["trademark"]})
    noto_pkg = packages["fonts-noto-cjk"]
    header = (
        "Noto CJK fonts (Noto Serif CJK SC, Noto Sans CJK SC), subset by yishi's\n"
        "scripts/make-fonts.py from Debian's fonts-noto-cjk " + noto_pkg.version + ".\n"
        "Upstream: https://github.com/notofonts/noto-cjk (Adobe and Google).\n"
        "\n"
        "Copyright notices in the fonts:\n"
        + "".join(f"  {n}\n" for n in notices)
        + "".join(f"  {t}\n" for t in trademarks)
        + "\n"
        "Debian's copyright file for the package says:\n"
        "  Copyright: 2010-2012, Google Corporation\n"
        "  License: SIL-1.1\n"
        "\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n"
        "\n"
    )
    ofl = debian_licence_text(noto_pkg.path("usr/share/doc/fonts-noto-cjk/copyright"), "SIL-1.1")
    (OUT_DIR / "OFL.txt").write_text(header + ofl, encoding="utf-8")

    lxgw = next(r for r in results if r["package"] == "fonts-lxgw-wenkai")
    lxgw_pkg = packages["fonts-lxgw-wenkai"]
    header = (
        "Yishi WenKai (议事文楷) is a subset of LXGW WenKai Regular (霞鹜文楷), made by yishi's\n"
        "scripts/make-fonts.py from Debian's fonts-lxgw-wenkai " + lxgw_pkg.version + ".\n"
        "Upstream: https://github.com/lxgw/LxgwWenKai\n"
        "\n"
        "Copyright notice in the font:\n"
        f"  {lxgw['copyright']}\n"
        "\n"
        "Debian's copyright file for the package says:\n"
        "  Copyright: 2021-2022 lxgw <calxgw2018@gmail.com>\n"
        "  License: OFL-1.1\n"
        "  With Reserved Font Names \"霞鹜\" and \"LXGW\".\n"
        "\n"
        "A subset is a Modified Version under the licence, so it does not use the Reserved Font\n"
        "Names: it is named \"Yishi WenKai\" (\"议事文楷\"). It is licensed under the SIL Open Font\n"
        "License, Version 1.1, copied below.\n"
        "\n"
    )
    ofl = debian_licence_text(lxgw_pkg.path("usr/share/doc/fonts-lxgw-wenkai/copyright"), "OFL-1.1")
    (OUT_DIR / "OFL-YishiWenKai.txt").write_text(header + ofl, encoding="utf-8")

    fandol_pkg = packages["texlive-lang-chinese"]
    doc = fandol_pkg.path("usr/share/doc/texlive-doc/fonts/fandol")
    readme = (doc / "README").read_text(encoding="utf-8")
    copying = gzip.decompress((doc / "COPYING.gz").read_bytes()).decode("utf-8")
    if "As a special exception, if you create a document which uses this font" not in copying:
        sys.exit(f"error: {doc / 'COPYING.gz'} lacks the font exception")
    header = (
        "FandolFang-Regular.subset.otf is a subset of FandolFang Regular, one of the Fandol fonts,\n"
        "made by yishi's scripts/make-fonts.py from Debian's texlive-lang-chinese "
        + fandol_pkg.version + "\n"
        "(texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf).\n"
        "Upstream: https://ctan.org/pkg/fandol (Fandol team: Clerk Ma, Jie Su).\n"
        "Its source is the font itself, which the script takes unchanged from that package.\n"
        "\n"
        "The font is licensed under the GNU General Public License version 3 with the GPL font\n"
        "exception, both below. The subset extends the font exception to itself: a document\n"
        "(such as a PDF yishi writes) that embeds the font or portions of it is not by that\n"
        "covered by the GPL.\n"
        "\n"
        "The Fandol README says:\n\n"
        + "".join(f"    {line}\n" if line else "\n" for line in readme.strip("\n").splitlines())
        + "\n"
    )
    (OUT_DIR / "FandolFang-COPYING.txt").write_text(header + copying, encoding="utf-8")


def write_readme(results):
    total = sum(r["bytes"] for r in results)
    rows = "".join(
        f"| `{r['file']}` | {r['printed_family']} {r['style']} | {r['version'].split(';')[0]} "
        f"| {r['bytes']:,} | {r['glyphs']:,} | {r['hanzi']:,} |\n"
        for r in results
    )
    versions = {r["package"]: r["package_version"] for r in results}
    text = f"""# 随附字体 / Bundled fonts

本目录的文件由 `scripts/make-fonts.py` 生成，请勿手工修改。

| 文件 | 字体（Typst 中的字体族名） | 上游版本 | 字节数 | 字形数 | GBK 汉字数 |
| --- | --- | --- | ---: | ---: | ---: |
{rows}| 合计 | | | {total:,} | | |

| 用途（GB/T 9704） | 首选（本机安装时） | 随附 |
| --- | --- | --- |
| 标题（小标宋） | 方正小标宋 | Noto Serif CJK SC Bold |
| 正文（仿宋） | 仿宋_GB2312、仿宋 | FandolFang，缺字逐字回退到 Noto Serif CJK SC |
| 一级标题（黑体） | 黑体 | Noto Sans CJK SC |
| 二级标题（楷体） | 楷体_GB2312、楷体 | Yishi WenKai（霞鹜文楷的子集），缺字逐字回退到 Noto Serif CJK SC |

- **Noto Serif CJK SC、Noto Sans CJK SC**：Debian 软件包 `fonts-noto-cjk` {versions['fonts-noto-cjk']}
  中的 `NotoSerifCJK-Regular.ttc`、`NotoSerifCJK-Bold.ttc`、`NotoSansCJK-Regular.ttc`，取其中的
  简体中文（SC）字面；上游为 Adobe 与 Google 合作的 Noto CJK，<https://github.com/notofonts/noto-cjk>。
  许可：SIL Open Font License 1.1，全文及版权声明见 [`OFL.txt`](OFL.txt)。子集保留 U+0020–U+FFFF 中
  所有能以 GBK 编码的字符（含全部 20,902 个 GBK 汉字，人名中的生僻字因而可以显示）。
- **FandolFang**（仿宋）：Debian 软件包 `texlive-lang-chinese` {versions['texlive-lang-chinese']} 中的
  `FandolFang-Regular.otf`（Fandol 字体，作者 Clerk Ma、Jie Su，<https://ctan.org/pkg/fandol>）。
  许可：GNU GPL 第 3 版附字体例外（font exception）：嵌入该字体的文档（如 yishi 排出的 PDF）
  不因此受 GPL 约束；本子集沿用该例外。全文见 [`FandolFang-COPYING.txt`](FandolFang-COPYING.txt)。
  字体的 OS/2 嵌入许可为“可编辑嵌入”。含 GB 2312 全部 6,763 个汉字及另外 1,179 个 GBK 汉字；
  其余汉字由 Noto Serif CJK SC 逐字补上。
- **Yishi WenKai / 议事文楷**（楷体）：Debian 软件包 `fonts-lxgw-wenkai` {versions['fonts-lxgw-wenkai']}
  中的 `LXGWWenKai-Regular.ttf`（霞鹜文楷，<https://github.com/lxgw/LxgwWenKai>）的 GB 2312 子集。
  许可：SIL Open Font License 1.1；原字体保留字体名“霞鹜”“LXGW”，子集属修改版，按许可改名。
  全文见 [`OFL-YishiWenKai.txt`](OFL-YishiWenKai.txt)。
- 子集：在默认语言系统和简体中文（OpenType `ZHS`）下保留全部 OpenType 排版特性，去掉日文、韩文、
  繁体中文的语言系统；保留 name 表，去掉 hinting，保留原轮廓（CFF 或 TrueType）。
- 重新生成（未安装的软件包用 `apt-get download` 取来在临时目录解开，不安装）：

  ```sh
  pip install fonttools=={MADE_FROM_FONTTOOLS} && python3 scripts/make-fonts.py
  ```

  同一版本的 Debian 软件包与 fontTools 两次运行得到逐字节相同的文件。

These are subsets of Noto Serif CJK SC (Regular, Bold) and Noto Sans CJK SC (Regular), of
FandolFang Regular (the body's 仿宋) and of LXGW WenKai Regular (the 楷体 of second-level
headings, renamed "Yishi WenKai" as its licence asks of modified versions), all taken from
Debian packages. The Noto faces keep every code point in U+0020..U+FFFF that encodes in GBK;
FandolFang keeps what it has of GBK (all of GB 2312 and 1,179 more hanzi); Yishi WenKai keeps
GB 2312. Typst falls back character by character to Noto Serif CJK SC for what a face lacks.
Licences: SIL OFL 1.1 (`OFL.txt` for Noto, `OFL-YishiWenKai.txt`), GPL 3 with the font
exception (`FandolFang-COPYING.txt`): PDFs that embed the font are not covered by the GPL.
Regenerate them with the command above; the sizes are in the table.
"""
    (OUT_DIR / "README.md").write_text(text, encoding="utf-8")


def main():
    print(f"fontTools {fontTools.version}, Python {sys.version.split()[0]}")
    if fontTools.version != MADE_FROM_FONTTOOLS:
        print(f"note: the committed fonts were made with fontTools {MADE_FROM_FONTTOOLS}; "
              f"the output may differ")
    OUT_DIR.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        packages = {}
        for name in dict.fromkeys(job[0] for job in JOBS):
            packages[name] = Package(name, scratch)
            where = "installed" if packages[name].root == Path("/") else "downloaded"
            print(f"{name} {packages[name].version} ({where})")
            if packages[name].version != MADE_FROM_DEBIAN[name]:
                print(f"note: the committed fonts were made from {name} {MADE_FROM_DEBIAN[name]}; "
                      f"the output may differ, update MADE_FROM_DEBIAN and the docstring")
        results = [make_one(packages[job[0]], *job[1:]) for job in JOBS]
        total = sum(r["bytes"] for r in results)
        print(f"total: {total} bytes ({total / 2**20:.1f} MiB)")
        write_licences(results, packages)
    write_readme(results)
    print("wrote fonts/OFL.txt, fonts/OFL-YishiWenKai.txt, fonts/FandolFang-COPYING.txt and fonts/README.md")


if __name__ == "__main__":
    main()
