#!/usr/bin/env python3
"""Make the free CJK fonts that ship inside yishi (fonts/*.subset.otf).

What it does
    Takes three faces out of Debian's Noto CJK font collections (.ttc):

      NotoSerifCJK-Regular.ttc  face "Noto Serif CJK SC" -> fonts/NotoSerifCJKsc-Regular.subset.otf
      NotoSerifCJK-Bold.ttc     face "Noto Serif CJK SC" -> fonts/NotoSerifCJKsc-Bold.subset.otf
      NotoSansCJK-Regular.ttc   face "Noto Sans CJK SC"  -> fonts/NotoSansCJKsc-Regular.subset.otf

    The face is found by its English family name (name ID 1, platform 3),
    never by a hard-coded index into the collection.  Each face is subset
    with fontTools' subsetter (used as a library) to every code point in
    U+0020..U+FFFF that Python's 'gbk' codec can encode, plus a few extra
    punctuation marks used in official documents (see EXTRA_CODEPOINTS).
    All OpenType layout features are kept (so the zh-Hans `locl`, `vert`,
    `palt`, `halt`, `kern` ... still work) for the default language system
    and zh-Hans (OpenType 'ZHS '); the Japanese, Korean and Traditional
    Chinese language systems ('JAN ', 'KOR ', 'ZHT ', 'ZHH ') are dropped
    before subsetting, because their `locl` lookups would pull in ~17,600
    region-variant glyphs (36.2 MB instead of 19.8 MB for the three files) that a
    Simplified Chinese document never uses.  The name table is kept with the
    family names unchanged (Typst finds the fonts as "Noto Serif CJK SC" and
    "Noto Sans CJK SC"), hinting is dropped and the CFF outlines are kept
    (.otf output).  head.created/head.modified are pinned to the source
    font's values, so two runs give byte-identical files.

    It also writes fonts/OFL.txt (the SIL Open Font License text from
    Debian's copyright file, with the fonts' copyright notices) and
    fonts/README.md (origin, version, licence and file sizes).

Why
    Official documents contain personal names, and personal names use rare
    characters.  A subset of only the common 3,500 or 6,763 (GB 2312)
    hanzi would render such names as tofu, so the subset covers all of GBK
    (21,887 code points with ASCII, including all 20,902 CJK Unified
    Ideographs U+4E00..U+9FA5; 21,927 with the extras), which is still much
    smaller than the full fonts with their Japanese, Korean and Traditional
    Chinese glyphs.

How to run (from the repository root)
    apt-get install fonts-noto-cjk && pip install fonttools && python3 scripts/make-fonts.py

    The script prints the Debian package version and the fontTools version
    it used, and each output's size and glyph count, and fails loudly if an
    output lacks any GBK hanzi.

Made from
    Debian package fonts-noto-cjk 1:20220127+repack1-1 (read at run time
    with dpkg-query and written into fonts/README.md), fontTools 4.68.0.
    Another version of either may give other bytes; the script says so.
"""

import io
import subprocess
import sys
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.tables.otBase import USE_HARFBUZZ_REPACKER

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "fonts"
SRC_DIR = Path("/usr/share/fonts/opentype/noto")
DEBIAN_PACKAGE = "fonts-noto-cjk"
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")

# The versions the committed fonts were made from (see the docstring).
MADE_FROM_DEBIAN = "1:20220127+repack1-1"
MADE_FROM_FONTTOOLS = "4.68.0"

# (source collection, English family name, expected subfamily, output file)
JOBS = [
    ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "Regular", "NotoSerifCJKsc-Regular.subset.otf"),
    ("NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", "Bold", "NotoSerifCJKsc-Bold.subset.otf"),
    ("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "Regular", "NotoSansCJKsc-Regular.subset.otf"),
]

# OpenType language systems kept in GSUB/GPOS besides each script's default
# one: zh-Hans only.  See the docstring for why the others are dropped.
KEEP_LANGSYS = {"ZHS "}

# Windows platform, Unicode BMP encoding, English (United States).
PLAT_WIN, ENC_UNICODE_BMP, LANG_EN_US = 3, 1, 0x409


def encodes_in_gbk(cp):
    try:
        chr(cp).encode("gbk")
        return True
    except UnicodeEncodeError:
        return False


def gbk_codepoints():
    """Every code point in U+0020..U+FFFF that Python's 'gbk' codec encodes."""
    return {cp for cp in range(0x20, 0x10000) if encodes_in_gbk(cp)}


# Extra code points wanted even where GBK already has them (most of these are).
EXTRA_CODEPOINTS = (
    {0x2014, 0x2015, 0x2026, 0x00B7, 0x2018, 0x2019, 0x201C, 0x201D, 0x3007, 0x25A1}
    | set(range(0x3000, 0x3040))  # CJK symbols and punctuation
    | set(range(0xFF01, 0xFF5F))  # full-width ASCII forms
    | set(range(0x2460, 0x2474))  # circled numbers ①..⑳
)

# The hanzi every output must map: the GBK part of U+4E00..U+9FA5.
REQUIRED_HANZI = {cp for cp in range(0x4E00, 0x9FA6) if encodes_in_gbk(cp)}


def debian_version():
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", DEBIAN_PACKAGE],
            check=True, capture_output=True, text=True,
        )
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"error: cannot read the version of {DEBIAN_PACKAGE} with dpkg-query ({e}); "
                 f"run `apt-get install {DEBIAN_PACKAGE}` first")
    version = out.stdout.strip()
    if not version:
        sys.exit(f"error: {DEBIAN_PACKAGE} is not installed; run `apt-get install {DEBIAN_PACKAGE}`")
    return version


def english_name(font, name_id):
    rec = font["name"].getName(name_id, PLAT_WIN, ENC_UNICODE_BMP, LANG_EN_US)
    return rec.toUnicode() if rec is not None else None


def find_face(ttc_path, family):
    """Return (index, TTFont) of the only face in the collection named `family`."""
    collection = TTCollection(str(ttc_path), recalcTimestamp=False, recalcBBoxes=False)
    matches = [(i, f) for i, f in enumerate(collection.fonts) if english_name(f, 1) == family]
    if len(matches) != 1:
        names = [english_name(f, 1) for f in collection.fonts]
        sys.exit(f"error: expected exactly one face named {family!r} in {ttc_path}, "
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
    options.hinting = False              # drop CFF hints
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


def make_one(src_name, family, style, out_name, unicodes):
    src = SRC_DIR / src_name
    if not src.is_file():
        sys.exit(f"error: {src} not found; run `apt-get install {DEBIAN_PACKAGE}`")
    index, font = find_face(src, family)
    got_style = english_name(font, 2)
    if got_style != style:
        sys.exit(f"error: face {index} of {src} is {family!r} {got_style!r}, expected {style!r}")
    created, modified = font["head"].created, font["head"].modified

    dropped = keep_only_langsys(font, KEEP_LANGSYS)
    subsetter = subset.Subsetter(options=subset_options())
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)

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
    missing = sorted(REQUIRED_HANZI - cmap.keys())
    if missing:
        shown = " ".join(f"U+{cp:04X}" for cp in missing[:20])
        sys.exit(f"error: {out} lacks {len(missing)} GBK hanzi: {shown}{' ...' if len(missing) > 20 else ''}")
    missing_extra = sorted(EXTRA_CODEPOINTS - cmap.keys())
    if missing_extra:
        shown = " ".join(f"U+{cp:04X}" for cp in missing_extra)
        print(f"  note: {out_name}: {len(missing_extra)} extra code points not in the source font: {shown}")
    if english_name(check, 1) != family:
        sys.exit(f"error: {out} has family name {english_name(check, 1)!r}, expected {family!r}")
    if "CFF " not in check:
        sys.exit(f"error: {out} has no CFF outlines")
    if "ZHS " not in langsys_with_feature(check, "GSUB", "hani", "locl"):
        sys.exit(f"error: {out} lost the zh-Hans ('ZHS ') locl feature of script 'hani'")
    glyphs = len(check.getGlyphOrder())
    out.write_bytes(data)
    absent = sorted(unicodes - cmap.keys())
    print(f"{out.relative_to(REPO)}: {len(data)} bytes, {glyphs} glyphs, "
          f"{len(cmap)} code points mapped (from {src_name} face {index}, "
          f"{family} {style}; language systems dropped: {' '.join(t.strip() for t in dropped)}; "
          f"not in the source: "
          f"{' '.join(f'U+{cp:04X}' for cp in absent) or 'none'})")
    return {
        "file": out_name, "src": src_name, "index": index, "family": family, "style": style,
        "bytes": len(data), "glyphs": glyphs, "mapped": len(cmap),
        "copyright": english_name(check, 0), "trademark": english_name(check, 7),
        "version": english_name(check, 5),
    }


def ofl_text():
    """The SIL OFL 1.1 text from Debian's copyright file, as plain text."""
    lines = DEBIAN_COPYRIGHT.read_text(encoding="utf-8").splitlines()
    # The stand-alone "License: SIL-1.1" paragraph, i.e. the one followed by
    # the indented licence text (the "Files: *" paragraph only names it).
    starts = [i for i, line in enumerate(lines[:-1])
              if line.strip() == "License: SIL-1.1" and lines[i + 1].startswith(" ")]
    if len(starts) != 1:
        sys.exit(f"error: no single 'License: SIL-1.1' text paragraph in {DEBIAN_COPYRIGHT}")
    start = starts[0]
    body = []
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        line = line[1:]
        body.append("" if line == "." else line)
    text = "\n".join(body).strip("\n") + "\n"
    if "SIL OPEN FONT LICENSE Version 1.1" not in text or "DISCLAIMER" not in text:
        sys.exit(f"error: could not extract the OFL 1.1 text from {DEBIAN_COPYRIGHT}")
    return text


def write_ofl(results, deb_version):
    notices = []
    for r in results:
        line = f"{r['family']} {r['style']}: {r['copyright']}"
        if line not in notices:
            notices.append(line)
    trademarks = sorted({r["trademark"] for r in results if r["trademark"]})
    header = (
        "Noto CJK fonts (Noto Serif CJK SC, Noto Sans CJK SC), subset by yishi's\n"
        "scripts/make-fonts.py from Debian's fonts-noto-cjk " + deb_version + ".\n"
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
    (OUT_DIR / "OFL.txt").write_text(header + ofl_text(), encoding="utf-8")


def write_readme(results, deb_version, n_codepoints):
    total = sum(r["bytes"] for r in results)
    rows = "".join(
        f"| `{r['file']}` | {r['family']} {r['style']} | {r['version'].split(';')[0]} "
        f"| {r['bytes']:,} | {r['glyphs']:,} |\n"
        for r in results
    )
    text = f"""# 随附字体 / Bundled fonts

本目录的文件由 `scripts/make-fonts.py` 生成，请勿手工修改。

| 文件 | 字体（Typst 中的字体族名） | 上游版本 | 字节数 | 字形数 |
| --- | --- | --- | ---: | ---: |
{rows}| 合计 | | | {total:,} | |

- 来源：Debian 软件包 `fonts-noto-cjk` {deb_version} 中的 `NotoSerifCJK-Regular.ttc`、
  `NotoSerifCJK-Bold.ttc`、`NotoSansCJK-Regular.ttc`，取其中的简体中文（SC）字面；
  上游为 Adobe 与 Google 合作的 Noto CJK（思源字体的 Noto 版本），
  <https://github.com/notofonts/noto-cjk>。
- 许可：SIL Open Font License 1.1（OFL-1.1），全文及版权声明见 [`OFL.txt`](OFL.txt)。
- 子集：保留 U+0020–U+FFFF 中所有能以 GBK 编码的字符（共 {n_codepoints:,} 个码位，
  含全部 20,902 个 GBK 汉字，人名中的生僻字因而可以显示），以及公文常用的标点、
  全角字符、带圈数字 ①–⑳、〇、□ 等；在默认语言系统和简体中文（zh-Hans，
  OpenType `ZHS`）下保留全部 OpenType 排版特性（`locl`、`vert`、`palt`、`kern` 等），
  去掉日文、韩文、繁体中文的语言系统（其 `locl` 会带进约 17,600 个用不到的异体字形）；
  保留 name 表（字体族名不变），去掉 hinting，保留 CFF 轮廓。
- 重新生成：

  ```sh
  apt-get install fonts-noto-cjk && pip install fonttools && python3 scripts/make-fonts.py
  ```

  同一版本的 Debian 软件包与 fontTools 两次运行得到逐字节相同的文件。

These are subsets of the Simplified Chinese faces of Noto Serif CJK SC
(Regular, Bold) and Noto Sans CJK SC (Regular), upstream Noto CJK by Adobe
and Google, taken from Debian's `fonts-noto-cjk` {deb_version}. They keep every
code point in U+0020..U+FFFF that encodes in GBK (so rare characters in
personal names render), plus common punctuation; all OpenType layout
features of the default and zh-Hans language systems (the Japanese, Korean
and Traditional Chinese language systems are dropped, as their `locl`
would pull in ~17,600 unused glyphs), and the name table (family names
unchanged); hinting is dropped, the CFF outlines are kept.
They are licensed under the SIL Open Font License 1.1 (see `OFL.txt`).
Regenerate them with the command above; the sizes are in the table.
"""
    (OUT_DIR / "README.md").write_text(text, encoding="utf-8")


def main():
    deb_version = debian_version()
    print(f"{DEBIAN_PACKAGE} {deb_version}, fontTools {fontTools.version}, Python {sys.version.split()[0]}")
    if (deb_version, fontTools.version) != (MADE_FROM_DEBIAN, MADE_FROM_FONTTOOLS):
        print(f"note: the committed fonts were made from {DEBIAN_PACKAGE} {MADE_FROM_DEBIAN} and "
              f"fontTools {MADE_FROM_FONTTOOLS}; the output may differ, update MADE_FROM_* and the docstring")
    unicodes = gbk_codepoints() | EXTRA_CODEPOINTS
    print(f"subset: {len(unicodes)} code points ({len(REQUIRED_HANZI)} GBK hanzi required)")
    OUT_DIR.mkdir(exist_ok=True)
    results = [make_one(*job, unicodes) for job in JOBS]
    total = sum(r["bytes"] for r in results)
    print(f"total: {total} bytes ({total / 2**20:.1f} MiB)")
    write_ofl(results, deb_version)
    write_readme(results, deb_version, len(unicodes))
    print("wrote fonts/OFL.txt and fonts/README.md")


if __name__ == "__main__":
    main()
