"""Office hours: the morning and afternoon sessions during which a one-stop desk works.

There is no national clock: each province sets its own hours, sometimes by season, so motcua
ships none by default and a calendar gets them explicitly.

>>> from motcua import OfficeHours
>>> hours = OfficeHours.parse("07:30-11:30, 13:30-17:00")
>>> hours
OfficeHours('07:30-11:30, 13:30-17:00')
>>> hours.daily_duration()
datetime.timedelta(seconds=27000)

Seasonal hours (Huế from 2026: Quyết định 4010/QĐ-UBND; summer April–September) switch on a
month and day every year:

>>> from motcua import SeasonalOfficeHours
>>> hue = SeasonalOfficeHours({
...     (4, 1): OfficeHours.parse("07:30-11:30, 13:30-17:30"),
...     (10, 1): OfficeHours.parse("07:30-11:30, 13:00-17:00"),
... })
>>> from datetime import date
>>> hue.hours_on(date(2026, 1, 15))
OfficeHours('07:30-11:30, 13:00-17:00')
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Protocol, runtime_checkable

import attrs

__all__ = ["OfficeHours", "OfficeSchedule", "SeasonalOfficeHours", "Session"]

_MICROS_PER_SECOND = 1_000_000


def _micros(t: time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * _MICROS_PER_SECOND + t.microsecond


def _check_time(_: object, attribute: attrs.Attribute[time], value: time) -> None:
    if type(value) is not time:
        raise TypeError(f"Session.{attribute.name} must be a datetime.time, got {type(value).__name__}")
    if value.tzinfo is not None:
        raise ValueError(f"Session.{attribute.name} must be a local (naive) time, got {value!r}")


@attrs.frozen
class Session:
    """One working session, e.g. the morning 07:30–11:30; ``start < end`` within one day."""

    start: time = attrs.field(validator=_check_time)
    end: time = attrs.field(validator=_check_time)

    def __attrs_post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError(f"a session must start before it ends, got {self.start:%H:%M}-{self.end:%H:%M}")

    @property
    def duration(self) -> timedelta:
        return timedelta(microseconds=_micros(self.end) - _micros(self.start))

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


_SESSION_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")


def _to_sessions(value: Iterable[Session | tuple[time, time]]) -> tuple[Session, ...]:
    return tuple(s if isinstance(s, Session) else Session(*s) for s in value)


@attrs.frozen(repr=False)
class OfficeHours:
    """The same sessions on every working day."""

    sessions: tuple[Session, ...] = attrs.field(converter=_to_sessions)
    # The sessions as (start, end) in microseconds after midnight, for the hour arithmetic.
    _bounds: tuple[tuple[int, int], ...] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if not self.sessions:
            raise ValueError("office hours need at least one session")
        for before, after in itertools.pairwise(self.sessions):
            if not before.end <= after.start:
                raise ValueError(f"sessions must be in order and must not overlap: {before} then {after}")
        object.__setattr__(self, "_bounds", tuple((_micros(s.start), _micros(s.end)) for s in self.sessions))

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """Read sessions written as ``"07:30-11:30, 13:30-17:00"``."""
        sessions = []
        for part in text.split(","):
            match = _SESSION_RE.match(part)
            if not match:
                raise ValueError(f"cannot read office hours {text!r}: expected 'HH:MM-HH:MM, HH:MM-HH:MM'")
            h1, m1, h2, m2 = map(int, match.groups())
            sessions.append(Session(time(h1, m1), time(h2, m2)))
        return cls(sessions)

    def hours_on(self, day: date) -> OfficeHours:
        """The hours in force on *day* (always these)."""
        return self

    @property
    def opening(self) -> time:
        return self.sessions[0].start

    @property
    def closing(self) -> time:
        return self.sessions[-1].end

    def daily_duration(self) -> timedelta:
        return sum((s.duration for s in self.sessions), timedelta())

    def worked_before(self, moment: datetime) -> timedelta:
        """Working time on ``moment``'s day from midnight up to the clock time of ``moment``."""
        return timedelta(microseconds=self._worked_before_us(_micros(moment.time())))

    def _worked_before_us(self, clock_us: int) -> int:
        total = 0
        for start, end in self._bounds:
            if clock_us <= start:
                break
            total += min(clock_us, end) - start
        return total

    def _clock_after_us(self, worked_us: int) -> int:
        """The clock time (µs after midnight) at which *worked_us* of work has been done.

        A moment exactly at the end of a session is reported as that end (11:30, not 13:30).
        """
        for start, end in self._bounds:
            if worked_us <= end - start:
                return start + worked_us
            worked_us -= end - start
        raise ValueError("more work than the day holds")  # pragma: no cover - guarded by callers

    def __repr__(self) -> str:
        return f"OfficeHours({str(self)!r})"

    def __str__(self) -> str:
        return ", ".join(map(str, self.sessions))


def _to_seasons(value: Mapping[tuple[int, int], OfficeHours]) -> tuple[tuple[tuple[int, int], OfficeHours], ...]:
    items = tuple(sorted(dict(value).items()))
    for (month, day), hours in items:
        date(2024, month, day)  # validates the month and day (2024 admits 29/2)
        if not isinstance(hours, OfficeHours):
            raise TypeError(f"season starting {day:02d}/{month:02d} must map to OfficeHours")
    return items


@attrs.frozen(repr=False)
class SeasonalOfficeHours:
    """Hours that change on fixed month-days each year (e.g. summer and winter hours).

    Each season runs from its ``(month, day)`` to the day before the next season starts,
    wrapping round the new year.
    """

    seasons: tuple[tuple[tuple[int, int], OfficeHours], ...] = attrs.field(converter=_to_seasons)

    def __attrs_post_init__(self) -> None:
        if not self.seasons:
            raise ValueError("seasonal office hours need at least one season")

    def hours_on(self, day: date) -> OfficeHours:
        starts = [start for start, _ in self.seasons]
        index = bisect.bisect_right(starts, (day.month, day.day)) - 1
        return self.seasons[index][1]  # index -1 is the season that wrapped from last year

    def __repr__(self) -> str:
        inner = ", ".join(f"({m}, {d}): {h!r}" for (m, d), h in self.seasons)
        return f"SeasonalOfficeHours({{{inner}}})"


@runtime_checkable
class OfficeSchedule(Protocol):
    """Anything that tells the office hours in force on a day."""

    def hours_on(self, day: date) -> OfficeHours: ...
