"""Jinja2 environments, loaders and filters behind :mod:`motcua.letters` (imported on first use).

Two environments share one loader: HTML with autoescape on for every template, plain text with
it off (letters.md §5.2). Both use ``StrictUndefined``, so a missing field fails loudly instead
of printing a blank on an official paper (§5.3). User-supplied template *strings* only ever run
in an :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` (§5.6).
"""

from __future__ import annotations

import copy
import functools
import re
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal

import attrs
import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape

from . import vietnamese as vn
from .lunar import lunar_date

Format = Literal["text", "html"]

#: File name endings of the two variants of a template.
EXTENSIONS: Mapping[str, str] = {"text": ".txt.j2", "html": ".html.j2"}

#: The plain-text page: 78 columns, a left header column of 32 and a right one of 44, enough
#: for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (34 characters) and most place-and-date lines.
WIDTH = 78
LEFT = 32
GAP = 2
RIGHT = WIDTH - LEFT - GAP

# Names a template may use without the caller passing them.
_IMPLICIT = frozenset({"super", "self", "loop", "caller", "varargs", "kwargs"})


# --------------------------------------------------------------------------- values


def nfc(value: Any) -> Any:
    """*value* with every string in it (also inside lists, tuples and dicts) in Unicode NFC.

    Only the normal form changes: letters, case and spacing of names stay as given.
    """
    if isinstance(value, Markup):
        return Markup(unicodedata.normalize("NFC", value))
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, Mapping):
        return {nfc(k): nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, tuple):
        return tuple(nfc(v) for v in value)
    return value


def _finalize(value: Any) -> Any:
    # A None given as a field means "not given" and never reaches a template (see clean); one
    # printed anyway (an element of a list, say) must not become a blank or the word "None" on
    # an official paper. Strings built by filters are normalised again (keeping Markup safe, so
    # HTML from a filter is not re-escaped).
    if value is None:
        raise ValueError("a template printed None: pass a value, or leave the field out (None means not given)")
    if isinstance(value, str):
        return nfc(value)
    return value


# --------------------------------------------------------------------------- checking values

#: Characters no value may hold: the C0 controls but tab and newline, DEL, lone surrogates and the
#: non-characters U+FFFE, U+FFFF. They print as nothing (or as garbage) and XML, so Word, refuses
#: most of them; a name pasted from another system can carry one unseen.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(template: str, value: Any, path: str) -> Any:
    """*value* of field *path* ready to render: strings in NFC with CR LF and CR as newlines, keys
    whose value is None dropped, whitespace-only strings inside dicts emptied.

    None means "not given", at the top level (the caller drops the field) and inside dicts, so
    a template's defaults and its missing-field errors apply. A whitespace-only string in a dict
    becomes "", which templates treat as not given (a required key reports it as given empty).
    Raises :class:`~motcua.letters.InvalidFieldError` for a control character, naming the field.
    """
    from .letters import InvalidFieldError

    if isinstance(value, str):
        # Web forms and Windows send line breaks as CR LF (an old Mac as a lone CR): one newline each.
        if "\r" in value:
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        found = _FORBIDDEN.search(value)
        if found is not None:
            raise InvalidFieldError(
                template,
                path,
                f"contains the control character U+{ord(found.group()):04X} at position {found.start()}; "
                "remove it (only letters, spaces, tabs and newlines can be printed)",
            )
        return nfc(value)
    if isinstance(value, Mapping):
        return {k: _blank_to_empty(clean(template, v, f"{path}.{k}")) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        items = [clean(template, v, f"{path}[{i}]") for i, v in enumerate(value)]
        return items if isinstance(value, list) else tuple(items)
    return value


def is_blank(value: Any) -> bool:
    """Whether *value* is a str holding nothing but whitespace (or nothing)."""
    return isinstance(value, str) and not value.strip()


def _blank_to_empty(value: Any) -> Any:
    return "" if is_blank(value) else value


@attrs.frozen
class _Context:
    """What a value check needs besides the value: the template (for messages) and whether keys
    unknown inside a list entry are errors (they are for a shipped template; an override may use
    keys of its own)."""

    template: str
    strict: bool = True


_Check = Callable[[_Context, str, Any], None]


def _kind_error(template: str, path: str, want: str, value: Any) -> Exception:
    from .letters import FieldTypeError

    shown = repr(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return FieldTypeError(template, path, f"must be {want}, got {type(value).__name__} {shown}")


def _missing(template: str, key: str, within: str, empty: bool) -> Exception:
    from .letters import MissingFieldError

    return MissingFieldError(template, [key], " (given empty)" if empty else "", within=within)


def _text(ctx: _Context, path: str, value: Any) -> None:
    if not isinstance(value, str):
        raise _kind_error(ctx.template, path, "a str", value)


def _number_or_text(ctx: _Context, path: str, value: Any) -> None:
    # A document or book number counts from 1: 0 would print as "……" and -5 as "-5".
    if isinstance(value, str) and value.strip():
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _kind_error(ctx.template, path, "a whole number, 1 or more, or a non-blank str", value)


def _a_date(ctx: _Context, path: str, value: Any) -> None:
    if not isinstance(value, date):
        raise _kind_error(ctx.template, path, "a datetime.date or datetime.datetime", value)


def _count(ctx: _Context, path: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _kind_error(ctx.template, path, "a whole number, 0 or more", value)


def _flag(ctx: _Context, path: str, value: Any) -> None:
    if not isinstance(value, bool):
        raise _kind_error(ctx.template, path, "True or False", value)


def _lines(example: str) -> _Check:
    """A list of str lines; a bare str is refused, as iterating it would print a letter per line."""

    def check(ctx: _Context, path: str, value: Any) -> None:
        if not isinstance(value, (list, tuple)):
            raise _kind_error(ctx.template, path, f"a list of str lines such as {example}", value)
        for i, line in enumerate(value):
            _text(ctx, f"{path}[{i}]", line)

    return check


def _record(keys: Mapping[str, _Check], required: Sequence[str]) -> _Check:
    """A dict with only *keys* (each checked) and the *required* ones present and not blank."""

    def check(ctx: _Context, path: str, value: Any) -> None:
        from .letters import UnknownFieldError

        if not isinstance(value, Mapping):
            raise _kind_error(ctx.template, path, f"a dict with {', '.join(map(repr, keys))}", value)
        unknown = sorted(str(k) for k in set(value) - set(keys))
        if unknown and ctx.strict:
            raise UnknownFieldError(ctx.template, unknown, keys, within=path)
        for key in required:
            given = value.get(key)
            if given is None or (isinstance(given, str) and not given.strip()):
                raise _missing(ctx.template, key, path, given is not None)
        for key, inner in keys.items():
            if key in value:
                inner(ctx, f"{path}.{key}", value[key])

    return check


def _list_of(item: _Check, want: str, *, strings: bool = False) -> _Check:
    """A list or tuple whose entries pass *item* (or, with *strings*, are non-blank str)."""

    def check(ctx: _Context, path: str, value: Any) -> None:
        if not isinstance(value, (list, tuple)):
            raise _kind_error(ctx.template, path, want, value)
        for i, entry in enumerate(value):
            where = f"{path}[{i}]"
            if strings and isinstance(entry, str):
                if not entry.strip():
                    raise _missing(ctx.template, where, "", True)
            else:
                item(ctx, where, entry)

    return check


_PERSON = _record({"xung_ho": _text, "ho_ten": _text}, ("ho_ten",))
_DOCUMENT = _record({"ten": _text, "ban_chinh": _count, "ban_sao": _count, "ghi_chu": _text}, ("ten",))
_STEP = _record(
    {
        "giao": _text,
        "nhan": _text,
        "thoi_diem": _a_date,
        "nguoi_giao": _text,
        "nguoi_nhan": _text,
        "ket_qua": _text,
        "ghi_chu": _text,
    },
    ("giao", "nhan", "thoi_diem"),
)
_TEXT_FIELDS = (
    "cach_goi",
    "co_quan",
    "co_quan_chu_quan",
    "co_quan_dia_chi",
    "co_quan_dien_thoai",
    "co_quan_email",
    "co_quan_giai_quyet",
    "co_quan_website",
    "dia_chi",
    "dia_danh",
    "dien_thoai_huong_dan",
    "email",
    "giai_doan",
    "ky_hieu",
    "lien",
    "ly_do",
    "ma_ho_so",
    "ngay_am_lich",
    "nguoi_huong_dan",
    "nguoi_ky",
    "nguoi_mat",
    "nguoi_nop",
    "nguoi_tiep_nhan",
    "noi_dung_yeu_cau",
    "noi_tra_ket_qua",
    "so_dien_thoai",
    "so_giay_to",
    "tai_chinh",
    "ten_con",
    "tho",
    "thoi_gian_giai_quyet",
    "xung_ho",
    "xung_ho_con",
    "xung_ho_nguoi_mat",
)
_DATE_FIELDS = (
    "han_tra_cu",
    "han_tra_moi",
    "ngay",
    "ngay_dang_ky",
    "ngay_mat",
    "ngay_sinh",
    "ngay_tiep_nhan",
    "thoi_diem_dung",
    "thoi_diem_nhan",
    "thoi_diem_tra",
)

#: The shape of every field the shipped templates use, checked before any template that uses a
#: field of that name renders: a wrong type is an error naming the field, never a stray "None"
#: or a signature printed one letter per line.
FIELD_KINDS: Mapping[str, _Check] = {
    **dict.fromkeys(_TEXT_FIELDS, _text),
    **dict.fromkeys(_DATE_FIELDS, _a_date),
    **dict.fromkeys(("so", "so_quyen", "so_thu_tu"), _number_or_text),
    **dict.fromkeys(("nam_sinh", "tuoi", "so_bo_ho_so"), _count),
    "nhac_nho": _flag,
    "chu_ky": _lines("['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'] (Signer.fields() gives them)"),
    "noi_nhan": _lines("['Như trên', 'Lưu: VT']"),
    "co_quan_phoi_hop": _lines("['Công an phường']"),
    "kinh_gui": _list_of(_PERSON, "a list of people such as [{'xung_ho': 'Anh', 'ho_ten': 'Trần Minh Khoa'}]"),
    "thanh_phan_ho_so": _list_of(_DOCUMENT, "a list of documents, each a str or a dict with 'ten'", strings=True),
    "noi_dung_bo_sung": _list_of(_DOCUMENT, "a list of items, each a str or a dict with 'ten'", strings=True),
    "cac_buoc": _list_of(_STEP, "a list of hand-overs, each a dict with 'giao', 'nhan' and 'thoi_diem'"),
    "bieu_mau": _record({"so": _text, "ten": _text, "thong_tu": _text, "bo": _text}, ("so", "ten", "thong_tu", "bo")),
    "uy_quyen": _record(
        {
            "ho_ten": _text,
            "dia_chi": _text,
            "so_giay_to": _text,
            "so_dien_thoai": _text,
            "email": _text,
            "van_ban": _text,
        },
        ("ho_ten",),
    ),
}


def check_kinds(template: str, values: Mapping[str, Any], *, strict: bool = True) -> None:
    """Check every value whose field name is in :data:`FIELD_KINDS` against its shape.

    With *strict* (a shipped template), a key unknown inside a list entry or a dict is an error,
    as a misspelt field is; an override template may use keys of its own.
    """
    ctx = _Context(template, strict)
    for key, value in values.items():
        check = FIELD_KINDS.get(key)
        if check is not None:
            check(ctx, key, value)


# --------------------------------------------------------------------------- filters


def ngay(value: date) -> str:
    """The Decree 30 date: "ngày 05 tháng 3 năm 2026" (Appendix I §II.4(b))."""
    return vn.date_line(value)


def _local_moment(value: date) -> tuple[date, datetime | None]:
    """*value*'s Vietnam date, with its Vietnam time unless it has none worth printing.

    A plain date has none; neither has a moment at the very end of a day (a due moment on a
    calendar without office hours): a paper never promises "23 giờ 59 phút".
    """
    if not isinstance(value, date):
        raise TypeError(f"expected a date or datetime, got {type(value).__name__}")
    if not isinstance(value, datetime):
        return value, None
    local = vn._local_datetime(value)  # an aware moment is printed in Vietnam time
    return local.date(), (local if local.time() < time(23, 59, 59) else None)


def thoi_diem(value: date) -> str:
    """A moment on a slip: "15 giờ 30 phút, ngày 27 tháng 11 năm 2026" (letters.md §2.4).

    Day and month both zero-padded, as forms print them; a plain date or a moment at the very end
    of a day prints the day only.
    """
    day, moment = _local_moment(value)
    if moment is not None:
        return vn.format_datetime(moment)
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def thoi_diem_vb(value: date) -> str:
    """A moment in the running text of a signed document, its date as the date line writes it (Decree 30).

    "14 giờ 00 phút, ngày 28 tháng 4 năm 2026": the day padded below 10, the month only when it is
    1 or 2 (Appendix I §II.4(b)), so that a sentence does not mix two ways of writing a date.
    """
    day, moment = _local_moment(value)
    if moment is not None:
        return f"{vn.format_time(moment)}, {vn.date_line(day)}"
    return vn.date_line(day)


def am_lich(value: date) -> str:
    """The lunar date of *value* in the traditional style: "ngày 14 tháng Giêng năm Bính Ngọ".

    An aware moment is first turned into its Vietnam date, as the solar date beside it is.
    """
    return lunar_date(vn._local_date(value, "value")).vi("traditional")


def so_van_ban(value: int | str) -> str:
    """A document number: numbers below 10 take a leading zero (Appendix I cell 3): 5 → "05"."""
    if isinstance(value, bool):
        raise TypeError("a document number must be an int or str, got a bool")
    if isinstance(value, int):
        if value < 1:
            raise ValueError(f"a document number is positive, got {value}")
        return f"{value:02d}"
    text = str(value).strip()
    return f"{int(text):02d}" if text.isdigit() else text


def hai_chu_so(value: int) -> str:
    """A count written with two digits, as forms write them: 1 → "01"."""
    if isinstance(value, bool) or not isinstance(value, int):
        return str(value)
    return f"{value:02d}"


def dong(text: str) -> list[str]:
    """The non-empty lines of *text* (a newline marks where a heading breaks)."""
    return [line.strip() for line in str(text).splitlines() if line.strip()]


def mot_dong(text: str) -> str:
    """*text* on one line: its lines joined by single spaces."""
    return " ".join(dong(text))


def _person(p: Any) -> tuple[str, str]:
    if not isinstance(p, Mapping):
        raise TypeError(f"a person is a dict with 'xung_ho' and 'ho_ten', got {type(p).__name__}")
    if "ho_ten" not in p:
        # Reported like any missing field, by name.
        raise jinja2.UndefinedError("'ho_ten' is undefined")
    return str(p.get("xung_ho", "")).strip(), str(p["ho_ten"]).strip()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} và {parts[-1]}"


#: How a letter addresses people given no form of address (letters.md §3.2): never guessed from
#: a name, "gia đình" ("the family") instead.
GIA_DINH = "gia đình"


def nguoi(people: Sequence[Any], dau_cau: bool = False, dam: bool = False, mac_dinh: str = "") -> str:
    """People with their forms of address: "Anh Trần Minh Khoa và chị Phạm Thu Hà".

    Each person is ``{"xung_ho": "Anh", "ho_ten": "Trần Minh Khoa"}``; the form of address is
    given by the caller, never guessed from the name. Mid-sentence (the default) every form of
    address starts lower-case; ``dau_cau=True`` capitalises the first word, as a "Kính gửi" line
    does. When nobody has a form of address, *mac_dinh* (templates pass ``GIA_DINH``, "gia đình")
    goes before the names; mid-sentence ("Nhân dịp … đăng ký kết hôn") there is none.
    ``dam=True`` (HTML) sets the names, and only the names, in bold.

    >>> nguoi([{"ho_ten": "Lê Thị Lan"}], dau_cau=True, mac_dinh="gia đình")
    'Gia đình Lê Thị Lan'
    """
    found = [_person(p) for p in people]
    # HTML: every piece escaped here, so that only the <b> around the names is markup.
    esc: Callable[[str], str] = (lambda t: str(escape(t))) if dam else (lambda t: t)
    parts: list[str] = []
    for i, (xung_ho, ho_ten) in enumerate(found):
        name = f"<b>{esc(ho_ten)}</b>" if dam else ho_ten
        if xung_ho:
            # Only a form of address changes case; a name is printed exactly as given.
            xung_ho = _upper_first(xung_ho) if dau_cau and i == 0 else _lower_first(xung_ho)
            name = f"{esc(xung_ho)} {name}"
        parts.append(name)
    text = _join(parts)
    if mac_dinh and not any(x for x, _ in found):
        text = f"{esc(_upper_first(mac_dinh) if dau_cau else mac_dinh)} {text}"
    return Markup(text) if dam else text


def cach_goi(people: Sequence[Any]) -> str:
    """How the body of a letter addresses the recipients, from their forms of address.

    "Anh" and "Chị" give "anh chị", "Ông" and "Bà" give "ông bà", "Gia đình ông" gives "gia
    đình ông"; nobody with a form of address gives "gia đình" (letters.md §3.2). Pass a
    ``cach_goi`` field to a template to say it otherwise.
    """
    words: list[str] = []
    for p in people:
        xung_ho = _lower_first(_person(p)[0])
        if xung_ho and xung_ho not in words:
            words.append(xung_ho)
    return " ".join(words) or GIA_DINH


def giay_to(item: Any) -> str:
    """A document of a dossier: a name, or ``{"ten": …, "ban_chinh": 1, "ban_sao": 2}``.

    >>> giay_to({"ten": "Tờ khai đăng ký khai sinh", "ban_chinh": 1})
    'Tờ khai đăng ký khai sinh (01 bản chính)'
    """
    if isinstance(item, str):
        return item
    if not isinstance(item, Mapping):
        raise TypeError(f"a document is a str or a dict with 'ten', got {type(item).__name__}")
    if "ten" not in item:
        raise jinja2.UndefinedError("'ten' is undefined")  # reported like any missing field, by name
    counts = [
        f"{hai_chu_so(item[key])} {label}"
        for key, label in (("ban_chinh", "bản chính"), ("ban_sao", "bản sao"))
        if item.get(key)
    ]
    if item.get("ghi_chu"):
        counts.append(str(item["ghi_chu"]))
    return f"{item['ten']} ({'; '.join(counts)})" if counts else str(item["ten"])


def liet_ke(items: Iterable[Any]) -> list[str]:
    """Entries of a list that ends a sentence: each ends with ";" and the last with "." (Appendix I cell 9).

    >>> liet_ke(["Như trên", "Lưu: VT."])
    ['Như trên;', 'Lưu: VT.']
    """
    texts = [str(i).strip().rstrip(";.,").rstrip() for i in items]
    texts = [t for t in texts if t]
    return [t + ("." if i == len(texts) - 1 else ";") for i, t in enumerate(texts)]


def het_cau(text: str) -> str:
    """*text* ending a sentence: a full stop is added unless it already ends with one (or ?, !, …).

    >>> het_cau("Thiếu bản sao Giấy khai sinh"), het_cau("Đã đủ.")
    ('Thiếu bản sao Giấy khai sinh.', 'Đã đủ.')
    """
    body = str(text).rstrip()
    return body if not body or body.endswith((".", "?", "!", "…", ".)")) else body + "."


COMMON_FILTERS: Mapping[str, Any] = {
    "ngay": ngay,
    "thoi_diem": thoi_diem,
    "thoi_diem_vb": thoi_diem_vb,
    "gio": vn.format_time,
    "ngay_so": vn.format_date,
    "thu": vn.weekday_name,
    "so": vn.format_number,
    "tien": vn.format_amount,
    "tien_bang_chu": vn.amount_in_words,
    "so_bang_chu": vn.number_in_words,
    "am_lich": am_lich,
    "so_van_ban": so_van_ban,
    "hai_chu_so": hai_chu_so,
    "dong": dong,
    "mot_dong": mot_dong,
    "nguoi": nguoi,
    "cach_goi": cach_goi,
    "giay_to": giay_to,
    "liet_ke": liet_ke,
    "het_cau": het_cau,
}


# ----------------------------------------------------------------- plain-text layout helpers


def _wrap(text: str, width: int) -> list[str]:
    # Never break inside a word (a long name stays in one piece, even past the margin).
    lines: list[str] = []
    for line in str(text).split("\n"):
        wrapped = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
        lines.extend(wrapped or [""])
    return lines


# A line break of the template source, with the spaces around it: where a paragraph is re-wrapped.
_LINE_BREAK = re.compile(r"\s*\n\s*")


def _one_line(text: str) -> str:
    """*text* on one line: each line break, with the spaces around it, becomes one space.

    Runs of spaces inside a line are kept: they come from values, and a name keeps its exact
    characters ("Trần  Minh Khoa" as registered), unless the wrap happens to break the line there.
    """
    return _LINE_BREAK.sub(" ", str(text).strip())


def doan(text: str, indent: int = 4, width: int = WIDTH) -> str:
    """A paragraph of running text: line breaks joined, wrapped at *width*, first line indented.

    The result ends with a newline (nothing at all for empty text), so paragraphs written one
    after another in a template, separated by a blank line, come out separated by a blank line.
    """
    words = _one_line(text)
    if not words:
        return ""
    filled = textwrap.fill(words, width, initial_indent=" " * indent, break_long_words=False, break_on_hyphens=False)
    return filled + "\n"


def treo(text: str, hang: int = 4, width: int = WIDTH) -> str:
    """Labelled lines ("Địa chỉ: …", "1. …"): each source line wrapped on its own at *width*,
    continuation lines indented by *hang* more than the line itself; blank lines are kept.

    Like :func:`doan`, the result ends with a newline unless *text* is empty.
    """
    out: list[str] = []
    for line in str(text).strip("\n").split("\n"):
        body = line.strip()  # runs of spaces inside the line come from values: kept, as in doan
        if not body:
            out.append("")
            continue
        lead = " " * (len(line) - len(line.lstrip(" ")))
        out.append(
            textwrap.fill(
                body,
                width,
                initial_indent=lead,
                subsequent_indent=lead + " " * hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out) + "\n" if any(out) else ""


def giua(text: str, width: int = WIDTH) -> str:
    """Every line of *text* centred in *width* columns (a longer line is wrapped first).

    Like :func:`doan`, the result ends with a newline unless *text* is empty.
    """
    if not str(text).strip():
        return ""
    return "\n".join(line.center(width).rstrip() for line in _wrap(str(text).strip("\n"), width)) + "\n"


def gach(text: str, ratio: float = 0.4, char: str = "_") -> str:
    """A rule under a heading: *ratio* of the longest line of *text* (at least three characters).

    Appendix I: the rule under the issuing body is 1/3–1/2 of its name; under the motto it is as
    long as the text line (ratio 1).
    """
    longest = max((len(line) for line in dong(text)), default=0)
    return char * max(3, round(longest * ratio))


def hai_cot(left: str, right: str, left_width: int = LEFT, right_width: int = RIGHT, can_trai: bool = False) -> str:
    """Two blocks of lines side by side, top-aligned, each line centred in its column.

    ``can_trai=True`` sets the left block flush left instead (the recipients list, Appendix I
    cell 9b). Blank lines inside a block are kept (the room for a signature).
    """

    def lines(block: str, width: int) -> list[str]:
        block = str(block).strip("\n")
        if not block.strip():
            return []
        out: list[str] = []
        for line in block.split("\n"):
            # A list entry ("- Như trên;") continues under its text, not under the dash.
            hang = "  " if line.startswith("- ") else ""
            wrapped = textwrap.wrap(line, width, subsequent_indent=hang, break_long_words=False, break_on_hyphens=False)
            out.extend(wrapped or [""])
        return out

    a, b = lines(left, left_width), lines(right, right_width)
    rows = max(len(a), len(b))
    a += [""] * (rows - len(a))
    b += [""] * (rows - len(b))
    out = []
    for x, y in zip(a, b, strict=True):
        cell = x.ljust(left_width) if can_trai else x.center(left_width)
        out.append((cell + " " * GAP + y.center(right_width)).rstrip())
    return "\n".join(out)


#: Names every template can use besides its fields.
COMMON_GLOBALS: Mapping[str, Any] = {"GIA_DINH": GIA_DINH}
TEXT_GLOBALS: Mapping[str, Any] = {"hai_cot": hai_cot, "gach": gach, "WIDTH": WIDTH}
TEXT_FILTERS: Mapping[str, Any] = {"doan": doan, "treo": treo, "giua": giua}


def xuong_dong(text: str) -> Markup:
    """HTML: the lines of *text*, each escaped, joined by ``<br>``."""
    return Markup("<br>").join(escape(line) for line in dong(text))


HTML_FILTERS: Mapping[str, Any] = {"xuong_dong": xuong_dong}


# --------------------------------------------------------------------------- environments


def shipped_loader() -> jinja2.BaseLoader:
    """The templates inside the package (works from a wheel, a zip or an editable install)."""
    return jinja2.PackageLoader("motcua", "templates")


def loader(directories: Sequence[Path]) -> jinja2.BaseLoader:
    """User directories first, then the shipped templates, as Sphinx and Flask let users override.

    The shipped templates stay reachable as ``motcua:<name>`` so that an override can extend the
    original: ``{% extends "motcua:chuc-mung-khai-sinh.txt.j2" %}``.
    """
    shipped = shipped_loader()
    loaders: list[jinja2.BaseLoader] = [jinja2.PrefixLoader({"motcua": shipped}, delimiter=":")]
    if directories:
        loaders.append(jinja2.FileSystemLoader([str(d) for d in directories]))
    loaders.append(shipped)
    return jinja2.ChoiceLoader(loaders)


def _strict(function: Callable[..., Any]) -> Callable[..., Any]:
    """*function* as a filter that reports an undefined input as the missing field it is."""

    @functools.wraps(function)
    def checked(value: Any, *args: Any, **kwargs: Any) -> Any:
        for v in (value, *args, *kwargs.values()):
            if isinstance(v, jinja2.Undefined):
                str(v)  # StrictUndefined raises UndefinedError naming the field
        return function(value, *args, **kwargs)

    return checked


def _configure(env: jinja2.Environment, kind: Format) -> jinja2.Environment:
    filters = {**COMMON_FILTERS, **(TEXT_FILTERS if kind == "text" else HTML_FILTERS)}
    env.filters.update({name: _strict(f) for name, f in filters.items()})
    env.globals.update(COMMON_GLOBALS)
    if kind == "text":
        env.globals.update(TEXT_GLOBALS)
    return env


_OPTIONS: Mapping[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "finalize": _finalize,
    "auto_reload": False,
}


def environment(kind: Format, template_loader: jinja2.BaseLoader) -> jinja2.Environment:
    """The HTML environment (autoescape on for every template) or the text one (off)."""
    env = jinja2.Environment(loader=template_loader, autoescape=kind == "html", **_OPTIONS)
    return _configure(env, kind)


def sandbox(kind: Format, template_loader: jinja2.BaseLoader) -> ImmutableSandboxedEnvironment:
    """The environment for user-supplied template strings (letters.md §5.6).

    A string can extend or include the templates of *template_loader* (files the caller trusts)
    but cannot reach attributes such as ``__class__`` nor mutate values.
    """
    env = ImmutableSandboxedEnvironment(loader=template_loader, autoescape=kind == "html", **_OPTIONS)
    _configure(env, kind)
    return env


# ------------------------------------------------------------------- fields of a template


def _parent(ast: nodes.Template, name: str) -> str | None:
    for node in ast.find_all(nodes.Extends):
        if isinstance(node.template, nodes.Const) and isinstance(node.template.value, str):
            return node.template.value
        raise ValueError(f"{name}: only {{% extends 'name' %}} with a fixed name can be analysed")
    return None


def _calls_super(body: Sequence[nodes.Node]) -> bool:
    return any(
        isinstance(call.node, nodes.Name) and call.node.name == "super"
        for node in body
        for call in node.find_all(nodes.Call)
    )


def _expand(
    body: Sequence[nodes.Node], chain: Sequence[dict[str, nodes.Block]], env: jinja2.Environment, guard: bool
) -> list[nodes.Node]:
    """*body* with every block replaced by the definitions that run (child-most, plus super())."""
    out: list[nodes.Node] = []
    for node in body:
        if isinstance(node, nodes.Block):
            for blocks in chain:
                found = blocks.get(node.name)
                if found is None:
                    continue
                out.append(nodes.Scope(_expand(found.body, chain, env, guard)))
                if not _calls_super(found.body):
                    break
        elif isinstance(node, nodes.Include) and isinstance(node.template, nodes.Const):
            out.append(nodes.Scope(_flatten(env, str(node.template.value), guard)))
        else:
            clone = copy.copy(node)
            for field in clone.fields:
                value = getattr(clone, field)
                if isinstance(value, list) and value and all(isinstance(v, nodes.Node) for v in value):
                    setattr(clone, field, _expand(value, chain, env, guard))
            out.append(clone)
    return out


class _Hide(NodeTransformer):
    """Replaces every read of the given names by a constant."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def visit_Name(self, node: nodes.Name) -> nodes.Node:
        return nodes.Const(None) if node.ctx == "load" and node.name in self.names else node


def _tested_defined(test: nodes.Node) -> set[str]:
    """Names that *test* requires to be defined: ``x is defined`` (alone or joined by ``and``)."""
    if isinstance(test, nodes.Test) and test.name == "defined" and isinstance(test.node, nodes.Name):
        return {test.node.name}
    if isinstance(test, nodes.And):
        return _tested_defined(test.left) | _tested_defined(test.right)
    return set()


class _Guarded(NodeTransformer):
    """Drops the uses of a name that tolerate its absence: ``x|default(…)``, ``x is defined``, and
    the uses inside ``{% if x is defined %}``."""

    def visit_If(self, node: nodes.If) -> nodes.Node:
        names = _tested_defined(node.test)
        if names:
            node.body = [_Hide(names).visit(n) for n in node.body]
        self.generic_visit(node)
        return node

    def visit_Filter(self, node: nodes.Filter) -> nodes.Node:
        self.generic_visit(node)
        if node.name == "default" and isinstance(node.node, nodes.Name):
            node.node = nodes.Const(None)
        return node

    def visit_Test(self, node: nodes.Test) -> nodes.Node:
        self.generic_visit(node)
        if node.name in ("defined", "undefined") and isinstance(node.node, nodes.Name):
            node.node = nodes.Const(None)
        return node


def _flatten(env: jinja2.Environment, name: str, guard: bool) -> list[nodes.Node]:
    """The statements that run when *name* renders, following ``extends``, blocks and includes.

    With *guard*, the uses that tolerate a missing name are dropped (see :class:`_Guarded`).
    """
    asts: list[nodes.Template] = []
    current: str | None = name
    while current is not None:
        if len(asts) > 20:
            raise ValueError(f"{name}: template inheritance is too deep or circular")
        assert env.loader is not None
        source, _, _ = env.loader.get_source(env, current)
        ast = env.parse(source, current)
        if guard:
            _Guarded().visit(ast)
        asts.append(ast)
        current = _parent(ast, current)
    chain = [{b.name: b for b in ast.find_all(nodes.Block)} for ast in asts]
    body: list[nodes.Node] = []
    # A child template's statements outside its blocks (its {% set %} lines) run before the layout.
    for ast in asts[:-1]:
        body += [n for n in ast.body if not isinstance(n, (nodes.Block, nodes.Extends, nodes.Output))]
    body += _expand(asts[-1].body, chain, env, guard)
    return body


def _undeclared(env: jinja2.Environment, body: list[nodes.Node]) -> set[str]:
    template = nodes.Template(body, lineno=1)
    template.set_environment(env)
    return set(meta.find_undeclared_variables(template)) - _IMPLICIT - set(env.globals)


def fields_of(env: jinja2.Environment, name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The (required, optional) fields of template *name*, read from its sources.

    A field is optional when every use of it tolerates its absence (``|default`` or ``is
    defined``); every other undeclared name is required.
    """
    everything = _undeclared(env, _flatten(env, name, guard=False))
    required = _undeclared(env, _flatten(env, name, guard=True))
    return frozenset(required), frozenset(everything - required)


_UNDEFINED = re.compile(r"^'([^']+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'$")


def missing_name(error: jinja2.UndefinedError) -> str | None:
    """The field an ``UndefinedError`` is about, if its message says."""
    message = str(error.message or "")
    found = _UNDEFINED.match(message) or _NO_ATTRIBUTE.search(message)
    return found.group(1) if found else None


def user_templates(directories: Sequence[Path]) -> Iterator[str]:
    """Names of the templates in user directories that are not partials (no leading "_")."""
    for directory in directories:
        for path in sorted(Path(directory).glob("*.j2")):
            for ending in EXTENSIONS.values():
                if path.name.endswith(ending) and not path.name.startswith("_"):
                    yield path.name[: -len(ending)]
