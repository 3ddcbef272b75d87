"""Page views as plain text: what the ``report`` command prints for pasting into a document."""

from __future__ import annotations

import textwrap

from . import view as v

WIDTH = 88


def inline_text(parts) -> str:
    return "".join(v.plain(part) for part in parts)


def _blocks(blocks, depth: int, out: list[str]) -> None:
    for block in blocks:
        if isinstance(block, v.Para):
            out.append(textwrap.fill(inline_text(block.parts), WIDTH))
            out.append("")
        elif isinstance(block, v.Items):
            if "downloads" in block.classes:
                continue  # links to files of the site: nothing to paste
            for item in block.items:
                out.append(textwrap.fill(inline_text(item), WIDTH, initial_indent="- ", subsequent_indent="  "))
            out.append("")
        elif isinstance(block, v.Fields):
            for term, body in block.rows:
                inner: list[str] = []
                _blocks(body, depth, inner)
                text = " ".join(line.strip() for line in inner if line.strip())
                out.append(textwrap.fill(f"{term}: {text}", WIDTH, subsequent_indent="  "))
            out.append("")
        elif isinstance(block, v.Table):
            out.append(" | ".join(block.header))
            for row in block.rows:
                cells = []
                for cell in row:
                    inner = []
                    _blocks(cell, depth, inner)
                    cells.append(" ".join(line.strip() for line in inner if line.strip()))
                out.append(" | ".join(cells))
            out.append("")
        elif isinstance(block, v.Aside):
            out.append(f"[{block.title}]")
            _blocks(block.blocks, depth, out)
        elif isinstance(block, v.Section):
            title = inline_text(block.title)
            out.append(title)
            out.append(("=" if depth == 0 else "-") * min(len(title), WIDTH))
            out.append("")
            _blocks(block.blocks, depth + 1, out)
        elif isinstance(block, v.Details):
            out.append(inline_text(block.summary))
            out.append("")
            _blocks(block.blocks, depth, out)
        elif isinstance(block, v.Chart):
            continue  # the same figures stand in the table beside it
        else:  # pragma: no cover - the model has no other block
            raise TypeError(block)


def page_text(page: v.PageView) -> str:
    """The page as plain text: its title, then every block in order."""
    title = inline_text(page.title)
    out = [title, "#" * min(len(title), WIDTH), ""]
    _blocks(page.blocks, 0, out)
    return "\n".join(out).rstrip() + "\n"
