#!/usr/bin/env python3
"""Make stand-ins for the Chinese fonts every Windows 10/11 has, for the font-role tests.

The real files (C:\\Windows\\Fonts\\simfang.ttf, simhei.ttf, simkai.ttf, simsun.ttc) may not be
copied here. What decides whether yishi finds them is their `name` table, so each stand-in has
the family names the real font has, in the records the real font has them: Macintosh Roman
English, Windows English (0x0409) and Windows Simplified Chinese (0x0804) (some without the
Macintosh ones), e.g. FangSong / 仿宋.
simsun.ttc is a collection of two faces, SimSun / 宋体 and NSimSun / 新宋体, as on Windows.
The glyphs are plain boxes for a few characters. Run with fontTools installed:

    python3 tests/data/windows-fonts/make.py
"""

from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib.ttCollection import TTCollection

HERE = Path(__file__).parent
CHARS = "仿宋黑体楷议事协商0123456789"


def box():
    pen = TTGlyphPen(None)
    pen.moveTo((100, -100))
    pen.lineTo((100, 800))
    pen.lineTo((900, 800))
    pen.lineTo((900, -100))
    pen.closePath()
    return pen.glyph()


def face(english, chinese, mac):
    names = [".notdef"] + [f"uni{ord(c):04X}" for c in CHARS]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in CHARS})
    fb.setupGlyf({n: box() for n in names})
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120,
                ulCodePageRange1=1 << 18)  # code page 936, Simplified Chinese
    fb.setupPost()
    fb.setupNameTable({"familyName": english, "styleName": "Regular", "fullName": english,
                       "psName": english}, mac=mac)
    for name_id, text in ((1, chinese), (2, "常规"), (4, chinese)):
        fb.font["name"].setName(text, name_id, 3, 1, 0x0804)
    return fb.font


def main():
    # With and without Macintosh records: the first record that decodes names the family.
    for file, english, chinese, mac in [("simfang.ttf", "FangSong", "仿宋", False),
                                        ("simhei.ttf", "SimHei", "黑体", False),
                                        ("simkai.ttf", "KaiTi", "楷体", True)]:
        face(english, chinese, mac).save(HERE / file)
    collection = TTCollection()
    collection.fonts = [face("SimSun", "宋体", True), face("NSimSun", "新宋体", True)]
    collection.save(HERE / "simsun.ttc")


if __name__ == "__main__":
    main()
