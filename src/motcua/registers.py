"""One-stop registers (sổ theo dõi hồ sơ) exported as CSV: read them into dossiers, write them back.

A register has one row per dossier and one column per fact. The canonical columns
(:data:`REGISTER_COLUMNS`) are exactly what maps onto the :class:`~motcua.Dossier` event model:

=========================== ======== ==========================================================
column                      required meaning (Dossier field or event)
=========================== ======== ==========================================================
``code``                    yes      mã hồ sơ: the dossier code, unique in the register
``procedure``               yes      mã TTHC: the national procedure code, e.g. ``1.004873``
``received_at``             yes      when the complete dossier was accepted (Vietnam local time)
``channel``                          ``online``, ``in_person`` or ``postal`` (or "Trực tuyến",
                                     "Trực tiếp", "Bưu chính"); empty means in person
``agency``                           the handling body (for grouping)
``verification``                     ``yes``/``no`` (có/không): the procedure's limit for cases
                                     needing verification applies
``supplement_requested_at``          SupplementRequested (one request per row)
``supplement_reason``                its reason
``supplemented_at``                  Supplemented
``closed_at``                        Closed: the supplement never came
``closure_reason``                   its reason
``verification_started_at``          VerificationStarted (one verification per row)
``verification_reason``              its reason
``verification_ended_at``            VerificationEnded
``extended_at``                      Extended: the apology with a new appointment …
``new_due``                          … the new appointment (date or moment; needs ``extended_at``)
``extension_reason``                 … and its reason
``resolved_at``                      Resolved: the result is ready (đã xử lý xong)
``returned_at``                      Returned: the result was handed over (đã trả kết quả)
``refused_at``                       Refused after appraisal
``refusal_reason``                   its reason
``withdrawn_at``                     Withdrawn by the applicant
``withdrawal_reason``                its reason
=========================== ======== ==========================================================

Inter-agency hand-overs (``Transferred``) have no columns: a row cannot hold a list of agencies.
Columns the register computes itself (the appointment "Ngày hẹn trả", status, "đúng hạn") are
not read: the library computes them. Any other header is ignored and listed in
:attr:`RegisterReadResult.ignored`.

Headers match the canonical names and common Vietnamese ones ("Mã hồ sơ", "Mã TTHC",
"Ngày nhận", "Kênh nộp", "Ngày trả kết quả" …), compared without diacritics, case or
punctuation; ``mapping={"received_at": "Ngày nộp"}`` names the header of any other export.

Dates and moments: ``2016-01-04 08:30`` (or ``T``, seconds, an offset), ``04/01/2016 08:30``,
``08:30 04/01/2016``, or a date alone; the hour may have one digit (``2016-01-04 8:30``). A date
alone for ``received_at`` means "received that day" (the library then counts it as received
during office hours); for an event it means "that day, hour not recorded" and is placed at the
start of the day (or at the receipt, on the receipt day). A spreadsheet's serial number
(``42373.354``, what Excel stores for 04/01/2016 08:29:46) is rejected, not guessed: the reason says
to format the column as text (``dd/mm/yyyy hh:mm``) before exporting. Events on one row are put
in time order; rows with all cells empty are skipped and counted in
:attr:`RegisterReadResult.blank_rows`.

A header of one cell that holds another separator (``code;procedure;received_at`` read with the
default comma) is an error that names the separator to pass, rather than "no column for code".

Every other bad row is rejected with its line number and reason, never dropped silently:

>>> import io
>>> from motcua.registers import read_register
>>> text = '''Mã hồ sơ,Mã TTHC,Ngày nhận,Kênh nộp,Ngày trả kết quả
... H1,1.004873,04/01/2016 08:30,Trực tuyến,06/01/2016 10:00
... H2,9.999999,04/01/2016 09:00,Trực tiếp,
... H3,1.004873,31/02/2016,Trực tiếp,
... '''
>>> result = read_register(io.StringIO(text))
>>> [(d.code, d.procedure.code, d.channel.value, len(d.events)) for d in result.dossiers]
[('H1', '1.004873', 'online', 1)]
>>> for row in result.rejected:
...     print(row.line, row.reason)
3 procedure: no procedure with code '9.999999'
4 received_at: '31/02/2016' is not a valid date (day is out of range for month)
"""

from __future__ import annotations

import bisect
import csv
import io
import os
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, time
from typing import IO, Any, TypeAlias

import attrs

from motcua._data import fold
from motcua.calendar import VN_TZ, WorkingCalendar, vietnam_calendar
from motcua.dossiers import (
    Channel,
    Closed,
    Dossier,
    DossierEventError,
    Event,
    Extended,
    Refused,
    Resolved,
    Returned,
    Supplemented,
    SupplementRequested,
    VerificationEnded,
    VerificationStarted,
    Withdrawn,
)
from motcua.errors import MotcuaError
from motcua.procedures import Catalogue, NotInForceError, Procedure, UnknownProcedureError
from motcua.procedures import catalogue as _shipped_catalogue

__all__ = [
    "REGISTER_COLUMNS",
    "RegisterColumn",
    "RegisterFormatError",
    "RegisterReadResult",
    "RejectedRow",
    "parse_moment",
    "read_register",
    "write_register",
]

#: What ``read_register`` accepts: a path, a text file (or any iterable of text lines), or a binary file.
RegisterSource: TypeAlias = "str | os.PathLike[str] | Iterable[str] | IO[bytes]"


class RegisterFormatError(MotcuaError, ValueError):
    """The register as a whole cannot be read (no header, a missing or ambiguous column, a bad mapping)."""


@attrs.frozen
class RegisterColumn:
    """One canonical register column: its name, whether it is required, and the headers it accepts."""

    name: str
    required: bool
    #: What the column holds, in English.
    meaning: str
    #: The Vietnamese headers accepted by default (the canonical name is always accepted).
    aliases: tuple[str, ...] = ()


#: The canonical columns, in the order :func:`write_register` writes them.
REGISTER_COLUMNS: tuple[RegisterColumn, ...] = (
    RegisterColumn(
        "code", True, "dossier code (mã hồ sơ), unique in the register",
        ("Mã hồ sơ", "Mã số hồ sơ", "Số hồ sơ", "Số biên nhận", "dossier code"),
    ),
    RegisterColumn(
        "procedure", True, "national procedure code (mã TTHC), e.g. 1.004873",
        ("Mã TTHC", "Mã thủ tục", "Mã thủ tục hành chính", "Mã số TTHC", "procedure code"),
    ),
    RegisterColumn(
        "received_at", True, "moment (or date) the complete dossier was accepted, Vietnam local time",
        ("Ngày nhận", "Thời điểm nhận", "Ngày tiếp nhận", "Thời điểm tiếp nhận", "Thời gian tiếp nhận",
         "Ngày nhận hồ sơ", "received"),
    ),
    RegisterColumn(
        "channel", False, "online, in_person or postal (Trực tuyến, Trực tiếp, Bưu chính); empty = in person",
        ("Kênh nộp", "Hình thức nộp", "Kênh tiếp nhận", "Hình thức tiếp nhận"),
    ),
    RegisterColumn("agency", False, "the handling body", ("Cơ quan giải quyết", "Cơ quan xử lý", "Đơn vị xử lý")),
    RegisterColumn(
        "verification", False, "yes/no (có/không): the procedure's limit for cases needing verification applies",
        ("Xác minh", "Cần xác minh", "Có xác minh"),
    ),
    RegisterColumn(
        "supplement_requested_at", False, "SupplementRequested: the request to complete the dossier",
        ("Ngày yêu cầu bổ sung", "Thời điểm yêu cầu bổ sung"),
    ),
    RegisterColumn(
        "supplement_reason", False, "reason of the supplement request", ("Lý do bổ sung", "Nội dung yêu cầu bổ sung")
    ),
    RegisterColumn(
        "supplemented_at", False, "Supplemented: the applicant completed the dossier",
        ("Ngày bổ sung", "Ngày nhận bổ sung", "Thời điểm bổ sung"),
    ),
    RegisterColumn("closed_at", False, "Closed: the supplement never came", ("Ngày đóng hồ sơ",)),
    RegisterColumn("closure_reason", False, "reason of the closure", ("Lý do đóng hồ sơ",)),
    RegisterColumn(
        "verification_started_at", False, "VerificationStarted: a verification request was sent",
        ("Ngày gửi xác minh", "Ngày bắt đầu xác minh"),
    ),
    RegisterColumn("verification_reason", False, "reason of the verification", ("Lý do xác minh", "Nội dung xác minh")),
    RegisterColumn(
        "verification_ended_at", False, "VerificationEnded: the verification answer arrived",
        ("Ngày nhận kết quả xác minh", "Ngày kết thúc xác minh"),
    ),
    RegisterColumn(
        "extended_at", False, "Extended: the apology with a new appointment (once)",
        ("Ngày xin lỗi", "Ngày gia hạn", "Ngày phiếu xin lỗi"),
    ),
    RegisterColumn(
        "new_due", False, "the new appointment of the extension (date or moment)",
        ("Ngày hẹn lại", "Ngày hẹn mới", "Hẹn trả mới"),
    ),
    RegisterColumn("extension_reason", False, "reason of the extension", ("Lý do xin lỗi", "Lý do gia hạn")),
    RegisterColumn(
        "resolved_at", False, "Resolved: the result is ready (đã xử lý xong)",
        ("Ngày xử lý xong", "Ngày giải quyết", "Ngày có kết quả", "Ngày hoàn thành", "Thời điểm xử lý xong"),
    ),
    RegisterColumn(
        "returned_at", False, "Returned: the result was handed over (đã trả kết quả)",
        ("Ngày trả kết quả", "Ngày trả", "Thời điểm trả kết quả"),
    ),
    RegisterColumn("refused_at", False, "Refused after appraisal", ("Ngày từ chối", "Ngày từ chối giải quyết")),
    RegisterColumn("refusal_reason", False, "reason of the refusal", ("Lý do từ chối",)),
    RegisterColumn("withdrawn_at", False, "Withdrawn by the applicant", ("Ngày rút hồ sơ", "Ngày rút")),
    RegisterColumn("withdrawal_reason", False, "reason of the withdrawal", ("Lý do rút hồ sơ", "Lý do rút")),
)  # fmt: skip

_NAMES = tuple(c.name for c in REGISTER_COLUMNS)
_REQUIRED = tuple(c.name for c in REGISTER_COLUMNS if c.required)

# Event columns in lifecycle order (the order of events recorded at the same moment), with the
# reason column of each and how to build the event.
_EVENT_COLUMNS: tuple[tuple[str, type[Event], str | None], ...] = (
    ("supplement_requested_at", SupplementRequested, "supplement_reason"),
    ("supplemented_at", Supplemented, None),
    ("verification_started_at", VerificationStarted, "verification_reason"),
    ("verification_ended_at", VerificationEnded, None),
    ("extended_at", Extended, "extension_reason"),
    ("resolved_at", Resolved, None),
    ("returned_at", Returned, None),
    ("refused_at", Refused, "refusal_reason"),
    ("withdrawn_at", Withdrawn, "withdrawal_reason"),
    ("closed_at", Closed, "closure_reason"),
)
_RANK = {kind: rank for rank, (_, kind, _) in enumerate(_EVENT_COLUMNS)}

_YES = frozenset(("yes", "y", "true", "1", "x", "co"))
_NO = frozenset(("", "no", "n", "false", "0", "khong"))

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
# A one-digit hour after an ISO date ("2016-01-04 8:30"): datetime.fromisoformat wants two.
_ISO_SHORT_HOUR = re.compile(r"(\d{4}-\d{2}-\d{2}[T ])(\d)(?=:)")
# What a spreadsheet stores for a date: days since 1899-12-30, with the time as a fraction.
_SERIAL = re.compile(r"\d{5}(?:[.,]\d+)?")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T,]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?")
_HM_DMY = re.compile(r"(\d{1,2})[:h](\d{2})(?::(\d{2}))?,?\s+(\d{1,2})/(\d{1,2})/(\d{4})")


def _norm(header: str) -> str:
    """A header compared without diacritics, case or punctuation ("Mã TTHC" → "ma tthc")."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(header)).split())


_ALIASES: Mapping[str, str] = {
    _norm(alias): c.name for c in REGISTER_COLUMNS for alias in (c.name, *c.aliases)
}  # fmt: skip


def parse_moment(text: str) -> datetime | date:
    """A register's date or moment: a ``datetime`` (naive, Vietnam local time) or, without a time, a ``date``.

    >>> parse_moment("2016-01-04 08:30"), parse_moment("04/01/2016 08:30") == parse_moment("08:30 04/01/2016")
    (datetime.datetime(2016, 1, 4, 8, 30), True)
    >>> parse_moment("4/1/2016"), parse_moment("2016-01-04T08:30+00:00"), parse_moment("2016-01-04 8:30")
    (datetime.date(2016, 1, 4), datetime.datetime(2016, 1, 4, 15, 30), datetime.datetime(2016, 1, 4, 8, 30))
    >>> parse_moment("30/02/2016")
    Traceback (most recent call last):
    ...
    ValueError: '30/02/2016' is not a valid date (day is out of range for month)
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a str, got {type(text).__name__}")
    s = text.strip()
    try:
        if _ISO.match(s):
            if len(s) == 10:
                return date.fromisoformat(s)
            s = _ISO_SHORT_HOUR.sub(r"\g<1>0\g<2>", s, count=1)
            try:
                moment = datetime.fromisoformat(s)
            except ValueError:
                # The date part is well formed: say whether it is the date or the time that is wrong.
                date.fromisoformat(s[:10])
                raise ValueError("invalid time") from None
            if moment.tzinfo is not None and moment.utcoffset() is not None:
                moment = moment.astimezone(VN_TZ).replace(tzinfo=None)
            return moment
        m = _DMY.fullmatch(s)
        if m:
            d, mo, y, hh, mm, ss = m.groups()
            if hh is None:
                return date(int(y), int(mo), int(d))
            return datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0))
        m = _HM_DMY.fullmatch(s)
        if m:
            hh, mm, ss, d, mo, y = m.groups()
            return datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0))
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a valid date ({exc})") from None
    if _SERIAL.fullmatch(s):
        raise ValueError(
            f"{text!r} looks like a spreadsheet serial date number (Excel counts days from 1899-12-30), "
            "not a date; it is not guessed: format the column as text or as dd/mm/yyyy hh:mm before "
            "exporting the CSV (Excel: Format Cells → Custom → dd/mm/yyyy hh:mm)"
        )
    raise ValueError(
        f"{text!r} is not a date or moment; write 2016-01-04 08:30, 04/01/2016 08:30 or a date alone (04/01/2016)"
    )


@attrs.frozen
class RejectedRow:
    """A register row that was not read: its line number in the file (the header is line 1), why, and its cells.

    ``last_line`` is the row's last line: the same as ``line`` unless a quoted cell spans lines.
    """

    line: int
    reason: str
    raw: tuple[str, ...]
    last_line: int = attrs.field(default=attrs.Factory(lambda self: self.line, takes_self=True))


@attrs.frozen(repr=False)
class RegisterReadResult:
    """What :func:`read_register` read: the dossiers, the rejected rows, and how the header was understood."""

    dossiers: tuple[Dossier, ...]
    rejected: tuple[RejectedRow, ...]
    #: Canonical column → the header it was read from.
    columns: Mapping[str, str] = attrs.field(factory=dict)
    #: Headers of the file that no canonical column uses.
    ignored: tuple[str, ...] = ()
    #: Rows whose cells are all empty (spreadsheets export them): skipped, but counted here.
    blank_rows: int = 0

    @property
    def rows(self) -> int:
        """Data rows read (dossiers plus rejected rows; blank rows are not counted, see :attr:`blank_rows`)."""
        return len(self.dossiers) + len(self.rejected)

    def __repr__(self) -> str:
        blank = f", {self.blank_rows} blank rows skipped" if self.blank_rows else ""
        return f"<RegisterReadResult: {len(self.dossiers)} dossiers, {len(self.rejected)} rejected rows{blank}>"


# --------------------------------------------------------------------------- reading


class _Procedures:
    """Procedure versions by code and receipt date, looked up once per code (and errors once per date)."""

    def __init__(self, cat: Catalogue) -> None:
        self._cat = cat
        self._versions: dict[str, tuple[list[date], tuple[Procedure, ...]] | str] = {}
        self._errors: dict[tuple[str, date], str] = {}

    def get(self, code: str, day: date) -> Procedure | str:
        """The version in force on *day*, or the reason there is none."""
        entry = self._versions.get(code)
        if entry is None:
            try:
                versions = self._cat.versions(code)
            except UnknownProcedureError as exc:
                entry = str(exc)
            else:
                entry = ([v.valid_from for v in versions], versions)
            self._versions[code] = entry
        if isinstance(entry, str):
            return entry
        starts, versions = entry
        i = bisect.bisect_right(starts, day) - 1
        if i >= 0 and versions[i].in_force_on(day):
            return versions[i]
        key = (code, day)
        if key not in self._errors:
            try:
                self._cat.get(code, on=day)
            except NotInForceError as exc:
                self._errors[key] = str(exc)
            else:  # pragma: no cover - the bisect above mirrors Catalogue.get
                self._errors[key] = f"no version of {code} is in force on {day}"
        return self._errors[key]


_SEPARATORS = ((";", "';'", "';'"), ("\t", "'\\t'", "tab"), (",", "','", "','"), ("|", "'|'", "'|'"))


def _check_delimiter(header: list[str], delimiter: str) -> None:
    """A header of one cell holding another separator: the file was read with the wrong delimiter."""
    if len(header) != 1:
        return
    for separator, python, command_line in _SEPARATORS:
        if separator != delimiter and separator in header[0]:
            raise RegisterFormatError(
                f"the header has no {delimiter!r} but has {python}: the file looks {python}-separated; "
                f"pass delimiter={python} (command line: --delimiter {command_line})"
            )


def _resolve_header(header: list[str], mapping: Mapping[str, str] | None) -> dict[str, int]:
    """Canonical column → index in the row, from the header and an optional mapping."""
    cleaned = [unicodedata.normalize("NFC", h.strip().lstrip("\ufeff").strip()) for h in header]
    index: dict[str, int] = {}
    for name, wanted in (mapping or {}).items():
        if name not in _NAMES:
            raise RegisterFormatError(
                f"mapping: {name!r} is not a register column; the columns are {', '.join(_NAMES)}"
            )
        if not isinstance(wanted, str):
            raise RegisterFormatError(f"mapping: the header for {name} must be a string, got {wanted!r}")
        target = unicodedata.normalize("NFC", wanted.strip())
        hits = [i for i, h in enumerate(cleaned) if h == target] or [
            i for i, h in enumerate(cleaned) if _norm(h) == _norm(target)
        ]
        if not hits:
            raise RegisterFormatError(
                f"mapping: the header {wanted!r} given for {name} is not in the file; its headers are "
                + ", ".join(repr(h) for h in cleaned)
            )
        if len(hits) > 1:
            raise RegisterFormatError(f"mapping: the header {wanted!r} given for {name} occurs {len(hits)} times")
        index[name] = hits[0]
    claimed = set(index.values())
    found: dict[str, list[int]] = {}
    for i, h in enumerate(cleaned):
        canonical = _ALIASES.get(_norm(h))
        if canonical is not None and canonical not in index and i not in claimed:
            found.setdefault(canonical, []).append(i)
    for name, hits in found.items():
        if len(hits) > 1:
            both = " and ".join(repr(cleaned[i]) for i in hits)
            raise RegisterFormatError(
                f"the headers {both} both mean {name}; say which to use with a mapping, e.g. "
                f"mapping={{{name!r}: {cleaned[hits[0]]!r}}} (command line: --column {name}={cleaned[hits[0]]!r})"
            )
        index[name] = hits[0]
    missing = [n for n in _REQUIRED if n not in index]
    if missing:
        raise RegisterFormatError(
            f"the register has no column for {', '.join(missing)}; its headers are "
            + ", ".join(repr(h) for h in cleaned)
            + f"; name them with a mapping, e.g. mapping={{{missing[0]!r}: 'Header in the file'}} "
            f"(command line: --column {missing[0]}='Header in the file')"
        )
    return index


def _open_lines(source: Any, encoding: str) -> tuple[Iterable[str], Callable[[], object] | None]:
    """Text lines to read, and what to call when done (close a file opened here, release a wrapper)."""
    if isinstance(source, (str, os.PathLike)):
        f = open(source, encoding=encoding, newline="")  # noqa: SIM115 - closed by the caller
        return f, f.close
    if isinstance(source, (io.RawIOBase, io.BufferedIOBase)) or "b" in str(getattr(source, "mode", "")):
        wrapper = io.TextIOWrapper(source, encoding=encoding, newline="")
        return wrapper, wrapper.detach  # the caller's file stays open
    if isinstance(source, (str, bytes, bytearray)) or not isinstance(source, Iterable):
        raise TypeError(f"read_register() needs a path, a text file or a binary file, got {type(source).__name__}")
    return source, None


def _cell(cells: list[str], i: int | None) -> str:
    if i is None:
        return ""
    value = cells[i].strip()
    return value if value.isascii() else unicodedata.normalize("NFC", value)


def _event_moment(value: datetime | date, received: datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    start = datetime.combine(value, time())
    return received if value == received.date() and start < received else start


class _Reader:
    """Turns the rows of one register into dossiers or reasons, with the lookups cached."""

    def __init__(self, index: Mapping[str, int], cat: Catalogue, cal: WorkingCalendar) -> None:
        self.index = index
        self.procedures = _Procedures(cat)
        self.cal = cal
        self.first, self.last = cal.first_day, cal.last_day
        self.seen: dict[str, int] = {}
        self.channels: dict[str, Channel | None] = {}
        self.flags: dict[str, bool | None] = {}
        get = index.get
        self.i_code, self.i_procedure, self.i_received = get("code"), get("procedure"), get("received_at")
        self.i_channel, self.i_agency, self.i_verification = get("channel"), get("agency"), get("verification")
        self.i_new_due = get("new_due")
        # Only the event columns the file has (or their reason or new date, to reject them alone).
        self.events = [
            (column, kind, reason, get(column), get(reason) if reason else None)
            for column, kind, reason in _EVENT_COLUMNS
            if column in index or (reason and reason in index) or (kind is Extended and "new_due" in index)
        ]

    def channel(self, raw: str) -> Channel | None:
        if raw not in self.channels:
            try:
                self.channels[raw] = Channel.parse(raw)
            except ValueError:
                self.channels[raw] = None
        return self.channels[raw]

    def flag(self, raw: str) -> bool | None:
        if raw not in self.flags:
            folded = fold(raw)
            self.flags[raw] = True if folded in _YES else False if folded in _NO else None
        return self.flags[raw]

    def read(self, cells: list[str], line: int) -> Dossier | str:
        code = _cell(cells, self.i_code)
        try:
            return self._build(cells, code)
        finally:
            self.seen.setdefault(code, line)

    def _build(self, cells: list[str], code: str) -> Dossier | str:
        """The dossier of one row, or the reason it cannot be read."""
        problems: list[str] = []

        def moment(name: str, text: str) -> datetime | date | None:
            if not text:
                return None
            try:
                return parse_moment(text)
            except ValueError as exc:
                problems.append(f"{name}: {exc}")
                return None

        proc_code = _cell(cells, self.i_procedure)
        received_text = _cell(cells, self.i_received)
        for name, given in (("code", code), ("procedure", proc_code), ("received_at", received_text)):
            if not given:
                problems.append(f"{name}: missing (a required column)")
        if code and code in self.seen:
            problems.append(f"code: duplicate dossier code {code!r} (first on line {self.seen[code]})")
        received = moment("received_at", received_text)
        procedure: Procedure | None = None
        start: datetime | None = None
        if received is not None:
            day = received.date() if isinstance(received, datetime) else received
            if not self.first <= day <= self.last:
                problems.append(f"received_at: {day} is outside the calendar's range {self.first}..{self.last}")
            else:
                start = received if isinstance(received, datetime) else datetime.combine(received, time())
                if proc_code:
                    found = self.procedures.get(proc_code, day)
                    if isinstance(found, str):
                        problems.append(f"procedure: {found}")
                    else:
                        procedure = found
        channel: Channel | None = Channel.IN_PERSON
        raw = _cell(cells, self.i_channel)
        if raw:
            channel = self.channel(raw)
            if channel is None:
                problems.append(
                    f"channel: unknown channel {raw!r}; use online, in_person or postal "
                    "(Trực tuyến, Trực tiếp, Bưu chính)"
                )
        raw = _cell(cells, self.i_verification)
        verification = self.flag(raw) if raw else False
        if verification is None:
            problems.append(f"verification: {raw!r} is neither yes nor no (có/không)")
        elif verification and procedure is not None and procedure.verification_limit is None:
            problems.append(
                f"verification: {procedure.code} ({procedure.name}) has no separate time limit for verification"
            )
        events: list[Event] = []
        for column, kind, reason_column, i_at, i_reason in self.events:
            at_text = _cell(cells, i_at)
            reason = _cell(cells, i_reason)
            new_due_text = _cell(cells, self.i_new_due) if kind is Extended else ""
            if not at_text:
                if reason:
                    problems.append(f"{reason_column}: given without {column}")
                if new_due_text:
                    problems.append(f"new_due: given without {column}")
                continue
            value = moment(column, at_text)
            if value is None or start is None:
                continue
            at = _event_moment(value, start)
            if at < start:
                problems.append(f"{column}: {at:%Y-%m-%d %H:%M} is before received_at ({start:%Y-%m-%d %H:%M})")
            elif kind is Extended:
                new_due = moment("new_due", new_due_text)
                if not new_due_text:
                    problems.append(f"new_due: missing ({column} needs the new appointment)")
                elif new_due is not None:
                    events.append(Extended(at, new_due=new_due, reason=reason))
            else:
                events.append(_event(kind, at, reason))
        if problems:
            return "; ".join(problems)
        assert procedure is not None
        assert received is not None
        assert channel is not None
        assert verification is not None
        events.sort(key=lambda e: e.at)  # stable: same-moment events keep the lifecycle order
        agency = _cell(cells, self.i_agency) or None
        try:
            dossier = Dossier(procedure, received, channel, code, events, agency=agency, verification=verification)
            if any(type(e) is Extended for e in events):
                # The new appointment must lie after the due moment: only the timeline knows it.
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    dossier.timeline(self.cal)
        except DossierEventError as exc:
            return f"impossible sequence of events: {exc}"
        return dossier


def _iter_rows(
    lines: Iterable[str],
    mapping: Mapping[str, str] | None,
    delimiter: str,
    cat: Catalogue,
    cal: WorkingCalendar,
    header_out: list[Any],
    blank: list[int],
) -> Iterator[Dossier | RejectedRow]:
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise RegisterFormatError("the register is empty: it has no header row") from None
    except csv.Error as exc:
        raise _csv_error(exc, 1) from None
    # A register has three required columns, so a one-cell header is wrong whatever the mapping says.
    _check_delimiter(header, delimiter)
    index = _resolve_header(header, mapping)
    header_out.extend((index, header))
    width = len(header)
    rows = _Reader(index, cat, cal)
    line = reader.line_num + 1
    try:
        for cells in reader:
            row_line, line = line, reader.line_num + 1
            last_line = line - 1
            if len(cells) != width or last_line != row_line:
                # A quoted cell spanning lines is legitimate (a reason typed on two lines) unless a stray
                # quote made it swallow the rows that follow: those rows must not vanish into one.
                swallowed = _unbalanced_quote(cells, header, width, delimiter, row_line, last_line)
                if swallowed is not None:
                    yield RejectedRow(row_line, swallowed, tuple(cells), last_line)
                    continue
                if len(cells) != width:
                    if not any(c.strip() for c in cells):
                        blank[0] += 1  # a blank line
                        continue
                    yield RejectedRow(
                        row_line,
                        f"the row has {len(cells)} cells but the header has {width}; "
                        "check the delimiter and the quoting",
                        tuple(cells),
                        last_line,
                    )
                    continue
            outcome = rows.read(cells, row_line)
            if type(outcome) is str:
                if not any(c.strip() for c in cells):
                    blank[0] += 1  # a row of empty cells
                    continue
                yield RejectedRow(row_line, outcome, tuple(cells), last_line)
            else:
                assert isinstance(outcome, Dossier)
                yield outcome
    except csv.Error as exc:
        # Raised while reading the row that starts on *line* (the loop body never raises it).
        raise _csv_error(exc, line) from None


_QUOTE_HINT = 'remove the stray " or double it ("") inside a quoted cell, then read the file again'


def _csv_error(exc: csv.Error, line: int) -> RegisterFormatError:
    """The csv module's error as the register's, naming the line where the unreadable row starts."""
    if "field larger than field limit" in str(exc):
        # A quote that never closes reads the rest of the file into one cell, until the csv
        # module's limit on a cell's size stops it: the quote is in the row that starts here.
        return RegisterFormatError(
            f'line {line}: a quote (") in the row starting on this line opens a cell that never closes, '
            f"so the rest of the file was read into that one cell (an unbalanced quote; csv: {exc}); {_QUOTE_HINT}"
        )
    return RegisterFormatError(f"line {line}: the row starting on this line cannot be read as CSV ({exc})")


def _unbalanced_quote(
    cells: list[str], header: list[str], width: int, delimiter: str, first: int, last: int
) -> str | None:
    """Why a row with a cell holding a line break was read from a stray quote, or None if it looks legitimate.

    A stray quote reads the following rows into one cell: the row then has the wrong number of
    cells, or that cell holds lines as wide as a row (``width - 1`` delimiters).
    """
    opened = first
    for i, cell in enumerate(cells):
        breaks = cell.count("\n") + cell.count("\r") - cell.count("\r\n")
        if not breaks:
            continue
        rows_inside = any(part.count(delimiter) >= max(width - 1, 1) for part in cell.splitlines()[1:])
        if len(cells) != width or rows_inside:
            column = header[i].strip().lstrip("\ufeff") if i < len(header) else f"#{i + 1}"
            # A cell that ends with the line break ran to the end of the file: its quote never closed.
            closed = "never closes" if cell.endswith(("\n", "\r")) else f"does not close until line {opened + breaks}"
            if last > opened:
                span = f"lines {opened + 1}–{last}" if last > opened + 1 else f"line {last}"
                taken = f"so {span} went into that one cell instead of being read as rows"
            else:
                taken = "so the rest of the line went into that one cell"
            return (
                f"an unbalanced quote: the quoted cell of column {column!r} opened on line {opened} {closed}, "
                f"{taken}; {_QUOTE_HINT}"
            )
        opened += breaks
    return None


def _event(kind: type[Event], at: datetime, reason: str) -> Event:
    if kind is SupplementRequested:
        return SupplementRequested(at, reason=reason)
    if kind is VerificationStarted:
        return VerificationStarted(at, reason=reason)
    if kind is Refused:
        return Refused(at, reason=reason)
    if kind is Withdrawn:
        return Withdrawn(at, reason=reason)
    if kind is Closed:
        return Closed(at, reason=reason)
    return kind(at)


def read_register(
    path_or_file: RegisterSource,
    *,
    mapping: Mapping[str, str] | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8-sig",
    catalogue: Catalogue | None = None,
    calendar: WorkingCalendar | None = None,
) -> RegisterReadResult:
    """Read a one-stop register exported as CSV into dossiers; bad rows are rejected with their reasons.

    *path_or_file* is a path, a text file (opened with ``newline=""``) or any iterable of text lines,
    or a binary file (decoded with *encoding*; the default ``utf-8-sig`` drops Excel's BOM).
    *mapping* names the header of canonical columns the default headers do not match
    (``{"received_at": "Ngày nộp"}``). Procedures are looked up in *catalogue* (default: the
    shipped one) at each receipt date; *calendar* (default: the Vietnamese one) checks that an
    extension's new appointment lies after the due date.

    Raises :class:`RegisterFormatError` when the file as a whole cannot be read (no header, a
    required column missing, two headers for one column, a bad mapping).

    >>> import io
    >>> result = read_register(io.StringIO("so;thu tuc;nhan\\nA-1;1.004873;2016-01-04 08:00\\n"),
    ...                        mapping={"code": "so", "procedure": "thu tuc", "received_at": "nhan"}, delimiter=";")
    >>> result, result.dossiers[0].timeline().due_date
    (<RegisterReadResult: 1 dossiers, 0 rejected rows>, datetime.date(2016, 1, 7))
    """
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise ValueError(f"delimiter must be one character such as ',' or ';', got {delimiter!r}")
    cat = _shipped_catalogue() if catalogue is None else catalogue
    cal = vietnam_calendar() if calendar is None else calendar
    lines, done = _open_lines(path_or_file, encoding)
    dossiers: list[Dossier] = []
    rejected: list[RejectedRow] = []
    header_out: list[Any] = []
    blank = [0]
    try:
        for item in _iter_rows(lines, mapping, delimiter, cat, cal, header_out, blank):
            if type(item) is Dossier:
                dossiers.append(item)
            else:
                assert isinstance(item, RejectedRow)
                rejected.append(item)
    finally:
        if done is not None:
            done()
    index, header = header_out
    used = set(index.values())
    return RegisterReadResult(
        dossiers=tuple(dossiers),
        rejected=tuple(rejected),
        columns={name: header[i].strip().lstrip("\ufeff") for name, i in sorted(index.items(), key=lambda kv: kv[1])},
        ignored=tuple(h.strip().lstrip("\ufeff") for i, h in enumerate(header) if i not in used),
        blank_rows=blank[0],
    )


# --------------------------------------------------------------------------- writing


def _format(value: datetime | date) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None and value.utcoffset() is not None:
            value = value.astimezone(VN_TZ).replace(tzinfo=None)
        if value.second == 0 and value.microsecond == 0:
            return value.strftime("%Y-%m-%d %H:%M")
        return value.isoformat(" ")
    return value.isoformat()


def _row_of(d: Dossier, position: int) -> list[str]:
    who = f"dossier {d.code!r}" if d.code else f"dossier #{position}"
    if not d.code:
        raise RegisterFormatError(f"{who} has no code; a register needs a unique code for every dossier")
    row = dict.fromkeys(_NAMES, "")
    row.update(
        code=d.code,
        procedure=d.procedure.code,
        received_at=_format(d.received_at),
        channel=d.channel.value,
        agency=d.agency or "",
        verification="yes" if d.verification else "no",
    )
    columns = {kind: (column, reason) for column, kind, reason in _EVENT_COLUMNS}
    for e in d.events:
        if type(e) not in columns:
            raise RegisterFormatError(
                f"{who} has a {type(e).__name__} event; a register row has no column for it "
                f"(its event columns are {', '.join(c for c, _, _ in _EVENT_COLUMNS)})"
            )
        column, reason_column = columns[type(e)]
        if row[column]:
            raise RegisterFormatError(f"{who} has more than one {type(e).__name__} event; a register row holds one")
        row[column] = _format(e.at)
        if reason_column:
            row[reason_column] = str(getattr(e, "reason", ""))
        if isinstance(e, Extended):
            row["new_due"] = _format(e.new_due)
    order = sorted(d.events, key=lambda e: (_moment_key(e.at), _RANK[type(e)]))
    if order != list(d.events):
        raise RegisterFormatError(
            f"{who} has events at the same moment in an order a register row cannot keep "
            "(same-moment events are read in lifecycle order)"
        )
    return [row[name] for name in _NAMES]


def _moment_key(at: datetime) -> datetime:
    return at.astimezone(VN_TZ).replace(tzinfo=None) if at.tzinfo is not None and at.utcoffset() is not None else at


def write_register(
    dossiers: Iterable[Dossier], path_or_file: str | os.PathLike[str] | IO[str], *, delimiter: str = ","
) -> int:
    """Write *dossiers* as a register with the canonical columns; returns the number of rows written.

    A path is written in UTF-8 with a BOM (so spreadsheet programs show Vietnamese correctly);
    a text file should be opened with ``newline=""``. Moments are written in Vietnam local time.
    Raises :class:`RegisterFormatError` for a dossier a row cannot hold (no code, a hand-over to
    another agency, two events of one kind); nothing is dropped silently.

    >>> import io
    >>> from datetime import datetime
    >>> from motcua import Dossier, Resolved
    >>> out = io.StringIO()
    >>> write_register([Dossier("1.004873", datetime(2016, 1, 4, 8, 0), code="A-1",
    ...                         events=[Resolved(datetime(2016, 1, 6, 10, 0))])], out)
    1
    >>> read_register(io.StringIO(out.getvalue())).dossiers[0].events
    (Resolved(at=datetime.datetime(2016, 1, 6, 10, 0)),)
    """
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise ValueError(f"delimiter must be one character such as ',' or ';', got {delimiter!r}")
    rows = (_row_of(d, i) for i, d in enumerate(dossiers, 1))
    if not isinstance(path_or_file, (str, os.PathLike)):
        return _write_rows(path_or_file, rows, delimiter)
    # Into a temporary file first: a dossier that cannot be written leaves no half-written register.
    target = os.fspath(path_or_file)
    temporary = f"{target}.part"
    try:
        with open(temporary, "w", encoding="utf-8-sig", newline="") as f:
            count = _write_rows(f, rows, delimiter)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return count


def _write_rows(f: IO[str], rows: Iterable[list[str]], delimiter: str) -> int:
    writer = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(_NAMES)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
