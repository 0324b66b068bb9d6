"""``motcua report REGISTER.csv --from DATE --to DATE``: report form 06 and the on-time rates of a register.

Reads a one-stop register exported as CSV (columns: :mod:`motcua.registers`), builds a dossier per
row, judges every dossier and prints form 06 (Biểu số 06/VPCP/KSTT) with all its columns, the three
official on-time rates with their 95 % intervals, optionally a table by procedure, channel, field
or agency, and then every rejected row with its line number and reason.

Exit status: 0 every row was read; 3 some rows were rejected (the report counts the others);
1 an error, or ``--strict`` and a rejected row (nothing is computed); 2 a usage error (among them
``--to`` before ``--from``, and ``--as-of`` before ``--from``: nothing of the period would be known
yet, so every count would be a meaningless zero).
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import os
import sys
import textwrap
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from datetime import time as clock
from typing import IO, Any, TextIO

from motcua.dossiers import Dossier
from motcua.procedures import catalogue
from motcua.registers import RegisterReadResult, read_register
from motcua.reports import FORM_06_COLUMNS, PeriodReport, period_report
from motcua.stats import Proportion, shown_percent
from motcua.vietnamese import format_date, format_number

from ._common import Notes, UsageError, date_argument, moment_argument, number, percent

__all__ = ["register"]

#: Exit status when some rows were rejected but the others were reported.
EXIT_REJECTED_ROWS = 3
#: Progress is shown on a terminal once a register has more rows than this.
PROGRESS_MIN_ROWS = 20_000
_PROGRESS_EVERY = 0.2  # seconds between two progress lines

#: The three official rates: attribute, Vietnamese name, formula over form 06's columns.
_RATES = (
    ("on_time_rate", "Biểu 06", "(8 + 9) ÷ (7)"),
    ("on_time_rate_received", "Trên số tiếp nhận (Nghị định 61/2018 Đ.30 k.2 đ.c)", "(8 + 9) ÷ (3)"),
    ("progress_rate_766", "Bộ chỉ số 766, chỉ số 2.1", "(8 + 9 + 12) ÷ (7 + 11)"),
)
_CHANNELS_VI = {"online": "Trực tuyến", "in_person": "Trực tiếp", "postal": "Bưu chính"}
_SUB_COLUMNS = {4, 5, 6, 8, 9, 10, 12, 13}


# --------------------------------------------------------------------------- progress


class _Progress:
    """A one-line progress display on a terminal's stderr for long registers; silent otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.on = stream.isatty()
        self.shown = False
        self.last = 0.0

    def show(self, text: str, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.last >= _PROGRESS_EVERY:
            self.last = now
            self.shown = True
            self.stream.write(f"\r\x1b[Kmotcua: {text}")
            self.stream.flush()

    def lines(self, lines: Iterable[str], raw: IO[bytes], size: int) -> Iterator[str]:
        for count, line in enumerate(lines, 1):
            if count > PROGRESS_MIN_ROWS:
                share = f"{min(99, raw.tell() * 100 // size)} %, " if size else ""
                self.show(f"đọc sổ hồ sơ… {share}{format_number(count)} dòng", force=count == PROGRESS_MIN_ROWS + 1)
            yield line

    def dossiers(self, dossiers: tuple[Dossier, ...]) -> Iterator[Dossier]:
        n = len(dossiers)
        if not self.on or n <= PROGRESS_MIN_ROWS:
            yield from dossiers
            return
        for i, d in enumerate(dossiers, 1):
            if i % 1000 == 1:
                self.show(
                    force=i == 1,
                    text=f"tính thời hạn từng hồ sơ… {i * 100 // n} % ({format_number(i)}/{format_number(n)})",
                )
            yield d

    def done(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


# --------------------------------------------------------------------------- reading


def _mapping(args: argparse.Namespace) -> dict[str, str]:
    mapping: dict[str, str] = {}
    if args.map:
        try:
            with open(args.map, encoding="utf-8-sig") as f:
                loaded = json.load(f)
        except OSError as exc:
            raise OSError(f"không mở được tệp ánh xạ cột {args.map}: {exc.strerror}") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"{args.map} không phải JSON hợp lệ ({exc})") from None
        except RecursionError:
            raise ValueError(
                f"{args.map}: JSON lồng nhau quá sâu (nested too deeply); cần một đối tượng phẳng"
            ) from None
        if not isinstance(loaded, dict) or not all(isinstance(v, str) for v in loaded.values()):
            raise ValueError(
                f'{args.map} phải là một đối tượng JSON {{"cột chuẩn": "tiêu đề trong tệp"}}, '
                'ví dụ {"code": "Số hồ sơ", "received_at": "Ngày nộp"}'
            )
        mapping.update(loaded)
    for name, header in args.column or ():
        mapping[name] = header
    return mapping


def _column(item: str) -> tuple[str, str]:
    """``--column NAME=HEADER``."""
    name, sep, header = item.partition("=")
    if not sep or not name.strip() or not header.strip():
        raise argparse.ArgumentTypeError(f"{item!r}: viết cột_chuẩn=Tiêu đề, ví dụ --column received_at='Ngày nộp'")
    return name.strip(), header.strip()


def _delimiter(text: str) -> str:
    if text.lower() in ("\\t", "tab"):
        return "\t"
    if len(text) != 1:
        raise argparse.ArgumentTypeError(f"nhận một ký tự như , hoặc ; (hoặc tab), không phải {text!r}")
    return text


def _encoding(text: str) -> str:
    try:
        codecs.lookup(text)
    except LookupError:
        raise argparse.ArgumentTypeError(f"không biết mã hóa {text!r}; dùng utf-8-sig, utf-16 hoặc cp1258") from None
    return text


def _read(args: argparse.Namespace, progress: _Progress) -> RegisterReadResult:
    delimiter: str = args.delimiter
    mapping = _mapping(args)
    try:
        raw = open(args.register, "rb")  # noqa: SIM115 - closed below, with the text wrapper
    except OSError as exc:
        raise OSError(f"không mở được sổ hồ sơ {args.register}: {exc.strerror}") from None
    text = io.TextIOWrapper(raw, encoding=args.encoding, newline="")
    try:
        size = os.fstat(raw.fileno()).st_size
        lines: Iterable[str] = progress.lines(text, raw, size) if progress.on else text
        return read_register(lines, mapping=mapping or None, delimiter=delimiter)
    except UnicodeError as exc:
        why = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
        raise ValueError(
            f"{args.register} không đọc được bằng mã hóa {args.encoding} ({why}); "
            "thử --encoding utf-16 hoặc --encoding cp1258"
        ) from None
    finally:
        text.close()


# --------------------------------------------------------------------------- output


def _rate_text(rate: Proportion | None) -> str:
    if rate is None:
        return "– (không có hồ sơ để tính)"
    low, high = rate.interval()
    return (
        f"{percent(rate.value)} % ({number(rate.successes)}/{number(rate.n)}; "
        f"KTC 95 %: {percent(low, rounding='down')} – {percent(high, rounding='up')} %)"
    )


def _rate_record(rate: Proportion | None, name: str, formula: str) -> dict[str, Any] | None:
    if rate is None:
        return None
    low, high = rate.interval()
    return {
        "successes": rate.successes,
        "n": rate.n,
        "value": rate.value,
        "percent": float(shown_percent(rate.value, 2)),  # as printed: never 100.0 unless it is
        "interval": [low, high],
        "confidence": 0.95,
        "method": "wilson",
        "label": name,
        "formula": formula,
    }


def _moment_text(moment: datetime) -> str:
    if moment.time() == clock.max:
        return f"hết ngày {format_date(moment.date())}"
    return f"{moment:%H:%M} {format_date(moment.date())}"


def _group_label(by: str, key: Any) -> str:
    if key is None:
        return "(không ghi)"
    if by == "channel":
        return f"{_CHANNELS_VI.get(str(key), str(key))}"
    return str(key)


def _group_name(by: str, key: Any) -> str:
    if by == "procedure" and isinstance(key, str) and key in catalogue():
        return catalogue().get(key).name
    return ""


def _group_table(report: PeriodReport, by: str) -> list[str]:
    numbers = [num for num, _, _ in FORM_06_COLUMNS]
    rows = [(_group_label(by, k), g, _group_name(by, k)) for k, g in report.groups.items()]
    label_width = max([len("Nhóm"), *(len(label) for label, _, _ in rows)])
    widths = [
        max(len(f"({num})"), *(len(format_number(getattr(g, name))) for _, g, _ in rows))
        for num, name, _ in FORM_06_COLUMNS
    ]
    head = "  ".join(f"({num})".rjust(w) for num, w in zip(numbers, widths, strict=True))
    lines = [f"  {'Nhóm'.ljust(label_width)}  {head}  {'(8+9)÷(7)':>9}"]
    for label, g, name in rows:
        cells = "  ".join(
            format_number(getattr(g, attr)).rjust(w) for (_, attr, _), w in zip(FORM_06_COLUMNS, widths, strict=True)
        )
        rate = g.on_time_rate
        pct = "–" if rate is None else f"{percent(rate.value)} %"
        lines.append(f"  {label.ljust(label_width)}  {cells}  {pct:>9}" + (f"  {name}" if name else ""))
    return lines


def _text(args: argparse.Namespace, result: RegisterReadResult, report: PeriodReport) -> list[str]:
    outside = len(result.dossiers) - report.received
    lines = [
        f"Biểu số 06/VPCP/KSTT – kỳ báo cáo {format_date(report.start)} – {format_date(report.end)}, "
        f"số liệu tính đến {_moment_text(report.as_of)}",
        f"Sổ hồ sơ: {args.register} – {number(result.rows)} dòng dữ liệu: "
        f"{number(len(result.dossiers))} hồ sơ đọc được, {number(len(result.rejected))} dòng bị loại"
        + (f"; {number(result.blank_rows)} dòng trống được bỏ qua" if result.blank_rows else ""),
    ]
    used = ", ".join(name if header == name else f"{name} ← “{header}”" for name, header in result.columns.items())
    lines += textwrap.wrap(f"Cột đã dùng (columns): {used}", 110, subsequent_indent="  ")
    if result.ignored:
        lines += textwrap.wrap("Bỏ qua cột (ignored): " + ", ".join(f"“{h}”" for h in result.ignored), 110,
                               subsequent_indent="  ")  # fmt: skip
    lines.append("")
    width = max(len(label) + (2 if num in _SUB_COLUMNS else 0) for num, _, label in FORM_06_COLUMNS)
    for num, name, label in FORM_06_COLUMNS:
        indent = "  " if num in _SUB_COLUMNS else ""
        lines.append(f"  {f'({num})':>4} {(indent + label).ljust(width)}  {format_number(getattr(report, name)):>9}")
    lines += [
        "",
        f"Ngoài biểu: từ chối giải quyết (đã tính trong số đã giải quyết) {format_number(report.refused)}; "
        f"quá hạn có phiếu xin lỗi {format_number(report.late_apologised)}; "
        f"công dân rút hồ sơ {format_number(report.withdrawn)}; đóng hồ sơ {format_number(report.closed)}; "
        f"chênh lệch {format_number(report.residual)}.",
    ]
    if outside:
        lines.append(
            f"Không thuộc kỳ báo cáo: {format_number(outside)} hồ sơ (nhận sau thời điểm báo cáo hoặc đã kết thúc "
            "trước kỳ)."
        )
    lines += ["", "Tỷ lệ đúng hạn (on-time rates; khoảng tin cậy 95 %, phương pháp Wilson):"]
    labels = [f"{name}: {formula}" for _, name, formula in _RATES]
    width = max(len(label) for label in labels)
    for (attr, _, _), label in zip(_RATES, labels, strict=True):
        lines.append(f"  {label.ljust(width)}  {_rate_text(getattr(report, attr))}")
    points = report.timeliness_points_766
    if points is not None:
        lines.append(f"  Điểm chỉ số 2.1 (Bộ chỉ số 766): {format_number(points)}/20")
    if args.by:
        lines += ["", f"Theo {_BY_VI[args.by]} (by {args.by}):", *_group_table(report, args.by)]
    lines += ["", *_rejected_lines(result)]
    return lines


_BY_VI = {"procedure": "thủ tục", "channel": "kênh nộp", "field": "lĩnh vực", "agency": "cơ quan giải quyết"}


def _span(first: int, last: int) -> str:
    return str(first) if last == first else f"{first}–{last}"


def _rejected_lines(result: RegisterReadResult) -> list[str]:
    if not result.rejected:
        return ["Dòng bị loại (rejected rows): không có."]
    lines = [f"Dòng bị loại (rejected rows): {format_number(len(result.rejected))} – không được tính vào báo cáo"]
    lines += [f"  dòng {_span(row.line, row.last_line)}: {row.reason}" for row in result.rejected]
    return lines


def _json(args: argparse.Namespace, result: RegisterReadResult, report: PeriodReport, notes: Notes) -> dict[str, Any]:
    def counts(r: PeriodReport) -> dict[str, Any]:
        return {
            "form_06": [
                {"column": num, "name": name, "label": label, "value": getattr(r, name)}
                for num, name, label in FORM_06_COLUMNS
            ],
            "other": {
                "refused": r.refused,
                "late_apologised": r.late_apologised,
                "withdrawn": r.withdrawn,
                "closed": r.closed,
                "residual": r.residual,
            },
            "rates": {attr: _rate_record(getattr(r, attr), name, formula) for attr, name, formula in _RATES},
            "timeliness_points_766": r.timeliness_points_766,
        }

    return {
        "register": str(args.register),
        "period": {"from": report.start.isoformat(), "to": report.end.isoformat(), "as_of": report.as_of.isoformat()},
        "columns": dict(result.columns),
        "ignored_columns": list(result.ignored),
        "rows": {
            "read": result.rows,
            "dossiers": len(result.dossiers),
            "rejected": len(result.rejected),
            "blank": result.blank_rows,
            "outside_period": len(result.dossiers) - report.received,
        },
        **counts(report),
        "by": args.by,
        "groups": [
            {"group": key, "name": _group_name(args.by, key) or None, **counts(g)} for key, g in report.groups.items()
        ],
        "rejected": [
            {"line": r.line, "last_line": r.last_line, "reason": r.reason, "raw": list(r.raw)} for r in result.rejected
        ],
        "notes": notes.lines(),
    }


# --------------------------------------------------------------------------- the command


def _cmd_report(args: argparse.Namespace) -> int:
    start: date = args.start
    end: date = args.end
    notes: Notes = args.notes
    if end < start:
        raise UsageError(f"--to ({format_date(end)}) đứng trước --from ({format_date(start)})")
    as_of: datetime | date | None = args.as_of
    if as_of is not None and (as_of.date() if isinstance(as_of, datetime) else as_of) < start:
        raise UsageError(
            f"--as-of ({format_date(as_of)}) đứng trước đầu kỳ --from ({format_date(start)}): tại thời điểm đó chưa "
            "có hồ sơ nào của kỳ, mọi cột sẽ bằng 0 (as of a moment before the period, nothing of it is known)"
        )
    progress = _Progress(sys.stderr)
    try:
        result = _read(args, progress)
        if result.rejected and args.strict:
            progress.done()
            for line in _rejected_lines(result):
                print(line, file=sys.stderr)
            print(
                f"motcua: lỗi: {number(len(result.rejected))} dòng bị loại; --strict dừng lại trước khi tính báo cáo "
                f"(bỏ --strict để báo cáo các dòng còn lại, mã thoát {EXIT_REJECTED_ROWS})",
                file=sys.stderr,
            )
            return 1
        report = period_report(progress.dossiers(result.dossiers), start, end, as_of=as_of, by=args.by)
    finally:
        progress.done()
    if args.json:
        print(json.dumps(_json(args, result, report, notes), ensure_ascii=False, indent=2, default=str))
    else:
        print("\n".join(_text(args, result, report)))
    if result.rejected:
        print(
            f"motcua: {number(len(result.rejected))} dòng bị loại (xem danh sách cuối báo cáo); "
            f"mã thoát {EXIT_REJECTED_ROWS}",
            file=sys.stderr,
        )
        return EXIT_REJECTED_ROWS
    return 0


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``report`` subcommand to the ``motcua`` parser's subparsers."""
    cmd = commands.add_parser(
        "report",
        parents=[common],
        help="report form 06 and the on-time rates of a one-stop register exported as CSV",
        description=(
            "Read a one-stop register (CSV, one row per dossier), judge every dossier against its deadline and "
            "print report form 06 (Biểu số 06/VPCP/KSTT) with the three on-time rates and their 95 % intervals. "
            "Columns: code, procedure, received_at (required); channel, agency, verification, resolved_at, "
            "returned_at, refused_at, withdrawn_at, supplement_requested_at, supplemented_at, closed_at, "
            "verification_started_at, verification_ended_at, extended_at, new_due and the *_reason columns "
            "(see the motcua.registers documentation). Common Vietnamese headers (Mã hồ sơ, Mã TTHC, Ngày nhận, "
            "Kênh nộp, Ngày trả kết quả …) are recognised; --map or --column name the others."
        ),
        epilog=(
            "Exit status (mã thoát): 0 every row was read; 3 some rows were rejected (each is listed with its line "
            "number and reason; the report counts the others); 1 an error (unreadable file, missing column), or "
            "--strict with a rejected row (no report); 2 a usage error (among them --to before --from, or --as-of "
            "before --from). Rows whose cells are all empty are skipped and counted."
        ),
    )
    cmd.add_argument("register", metavar="REGISTER.csv", help="the register exported as CSV")
    cmd.add_argument(
        "--from", dest="start", required=True, type=date_argument("--from"), metavar="DATE", help="first day"
    )
    cmd.add_argument("--to", dest="end", required=True, type=date_argument("--to"), metavar="DATE", help="last day")
    cmd.add_argument(
        "--as-of",
        type=moment_argument("--as-of"),
        metavar="MOMENT",
        help="when the report is made (events after it are not known yet); default: the end of --to",
    )
    cmd.add_argument("--by", choices=("procedure", "channel", "field", "agency"), help="also a table by group")
    cmd.add_argument("--map", metavar="FILE.json", help='column mapping: {"received_at": "Ngày nộp", ...}')
    cmd.add_argument(
        "--column",
        action="append",
        metavar="NAME=HEADER",
        type=_column,
        help="map one canonical column to a header of the file (repeatable; wins over --map)",
    )
    cmd.add_argument("--delimiter", default=",", type=_delimiter, help="field separator: , (default), ; or tab")
    cmd.add_argument(
        "--encoding",
        default="utf-8-sig",
        type=_encoding,
        help="text encoding (default utf-8-sig: UTF-8, BOM or not; utf-16, cp1258 for older exports)",
    )
    cmd.add_argument("--json", action="store_true", help="print JSON instead of text")
    cmd.add_argument("--strict", action="store_true", help="any rejected row is fatal (exit 1, nothing computed)")
    cmd.set_defaults(handler=_cmd_report, command_parser=cmd)
