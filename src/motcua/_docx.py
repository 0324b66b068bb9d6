"""Word (.docx) output: motcua's own HTML letters rebuilt with python-docx (the ``docx`` extra).

Only the small, fixed markup of motcua's templates is understood (tables, divs, paragraphs, a
heading, bold, line breaks and the classes of ``_base.html.j2``), so a template override that
keeps those classes gets a matching Word file for free. The page follows Decree 30/2020/NĐ-CP
Appendix I: A4 portrait (A5 for slips, Circular 01/2018/TT-VPCP Art. 9(2)), margins 20/20/30/15
mm, Times New Roman, 14 pt body. python-docx escapes XML itself: text is passed as text, so a
name containing "<", "&" or quotes is kept verbatim (letters.md §6.1 shows what goes wrong
otherwise).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import attrs

from .letters import DocxUnavailableError

__all__ = ["html_to_docx"]


@attrs.define
class _Node:
    tag: str
    classes: tuple[str, ...] = ()
    children: list[_Node | str] = attrs.field(factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else ("\n" if c.tag == "br" else c.text()) for c in self.children)

    def elements(self, tag: str) -> Iterator[_Node]:
        for c in self.children:
            if isinstance(c, _Node):
                if c.tag == tag:
                    yield c
                yield from c.elements(tag)


_VOID = {"br", "meta", "img", "hr", "link"}
_SOURCE_BREAK = re.compile(r"[ \t]*\n[ \t\n]*")
_BLOCKS = {"div", "p", "h1", "table", "tr", "td", "th", "body", "html", "head"}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("document")
        self.stack = [self.root]
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = tuple((dict(attrs).get("class") or "").split())
        node = _Node(tag, classes)
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        else:
            self.stack[-1].children.append(data)


# Paragraph and run properties by class: (alignment, bold, italic, size in pt, first-line indent cm,
# left indent cm). None inherits. The sizes are Decree 30/2020 Appendix I's (cells 1–9).
_CLASS_STYLE: dict[str, dict[str, Any]] = {
    "mau-so": {"align": "right", "italic": True, "size": 11},
    "chu-quan": {"align": "center", "size": 13},
    "co-quan": {"align": "center", "bold": True, "size": 13},
    "quoc-hieu": {"align": "center", "bold": True, "size": 13},
    "tieu-ngu": {"align": "center", "bold": True, "size": 14, "underline": True},
    "so-ky-hieu": {"align": "center", "size": 13},
    "dia-danh": {"align": "center", "italic": True, "size": 14},
    "ten-loai": {"align": "center", "bold": True, "size": 14},
    "trich-yeu": {"align": "center", "bold": True, "size": 14},
    "kinh-gui": {"align": "center", "first": 0.0},
    "noi-dung": {"align": "justify", "first": 1.0},
    "muc": {"align": "left", "first": 0.0},
    "thut": {"left": 1.0, "first": 0.0},
    "noi-nhan": {"align": "left", "first": 0.0},
    "noi-nhan-tieu-de": {"bold": True, "italic": True, "size": 12},
    "noi-nhan-muc": {"size": 11},
    "chu-ky": {"align": "center", "bold": True, "size": 14, "first": 0.0},
    "chu-ky-chu-thich": {"bold": False, "italic": True, "size": 12},
    "lien-he": {"size": 11, "first": 0.0},
    "bang": {"size": 12, "first": 0.0, "align": "left"},
    "_doan": {"after": 6},  # a paragraph of the body: 6 pt after it (Appendix I cell 6)
}
_RULED = {"co-quan", "trich-yeu"}  # a short rule under these (1/3–1/2 of the text, Appendix I)


def _style(parent: dict[str, Any], node: _Node) -> dict[str, Any]:
    style = dict(parent)
    if node.tag == "b":
        style["bold"] = True
    if node.tag == "i":
        style["italic"] = True
    if node.tag == "th":
        style.update(bold=True, align="center")
    for c in node.classes:
        style.update(_CLASS_STYLE.get(c, {}))
    return style


def _load() -> Any:
    try:
        import docx
    except ImportError as exc:
        raise DocxUnavailableError(
            "Word output needs python-docx, which is not installed: pip install 'motcua[docx]'"
        ) from exc
    return docx


def html_to_docx(html: str) -> bytes:
    """The .docx bytes of one of motcua's HTML letters or slips."""
    docx = _load()
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    parser = _Parser()
    parser.feed(html)
    parser.close()

    document = docx.Document()
    section = document.sections[0]
    a5 = re.search(r"@page\s*{[^}]*size:\s*A5", parser.style) is not None
    section.page_width, section.page_height = (Mm(148), Mm(210)) if a5 else (Mm(210), Mm(297))
    if a5:
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
            Mm(15), Mm(15), Mm(20), Mm(15)
        )  # fmt: skip
    else:
        section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
            Mm(20), Mm(20), Mm(30), Mm(15)
        )  # fmt: skip
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12 if a5 else 14)
    # East Asian and complex-script slots too, or Word may substitute another font for Vietnamese.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), "Times New Roman")
    align = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }

    # On A5 every size steps down (as the HTML stylesheet of the slips does) to keep the header on
    # one line per item; the header table gives the right column, the national name, more room.
    step = 2 if a5 else 0
    header_share = 0.36 if a5 else 0.42
    text_width = section.page_width - section.left_margin - section.right_margin

    def new_paragraph(container: Any, fresh: list[bool], style: dict[str, Any]) -> Any:
        # A table cell starts with one empty paragraph: use it for the cell's first block.
        if fresh and fresh[0]:
            fresh[0] = False
            paragraph = container.paragraphs[0]
        else:
            paragraph = container.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(style.get("after", 0))
        if style.get("align"):
            paragraph.alignment = align[style["align"]]
        if style.get("first"):
            fmt.first_line_indent = Cm(style["first"])
        if style.get("left"):
            fmt.left_indent = Cm(style["left"])
        return paragraph

    def add_runs(paragraph: Any, node: _Node | str, style: dict[str, Any]) -> None:
        if isinstance(node, str):
            # A line break of the template's source reads as one space, as in a browser; spaces
            # inside a value are kept, so a name with two spaces keeps them (names are never altered).
            text = _SOURCE_BREAK.sub(" ", node)
            if not paragraph.runs or paragraph.runs[-1].text.endswith(" "):
                text = text.lstrip(" ")
            if not text:
                return
            run = paragraph.add_run(text)
            run.bold = style.get("bold")
            run.italic = style.get("italic")
            run.underline = style.get("underline")
            if style.get("size"):
                run.font.size = Pt(max(9, style["size"] - step))
            return
        if node.tag == "br":
            paragraph.add_run().add_break(WD_BREAK.LINE)
            return
        inner = _style(style, node)
        for child in node.children:
            add_runs(paragraph, child, inner)

    def has_blocks(node: _Node) -> bool:
        return any(isinstance(c, _Node) and c.tag in _BLOCKS for c in node.children)

    def block(container: Any, node: _Node, style: dict[str, Any], fresh: list[bool]) -> None:
        inner = _style(style, node)
        if node.tag == "table":
            table(container, node, inner, fresh)
            return
        if has_blocks(node):
            for child in node.children:
                if isinstance(child, _Node):
                    block(container, child, inner, fresh)
            return
        if "cho-ky" in node.classes:  # room for the signature and seal
            for _ in range(3):
                new_paragraph(container, fresh, inner)
            return
        if not node.text().strip():
            return
        paragraph = new_paragraph(container, fresh, inner)
        for child in node.children:
            add_runs(paragraph, child, inner)
        ruled = _RULED.intersection(node.classes)
        if ruled:
            longest = max((len(line) for line in node.text().split("\n")), default=0)
            rule = new_paragraph(container, fresh, {**inner, "bold": False, "underline": False})
            rule.add_run("_" * max(3, round(longest * 0.4))).font.size = Pt((inner.get("size") or 13) - step)

    def table(container: Any, node: _Node, style: dict[str, Any], fresh: list[bool]) -> None:
        rows = list(node.elements("tr"))
        if not rows:
            return
        cells = [[c for c in r.children if isinstance(c, _Node) and c.tag in ("td", "th")] for r in rows]
        width = max(len(r) for r in cells)
        if fresh and fresh[0]:
            # A table cannot reuse a cell's first paragraph; leave it (it prints as a thin line).
            fresh[0] = False
        grid = container.add_table(rows=len(rows), cols=width)
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        if "bang" in node.classes:
            grid.style = document.styles["Table Grid"]
        if "tieu-de" in node.classes and width == 2:
            grid.autofit = False
            for row in grid.rows:
                row.cells[0].width = int(text_width * header_share)
                row.cells[1].width = int(text_width * (1 - header_share))
        for i, row in enumerate(cells):
            for j, cell_node in enumerate(row):
                cell = grid.cell(i, j)
                cell_style = _style(style, cell_node)
                cell_fresh = [True]
                if has_blocks(cell_node):
                    for child in cell_node.children:
                        if isinstance(child, _Node):
                            block(cell, child, cell_style, cell_fresh)
                else:
                    paragraph = new_paragraph(cell, cell_fresh, cell_style)
                    for child in cell_node.children:
                        add_runs(paragraph, child, cell_style)

    body = next(parser.root.elements("body"), parser.root)
    top: dict[str, Any] = {"size": 14}
    for child in body.children:
        if isinstance(child, _Node):
            _walk_marks(child)
            block(document, child, top, [])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _walk_marks(node: _Node) -> None:
    """Mark the paragraphs of the body block (pseudo-class ``_doan``) for their spacing."""
    if "noi-dung" in node.classes:
        for p in node.elements("p"):
            p.classes = (*p.classes, "_doan")
    for c in node.children:
        if isinstance(c, _Node):
            _walk_marks(c)
