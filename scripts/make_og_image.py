"""Draw the site's default image for shared links (OpenGraph), 1200 x 630 px.

    .venv/bin/python scripts/make_og_image.py            # writes generator/static/og-image.png

The words are the plan's title in both languages, read from plan_data/plan.yaml
(nothing is written that the data does not say); the fonts are the bundled
Noto subsets of generator/handbook/fonts/. Run it again after changing the
title, and commit the PNG. Pillow comes with WeasyPrint (the `pdf` extra).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content.discovery import OG_IMAGE, OG_IMAGE_SIZE  # noqa: E402
from generator.data.validate import load_plan  # noqa: E402

FONTS = ROOT / "generator" / "handbook" / "fonts"
BACKGROUND = (11, 58, 99)
TEXT = (255, 255, 255)
SOFT = (214, 228, 240)
ACCENT = (250, 204, 21)
MARGIN = 80


def wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def draw_image(title_vi: str, title_en: str, province: str) -> Image.Image:
    width, height = OG_IMAGE_SIZE
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    small = ImageFont.truetype(str(FONTS / "HandbookSans-Bold.ttf"), 34)
    draw.rectangle((MARGIN, MARGIN, MARGIN + 120, MARGIN + 10), fill=ACCENT)
    draw.text((MARGIN, MARGIN + 34), province.upper(), font=small, fill=SOFT)
    y = MARGIN + 110
    for size in (64, 58, 52, 46):  # the largest size at which the title fits in four lines
        big = ImageFont.truetype(str(FONTS / "HandbookSans-Bold.ttf"), size)
        lines = wrap(draw, title_vi, big, width - 2 * MARGIN)
        if len(lines) <= 4:
            break
    for line in lines:
        draw.text((MARGIN, y), line, font=big, fill=TEXT)
        y += int(size * 1.25)
    if title_en:
        y += 24
        english = ImageFont.truetype(str(FONTS / "HandbookSans-Regular.ttf"), 34)
        for line in wrap(draw, title_en, english, width - 2 * MARGIN):
            draw.text((MARGIN, y), line, font=english, fill=SOFT)
            y += 44
    assert y <= height - MARGIN // 2, "the title does not fit the image"
    return image


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "plan_data"), help="the data folder (default: plan_data)")
    parser.add_argument("--out", default=str(ROOT / "generator" / "static" / OG_IMAGE), help="the PNG to write")
    args = parser.parse_args()
    plan = load_plan(Path(args.data))
    info = plan.info
    image = draw_image(info.title.vi, info.title.en, info.province.vi)
    image.save(args.out, optimize=True)
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
