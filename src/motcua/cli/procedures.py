"""``motcua procedures [--search TEXT] [--on DATE] [--json]``: the catalogue in force on a date.

Prints code, name, time limit (and the limit when verification is needed), fee, field and
level of every procedure with a version in force on the date, then the procedures without one,
then the time limits of the one-stop mechanism itself. The date defaults to today's date, read
here in the command line (the library never reads the clock) and printed.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Any

from motcua.procedures import Catalogue, NotInForceError, Procedure, catalogue
from motcua.vietnamese import format_date, nfc

from ._common import Notes, date_argument, exit_codes, number
from .deadline import LEVELS_VI, version_span

__all__ = ["register"]

_HEADERS = ("Mã (code)", "Tên thủ tục (name)", "Thời hạn (time limit)", "Lệ phí (fee)", "Lĩnh vực, cấp")
_WIDTHS = (13, 36, 22, 22, 18)


def _in_force(cat: Catalogue, codes: list[str], on: date, rules: bool = False) -> tuple[list[Procedure], list[str]]:
    found: list[Procedure] = []
    missing: list[str] = []
    for code in codes:
        try:
            found.append(cat.rule(code, on=on) if rules else cat.get(code, on=on))
        except NotInForceError:
            missing.append(code)
    return found, missing


def _limit_text(p: Procedure) -> str:
    text = p.time_limit.label("vi")
    if p.verification_limit is not None:
        text += f"; cần xác minh: {p.verification_limit.label('vi')}"
    if p.certainty == "uncertain":
        text += " (chưa chắc chắn)"
    return text


def _fee_text(p: Procedure) -> str:
    return p.fee.note if p.fee is not None else "chưa có dữ liệu"


def _table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    """A plain-text table whose cells wrap inside fixed widths."""
    out = []
    rule = "  ".join("─" * w for w in _WIDTHS)
    for n, row in enumerate([_HEADERS, *rows]):
        cells = [textwrap.wrap(text, width) or [""] for text, width in zip(row, _WIDTHS, strict=True)]
        for i in range(max(len(c) for c in cells)):
            parts = [(c[i] if i < len(c) else "").ljust(w) for c, w in zip(cells, _WIDTHS, strict=True)]
            out.append("  ".join(parts).rstrip())
        if n == 0:
            out.append(rule)
    return out


def _record(p: Procedure) -> dict[str, Any]:
    return {
        "code": p.code,
        "name": p.name,
        "name_en": p.name_en,
        "field": p.field,
        "level": p.level,
        "time_limit": p.time_limit.label("vi"),
        "time_limit_en": p.time_limit.label("en"),
        "verification_limit": p.verification_limit.label("vi") if p.verification_limit else None,
        "verification_limit_en": p.verification_limit.label("en") if p.verification_limit else None,
        "fee": None if p.fee is None else {"vnd": p.fee.vnd, "note": p.fee.note, "legal": p.fee.legal.citation},
        "valid_from": p.valid_from.isoformat(),
        "valid_until": p.valid_until.isoformat() if p.valid_until else None,
        "certainty": p.certainty,
        "legal_basis": [ref.citation for ref in p.legal],
        "note": p.note,
    }


def _spans(cat: Catalogue, code: str) -> str:
    return "; ".join(version_span(v) for v in cat.versions(code))


def _cmd_procedures(args: argparse.Namespace) -> int:
    cat = catalogue()
    notes: Notes = args.notes
    today = args.on is None
    on: date = date.today() if today else args.on  # the clock is read here, never in the library
    search: str | None = " ".join(nfc(args.search).split()) if args.search else None
    codes = [p.code for p in (cat.search(search) if search else cat)]
    found, missing = _in_force(cat, codes, on)
    rules, _ = _in_force(cat, [r.code for r in cat.rules], on, rules=True) if not search else ([], [])
    if args.json:
        payload = {
            "on": on.isoformat(),
            "on_is_today": today,
            "search": search,
            "data_as_of": cat.data_as_of.isoformat() if cat.data_as_of else None,
            "procedures": [_record(p) for p in found],
            "not_in_force": [{"code": c, "name": cat.get(c).name, "versions": _spans(cat, c)} for c in missing],
            "rules": [_record(r) | {"key": r.code} for r in rules],
            "notes": notes.lines(),
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    which = "hôm nay, theo đồng hồ máy; chọn ngày khác bằng --on" if today else "theo --on"
    title = f"Danh mục thủ tục hành chính có hiệu lực ngày {format_date(on)} ({which})"
    print(title + (f" – tìm “{search}”" if search else ""))
    as_of = f"Dữ liệu danh mục cập nhật đến {format_date(cat.data_as_of)}. " if cat.data_as_of else ""
    print(
        f"{as_of}{number(len(found))} thủ tục có hiệu lực"
        + (f", {number(len(missing))} không có phiên bản hiệu lực." if missing else ".")
    )
    if search and not codes:
        print(f"Không có thủ tục nào khớp “{search}” (no procedure matches); thử ít từ hơn hoặc bỏ dấu.")
        return 0
    print()
    if found:
        rows = [
            (p.code, p.name, _limit_text(p), _fee_text(p), f"{p.field}, {LEVELS_VI.get(p.level, p.level)}")
            for p in found
        ]
        print("\n".join(_table(rows)))
    if missing:
        print()
        print(f"Không có phiên bản hiệu lực ngày {format_date(on)} (not in force on that date):")
        for code in missing:
            print(f"  {code:<13} {cat.get(code).name} – hiệu lực: {_spans(cat, code)}")
    if rules:
        print()
        print("Thời hạn của cơ chế một cửa (one-stop rules):")
        for r in rules:
            basis = "; ".join(ref.citation for ref in r.legal)
            print(f"  {r.name}: {r.time_limit.label('vi')}")
            print(f"    Căn cứ: {basis}")
    if any(p.certainty == "uncertain" for p in found):
        print()
        print("(chưa chắc chắn): dữ liệu ghi nhận thời hạn chưa được xác nhận – xem ghi chú bằng --json.")
    return 0


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``procedures`` subcommand to the ``motcua`` parser's subparsers."""
    cmd = commands.add_parser(
        "procedures",
        parents=[common],
        help="the catalogue of procedures in force on a date, with time limits and fees",
        description="List the procedures of the shipped catalogue in force on a date, then the one-stop rules.",
        epilog="Without --on the date is today's, read from this computer's clock and printed. " + exit_codes(),
    )
    cmd.add_argument("--search", metavar="TEXT", help="words of the name or code, with or without diacritics")
    cmd.add_argument(
        "--on", type=date_argument("--on"), metavar="DATE", help="the date (2026-11-27 or 27/11/2026); default today"
    )
    cmd.add_argument("--json", action="store_true", help="print JSON instead of text")
    cmd.set_defaults(handler=_cmd_procedures, command_parser=cmd)
