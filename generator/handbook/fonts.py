"""The bundled fonts (``fonts/``): subsets of Noto Serif and Noto Sans (SIL OFL 1.1).

Typst is given this folder only (system fonts ignored), so a PDF can only use
these. ``python -m generator.handbook.fonts`` re-makes them from the system's
Noto fonts (see ``fonts/README.md``).
"""

from __future__ import annotations

import sys
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"

#: The code points kept in the bundled fonts: Basic Latin, Latin-1, Latin Extended-A
#: and -B, spacing modifiers, combining diacritics, Latin Extended Additional (the
#: precomposed Vietnamese letters), general punctuation, currency signs (₫).
UNICODE_RANGES = (
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x0100, 0x024F),
    (0x02B0, 0x02FF),
    (0x0300, 0x036F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
)

#: Bundled file name -> system Noto file it is made from.
FONT_FILES = {
    "HandbookSerif-Regular.ttf": "NotoSerif-Regular.ttf",
    "HandbookSerif-Bold.ttf": "NotoSerif-Bold.ttf",
    "HandbookSerif-Italic.ttf": "NotoSerif-Italic.ttf",
    "HandbookSerif-BoldItalic.ttf": "NotoSerif-BoldItalic.ttf",
    "HandbookSans-Regular.ttf": "NotoSans-Regular.ttf",
    "HandbookSans-Bold.ttf": "NotoSans-Bold.ttf",
    "HandbookSans-Italic.ttf": "NotoSans-Italic.ttf",
}


def subset_fonts(source: Path = Path("/usr/share/fonts/truetype/noto"), target: Path = FONTS) -> list[Path]:
    """Make the bundled subsets of Noto Serif and Noto Sans (SIL OFL 1.1).

    The subsets are renamed (family "Noto Serif Handbook", "Noto Sans Handbook")
    so that a PDF shows at a glance that the bundled files were used, and never a
    system font of the same name.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    unicodes = [c for start, end in UNICODE_RANGES for c in range(start, end + 1)]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    written = []
    for name, original in FONT_FILES.items():
        font = TTFont(source / original)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        family = "Noto Serif Handbook" if "Serif" in name else "Noto Sans Handbook"
        style = {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "Bold Italic"}[
            name.split("-")[1].removesuffix(".ttf")
        ]
        postscript = family.replace(" ", "") + "-" + style.replace(" ", "")
        table = font["name"]
        for record in list(table.names):
            if record.nameID in (1, 16):
                table.setName(family, record.nameID, record.platformID, record.platEncID, record.langID)
            elif record.nameID == 4:
                table.setName(f"{family} {style}", 4, record.platformID, record.platEncID, record.langID)
            elif record.nameID in (3, 6):
                table.setName(postscript, record.nameID, record.platformID, record.platEncID, record.langID)
        target.mkdir(parents=True, exist_ok=True)
        font.save(target / name)
        written.append(target / name)
    return written


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["fonts"]:
        for path in subset_fonts():
            print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")
        return 0
    print("usage: python -m generator.handbook.fonts fonts", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
