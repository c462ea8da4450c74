"""A still image of a solution's steps (Pillow only, no Manim, no LaTeX): what students get when a render fails."""

from __future__ import annotations

import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..solution import Solution
from .texsafe import plain, tex_to_text

__all__ = ["still_image"]

WIDTH = 854
MARGIN = 32
BACKGROUND = (0, 0, 0)
WHITE = (245, 245, 245)
GRAY = (170, 170, 170)
YELLOW = (255, 220, 90)
ORANGE = (255, 160, 60)
MAX_HEIGHT = 4000
# a TrueType font, or Pillow's built-in one where DejaVu is not installed
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def _font(size: int, bold: bool = False) -> Font:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(name, size)
    except OSError:
        return ImageFont.load_default(size)


def _lines(text: str, font: Font, width: int) -> list[str]:
    """Wrap ``text`` so each line fits ``width`` pixels in ``font``."""
    chars = max(10, int(width / max(1.0, font.getlength("x"))))
    while chars > 10:
        lines = textwrap.wrap(text, width=chars) or [""]
        if all(font.getlength(line) <= width for line in lines):
            return lines
        chars -= 4
    return textwrap.wrap(text, width=chars) or [""]


def _blocks(solution: Solution) -> list[tuple[str, Font, tuple[int, int, int], int]]:
    """(text, font, colour, space after) for each line of the picture."""
    inner = WIDTH - 2 * MARGIN
    out = []
    title_font, math_font, text_font = _font(24, bold=True), _font(26), _font(19)
    for line in _lines(plain(tex_to_text(solution.problem), 600), title_font, inner):
        out.append((line, title_font, WHITE, 4))
    out.append(("", text_font, WHITE, 10))
    if not solution.solved:
        for line in _lines(plain(solution.reason or "This problem is not supported yet.", 600), text_font, inner):
            out.append((line, text_font, ORANGE, 4))
        return out
    for number, step in enumerate(solution.steps, start=1):
        formula = plain(tex_to_text(step.latex), 300)
        for i, line in enumerate(_lines(formula, math_font, inner - 40)):
            out.append(((f"{number}.  " if i == 0 else "     ") + line, math_font, WHITE, 2))
        for line in _lines(plain(step.text, 400), text_font, inner - 40):
            out.append(("     " + line, text_font, GRAY, 2))
        out.append(("", text_font, WHITE, 8))
    return out


def still_image(solution: Solution, path: str | Path) -> Path:
    """Draw the problem, each step (formula and sentence) and the boxed answer; save a PNG at ``path``.

    Returns the path. Raises ``OSError`` when the file cannot be written.
    """
    path = Path(path)
    blocks = _blocks(solution)
    answer = None
    if solution.solved and (solution.answer_latex or solution.answer is not None):
        answer = "Answer:  " + plain(tex_to_text(solution.answer_latex or str(solution.answer)), 200)
    answer_font = _font(28, bold=True)
    heights = [int(font.getbbox("Ag")[3]) + gap for _t, font, _c, gap in blocks]
    height = MARGIN * 2 + sum(heights) + (70 if answer else 0)
    image = Image.new("RGB", (WIDTH, min(max(height, 240), MAX_HEIGHT)), BACKGROUND)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for (text, font, colour, _gap), step in zip(blocks, heights, strict=True):
        draw.text((MARGIN, y), text, font=font, fill=colour)
        y += step
    if answer:
        answer = _lines(answer, answer_font, WIDTH - 2 * MARGIN - 30)[0]
        box = draw.textbbox((MARGIN + 14, y + 14), answer, font=answer_font)
        draw.rounded_rectangle((box[0] - 12, box[1] - 10, box[2] + 12, box[3] + 10), radius=8, outline=YELLOW, width=3)
        draw.text((MARGIN + 14, y + 14), answer, font=answer_font, fill=YELLOW)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG")
    return path
