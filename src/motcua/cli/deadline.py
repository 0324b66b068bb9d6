"""``motcua deadline CODE-OR-NAME --received MOMENT [--verification] [--channel C] [--json] [--lang vi|en]``.

Finds the procedure by national code or by name words, computes the appointment on the
Vietnamese civil-service calendar with the version in force on the receipt date, and prints the
procedure, its time limit, the due moment and how it was reached.

This module also holds the helpers the procedure commands share (levels, version spans, finding
a procedure by code or name).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime, time
from typing import Any

from motcua._data import fold
from motcua.procedures import Catalogue, Procedure, UnknownProcedureError, catalogue
from motcua.timelimits import ClockHours, Deadline, SameDay, WorkingHours
from motcua.vietnamese import format_date, nfc, weekday_name

from ._common import MOMENT_FORMATS, Notes, exit_codes, moment_argument

__all__ = ["register"]

_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Vietnamese names of the catalogue's levels, shared by the deadline and procedures commands.
LEVELS_VI = {
    "commune": "cấp xã",
    "district": "cấp huyện",
    "province": "cấp tỉnh",
    "ministry": "cấp bộ",
    "inter-agency": "liên thông",
}
_CHANNELS_VI = {"online": "Trực tuyến", "in_person": "Trực tiếp", "postal": "Dịch vụ bưu chính"}
_CODE_LIKE = re.compile(r"[A-Za-z]{0,3}[\d.\-]+")


# --------------------------------------------------------------------------- shared helpers


def version_span(p: Procedure, lang: str = "vi") -> str:
    """``từ 01/01/2016 đến 28/02/2027`` (``from … to …``), or ``từ 01/03/2027`` when open-ended."""
    start = format_date(p.valid_from)
    if lang == "en":
        return f"from {start}" + (f" to {format_date(p.valid_until)}" if p.valid_until else "")
    return f"từ {start}" + (f" đến {format_date(p.valid_until)}" if p.valid_until else "")


def weekday(day: date, lang: str) -> str:
    return _WEEKDAYS_EN[day.weekday()] if lang == "en" else weekday_name(day)


# --------------------------------------------------------------------------- finding the procedure


class _Ambiguous(Exception):
    def __init__(self, text: str, matches: list[Procedure]) -> None:
        super().__init__(text)
        self.text = text
        self.matches = matches


def find_procedure(cat: Catalogue, text: str) -> Procedure:
    """The procedure a user means by a code or by name words (the newest version; pick the date's after).

    An exact code wins; then a name equal to the words (without diacritics); then the only
    search match. Several matches raise ``_Ambiguous``; none raises the catalogue's
    :class:`UnknownProcedureError` with its suggestions.
    """
    text = " ".join(nfc(text).split())
    if text in cat:
        return cat.get(text)
    if not _CODE_LIKE.fullmatch(text):
        matches = cat.search(text)
        exact = [p for p in matches if fold(p.name) == fold(text)]
        if len(exact) == 1:
            return exact[0]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise _Ambiguous(text, matches)
    try:
        return cat.get(text)
    except UnknownProcedureError as exc:
        raise UnknownProcedureError(
            f"không tìm thấy thủ tục {text!r} ({exc}); tra danh mục bằng: motcua procedures --search TỪ_KHÓA",
            exc.code,
            exc.suggestions,
        ) from None


def print_ambiguous(exc: _Ambiguous) -> int:
    print(
        f"motcua: lỗi: “{exc.text}” khớp {len(exc.matches)} thủ tục; hãy ghi mã thủ tục "
        "(several procedures match; pass a code):",
        file=sys.stderr,
    )
    for p in exc.matches:
        print(f"  {p.code:<14} {p.name}", file=sys.stderr)
    return 1


# --------------------------------------------------------------------------- the command


def _due_text(d: Deadline, lang: str) -> str:
    due = d.due_at.replace(tzinfo=None)
    when = f"{weekday(due.date(), lang)} {format_date(due.date())}"
    if due.time() == time.max:
        return f"by the end of {when}" if lang == "en" else f"hết ngày {when}"
    return f"{due:%H:%M} {when}"


def _received_text(received: datetime | date, lang: str) -> str:
    if isinstance(received, datetime):
        return f"{received:%H:%M} {weekday(received.date(), lang)} {format_date(received.date())}"
    unknown = "time not given" if lang == "en" else "không ghi giờ"
    return f"{weekday(received, lang)} {format_date(received)} ({unknown})"


def _record(
    procedure: Procedure, d: Deadline, received: datetime | date, verification: bool, lang: str, notes: Notes
) -> dict[str, Any]:
    due = d.due_at.replace(tzinfo=None)
    return {
        "procedure": {
            "code": procedure.code,
            "name": procedure.name,
            "name_en": procedure.name_en,
            "field": procedure.field,
            "level": procedure.level,
            "valid_from": procedure.valid_from.isoformat(),
            "valid_until": procedure.valid_until.isoformat() if procedure.valid_until else None,
            "certainty": procedure.certainty,
            "legal_basis": [ref.citation for ref in procedure.legal],
        },
        "verification": verification,
        "time_limit": d.limit.label("vi"),
        "time_limit_en": d.limit.label("en"),
        "received": received.isoformat(),
        "received_time_known": isinstance(received, datetime),
        "receipt_day": d.receipt_day.isoformat(),
        "deemed": d.deemed,
        "due_date": d.date.isoformat(),
        "due_at": due.isoformat(),
        "due_end_of_day": due.time() == time.max,
        "estimated": d.estimated,
        "lang": lang,
        "explanation": d.explain("en" if lang == "en" else "vi"),
        "notes": notes.lines(),
    }


def _cmd_deadline(args: argparse.Namespace) -> int:
    received: datetime | date = args.received
    day = received.date() if isinstance(received, datetime) else received
    lang: str = args.lang
    cat = catalogue()
    try:
        newest = find_procedure(cat, " ".join(args.procedure))
    except _Ambiguous as exc:
        return print_ambiguous(exc)
    procedure = cat.get(newest.code, on=day)
    notes: Notes = args.notes
    d = procedure.deadline(received, verification=args.verification)
    explanation = d.explain("en" if lang == "en" else "vi")
    time_matters = (
        isinstance(d.limit, (WorkingHours, ClockHours))
        or (isinstance(d.limit, SameDay) and d.limit.cutoff is not None)
        or procedure.receipt_cutoff is not None  # e.g. 15:00 for the joined-up birth procedure
    )
    if not isinstance(received, datetime) and time_matters:
        notes.add(
            "thời hạn này phụ thuộc giờ tiếp nhận; khi chỉ có ngày, thư viện coi như tiếp nhận trong giờ làm việc "
            f'ngày đó – hãy ghi cả giờ, ví dụ --received "{format_date(received)} 15:30"'
        )
    if args.json:
        print(json.dumps(_record(procedure, d, received, args.verification, lang, notes), ensure_ascii=False, indent=2))
        return 0
    en = lang == "en"
    span = version_span(procedure, lang)
    level = procedure.level if en else LEVELS_VI.get(procedure.level, procedure.level)
    name = f"{procedure.name} ({procedure.name_en})" if en and procedure.name_en else procedure.name
    limit = d.limit.label("en" if en else "vi")
    if args.verification:
        limit += " (with verification)" if en else " (trường hợp cần xác minh)"
    lines = [
        f"{'Procedure' if en else 'Thủ tục'}: {procedure.code} – {name}",
        (
            f"Version in force: {span} ({procedure.field}, {level})"
            if en
            else f"Phiên bản áp dụng: {span} ({procedure.field}, {level})"
        ),
        f"{'Time limit' if en else 'Thời hạn giải quyết'}: {limit}",
        f"{'Received' if en else 'Tiếp nhận'}: {_received_text(received, lang)}",
        f"{'Due' if en else 'Hạn trả kết quả'}: {_due_text(d, lang)}",
    ]
    if args.channel:
        channel = args.channel if en else _CHANNELS_VI[args.channel]
        lines.append(
            f"Channel: {channel} (the library's default conventions give every channel the same deadline)"
            if en
            else f"Kênh nộp: {channel} (theo quy ước mặc định của thư viện, kênh nộp không làm thay đổi hạn)"
        )
    lines += ["", "How it was computed:" if en else "Cách tính:", explanation]
    print("\n".join(lines))
    return 0


def _words(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("cần mã thủ tục hoặc tên (a procedure code or name words), không để trống")
    return text


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``deadline`` subcommand to the ``motcua`` parser's subparsers."""
    cmd = commands.add_parser(
        "deadline",
        parents=[common],
        help="the appointment (hạn trả kết quả) of a procedure for a receipt moment, explained",
        description=(
            "Compute the appointment of a dossier on the Vietnamese civil-service calendar, with the version of "
            "the procedure in force on the receipt date, and explain how it was reached."
        ),
        epilog=(
            "The receipt moment is Vietnam local time, whatever the computer's time zone. A date without a time "
            "means the hour is unknown: the library then counts the dossier as received during office hours that "
            "day, so a same-day limit's 15:00 cut-off is not applied and an hour limit counts from the start of the "
            "day; give the time when it matters. "
            + exit_codes()
            + " Status 1 here: an unknown or ambiguous procedure, or no version in force on the date."
        ),
    )
    cmd.add_argument(
        "procedure",
        nargs="+",
        type=_words,
        metavar="CODE-OR-NAME",
        help="national procedure code (1.001193) or words of its name, with or without diacritics",
    )
    cmd.add_argument(
        "--received",
        required=True,
        type=moment_argument("--received"),
        metavar="MOMENT",
        help=f"when the complete dossier was accepted, Vietnam local time: {MOMENT_FORMATS}, or a date alone",
    )
    cmd.add_argument(
        "--verification", action="store_true", help="the case needs verification: use the procedure's longer limit"
    )
    cmd.add_argument(
        "--channel",
        choices=("online", "in_person", "postal"),
        help="how it was submitted; shown only: under the default conventions it does not change the deadline",
    )
    cmd.add_argument("--lang", choices=("vi", "en"), default="vi", help="language of the output (default vi)")
    cmd.add_argument("--json", action="store_true", help="print JSON instead of text")
    cmd.set_defaults(handler=_cmd_deadline, command_parser=cmd)
