"""motcua: Vietnam's one-stop ("một cửa") administrative procedures as pure Python.

>>> import motcua
>>> from datetime import date
>>> motcua.vietnam_calendar().add_working_days(date(2026, 2, 13), 1)   # after Tết Bính Ngọ
datetime.date(2026, 2, 23)
"""

from __future__ import annotations

from typing import Any

from .calendar import VN_TZ, WorkingCalendar, vietnam_calendar
from .days import CalendarStatus, DayKind, DayOff, MakeupDay
from .errors import (
    CalendarRangeError,
    DataFileError,
    EstimatedCalendarWarning,
    MissingOfficeHoursError,
    MotcuaError,
    MotcuaWarning,
)
from .office_hours import OfficeHours, OfficeSchedule, SeasonalOfficeHours, Session
from .sources import LegalSource, sources

__all__ = [
    "VN_TZ",
    "CalendarRangeError",
    "CalendarStatus",
    "DataFileError",
    "DayKind",
    "DayOff",
    "EstimatedCalendarWarning",
    "LegalSource",
    "MakeupDay",
    "MissingOfficeHoursError",
    "MotcuaError",
    "MotcuaWarning",
    "OfficeHours",
    "OfficeSchedule",
    "SeasonalOfficeHours",
    "Session",
    "WorkingCalendar",
    "__version__",
    "sources",
    "vietnam_calendar",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("motcua")
    raise AttributeError(f"module 'motcua' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
