"""Strict readers for the TOML data files shipped inside the package."""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from importlib import resources
from typing import Any

from .errors import DataFileError


def read_toml(name: str) -> dict[str, Any]:
    """Parse ``motcua/data/<name>`` and check that every string in it is NFC."""
    raw = resources.files("motcua").joinpath("data", name).read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{name}: {exc}") from None
    check_nfc(data, name)
    return data


def check_nfc(value: object, where: str) -> None:
    """Raise :class:`DataFileError` if any string in *value* is not in Unicode NFC form."""
    if isinstance(value, str):
        if not unicodedata.is_normalized("NFC", value):
            raise DataFileError(f"{where}: text is not in Unicode NFC form: {value!r}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            check_nfc(key, where)
            check_nfc(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_nfc(item, f"{where}[{index}]")


def check_keys(entry: Mapping[str, Any], where: str, *, required: Iterable[str], optional: Iterable[str] = ()) -> None:
    """Reject missing and unknown keys, naming them."""
    required = set(required)
    allowed = required | set(optional)
    missing = sorted(required - entry.keys())
    if missing:
        raise DataFileError(f"{where}: missing key(s) {', '.join(missing)}")
    unknown = sorted(entry.keys() - allowed)
    if unknown:
        raise DataFileError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")


def get_str(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry[key]
    if not isinstance(value, str) or not value.strip():
        raise DataFileError(f"{where}: {key} must be a non-empty string, got {value!r}")
    return value


def get_date(entry: Mapping[str, Any], key: str, where: str) -> date:
    value = entry[key]
    # TOML local dates arrive as datetime.date; a datetime or a string is a mistake in the file.
    if type(value) is not date:
        raise DataFileError(f"{where}: {key} must be a TOML date (YYYY-MM-DD), got {value!r}")
    return value


def fold(text: str) -> str:
    """Lower-case *text* without Vietnamese diacritics, for matching ("Đăng ký" → "dang ky")."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())
