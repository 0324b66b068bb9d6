"""``motcua letter NAME --fields FILE.json [--format text|html|docx] [--output PATH]``.

Renders one of the shipped letters or slips. ``--example-fields`` prints a complete, realistic
set of fields for NAME as JSON, the easiest start for a fields file; ``motcua letter --list``
lists the templates with the fields each needs. In the fields file, dates are written
``"2026-03-05"`` and moments ``"2026-03-05T09:30"``; they become dates and datetimes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

__all__ = ["register"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?")


def _from_json(value: Any) -> Any:
    """JSON values with ISO dates and moments turned into ``date`` / ``datetime``."""
    if isinstance(value, str):
        if _DATE.fullmatch(value):
            return date.fromisoformat(value)
        if _MOMENT.fullmatch(value):
            return datetime.fromisoformat(value)
        return value
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _from_json(v) for k, v in value.items()}
    return value


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_json(v) for k, v in value.items()}
    return value


def _read_fields(path: str) -> dict[str, Any]:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise OSError(f"không đọc được tệp trường {path} ({exc.strerror})") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{path}: không phải JSON hợp lệ (invalid JSON): dòng {exc.lineno}, cột {exc.colno}: {exc.msg}"
        ) from None
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: cần một đối tượng JSON {{tên trường: giá trị}} (a JSON object of fields)")
    fields = _from_json(raw)
    assert isinstance(fields, dict)
    return fields


def _cmd_letter(args: argparse.Namespace) -> int:
    from motcua import letters

    if args.list:
        if args.json:
            payload = {name: sorted(letters.required_fields(name)) for name in letters.templates()}
            print(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            for name in letters.templates():
                print(f"{name:<24} {', '.join(sorted(letters.required_fields(name)))}")
        return 0
    if args.name is None:
        raise ValueError("cần tên mẫu (a template name); xem danh sách: motcua letter --list")
    if args.example_fields:
        print(json.dumps(_to_json(letters.example_fields(args.name)), ensure_ascii=False, indent=2))
        return 0
    if args.fields is None:
        raise ValueError(
            f"cần --fields TỆP.json (the fields); bắt đầu từ: motcua letter {args.name} --example-fields > fields.json"
        )
    fields = _read_fields(args.fields)
    if args.format == "docx":
        if args.output is None:
            raise ValueError("--format docx cần --output TỆP.docx (Word output is binary)")
        data = letters.render_docx(args.name, **fields)
        Path(args.output).write_bytes(data)
        print(f"Đã ghi {args.output} ({len(data)} byte).")
        return 0
    text = letters.render(args.name, args.format, **fields)
    if args.output is not None:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Đã ghi {args.output}.")
    else:
        sys.stdout.write(text)
    return 0


def register(commands: Any) -> None:
    """Add the ``letter`` subcommand to the ``motcua`` parser's subparsers."""
    cmd = commands.add_parser(
        "letter",
        help="render a letter or one-stop slip from a JSON fields file",
        description="Render a shipped letter or slip (Decree 30/2020 format) from a JSON file of fields.",
    )
    cmd.add_argument("name", nargs="?", help="the template, e.g. chuc-mung-khai-sinh (see --list)")
    cmd.add_argument("--fields", metavar="FILE.json", help="the fields as a JSON object ('-' reads stdin)")
    cmd.add_argument("--format", choices=("text", "html", "docx"), default="text", help="output format")
    cmd.add_argument("--output", metavar="PATH", help="write to PATH instead of stdout (required for docx)")
    cmd.add_argument("--example-fields", action="store_true", help="print a complete example fields file")
    cmd.add_argument("--list", action="store_true", help="list the templates and their required fields")
    cmd.add_argument("--json", action="store_true", help="with --list, print JSON")
    cmd.set_defaults(handler=_cmd_letter)
