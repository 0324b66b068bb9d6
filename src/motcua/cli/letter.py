"""``motcua letter NAME --fields FILE.json [--format text|html|docx] [--output PATH] [--json]``.

Renders one of the shipped letters or slips. ``--example-fields`` prints a complete, realistic
set of fields for NAME as JSON, the easiest start for a fields file (each optional field it does
not fill is there as null, "not given", and a note on stderr names the optional ones);
``motcua letter --list`` lists the templates with their required and optional fields.

JSON has no dates, so the fields file writes them as text. The fields that hold a date or a
moment are the ones whose value in the template's example fields is one (``ngay``, ``ngay_mat``,
``thoi_diem_nhan``, ``cac_buoc[].thoi_diem`` …); for those, a date is ``"2026-03-05"`` or
``"05/03/2026"`` and a moment ``"2026-03-05T09:30"``, ``"2026-03-05 09:30"`` or
``"05/03/2026 09:30"``. Every other value is passed as JSON gives it. An error names the field.

``--json`` prints ``{"template", "format", "fields", "text" | "html" | "output" + "bytes", "notes"}``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from motcua.errors import MotcuaError
from motcua.registers import parse_moment

from ._common import CommandError, Notes, UsageError, exit_codes, number

__all__ = ["register"]

_DATE_FORMS = '"2026-03-05" hoặc "05/03/2026"'
_MOMENT_FORMS = '"2026-03-05T09:30", "2026-03-05 09:30" hoặc "05/03/2026 09:30"'


# --------------------------------------------------------------------------- fields from JSON


def _schema(value: Any) -> Any:
    """Where the example fields hold dates: ``"date"``, ``"moment"``, a dict or a one-item list of those, or None."""
    if isinstance(value, datetime):
        return "moment"
    if isinstance(value, date):
        return "date"
    if isinstance(value, dict):
        inner = {k: s for k, s in ((k, _schema(v)) for k, v in value.items()) if s is not None}
        return inner or None
    if isinstance(value, (list, tuple)):
        for item in value:
            s = _schema(item)
            if s is not None:
                return [s]
    return None


def _when(value: Any, kind: str, path: str) -> date | datetime:
    """The date or moment of field *path*, from the text JSON gives; errors name the field."""
    forms = _DATE_FORMS if kind == "date" else _MOMENT_FORMS
    what = "một ngày (a date)" if kind == "date" else "ngày và giờ (a moment)"
    where = f"trường {path!r} (field {path!r})"
    if not isinstance(value, str):
        raise ValueError(f"{where}: cần {what} dạng {forms}, không phải {json.dumps(value, ensure_ascii=False)}")
    try:
        parsed = parse_moment(value)
    except ValueError as exc:
        reason = str(exc).split("; write ")[0]  # the register's own format hint is not this file's
        raise ValueError(f"{where}: {reason}; cần {what} dạng {forms}") from None
    if kind == "date" and isinstance(parsed, datetime):
        raise ValueError(f"{where}: cần {what} không kèm giờ, dạng {forms}; nhận được {value!r}")
    if kind == "moment" and not isinstance(parsed, datetime):
        raise ValueError(f"{where}: cần cả giờ, {what} dạng {forms}; nhận được {value!r}")
    return parsed


def _convert(value: Any, schema: Any, path: str) -> Any:
    if value is None:  # null: not given, as None is for the library
        return None
    if schema in ("date", "moment"):
        return _when(value, schema, path)
    if isinstance(schema, dict) and isinstance(value, dict):
        return {k: _convert(v, schema.get(k), f"{path}.{k}") for k, v in value.items()}
    if isinstance(schema, list) and isinstance(value, list):
        return [_convert(v, schema[0], f"{path}[{i}]") for i, v in enumerate(value)]
    return value


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        # Seconds are kept when there are any: 23:59:59 prints as the day alone, 23:59 as a time.
        exact = value.second or value.microsecond
        return value.isoformat() if exact else value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_json(v) for k, v in value.items()}
    return value


def _read_fields(path: str, name: str) -> dict[str, Any]:
    from motcua import letters

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
    except RecursionError:
        raise ValueError(f"{path}: JSON lồng nhau quá sâu (nested too deeply); không trường nào cần như vậy") from None
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: cần một đối tượng JSON {{tên trường: giá trị}} (a JSON object of fields)")
    schema = _schema(letters.example_fields(name)) or {}
    try:
        return {k: _convert(v, schema.get(k), k) for k, v in raw.items()}
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None


# --------------------------------------------------------------------------- errors, in the command line's words


def _check_name(name: str) -> None:
    from motcua import letters

    names = letters.templates()
    if name in names:
        return
    close = difflib.get_close_matches(name, names, n=2, cutoff=0.6)
    maybe = f"; có phải {' hoặc '.join(close)}? (did you mean)" if close else ""
    raise CommandError(f"không có mẫu {name!r} (no template {name!r}){maybe}; các mẫu (templates): {', '.join(names)}")


def _render(args: argparse.Namespace, fields: dict[str, Any]) -> str | bytes:
    from motcua import letters

    name: str = args.name
    see = f"xem một bộ trường đầy đủ: motcua letter {name} --example-fields"
    try:
        if args.format == "docx":
            return letters.render_docx(name, **fields)
        return letters.render(name, args.format, **fields)
    except letters.MissingFieldError as exc:
        # The library's message points at its Python API; the command line has its own way.
        message = str(exc).replace(f" (see example_fields({name!r}))", "")
        raise CommandError(f"{message} (thiếu trường: {', '.join(exc.fields)}); {see}") from None
    except letters.UnknownFieldError as exc:
        message = str(exc).replace(f"; see required_fields({name!r}) and optional_fields({name!r})", "")
        raise CommandError(
            f"{message} (mẫu không dùng trường: {', '.join(exc.fields)}); các trường: motcua letter --list; {see}"
        ) from None
    except (TypeError, ValueError) as exc:
        # The library checks every field's type and shape before rendering, so its own error names
        # the field; anything else (a date the lunar calendar cannot convert) gets the template's name.
        prefix = "" if isinstance(exc, MotcuaError) else f"{name}: "
        raise CommandError(f"{prefix}{exc}; {see}") from None


# --------------------------------------------------------------------------- --list, --example-fields


def _optional(name: str) -> list[str]:
    """The optional fields of template *name* (both formats), ``bieu_mau`` last: motcua derives it."""
    from motcua import letters

    found = letters.optional_fields(name, "text") | letters.optional_fields(name, "html")
    return sorted(found, key=lambda f: (f == "bieu_mau", f))


def _list(as_json: bool) -> None:
    from motcua import letters

    names = letters.templates()
    if as_json:
        listing = {
            name: {"required": sorted(letters.required_fields(name)), "optional": _optional(name)} for name in names
        }
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return
    indent = " " * 25
    for name in names:
        print(f"{name:<24} bắt buộc (required): {', '.join(sorted(letters.required_fields(name)))}")
        print(f"{indent}tùy chọn (optional): {', '.join(_optional(name))}")


def _example(name: str, notes: Notes) -> dict[str, Any]:
    """The example fields of *name*, then every optional field they leave out, as null (not given)."""
    from motcua import letters

    fields = letters.example_fields(name)
    optional = _optional(name)
    fields |= {f: None for f in optional if f not in fields}
    notes.add(
        f"trường tùy chọn (optional fields; null = không dùng, not given): {', '.join(optional)}; "
        "các trường khác là bắt buộc (the others are required)"
    )
    return fields


# --------------------------------------------------------------------------- the command


def _cmd_letter(args: argparse.Namespace) -> int:
    notes: Notes = args.notes
    if args.list:
        _list(args.json)
        return 0
    if args.name is None:
        raise UsageError("cần tên mẫu NAME (a template name); xem danh sách: motcua letter --list")
    _check_name(args.name)
    if args.example_fields:
        print(json.dumps(_to_json(_example(args.name, notes)), ensure_ascii=False, indent=2))
        return 0
    if args.fields is None:
        raise UsageError(
            f"cần --fields TỆP.json (the fields); bắt đầu từ: motcua letter {args.name} --example-fields > fields.json"
        )
    if args.format == "docx" and args.output is None:
        raise UsageError("--format docx cần --output TỆP.docx (Word output is binary)")
    fields = _read_fields(args.fields, args.name)
    out = _render(args, fields)
    payload: dict[str, Any] = {"template": args.name, "format": args.format, "fields": _to_json(fields)}
    if args.output is not None:
        path = Path(args.output)
        try:
            if isinstance(out, bytes):
                path.write_bytes(out)
            else:
                path.write_text(out, encoding="utf-8")
        except OSError as exc:
            raise OSError(f"không ghi được {path} ({exc.strerror}); chọn --output khác") from None
        size = path.stat().st_size
        payload |= {"output": str(path), "bytes": size}
        if not args.json:
            print(f"Đã ghi {path} ({number(size)} byte).")
    elif isinstance(out, str):  # docx always has an --output
        payload[args.format] = out
        if not args.json:
            sys.stdout.write(out)
    if args.json:
        print(json.dumps(payload | {"notes": notes.lines()}, ensure_ascii=False, indent=2))
    return 0


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``letter`` subcommand to the ``motcua`` parser's subparsers."""
    cmd = commands.add_parser(
        "letter",
        parents=[common],
        help="render a letter or one-stop slip from a JSON fields file",
        description=(
            "Render a shipped letter or slip (Decree 30/2020 format) from a JSON file of fields. Dates in the file: "
            '"2026-03-05" or "05/03/2026"; moments: "2026-03-05T09:30" or "05/03/2026 09:30".'
        ),
        epilog=exit_codes() + " Status 1 here: an unknown template, a missing, unknown or malformed field.",
    )
    cmd.add_argument("name", nargs="?", metavar="NAME", help="the template, e.g. chuc-mung-khai-sinh (see --list)")
    cmd.add_argument("--fields", metavar="FILE.json", help="the fields as a JSON object ('-' reads stdin)")
    cmd.add_argument("--format", choices=("text", "html", "docx"), default="text", help="output format")
    cmd.add_argument("--output", metavar="PATH", help="write to PATH instead of stdout (required for docx)")
    cmd.add_argument(
        "--example-fields",
        action="store_true",
        help="print a complete example fields file (JSON); optional fields it leaves out are null (not given)",
    )
    cmd.add_argument("--list", action="store_true", help="list the templates with their required and optional fields")
    cmd.add_argument(
        "--json",
        action="store_true",
        help="print JSON: the template, format, fields and the rendered text or html (or the output file)",
    )
    cmd.set_defaults(handler=_cmd_letter, command_parser=cmd)
