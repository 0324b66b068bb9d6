"""The Vietnamese lunisolar calendar (âm lịch), computed for Vietnam's time zone UTC+7.

>>> from datetime import date
>>> d = lunar_date(date(2018, 2, 4))
>>> d
LunarDate(year=2017, month=12, day=19, leap=False)
>>> print(d.vi("traditional"))
ngày 19 tháng Chạp năm Đinh Dậu
>>> tet(2026), tet(2007), tet(1985)
(datetime.date(2026, 2, 17), datetime.date(2007, 2, 17), datetime.date(1985, 1, 21))

The rules are those of the modern Chinese calendar (true new moons and solar terms since the 1645
reform), evaluated at UTC+7 as Vietnam has done since 1967: a month starts on the local day of a
new moon; month 11 is the month that contains the winter solstice; when 13 new moons start between
two months 11, the first of those months without a major solar term (trung khí, a multiple of 30°
of the sun's longitude) is the leap month (tháng nhuận) and repeats the number of the month before.

New moons use Meeus, *Astronomical Algorithms* (2nd ed.), ch. 49 with all its periodic terms; the
sun's longitude uses ch. 25's low-precision formula; ΔT (TT − UT) uses the Espenak–Meeus
polynomials. Supported: lunar years 1900–2100, that is the solar days :data:`MIN_DATE` to
:data:`MAX_DATE`; outside them a :class:`~motcua.errors.CalendarRangeError` is raised.

Checked (tests/test_lunar.py): Tết and the leap month of all 201 years against Hồ Ngọc Đức's
independent UTC+7 computation; every day from 1968 against his published tables, which differ only
in May 2054 (a new moon 14 s after midnight, so it depends on the unpredictable ΔT); run at UTC+8,
against two Chinese tables. Vietnam's Tết differs from China's in 1968, 1969, 1985 (by a month),
2007, 2030 and 2053. Before the change to UTC+7 (8 August 1967 in the North, 1975 in the South)
Vietnam used the Chinese calendar, so for earlier dates this is the proleptic UTC+7 calendar, which
can differ from the one then in use by a day or, rarely, a month.
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_right
from datetime import date, datetime
from typing import Literal

import attrs

from .errors import CalendarRangeError

__all__ = [
    "MAX_DATE",
    "MIN_DATE",
    "LunarDate",
    "leap_month",
    "lunar_date",
    "month_length",
    "solar_date",
    "tet",
]

#: Vietnam's standard time since 1967 (UTC+7), in hours.
_VN_OFFSET = 7
_FIRST_YEAR = 1900
_LAST_YEAR = 2100
#: Tết 1900, the first day of the supported range.
MIN_DATE = date(1900, 1, 31)
#: The last day of lunar year 2100 (the eve of Tết 2101).
MAX_DATE = date(2101, 1, 28)

_STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
_BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")
_MONTH_NAMES = {1: "Giêng", 12: "Chạp"}

#: Julian Date of 0h UT on the proleptic Gregorian day whose ``date.toordinal()`` is 0.
_JD_ORDINAL_EPOCH = 1721424.5
_SYNODIC_MONTH = 29.530588861


# --- Astronomy ------------------------------------------------------------------------------


def _delta_t_days(jd: float) -> float:
    """TT − UT in days: the Espenak–Meeus polynomials (NASA eclipse pages) for 1860–2150.

    Meeus' formulas give dynamical time (TT); calendar days are civil (UT) days. ΔT is about
    −3 s in 1900, 64 s in 2000 and about 200 s (extrapolated) in 2100.
    """
    y = 2000.0 + (jd - 2451545.0) / 365.2425
    if y < 1900:
        t = y - 1860
        dt = 7.62 + 0.5737 * t - 0.251754 * t**2 + 0.01680668 * t**3 - 0.0004473624 * t**4 + t**5 / 233174
    elif y < 1920:
        t = y - 1900
        dt = -2.79 + 1.494119 * t - 0.0598939 * t**2 + 0.0061966 * t**3 - 0.000197 * t**4
    elif y < 1941:
        t = y - 1920
        dt = 21.20 + 0.84493 * t - 0.076100 * t**2 + 0.0020936 * t**3
    elif y < 1961:
        t = y - 1950
        dt = 29.07 + 0.407 * t - t**2 / 233 + t**3 / 2547
    elif y < 1986:
        t = y - 1975
        dt = 45.45 + 1.067 * t - t**2 / 260 - t**3 / 718
    elif y < 2005:
        t = y - 2000
        dt = 63.86 + 0.3345 * t - 0.060374 * t**2 + 0.0017275 * t**3 + 0.000651814 * t**4 + 0.00002373599 * t**5
    elif y < 2050:
        t = y - 2000
        dt = 62.92 + 0.32217 * t + 0.005589 * t**2
    else:
        dt = -20 + 32 * ((y - 1820) / 100) ** 2 - 0.5628 * (2150 - y)
    return dt / 86400


def _sin(degrees: float) -> float:
    return math.sin(math.radians(degrees))


# Meeus ch. 49, table for the new moon: (coefficient, power of E, multiples of M, M', F, Ω).
_NEW_MOON_TERMS = (
    (-0.40720, 0, 0, 1, 0, 0),
    (0.17241, 1, 1, 0, 0, 0),
    (0.01608, 0, 0, 2, 0, 0),
    (0.01039, 0, 0, 0, 2, 0),
    (0.00739, 1, -1, 1, 0, 0),
    (-0.00514, 1, 1, 1, 0, 0),
    (0.00208, 2, 2, 0, 0, 0),
    (-0.00111, 0, 0, 1, -2, 0),
    (-0.00057, 0, 0, 1, 2, 0),
    (0.00056, 1, 1, 2, 0, 0),
    (-0.00042, 0, 0, 3, 0, 0),
    (0.00042, 1, 1, 0, 2, 0),
    (0.00038, 1, 1, 0, -2, 0),
    (-0.00024, 1, -1, 2, 0, 0),
    (-0.00017, 0, 0, 0, 0, 1),
    (-0.00007, 0, 2, 1, 0, 0),
    (0.00004, 0, 0, 2, -2, 0),
    (0.00004, 0, 3, 0, 0, 0),
    (0.00003, 0, 1, 1, -2, 0),
    (0.00003, 0, 0, 2, 2, 0),
    (-0.00003, 0, 1, 1, 2, 0),
    (0.00003, 0, -1, 1, 2, 0),
    (-0.00002, 0, -1, 1, -2, 0),
    (-0.00002, 0, 1, 3, 0, 0),
    (0.00002, 0, 0, 4, 0, 0),
)

# Meeus ch. 49, the planetary arguments A1–A14: (coefficient, constant, rate per lunation k).
# A1 also has a T² term (−0.009173), added separately.
_PLANETARY_TERMS = (
    (0.000325, 299.77, 0.107408),
    (0.000165, 251.88, 0.016321),
    (0.000164, 251.83, 26.651886),
    (0.000126, 349.42, 36.412478),
    (0.000110, 84.66, 18.206239),
    (0.000062, 141.74, 53.303771),
    (0.000060, 207.14, 2.453732),
    (0.000056, 154.84, 7.306860),
    (0.000047, 34.52, 27.261239),
    (0.000042, 207.19, 0.121824),
    (0.000040, 291.34, 1.844379),
    (0.000037, 161.72, 24.198154),
    (0.000035, 239.56, 25.513099),
    (0.000023, 331.55, 3.592518),
)


def _new_moon_jde(k: int) -> float:
    """The Julian Ephemeris Day (TT) of new moon number *k* (0 = 2000-01-06), Meeus ch. 49.

    Meeus' example 49.a, the new moon of 1977 February (k = −283), is JDE 2443192.65118:

    >>> round(_new_moon_jde(-283), 5)
    2443192.65118
    """
    t = k / 1236.85
    jde = 2451550.09766 + _SYNODIC_MONTH * k + 0.00015437 * t**2 - 0.000000150 * t**3 + 0.00000000073 * t**4
    e = 1 - 0.002516 * t - 0.0000074 * t**2
    m = 2.5534 + 29.10535670 * k - 0.0000014 * t**2 - 0.00000011 * t**3
    mp = 201.5643 + 385.81693528 * k + 0.0107582 * t**2 + 0.00001238 * t**3 - 0.000000058 * t**4
    f = 160.7108 + 390.67050284 * k - 0.0016118 * t**2 - 0.00000227 * t**3 + 0.000000011 * t**4
    omega = 124.7746 - 1.56375588 * k + 0.0020672 * t**2 + 0.00000215 * t**3
    for coefficient, e_power, cm, cmp, cf, comega in _NEW_MOON_TERMS:
        jde += coefficient * e**e_power * _sin(cm * m + cmp * mp + cf * f + comega * omega)
    jde += _PLANETARY_TERMS[0][0] * _sin(_PLANETARY_TERMS[0][1] + _PLANETARY_TERMS[0][2] * k - 0.009173 * t**2)
    for coefficient, constant, rate in _PLANETARY_TERMS[1:]:
        jde += coefficient * _sin(constant + rate * k)
    return jde


def _sun_longitude(jde: float) -> float:
    """The sun's apparent geocentric longitude in degrees [0, 360), Meeus ch. 25 (low precision).

    Good to about 0.01° (a quarter of an hour of the sun's motion). Meeus' example 25.a:

    >>> round(_sun_longitude(2448908.5), 3)
    199.909
    """
    t = (jde - 2451545.0) / 36525
    mean_longitude = 280.46646 + 36000.76983 * t + 0.0003032 * t**2
    mean_anomaly = 357.52911 + 35999.05029 * t - 0.0001537 * t**2
    centre = (
        (1.914602 - 0.004817 * t - 0.000014 * t**2) * _sin(mean_anomaly)
        + (0.019993 - 0.000101 * t) * _sin(2 * mean_anomaly)
        + 0.000289 * _sin(3 * mean_anomaly)
    )
    omega = 125.04 - 1934.136 * t
    # Aberration and the main term of the nutation in longitude turn the true longitude apparent.
    return (mean_longitude + centre - 0.00569 - 0.00478 * _sin(omega)) % 360


#: New moons too close to local midnight for Meeus' series, whose error against a full lunar theory
#: is about ±5 s (at most 15 s against PyEphem's ELP-based moon, 1900–2025): ``(k, offset)`` → days
#: to add. k = −402: PyEphem puts it at 17:00:02.5 UT on 1967-07-07, 2.5 s after midnight UTC+7,
#: while the series gives 16:59:57.9. Hồ Ngọc Đức's table and the UTC+8 calendar then in use in
#: Vietnam also start month 6 of 1967 on 8 July. With this fix, every month of 1900–2100 at UTC+7
#: and UTC+8 starts on the same day as in a calendar built on PyEphem's sun and moon.
_NEW_MOON_DAY_FIXES = {(-402, 7): 1}


def _new_moon_day(k: int, offset: int) -> int:
    """The ordinal of the local civil day (UTC+*offset*) on which new moon *k* falls."""
    jd_ut = _new_moon_jde(k)
    jd_ut -= _delta_t_days(jd_ut)
    return math.floor(jd_ut + offset / 24 - _JD_ORDINAL_EPOCH) + _NEW_MOON_DAY_FIXES.get((k, offset), 0)


def _longitude_at_midnight(ordinal: int, offset: int) -> float:
    """The sun's longitude at the local midnight that starts day *ordinal*."""
    jd_ut = ordinal + _JD_ORDINAL_EPOCH - offset / 24
    return _sun_longitude(jd_ut + _delta_t_days(jd_ut))


# --- Month tables ---------------------------------------------------------------------------


@functools.cache
def _month_11(year: int, offset: int) -> int:
    """The lunation number of month 11 of *year*: the month whose days include the winter solstice.

    The solstice (longitude 270°) falls in the month that starts on or before its local day, that
    is, the last month whose first midnight still has the sun short of 270°.
    """
    jd = date(year, 12, 31).toordinal() + _JD_ORDINAL_EPOCH
    k = math.floor((jd - 2451550.09766) / _SYNODIC_MONTH)
    # In late November to January the longitude runs ~240°–300°, so a plain comparison is safe.
    while _longitude_at_midnight(_new_moon_day(k, offset), offset) >= 270:
        k -= 1
    while _longitude_at_midnight(_new_moon_day(k + 1, offset), offset) < 270:
        k += 1
    return k


@functools.cache
def _sui(year: int, offset: int) -> tuple[tuple[int, int, int, bool], ...]:
    """The months from month 11 of ``year - 1`` up to (without) month 11 of *year*.

    Each entry is ``(first day ordinal, lunar year, month, leap)``; a final sentinel entry gives
    the first day of month 11 of *year*.
    """
    first, last = _month_11(year - 1, offset), _month_11(year, offset)
    starts = [_new_moon_day(k, offset) for k in range(first, last + 1)]
    leap_index = -1
    if last - first == 13:
        # A month holds a major term (a multiple of 30°) when the sun crosses one between its first
        # midnight and the next month's first midnight, i.e. when the 30° sector changes.
        sectors = [int(_longitude_at_midnight(s, offset) // 30) for s in starts]
        leap_index = next((i for i in range(13) if sectors[i] == sectors[i + 1]), -1)
        if leap_index < 0:  # pragma: no cover - 13 months hold at most 12 major terms
            raise AssertionError(f"no month without a major term between the solstices of {year - 1} and {year}")
    entries: list[tuple[int, int, int, bool]] = []
    month, lunar_year = 10, year - 1
    for i, start in enumerate(starts[:-1]):
        if i == leap_index:
            entries.append((start, lunar_year, month, True))
            continue
        month = month % 12 + 1
        if month == 1:
            lunar_year = year
        entries.append((start, lunar_year, month, False))
    entries.append((starts[-1], year, 11, False))
    return tuple(entries)


@attrs.frozen(eq=False)
class _Year:
    """One lunar year: its months in order, with their first days as ordinals."""

    starts: tuple[int, ...]  # first day of each month, then the first day of the next year
    months: tuple[tuple[int, bool], ...]  # (month, leap) of each month
    index: dict[tuple[int, bool], int]  # (month, leap) -> position in months

    @property
    def leap_month(self) -> int | None:
        return next((m for m, leap in self.months if leap), None)


@functools.cache
def _year(year: int, offset: int) -> _Year:
    following = _sui(year + 1, offset)
    entries = [e for e in _sui(year, offset)[:-1] + following if e[1] == year]
    next_tet = next(e[0] for e in following if e[1:] == (year + 1, 1, False))
    starts = (*(e[0] for e in entries), next_tet)
    months = tuple((e[2], e[3]) for e in entries)
    return _Year(starts, months, {m: i for i, m in enumerate(months)})


# --- Public API -----------------------------------------------------------------------------


def _check_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    return value


def _checked_year(year: object) -> _Year:
    year = _check_int(year, "year")
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise CalendarRangeError(
            f"lunar year {year} is outside the supported range {_FIRST_YEAR}–{_LAST_YEAR} ({MIN_DATE} to {MAX_DATE})"
        )
    return _year(year, _VN_OFFSET)


def _checked_month(year: int, month: int, leap: bool) -> tuple[_Year, int]:
    table = _checked_year(year)
    month = _check_int(month, "month")
    if not 1 <= month <= 12:
        raise ValueError(f"lunar month must be 1–12, got {month}")
    if not isinstance(leap, bool):
        raise TypeError(f"leap must be a bool, got {type(leap).__name__}")
    position = table.index.get((month, leap))
    if position is None:
        has = f"its leap month is {table.leap_month}" if table.leap_month else "it has none"
        raise ValueError(f"lunar year {year} has no leap month {month} ({has})")
    return table, position


def _month_length(table: _Year, position: int) -> int:
    return table.starts[position + 1] - table.starts[position]


def month_length(year: int, month: int, leap: bool = False) -> int:
    """The number of days (29 or 30) of a lunar month.

    >>> month_length(2025, 6), month_length(2025, 6, leap=True), month_length(2025, 12)
    (30, 29, 29)
    """
    return _month_length(*_checked_month(year, month, leap))


def leap_month(year: int) -> int | None:
    """The number of the month repeated as a leap month (tháng nhuận) in *year*, or None.

    >>> leap_month(2025), leap_month(2026), leap_month(2033)
    (6, None, 11)
    """
    return _checked_year(year).leap_month


def tet(year: int) -> date:
    """The solar date of Tết Nguyên đán (mùng 1 tháng Giêng) of lunar *year*.

    >>> tet(2030)
    datetime.date(2030, 2, 2)
    """
    return date.fromordinal(_checked_year(year).starts[0])


def solar_date(year: int, month: int, day: int, leap: bool = False) -> date:
    """The solar (Gregorian) date of a lunar date.

    >>> solar_date(2026, 3, 10)   # Giỗ Tổ Hùng Vương 2026
    datetime.date(2026, 4, 26)
    >>> solar_date(2025, 6, 1, leap=True)
    datetime.date(2025, 7, 25)
    """
    table, position = _checked_month(year, month, leap)
    day = _check_int(day, "day")
    length = _month_length(table, position)
    if not 1 <= day <= length:
        name = f"{month} nhuận" if leap else str(month)
        raise ValueError(f"tháng {name} of lunar year {year} has {length} days, so day {day} does not exist")
    return date.fromordinal(table.starts[position] + day - 1)


def lunar_date(d: date) -> LunarDate:
    """The lunar date of solar day *d* in Vietnam (UTC+7).

    >>> lunar_date(date(2025, 7, 25))
    LunarDate(year=2025, month=6, day=1, leap=True)
    """
    if type(d) is not date:
        if isinstance(d, datetime):
            raise TypeError("d must be a datetime.date, not a datetime; pass the date in Vietnam's time zone")
        if not isinstance(d, date):
            raise TypeError(f"d must be a datetime.date, got {type(d).__name__}")
    if not MIN_DATE <= d <= MAX_DATE:
        raise CalendarRangeError(
            f"{d} is outside the supported range {MIN_DATE} to {MAX_DATE} (lunar years {_FIRST_YEAR}–{_LAST_YEAR})"
        )
    ordinal = d.toordinal()
    year = d.year
    if year > _LAST_YEAR or ordinal < _year(year, _VN_OFFSET).starts[0]:
        year -= 1
    table = _year(year, _VN_OFFSET)
    position = bisect_right(table.starts, ordinal) - 1
    month, leap = table.months[position]
    return LunarDate(year, month, ordinal - table.starts[position] + 1, leap)


def _bool(instance: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if not isinstance(value, bool):
        raise TypeError(f"LunarDate.{attribute.name} must be a bool, got {type(value).__name__}")


def _int(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    _check_int(value, f"LunarDate.{attribute.name}")


@functools.total_ordering
@attrs.frozen(order=False)
class LunarDate:
    """A day of the Vietnamese lunar calendar; construction checks that the day exists.

    Dates order chronologically (a leap month follows the regular month of the same number).

    >>> d = LunarDate(2025, 2, 12)
    >>> str(d), d.year_name, d.to_solar()
    ('ngày 12 tháng 02 năm Ất Tỵ', 'Ất Tỵ', datetime.date(2025, 3, 11))
    >>> str(LunarDate(2025, 6, 5, leap=True))
    'ngày 05 tháng 6 nhuận năm Ất Tỵ'
    >>> LunarDate(2025, 12, 30)
    Traceback (most recent call last):
    ...
    ValueError: tháng 12 of lunar year 2025 has 29 days, so day 30 does not exist
    """

    year: int = attrs.field(validator=_int)
    month: int = attrs.field(validator=_int)
    day: int = attrs.field(validator=_int)
    #: True for a day of the leap month (tháng nhuận) that repeats ``month``.
    leap: bool = attrs.field(default=False, validator=_bool)

    def __attrs_post_init__(self) -> None:
        if not 1 <= self.day <= 30:
            raise ValueError(f"lunar day must be 1–30, got {self.day}")
        solar_date(self.year, self.month, self.day, self.leap)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, LunarDate):
            return NotImplemented
        return (self.year, self.month, self.leap, self.day) < (other.year, other.month, other.leap, other.day)

    @property
    def year_name(self) -> str:
        """The can chi name of the lunar year, e.g. "Bính Ngọ" for 2026."""
        return f"{_STEMS[(self.year + 6) % 10]} {_BRANCHES[(self.year + 8) % 12]}"

    def to_solar(self) -> date:
        """The solar (Gregorian) date of this day."""
        return solar_date(self.year, self.month, self.day, self.leap)

    def vi(self, style: Literal["numeric", "traditional"] = "numeric") -> str:
        """The date in Vietnamese.

        ``numeric`` pads as Decree 30/2020 pads solar dates (days 1–9, months 1–2);
        ``traditional`` names months 1 and 12 (Giêng, Chạp) and pads nothing.

        >>> d = LunarDate(2026, 1, 5)
        >>> d.vi(), d.vi("traditional")
        ('ngày 05 tháng 01 năm Bính Ngọ', 'ngày 5 tháng Giêng năm Bính Ngọ')
        """
        if style == "numeric":
            day, month = f"{self.day:02d}", f"{self.month:02d}" if self.month <= 2 else str(self.month)
        elif style == "traditional":
            day, month = str(self.day), _MONTH_NAMES.get(self.month, str(self.month))
        else:
            raise ValueError(f"unknown style {style!r}; available: 'numeric', 'traditional'")
        leap = " nhuận" if self.leap else ""
        return f"ngày {day} tháng {month}{leap} năm {self.year_name}"

    def __str__(self) -> str:
        return self.vi()
