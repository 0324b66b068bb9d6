"""The records a calendar reports: days off, make-up working days, and year statuses."""

from __future__ import annotations

import datetime as _dt
import enum

import attrs

from .sources import LegalSource

__all__ = ["CalendarStatus", "DayKind", "DayOff", "MakeupDay"]


class DayKind(enum.StrEnum):
    """Why a day is not a working day."""

    #: A public holiday of the Labour Code (Tết Dương lịch, Giỗ Tổ, 30/4, 1/5, Quốc khánh, 24/11).
    HOLIDAY = "holiday"
    #: One of the statutory days of Tết Nguyên đán (lunar new year).
    TET = "tet"
    #: Nghỉ bù (compensatory day), given when a holiday falls on a weekend.
    COMPENSATORY = "compensatory"
    #: Hoán đổi (swapped day), a weekday given off in exchange for a make-up Saturday.
    SWAPPED = "swapped"
    #: A day off added for a local calendar (a provincial closure, a storm).
    LOCAL = "local"

    @property
    def label_vi(self) -> str:
        return _LABELS_VI[self]

    @property
    def label_en(self) -> str:
        return _LABELS_EN[self]


_LABELS_VI = {
    DayKind.HOLIDAY: "ngày lễ",
    DayKind.TET: "Tết Nguyên đán",
    DayKind.COMPENSATORY: "nghỉ bù",
    DayKind.SWAPPED: "hoán đổi",
    DayKind.LOCAL: "nghỉ theo quyết định địa phương",
}


_LABELS_EN = {
    DayKind.HOLIDAY: "public holiday",
    DayKind.TET: "Tết",
    DayKind.COMPENSATORY: "compensatory day",
    DayKind.SWAPPED: "swapped day",
    DayKind.LOCAL: "local day off",
}


class CalendarStatus(enum.StrEnum):
    """How settled a year of the calendar is."""

    #: Every day off and make-up day of the year is announced or fixed by law.
    CONFIRMED = "confirmed"
    #: The year is partly or wholly derived from the Labour Code rules; announcements may change it.
    ESTIMATED = "estimated"


_WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


@attrs.frozen(kw_only=True, repr=False)
class DayOff:
    """A holiday or non-working weekday, with its Vietnamese name, kind and source."""

    date: _dt.date
    name: str
    kind: DayKind
    source: LegalSource
    #: ``announced``, ``by-rule``, ``proposed`` or ``local``.
    basis: str
    estimated: bool = False
    article: str | None = None
    note: str | None = None

    @property
    def on_weekend(self) -> bool:
        """True for a holiday that falls on a Saturday or Sunday (it produces a nghỉ bù)."""
        return self.date.weekday() >= 5

    @property
    def weekday_vi(self) -> str:
        return _WEEKDAYS_VI[self.date.weekday()]

    def __repr__(self) -> str:
        flag = ", estimated" if self.estimated else ""
        return f"DayOff({self.date.isoformat()}, {self.kind.value}, {self.name!r}, source={self.source.key!r}{flag})"


@attrs.frozen(kw_only=True, repr=False)
class MakeupDay:
    """A Saturday or Sunday worked (làm bù), usually in exchange for a swapped weekday."""

    date: _dt.date
    name: str
    replaces: _dt.date | None
    source: LegalSource
    basis: str
    estimated: bool = False
    note: str | None = None

    @property
    def weekday_vi(self) -> str:
        return _WEEKDAYS_VI[self.date.weekday()]

    def __repr__(self) -> str:
        replaces = f", replaces={self.replaces.isoformat()}" if self.replaces else ""
        flag = ", estimated" if self.estimated else ""
        return f"MakeupDay({self.date.isoformat()}, {self.name!r}{replaces}, source={self.source.key!r}{flag})"
