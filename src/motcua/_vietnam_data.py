"""Loading and checking ``data/calendar.toml``, the announced civil-service calendar."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from ._data import check_keys, get_date, get_str, read_toml
from .days import CalendarStatus, DayKind, DayOff, MakeupDay
from .errors import DataFileError
from .sources import LegalSource, sources

FIRST_YEAR = 2013
#: python-holidays computes Vietnam's lunar holidays for 1901–2100 only.
LAST_YEAR = 2100

_BASES = ("announced", "by-rule", "proposed")
_OFF_KINDS = {k.value: k for k in (DayKind.HOLIDAY, DayKind.TET, DayKind.COMPENSATORY, DayKind.SWAPPED)}


@attrs.frozen
class VietnamData:
    """The parsed table: days off, make-up days, year statuses and known python-holidays gaps."""

    days_off: tuple[DayOff, ...]
    makeup_days: tuple[MakeupDay, ...]
    years: Mapping[int, tuple[CalendarStatus, str]]
    corrections: Mapping[date, str]
    data_as_of: date

    @property
    def last_year(self) -> int:
        return max(self.years)


def _row_source(entry: Mapping[str, Any], where: str, registry: Mapping[str, LegalSource]) -> LegalSource:
    key = get_str(entry, "source", where)
    try:
        return registry[key]
    except KeyError:
        raise DataFileError(f"{where}: source {key!r} is not in sources.toml") from None


@functools.cache
def vietnam_data() -> VietnamData:
    """Parse and validate the shipped calendar table (once per process)."""
    return parse_calendar(read_toml("calendar.toml"), sources())


def parse_calendar(raw: Mapping[str, Any], registry: Mapping[str, LegalSource]) -> VietnamData:
    """Check a parsed ``calendar.toml`` strictly and build the table; errors name the entry."""
    check_keys(raw, "calendar.toml", required=("schema", "data_as_of", "days", "years", "corrections"))
    if raw["schema"] != 1:
        raise DataFileError(f"calendar.toml: unsupported schema {raw['schema']!r}")

    years: dict[int, tuple[CalendarStatus, str]] = {}
    for key, entry in raw["years"].items():
        where = f"calendar.toml years.{key}"
        if not str(key).isdigit():
            raise DataFileError(f"{where}: year keys must be years, got {key!r}")
        check_keys(entry, where, required=("status", "note"))
        try:
            status = CalendarStatus(entry["status"])
        except ValueError:
            raise DataFileError(f"{where}: status must be 'confirmed' or 'estimated'") from None
        years[int(key)] = (status, get_str(entry, "note", where))
    if sorted(years) != list(range(FIRST_YEAR, FIRST_YEAR + len(years))):
        raise DataFileError(f"calendar.toml: years must run without gaps from {FIRST_YEAR}, got {sorted(years)}")

    days_off: list[DayOff] = []
    makeups: list[MakeupDay] = []
    previous: date | None = None
    for index, entry in enumerate(raw["days"]):
        where = f"calendar.toml days[{index}]"
        if not isinstance(entry, Mapping):
            raise DataFileError(f"{where}: expected an inline table")
        check_keys(
            entry,
            where,
            required=("date", "kind", "name", "source", "basis"),
            optional=("article", "replaces", "note"),
        )
        day = get_date(entry, "date", where)
        where = f"calendar.toml days[{index}] ({day})"
        if previous is not None and day <= previous:
            raise DataFileError(f"{where}: rows must be sorted by date without duplicates")
        previous = day
        if day.year not in years:
            raise DataFileError(f"{where}: year {day.year} has no entry under [years]")
        basis = get_str(entry, "basis", where)
        if basis not in _BASES:
            raise DataFileError(f"{where}: basis must be one of {_BASES}, got {basis!r}")
        source = _row_source(entry, where, registry)
        name = get_str(entry, "name", where)
        note = get_str(entry, "note", where) if "note" in entry else None
        article = get_str(entry, "article", where) if "article" in entry else None
        estimated = years[day.year][0] is CalendarStatus.ESTIMATED
        kind = get_str(entry, "kind", where)
        if kind == "makeup":
            if day.weekday() < 5:
                raise DataFileError(f"{where}: a make-up working day must be a Saturday or Sunday")
            if "replaces" not in entry:
                raise DataFileError(f"{where}: a make-up day must name the weekday it replaces")
            makeups.append(
                MakeupDay(
                    date=day,
                    name=name,
                    replaces=get_date(entry, "replaces", where),
                    source=source,
                    basis=basis,
                    estimated=estimated,
                    note=note,
                )
            )
            continue
        if kind not in _OFF_KINDS:
            raise DataFileError(f"{where}: kind must be one of makeup, {', '.join(_OFF_KINDS)}; got {kind!r}")
        if "replaces" in entry:
            raise DataFileError(f"{where}: only make-up days take 'replaces'")
        if kind in ("compensatory", "swapped") and day.weekday() >= 5:
            raise DataFileError(f"{where}: a {kind} day off must fall on a weekday")
        days_off.append(
            DayOff(
                date=day,
                name=name,
                kind=_OFF_KINDS[kind],
                source=source,
                basis=basis,
                estimated=estimated,
                article=article,
                note=note,
            )
        )

    swapped = {d.date: d.basis for d in days_off if d.kind is DayKind.SWAPPED}
    for m in makeups:
        if m.replaces is not None and m.replaces.year >= FIRST_YEAR and swapped.get(m.replaces) != m.basis:
            raise DataFileError(
                f"calendar.toml: make-up day {m.date} replaces {m.replaces}, "
                "which is not a swapped day off of the same basis"
            )

    corrections: dict[date, str] = {}
    for key, why in raw["corrections"].items():
        try:
            corrections[date.fromisoformat(key)] = why
        except ValueError:
            raise DataFileError(f"calendar.toml corrections: {key!r} is not a date") from None

    return VietnamData(
        days_off=tuple(days_off),
        makeup_days=tuple(makeups),
        years=years,
        corrections=corrections,
        data_as_of=get_date(raw, "data_as_of", "calendar.toml"),
    )
