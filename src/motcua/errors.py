"""The exceptions and warnings motcua raises.

Every error is a :class:`MotcuaError`; most also subclass the built-in exception a caller would
naturally catch (``ValueError`` for bad values, ``LookupError`` for missing entries). Every
warning is a :class:`MotcuaWarning`, so a caller can turn them all into errors at once:

>>> import warnings, motcua
>>> with warnings.catch_warnings():
...     warnings.simplefilter("error", motcua.MotcuaWarning)
...     motcua.vietnam_calendar().is_working_day(__import__("datetime").date(2026, 2, 17))
False
"""

from __future__ import annotations

__all__ = [
    "CalendarRangeError",
    "DataFileError",
    "EstimatedCalendarWarning",
    "InvalidArgumentError",
    "InvalidCountError",
    "MissingOfficeHoursError",
    "MotcuaError",
    "MotcuaWarning",
    "NoResponsesError",
    "SmallSampleWarning",
    "UncertainDataWarning",
]


class MotcuaError(Exception):
    """Base class of every error motcua raises on purpose."""


class CalendarRangeError(MotcuaError, ValueError):
    """A date lies outside the range the calendar can answer for (2013-01-01 to 2100-12-31)."""


class DataFileError(MotcuaError, ValueError):
    """A shipped or user-supplied data file is malformed; the message names the file and entry."""


class MissingOfficeHoursError(MotcuaError, ValueError):
    """Working-hour arithmetic was asked of a calendar that has no office hours."""


class InvalidCountError(MotcuaError, ValueError, TypeError):
    """A count that cannot be one: negative, not an integer (a float, a bool), or successes above n.

    It is both a ``ValueError`` (the contract for bad counts) and a ``TypeError`` (what a
    non-integer count raised before), so either ``except`` clause catches it.
    """


class InvalidArgumentError(MotcuaError, ValueError):
    """An argument outside what a statistic or survey accepts (a confidence of 1.5, an unknown method,
    weights that name no stratum, a rule applied outside its domain); the message says what to pass."""


class NoResponsesError(MotcuaError, ValueError):
    """A share was asked of a tally with no responses: it is undefined, never 0 % or 100 %."""


class MotcuaWarning(UserWarning):
    """Base class of every warning motcua emits."""


class EstimatedCalendarWarning(MotcuaWarning):
    """An answer depends on days past the announced calendar data.

    Such days follow the Labour Code rules (through python-holidays); the Government may still
    announce swapped days or make-up Saturdays for them, which would change the answer.
    """


class UncertainDataWarning(MotcuaWarning):
    """An answer rests on a legal fact the data marks as uncertain (the data says why)."""


class SmallSampleWarning(MotcuaWarning):
    """A share rests on fewer than 30 responses; read its interval, not its point value."""
