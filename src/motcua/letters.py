"""Letters and one-stop slips, rendered from packaged Jinja2 templates in the Decree 30/2020 format.

Nine templates ship with motcua: three letters a ward sends after a civil-status registration
(congratulations on a birth and on a marriage, condolences on a death) and the six one-stop
slips (receipt and appointment, supplement request, refusal, apology with a new date, stop
notice, control slip). Each exists as plain text and as a printable HTML page; Word output is an
optional extra (``pip install 'motcua[docx]'``).

>>> from motcua import letters
>>> letters.templates()[:3]
('chuc-mung-khai-sinh', 'chuc-mung-ket-hon', 'chia-buon-khai-tu')
>>> fields = letters.example_fields("chuc-mung-ket-hon")
>>> text = letters.render("chuc-mung-ket-hon", **fields)
>>> print(text.splitlines()[0])
        ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
>>> "Hải Đăng, ngày 20 tháng 3 năm 2026" in text
True
>>> del fields["ngay_dang_ky"]
>>> try:
...     letters.render("chuc-mung-ket-hon", **fields)
... except letters.MissingFieldError as exc:
...     print(exc)
chuc-mung-ket-hon: missing field 'ngay_dang_ky' (see example_fields('chuc-mung-ket-hon'))

Fields are plain values (str, int, date, datetime, lists and dicts of them); every string is
normalised to Unicode NFC, its line breaks (CR LF, CR) to newlines, and otherwise printed exactly
as given. HTML escapes every value. A missing field is an error naming it, never a blank; None
and a whitespace-only str count as not given, so a required field given blank is missing. A
value of the wrong type or shape, or holding a control character, is an error naming the field.
The office, its place, its signer and every name come from the fields (see :mod:`motcua.offices` and
:func:`motcua.slips.slip_fields`).

Jinja2 is imported on first use, not by ``import motcua``.
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import MotcuaError
from .slips import SLIP_TEMPLATES

if TYPE_CHECKING:
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

__all__ = [
    "LETTER_TEMPLATES",
    "TEMPLATES",
    "DocxUnavailableError",
    "FieldTypeError",
    "InvalidFieldError",
    "Letters",
    "MissingFieldError",
    "TemplateNotFoundError",
    "UnknownFieldError",
    "example_fields",
    "optional_fields",
    "render",
    "render_docx",
    "render_string",
    "required_fields",
    "templates",
]

Format = Literal["text", "html"]

#: The letters: congratulations after a birth or marriage registration, condolences after a death.
LETTER_TEMPLATES = ("chuc-mung-khai-sinh", "chuc-mung-ket-hon", "chia-buon-khai-tu")
#: Every shipped template, letters first, then the one-stop slips.
TEMPLATES = (*LETTER_TEMPLATES, *SLIP_TEMPLATES)
_FORMATS: tuple[Format, ...] = ("text", "html")
# Fields motcua computes when the caller leaves them out: the slip's form number and title, from
# the form set in force on the slip's date (ngay).
_DERIVED = frozenset({"bieu_mau"})
# Required fields the law itself makes mandatory, and where it says so (letters.md §2.3, law.md
# §1.4, §1.12): named in the error when such a field is given empty.
_MANDATORY = {
    ("phieu-tu-choi", "ly_do"): (
        "a refusal must state its reasons (Decree 61/2018/NĐ-CP Art. 17(1)(b) 'phải nêu rõ lý do'; "
        "Decree 118/2025/NĐ-CP Art. 17(1)(c))"
    ),
    ("phieu-yeu-cau-bo-sung", "ly_do"): (
        "a supplement request must state its reason (Decree 61/2018/NĐ-CP Art. 17(1)(a); "
        "Decree 118/2025/NĐ-CP Art. 17(1)(c))"
    ),
    ("phieu-yeu-cau-bo-sung", "noi_dung_bo_sung"): (
        "a supplement request says what to supplement (Decree 61/2018/NĐ-CP Art. 19(4); "
        "Decree 118/2025/NĐ-CP Art. 19(5))"
    ),
    ("phieu-xin-loi", "ly_do"): (
        "an apology must state why the dossier is late (Decree 61/2018/NĐ-CP Art. 19(9); "
        "Decree 118/2025/NĐ-CP Art. 19(6))"
    ),
}


class TemplateNotFoundError(MotcuaError, LookupError):
    """No template has that name (or that format); the message suggests close names."""


def _in_example(template: str, fields: Iterable[str]) -> bool:
    """Whether every one of *fields* is in the example of shipped *template* (so the hint helps)."""
    if template not in TEMPLATES:
        return False
    from .letter_examples import examples

    return set(fields) <= examples()[template].keys()


def _root(path: str) -> str:
    """The top-level field of a path such as ``kinh_gui[1].ho_ten``."""
    return path.split("[", 1)[0].split(".", 1)[0]


class MissingFieldError(MotcuaError, KeyError):
    """A field the template needs was not given, was None, or was blank; ``fields`` names them.

    ``within`` is the list entry or dict that lacks them (``"kinh_gui[1]"``), if any.
    """

    def __init__(self, template: str, fields: Iterable[str], detail: str = "", *, within: str = "") -> None:
        self.template = template
        self.fields = tuple(fields)
        self.within = within
        names = ", ".join(repr(f) for f in self.fields)
        plural = "s" if len(self.fields) != 1 else ""
        where = f" in {within}" if within else ""
        hint = _in_example(template, [_root(within)] if within else [_root(f) for f in self.fields])
        see = f" (see example_fields({template!r}))" if hint else ""
        self.message = f"{template}: missing field{plural} {names}{where}{see}{detail}"
        super().__init__(self.message)

    def __str__(self) -> str:  # KeyError would print the message quoted
        return self.message


class InvalidFieldError(MotcuaError, ValueError):
    """A field holds a value that cannot go on an official paper (a control character, say).

    ``field`` names it, with its place inside a list or dict (``"kinh_gui[1].ho_ten"``).
    """

    def __init__(self, template: str, field: str, problem: str) -> None:
        self.template = template
        self.field = field
        super().__init__(f"{template}: field {field!r} {problem}")


class FieldTypeError(InvalidFieldError, TypeError):
    """A field has the wrong type or shape: a str where a list of lines is needed, a number for a name."""


class UnknownFieldError(MotcuaError, TypeError):
    """A field was given that the template never uses: most often a misspelt optional field.

    Left unchecked, ``cach_goii="bà"`` would print a letter without its form of address. Python
    raises ``TypeError`` for an unexpected keyword argument; so does this, with suggestions.
    ``fields`` names the unknown ones; ``within`` the list entry or dict holding them, if any
    (``{"xungho": "Anh", …}`` in ``kinh_gui``).
    """

    def __init__(self, template: str, fields: Iterable[str], known: Iterable[str], *, within: str = "") -> None:
        self.template = template
        self.fields = tuple(fields)
        self.within = within
        known = sorted(known)
        parts = []
        for f in self.fields:
            close = difflib.get_close_matches(f, known, n=1, cutoff=0.6)
            parts.append(f"{f!r} (did you mean {close[0]!r}?)" if close else repr(f))
        plural = "s" if len(self.fields) != 1 else ""
        if within:
            tail = f" in {within}; known there: {', '.join(known)}"
        else:
            tail = f"; see required_fields({template!r}) and optional_fields({template!r})"
        super().__init__(f"{template}: unknown field{plural} {', '.join(parts)}{tail}")


class DocxUnavailableError(MotcuaError, ImportError):
    """Word output needs python-docx, which is not installed: ``pip install 'motcua[docx]'``."""


def _check_format(format: str) -> Format:
    if format == "text":
        return "text"
    if format == "html":
        return "html"
    raise ValueError(f"format must be 'text' or 'html', got {format!r} (Word output: render_docx)")


class Letters:
    """The shipped templates, overridden by templates in user *directories* (searched first).

    A file ``chuc-mung-khai-sinh.txt.j2`` in a directory replaces the shipped text variant of
    that letter; it may extend the original as ``{% extends "motcua:chuc-mung-khai-sinh.txt.j2" %}``
    or the letterhead as ``{% extends "_base.txt.j2" %}``. New names (``*.txt.j2``, ``*.html.j2``
    not starting with "_") become templates too. The module-level functions use an instance
    without directories.

    >>> Letters().templates() == templates()
    True
    """

    def __init__(self, directories: Iterable[str | os.PathLike[str]] = ()) -> None:
        if isinstance(directories, (str, os.PathLike)):
            directories = [directories]
        dirs = tuple(Path(d) for d in directories)
        for d in dirs:
            if not d.is_dir():
                raise NotADirectoryError(f"template directory {str(d)!r} does not exist")
        self._directories = dirs
        self._environments: dict[str, jinja2.Environment] = {}
        self._sandboxes: dict[str, ImmutableSandboxedEnvironment] = {}
        self._fields: dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = {}

    @property
    def directories(self) -> tuple[Path, ...]:
        return self._directories

    def __repr__(self) -> str:
        return f"Letters({[str(d) for d in self._directories]!r})"

    # ------------------------------------------------------------------ environments

    def environment(self, format: Format = "text") -> jinja2.Environment:
        """The Jinja2 environment of *format* (created on first use): HTML autoescapes every template."""
        fmt = _check_format(format)
        env = self._environments.get(fmt)
        if env is None:
            from . import _templating

            env = _templating.environment(fmt, _templating.loader(self._directories))
            self._environments[fmt] = env
        return env

    # ------------------------------------------------------------------ what there is

    def templates(self) -> tuple[str, ...]:
        """The template names: the shipped ones, then new ones from the user directories."""
        from . import _templating

        extra = [n for n in _templating.user_templates(self._directories) if n not in TEMPLATES]
        return (*TEMPLATES, *dict.fromkeys(extra))

    def _check(self, name: str, format: Format) -> str:
        """The file name of *name* in *format*, after checking that the name exists."""
        if not isinstance(name, str):
            raise TypeError(f"a template name is a str such as 'chuc-mung-khai-sinh', got {type(name).__name__}")
        names = self.templates()
        if name not in names:
            close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise TemplateNotFoundError(f"no template {name!r}{hint} Templates: {', '.join(names)}")
        from . import _templating

        return name + _templating.EXTENSIONS[format]

    def _template(self, name: str, format: Format) -> jinja2.Template:
        import jinja2

        filename = self._check(name, format)
        try:
            return self.environment(format).get_template(filename)
        except jinja2.TemplateNotFound:
            raise TemplateNotFoundError(f"template {name!r} has no {format} variant ({filename})") from None

    def _fields_of(self, name: str, format: Format) -> tuple[frozenset[str], frozenset[str]]:
        key = (name, format)
        if key not in self._fields:
            from . import _templating

            template = self._template(name, format)
            assert template.name is not None
            required, optional = _templating.fields_of(self.environment(format), template.name)
            self._fields[key] = (required - _DERIVED, optional | (required & _DERIVED))
        return self._fields[key]

    def required_fields(self, name: str, format: Format = "text") -> frozenset[str]:
        """The fields template *name* cannot do without, read from its sources (and its letterhead).

        Computed, not declared: every variable the template (with the base it extends) uses,
        except those it only uses with a default. ``bieu_mau`` (a slip's form number and title)
        is derived from ``ngay`` when left out.

        >>> sorted(required_fields("chuc-mung-ket-hon"))
        ['chu_ky', 'co_quan', 'dia_danh', 'kinh_gui', 'ngay', 'ngay_dang_ky', 'nguoi_ky']
        """
        return self._fields_of(name, _check_format(format))[0]

    def optional_fields(self, name: str, format: Format = "text") -> frozenset[str]:
        """The fields template *name* uses when given and does without otherwise.

        >>> sorted(optional_fields("chuc-mung-ket-hon"))[:4]
        ['cach_goi', 'co_quan_chu_quan', 'co_quan_dia_chi', 'co_quan_dien_thoai']
        """
        return self._fields_of(name, _check_format(format))[1]

    def example_fields(self, name: str) -> dict[str, Any]:
        """Complete, realistic fields for shipped template *name* (a fresh copy on every call)."""
        from .letter_examples import examples

        found = examples().get(name)
        if found is None:
            self._check(name, "text")
            raise TemplateNotFoundError(f"template {name!r} has no example fields; only the shipped templates do")
        return found

    # ------------------------------------------------------------------ rendering

    def _overridden(self, name: str, format: Format) -> bool:
        """Whether a user directory holds its own file for template *name* in *format*."""
        from . import _templating

        filename = name + _templating.EXTENSIONS[format]
        return any((d / filename).is_file() for d in self._directories)

    def _prepare(self, name: str, format: Format, fields: dict[str, Any]) -> dict[str, Any]:
        """*fields* checked and normalised for template *name*: see :meth:`render` for the checks, in order."""
        values, blank = _clean_fields(name, fields)
        required, optional = self._fields_of(name, format)
        # Unknown names first: a misspelt field's value is no reason to check its type.
        unknown = sorted((values.keys() | blank) - required - optional - _DERIVED)
        if unknown:
            raise UnknownFieldError(name, unknown, required | optional)
        from . import _templating

        _templating.check_kinds(name, values, strict=not self._overridden(name, format))
        missing = sorted(required - values.keys() - blank)
        if missing:
            raise MissingFieldError(name, missing)
        for key in sorted(required):
            value = values.get(key)
            if key in blank or (isinstance(value, (list, tuple)) and not value):
                why = _MANDATORY.get((name, key), "")
                raise MissingFieldError(name, [key], f": it is given empty{'; ' + why if why else ''}")
        if "bieu_mau" not in values and "ngay" in values and name in SLIP_TEMPLATES:
            from .slips import form_set

            values["bieu_mau"] = form_set(values["ngay"]).fields(name)
        return values

    def render(self, name: str, format: Format = "text", **fields: Any) -> str:
        """Template *name* filled with *fields*, as plain text or as an HTML page.

        A field given as None, or as a str of nothing but whitespace, counts as not given.
        Raises :class:`TemplateNotFoundError` for an unknown name (with suggestions),
        :class:`ValueError` for an unknown format, ``motcua.letters.InvalidFieldError`` for a
        control character, then, in this order, :class:`UnknownFieldError` naming any field the
        template does not use, ``motcua.letters.FieldTypeError`` for a value of the wrong type or
        shape, :class:`MissingFieldError` naming any required field missing, None or blank (an
        empty reason on a refusal, say), and :class:`~motcua.slips.FormNotInForceError` for a slip
        whose form did not exist on its date (the stop notice before Circular 03/2025/TT-VPCP).
        """
        import jinja2

        from . import _templating

        fmt = _check_format(format)
        template = self._template(name, fmt)
        values = self._prepare(name, fmt, fields)
        try:
            out = template.render(values)
        except jinja2.UndefinedError as exc:
            field = _templating.missing_name(exc)
            raise MissingFieldError(name, [field or "?"], f": {exc.message}") from None
        return str(_templating.nfc(out))

    def render_docx(self, name: str, **fields: Any) -> bytes:
        """Template *name* as a Word document (.docx bytes), built from its HTML variant.

        Needs the optional extra: ``pip install 'motcua[docx]'`` (python-docx). The page follows
        Decree 30/2020/NĐ-CP Appendix I: A4 (A5 for slips), margins 20/20/30/15 mm, Times New Roman.
        python-docx escapes XML itself, so names keep every character.
        """
        from ._docx import html_to_docx

        return html_to_docx(self.render(name, "html", **fields))

    def render_string(self, source: str, format: Format = "text", **fields: Any) -> str:
        """A user-supplied template string, rendered only in Jinja2's immutable sandbox.

        For wording edited by users (say, in a web form): attributes such as ``__class__`` are out
        of reach, values cannot be mutated, HTML output is autoescaped, a missing field is an
        error. The string may extend the letterhead (``{% extends "_base.html.j2" %}``) or any
        template of this instance and uses the same filters. Pass plain data only.
        """
        import jinja2

        from . import _templating

        if not isinstance(source, str):
            raise TypeError(f"source must be a str, got {type(source).__name__}")
        fmt = _check_format(format)
        env = self._sandboxes.get(fmt)
        if env is None:
            env = _templating.sandbox(fmt, _templating.loader(self._directories))
            self._sandboxes[fmt] = env
        values, blank = _clean_fields("<string>", fields)  # None and blank are "not given", as for render()
        try:
            out = env.from_string(_templating.nfc(source)).render(values)
        except jinja2.UndefinedError as exc:
            field = _templating.missing_name(exc)
            empty = " (given empty)" if field in blank else ""
            raise MissingFieldError("<string>", [field or "?"], f": {exc.message}{empty}") from None
        except jinja2.TemplateNotFound as exc:
            names = ", ".join(repr(n) for n in exc.templates) or repr(exc.name)
            raise TemplateNotFoundError(
                f"the template string extends or includes {names}, which does not exist; "
                f"templates: {', '.join(self.templates())} (file names end in .txt.j2 or .html.j2)"
            ) from None
        return str(_templating.nfc(out))


def _clean_fields(template: str, fields: dict[str, Any]) -> tuple[dict[str, Any], frozenset[str]]:
    """The fields given, cleaned (:func:`motcua._templating.clean`), and the names given blank.

    None and a str of nothing but whitespace both mean "not given": neither is in the fields
    returned, so a template's default applies; the blank ones are named, so that a required field
    given blank is reported as given empty.
    """
    from . import _templating

    values: dict[str, Any] = {}
    blank: set[str] = set()
    for key, value in fields.items():
        try:
            value = _templating.clean(template, value, key)
        except RecursionError:
            raise InvalidFieldError(template, key, "is nested too deeply to be printed") from None
        if _templating.is_blank(value):
            blank.add(key)
        elif value is not None:
            values[key] = value
    return values, frozenset(blank)


# --------------------------------------------------------------------------- the default instance


@functools.cache
def _default() -> Letters:
    return Letters()


def templates() -> tuple[str, ...]:
    """The names of the shipped templates: the three letters, then the six one-stop slips.

    >>> templates()[3:]
    ('giay-tiep-nhan', 'phieu-yeu-cau-bo-sung', 'phieu-tu-choi', 'phieu-xin-loi', 'thong-bao-dung', 'phieu-kiem-soat')
    """
    return TEMPLATES


def render(name: str, format: Format = "text", **fields: Any) -> str:
    """Shipped template *name* filled with *fields*, as ``"text"`` or ``"html"``; see :meth:`Letters.render`.

    >>> html = render("chia-buon-khai-tu", "html", **example_fields("chia-buon-khai-tu"))
    >>> "tức ngày 14 tháng Giêng năm Bính Ngọ" in html
    True
    """
    return _default().render(name, format, **fields)


def render_docx(name: str, **fields: Any) -> bytes:
    """Shipped template *name* as Word (.docx) bytes; needs ``pip install 'motcua[docx]'``."""
    return _default().render_docx(name, **fields)


def render_string(source: str, format: Format = "text", **fields: Any) -> str:
    """A user-supplied template string, rendered only in Jinja2's immutable sandbox.

    See :meth:`Letters.render_string`; the string can extend the shipped templates.

    >>> from datetime import date
    >>> render_string("{{ dia_danh }}, {{ ngay|ngay }}", dia_danh="Hải Đăng", ngay=date(2026, 3, 5))
    'Hải Đăng, ngày 05 tháng 3 năm 2026'
    >>> render_string("{{ ten }}", "html", ten="<b>Trần & Con</b>")
    '&lt;b&gt;Trần &amp; Con&lt;/b&gt;'
    """
    return _default().render_string(source, format, **fields)


def example_fields(name: str) -> dict[str, Any]:
    """Complete, realistic fields for template *name* (fictitious ward and people; a fresh copy).

    >>> example_fields("chuc-mung-khai-sinh")["dia_danh"]
    'Hải Đăng'
    """
    return _default().example_fields(name)


def required_fields(name: str, format: Format = "text") -> frozenset[str]:
    """The fields template *name* needs; see :meth:`Letters.required_fields`.

    >>> "ten_con" in required_fields("chuc-mung-khai-sinh")
    True
    """
    return _default().required_fields(name, format)


def optional_fields(name: str, format: Format = "text") -> frozenset[str]:
    """The fields template *name* uses only when given; see :meth:`Letters.optional_fields`."""
    return _default().optional_fields(name, format)
