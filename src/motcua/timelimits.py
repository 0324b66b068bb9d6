"""Statutory time limits and the deadlines they give.

Four kinds of limit, each a distinct frozen type:

>>> from datetime import datetime, time
>>> from motcua import WorkingDays, CalendarDays, SameDay, WorkingHours
>>> WorkingDays(3) + WorkingDays(2)
WorkingDays(5)
>>> WorkingDays(3) + CalendarDays(2)
Traceback (most recent call last):
...
TypeError: cannot add CalendarDays to WorkingDays: a limit in working days and one in calendar days are different kinds

A deadline applies a limit to the moment a dossier is accepted, on the civil-service calendar:

>>> d = WorkingDays(3).deadline(datetime(2016, 2, 5, 10, 0))
>>> d.date
datetime.date(2016, 2, 17)
>>> print(d.explain("en"))
Limit: 3 working days.
Received: 10:00 Friday 05/02/2016, a working day; counting starts the next working day (Civil Code 2015, Art. 147).
Not counted:
  06/02 Saturday
  07/02 Sunday – Tết Nguyên đán 2016 – 29 tháng Chạp (giao thừa) (Tết)
  08/02 Monday – Tết Nguyên đán 2016 – mùng 1 (Tết)
  09/02 Tuesday – Tết Nguyên đán 2016 – mùng 2 (Tết)
  10/02 Wednesday – Tết Nguyên đán 2016 – mùng 3 (Tết)
  11/02 Thursday – Tết Nguyên đán 2016 – mùng 4 (Tết)
  12/02 Friday – Nghỉ bù Tết (29 Chạp trùng Chủ nhật) (compensatory day)
  13/02 Saturday
  14/02 Sunday
Counted: day 1 15/02, day 2 16/02, day 3 17/02.
Due: by the end of Wednesday 17/02/2016.

The default conventions (the public contract; see the concepts page):

1. A dossier received on a non-working day is deemed received at the opening of the next
   working day R; on a working day, R is that date whatever the hour.
2. ``WorkingDays(n)``: day 1 is the first working day strictly after R; the deadline is day n.
   A make-up Saturday is a working day.
3. ``CalendarDays(n)``: day 1 is the calendar day after R; if day n is not a working day the
   deadline moves to the next working day (Civil Code Art. 147–148).
4. ``SameDay(cutoff)``: received at or before the cut-off on a working day → R; strictly after →
   the next working day; deemed receipts count as received at opening → R.

The alternatives are options of :class:`Conventions`, never silent changes.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple, Self

import attrs

from ._table import BASE as _BASE
from .calendar import VN_TZ, WorkingCalendar, _to_local, vietnam_calendar
from .days import DayKind
from .errors import MissingOfficeHoursError

if TYPE_CHECKING:
    from .procedures import LegalRef

__all__ = [
    "CalendarDays",
    "ClockHours",
    "Conventions",
    "Deadline",
    "SameDay",
    "TimeLimit",
    "WorkingDays",
    "WorkingHours",
]

Language = Literal["vi", "en"]
_END_OF_DAY = time.max  # a day ends at 24:00 (Civil Code Art. 148(6)); time.max is its last instant


def _positive_int(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int:
        raise TypeError(f"{type(instance).__name__}.{attribute.name} must be an int, got {type(value).__name__}")
    if value < 1:
        raise ValueError(f"{type(instance).__name__}({value}) is meaningless: a time limit needs n >= 1")


def _positive_hours(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{type(instance).__name__}.{attribute.name} must be a number, got {type(value).__name__}")
    if not value > 0 or not math.isfinite(value):
        raise ValueError(f"{type(instance).__name__}({value}) is meaningless: a time limit needs a positive number")


def _is_time(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, time) or value.tzinfo is not None:
        raise TypeError(f"{attribute.name} must be a naive datetime.time such as time(15, 0), got {value!r}")


@attrs.frozen
class Conventions:
    """The conventions a deadline is computed under; the defaults are the library's contract.

    * ``after_hours_receipt``: ``"same-day"`` (default: a dossier received on a working day
      counts from that day whatever the hour) or ``"next-working-day"`` (one received after
      closing time, typically online, counts as received at the next opening). Needs office hours.
    * ``working_days_as_hours``: count ``WorkingDays(n)`` as ``n`` days' worth of working hours
      from the receipt moment instead of whole days from R. Needs office hours.
    * ``makeup_saturday_ends_period``: whether a ``CalendarDays`` period may end on a make-up
      Saturday (default ``True``: it is a working day); ``False`` moves it to the next weekday.
    * ``receipt_cutoff``: a time of day; a dossier received on a working day strictly after it
      counts from the next working day (e.g. 15:00 in Nghị định 63/2024/NĐ-CP Đ.7 k.2). Needs no
      office hours. Procedures whose rules say so set it themselves (``Procedure.receipt_cutoff``).
    """

    after_hours_receipt: Literal["same-day", "next-working-day"] = attrs.field(
        default="same-day", validator=attrs.validators.in_(("same-day", "next-working-day"))
    )
    working_days_as_hours: bool = False
    makeup_saturday_ends_period: bool = True
    receipt_cutoff: time | None = attrs.field(default=None, validator=attrs.validators.optional(_is_time))


DEFAULT_CONVENTIONS = Conventions()


class TimeLimit:
    """Base of the limit types: ``deadline()`` and same-kind addition."""

    __slots__ = ()
    kind_en: ClassVar[str]

    def deadline(
        self,
        received_at: datetime | date,
        calendar: WorkingCalendar | None = None,
        *,
        conventions: Conventions = DEFAULT_CONVENTIONS,
    ) -> Deadline:
        """The :class:`Deadline` for a dossier accepted at *received_at*.

        A naive datetime is Vietnam local time; an aware one is converted (and the due moment
        comes back aware). A plain date means "received that day during office hours".
        """
        cal = vietnam_calendar() if calendar is None else calendar
        if not isinstance(cal, WorkingCalendar):
            raise TypeError(f"calendar must be a WorkingCalendar, got {type(cal).__name__}")
        if type(received_at) is date:
            local: datetime | None = None
            day = received_at
            aware = False
        elif isinstance(received_at, datetime):
            local, aware = _to_local(received_at, "received_at")
            day = local.date()
        else:
            raise TypeError(
                f"received_at must be a datetime.datetime or datetime.date, got {type(received_at).__name__}"
            )
        receipt, deemed = _receipt_day(cal, day, local, conventions)
        due, moment = self._due(cal, receipt, deemed, local, conventions)
        if aware and moment is not None:
            moment = moment.replace(tzinfo=VN_TZ)
        return Deadline(
            limit=self,
            received_at=received_at,
            receipt_day=receipt,
            date=due,
            calendar=cal,
            conventions=conventions,
            due_moment=moment,
        )

    def due_dates(self, received: Sequence[date] | Any, calendar: WorkingCalendar | None = None) -> Any:
        """Due dates for many receipt days at once (a list of dates, or a numpy ``datetime64[D]`` array).

        Uses the default conventions with receipt times unknown (as :meth:`deadline` does for
        plain dates).

        >>> from datetime import date
        >>> WorkingDays(3).due_dates([date(2016, 2, 5), date(2022, 4, 30)])
        [datetime.date(2016, 2, 17), datetime.date(2022, 5, 9)]
        """
        cal = vietnam_calendar() if calendar is None else calendar
        return self._due_dates(cal, received)

    def _due_dates(self, cal: WorkingCalendar, received: Any) -> Any:
        return [self.deadline(d, cal).date for d in received]

    def _due(
        self, cal: WorkingCalendar, receipt: date, deemed: bool, local: datetime | None, conv: Conventions
    ) -> tuple[date, datetime | None]:
        """The due date, and the due moment when it is not simply the end of that day."""
        raise NotImplementedError

    # explanation pieces, overridden per kind
    def label(self, language: Language = "vi") -> str:
        raise NotImplementedError

    def _same_kind(self, other: object, op: str) -> None:
        if type(other) is not type(self):
            other_name = type(other).__name__
            raise TypeError(
                f"cannot {op} {other_name} to {type(self).__name__}: a limit in {self.kind_en} and "
                f"one in {getattr(other, 'kind_en', other_name)} are different kinds"
            )


def _default_calendar() -> WorkingCalendar:
    return vietnam_calendar()


def _closing(cal: WorkingCalendar, day: date) -> time | None:
    return cal.office_hours.hours_on(day).closing if cal.office_hours is not None else None


def _end_of(cal: WorkingCalendar, day: date) -> datetime:
    closing = _closing(cal, day)
    return datetime.combine(day, closing if closing is not None else _END_OF_DAY)


def _receipt_day(cal: WorkingCalendar, day: date, local: datetime | None, conv: Conventions) -> tuple[date, bool]:
    """R, and whether the receipt was deemed (moved to the next working day)."""
    if not cal.is_working_day(day):
        return cal.add_working_days(day, 0), True
    if conv.receipt_cutoff is not None and local is not None and local.time() > conv.receipt_cutoff:
        return cal.add_working_days(day, 1), True
    if conv.after_hours_receipt == "next-working-day" and local is not None:
        if cal.office_hours is None:
            raise MissingOfficeHoursError(
                "Conventions(after_hours_receipt='next-working-day') needs office hours; "
                "use calendar.with_office_hours('07:30-11:30, 13:30-17:00')"
            )
        if local.time() >= cal.office_hours.hours_on(day).closing:
            return cal.add_working_days(day, 1), True
    return day, False


class _Amount(TimeLimit):
    """A limit that is an amount (n days or hours): adds within its kind, scales for what-ifs."""

    __slots__ = ()
    n: Any
    #: Whether the amount is a whole number of days (rounded when scaled) or of hours (exact).
    whole: ClassVar[bool] = True

    if TYPE_CHECKING:  # the concrete attrs classes define __init__(n)

        def __init__(self, n: Any, /) -> None: ...

    def __add__(self, other: Self) -> Self:
        self._same_kind(other, "add")
        return type(self)(self.n + other.n)

    def scaled(self, factor: float, rounding: Literal["down", "up", "nearest"] = "down") -> Self:
        """The limit multiplied by *factor* (for what-ifs such as "every limit cut by 30 %").

        Day counts are rounded as asked (down by default) and never fall below one; hours
        are scaled exactly.
        """
        _check_factor(factor)
        if self.whole:
            return type(self)(_scale(self.n, factor, rounding))
        return type(self)(self.n * factor)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.n:g})" if isinstance(self.n, float) else f"{type(self).__name__}({self.n})"


@attrs.frozen(repr=False, init=False)
class WorkingDays(_Amount):
    """A limit of ``n`` working days (ngày làm việc), counted from the day after receipt."""

    n: int = attrs.field(validator=_positive_int)
    kind_en: ClassVar[str] = "working days"

    # WorkingDays(n).deadline(...) is the hot path of every report: a hand-written __init__
    # with the same checks as the validator is about twice as fast as the generated one.
    def __init__(self, n: int) -> None:
        if type(n) is not int or n < 1:
            _positive_int(self, _N_FIELD, n)
        _set_n(self, n)

    def _due(
        self, cal: WorkingCalendar, receipt: date, deemed: bool, local: datetime | None, conv: Conventions
    ) -> tuple[date, datetime | None]:
        if conv.working_days_as_hours:
            if cal.office_hours is None:
                raise MissingOfficeHoursError(
                    "Conventions(working_days_as_hours=True) needs office hours; use calendar.with_office_hours(...)"
                )
            start = local if local is not None and not deemed else datetime.combine(receipt, time())
            hours = cal.office_hours.hours_on(receipt).daily_duration() * self.n
            due_at = cal.add_working_hours(start, hours)
            return due_at.date(), due_at
        return cal.add_working_days(receipt, self.n), None

    def _due_dates(self, cal: WorkingCalendar, received: Any) -> Any:
        if type(received).__module__ == "numpy":
            return cal.add_working_days_many(cal.add_working_days_many(received, 0), self.n)
        return cal._receipt_due_many(received, self.n)

    def deadline(
        self,
        received_at: datetime | date,
        calendar: WorkingCalendar | None = None,
        *,
        conventions: Conventions = DEFAULT_CONVENTIONS,
    ) -> Deadline:
        # Fast path: a naive receipt, the default conventions and a receipt whose answer stays
        # inside the announced data. R is the receipt day if it is a working day, else the next
        # one; the due date is then work[rank_before(R-day) + n]. Everything else, including
        # every error and warning, goes through the general path.
        cal = _default_calendar() if calendar is None else calendar
        fast = getattr(cal, "_fast", None)
        if (
            fast is not None
            and conventions is DEFAULT_CONVENTIONS
            and type(received_at) is datetime
            and received_at.tzinfo is None
        ):
            i = received_at.toordinal() - _BASE
            if 0 <= i < fast[3]:
                rank, work, flag = fast[1][i], fast[2], fast[5][i]
                k = rank - flag + self.n
                if k < fast[4]:
                    return _fast_deadline(self, received_at, work[rank - 1] if flag else work[rank], work[k], cal)
        return TimeLimit.deadline(self, received_at, calendar, conventions=conventions)

    def label(self, language: Language = "vi") -> str:
        if language == "en":
            return f"{self.n} working day{'s' if self.n != 1 else ''}"
        return f"{self.n:02d} ngày làm việc"


_N_FIELD = attrs.fields(WorkingDays).n
_set_n = WorkingDays.__dict__["n"].__set__


@attrs.frozen(repr=False)
class CalendarDays(_Amount):
    """A limit of ``n`` days (ngày) counted on the calendar; Civil Code Art. 147–148."""

    n: int = attrs.field(validator=_positive_int)
    kind_en: ClassVar[str] = "calendar days"

    def _due(
        self, cal: WorkingCalendar, receipt: date, deemed: bool, local: datetime | None, conv: Conventions
    ) -> tuple[date, datetime | None]:
        last = receipt + timedelta(days=self.n)
        due = cal.add_working_days(last, 0)
        if not conv.makeup_saturday_ends_period and due.weekday() >= 5:
            due = cal.add_working_days(due, 1)
            while due.weekday() >= 5:
                due = cal.add_working_days(due, 1)
        return due, None

    def label(self, language: Language = "vi") -> str:
        if language == "en":
            return f"{self.n} calendar day{'s' if self.n != 1 else ''}"
        return f"{self.n:02d} ngày"


@attrs.frozen(repr=False)
class WorkingHours(_Amount):
    """A limit of ``n`` working hours (giờ làm việc), counted in the calendar's office hours."""

    n: float = attrs.field(validator=_positive_hours)
    kind_en: ClassVar[str] = "working hours"
    whole: ClassVar[bool] = False

    def _due(
        self, cal: WorkingCalendar, receipt: date, deemed: bool, local: datetime | None, conv: Conventions
    ) -> tuple[date, datetime | None]:
        start = local if local is not None and not deemed else datetime.combine(receipt, time())
        due_at = cal.add_working_hours(start, self.n)
        return due_at.date(), due_at

    def label(self, language: Language = "vi") -> str:
        n = f"{self.n:g}"
        if language == "en":
            return f"{n} working hour{'s' if self.n != 1 else ''}"
        return f"{int(self.n):02d} giờ làm việc" if self.n == int(self.n) else f"{n} giờ làm việc"


@attrs.frozen(repr=False)
class ClockHours(_Amount):
    """A limit of ``n`` hours on the clock (e.g. "24 giờ" in Luật Hộ tịch 2026 Đ.3 k.3).

    The period starts at the receipt moment (Civil Code Art. 147(1)) and runs through nights and
    days off; the law read says nothing about a period ending on a day off, so none is added.
    """

    n: float = attrs.field(validator=_positive_hours)
    kind_en: ClassVar[str] = "clock hours"
    whole: ClassVar[bool] = False

    def _due(
        self, cal: WorkingCalendar, receipt: date, deemed: bool, local: datetime | None, conv: Conventions
    ) -> tuple[date, datetime | None]:
        start = local if local is not None and not deemed else datetime.combine(receipt, time())
        if deemed and cal.office_hours is not None:
            start = datetime.combine(receipt, cal.office_hours.hours_on(receipt).opening)
        due_at = start + timedelta(hours=self.n)
        return due_at.date(), due_at

    def label(self, language: Language = "vi") -> str:
        n = f"{self.n:g}"
        return f"{n} hours" if language == "en" else f"{n} giờ"


@attrs.frozen(repr=False)
class SameDay(TimeLimit):
    """Done the day of receipt; received after *cutoff* → the next working day.

    ``cutoff=None`` means the same day whatever the hour. The 15:00 cut-off comes from the
    procedure's own law (Luật Hộ tịch 2014 Đ.5 k.3; Nghị định 23/2015 Đ.7), not the calendar.
    """

    cutoff: time | None = attrs.field(default=time(15, 0))
    kind_en: ClassVar[str] = "same-day limits"

    @cutoff.validator
    def _check_cutoff(self, attribute: attrs.Attribute[time | None], value: time | None) -> None:
        if value is not None and type(value) is not time:
            raise TypeError(f"SameDay.cutoff must be a datetime.time or None, got {type(value).__name__}")

    def __add__(self, other: object) -> SameDay:
        self._same_kind(other, "add")
        raise TypeError("SameDay limits do not add up: same day plus same day is still the same day")

    def _due(
        self, cal: WorkingCalendar, receipt: date, deemed: bool, local: datetime | None, conv: Conventions
    ) -> tuple[date, datetime | None]:
        due = receipt
        if not deemed and local is not None and self.cutoff is not None and local.time() > self.cutoff:
            due = cal.add_working_days(receipt, 1)
        return due, None

    def label(self, language: Language = "vi") -> str:
        if language == "en":
            if self.cutoff is None:
                return "the same day"
            return f"the same day (the next working day if received after {self.cutoff:%H:%M})"
        if self.cutoff is None:
            return "trong ngày"
        return f"trong ngày (nhận sau {self.cutoff.hour:d} giờ{self.cutoff:%M} thì ngày làm việc tiếp theo)".replace(
            "giờ00", "giờ"
        )

    def __repr__(self) -> str:
        return "SameDay()" if self.cutoff == time(15, 0) else f"SameDay(cutoff={self.cutoff!r})"


def _check_factor(factor: float) -> None:
    if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not factor > 0:
        raise ValueError(f"factor must be a positive number, got {factor!r}")


def _scale(n: int, factor: float, rounding: str) -> int:
    value = n * factor
    if rounding == "down":
        result = math.floor(value + 1e-9)
    elif rounding == "up":
        result = math.ceil(value - 1e-9)
    elif rounding == "nearest":
        result = math.floor(value + 0.5)  # half up, as published figures are rounded
    else:
        raise ValueError(f"rounding must be 'down', 'up' or 'nearest', got {rounding!r}")
    return max(1, result)


# --------------------------------------------------------------------------- deadlines

_WEEKDAYS = {
    "vi": ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


class Deadline(NamedTuple):
    """When a result is due, and how that was reached.

    ``date`` is the last day on which the result is due; ``due_at`` the due moment (the
    calendar's closing time that day if it has office hours, else the end of the day, or the
    exact moment for hour limits). A deadline is an immutable named tuple: cheap to build in
    bulk, compared by value, and picklable.
    """

    limit: TimeLimit
    received_at: datetime | _dt.date
    #: R: the day counting starts from (the receipt day, or the next working day when deemed).
    receipt_day: _dt.date
    #: The last day on which the result is due.
    date: _dt.date
    calendar: WorkingCalendar
    conventions: Conventions = DEFAULT_CONVENTIONS
    legal_basis: tuple[LegalRef, ...] = ()
    #: The exact due moment for hour limits; None when the result is due by the end of ``date``.
    due_moment: datetime | None = None

    @property
    def deemed(self) -> bool:
        """True when the receipt was moved to a later working day (a day off, or after hours)."""
        received = self.received_at
        if isinstance(received, datetime):
            received = _to_local(received, "received_at")[0].date()
        return self.receipt_day != received

    @property
    def due_at(self) -> datetime:
        """The due moment.

        The closing time on :attr:`Deadline.date` if the calendar has office hours, else the end of that
        day (24:00, Civil Code Art. 148(6)); the exact moment for hour limits.
        """
        if self.due_moment is not None:
            return self.due_moment
        moment = _end_of(self.calendar, self.date)
        received = self.received_at
        if isinstance(received, datetime) and received.tzinfo is not None and received.utcoffset() is not None:
            return moment.replace(tzinfo=VN_TZ)
        return moment

    @property
    def estimated(self) -> bool:
        """True when the deadline lies past the announced calendar data."""
        return self.date > self.calendar.data_until

    def is_met_by(self, moment: datetime | _dt.date) -> bool:
        """Whether a result at *moment* is on time (at or before the due moment)."""
        if type(moment) is date:
            return moment <= self.date
        if not isinstance(moment, datetime):
            raise TypeError(f"moment must be a datetime or date, got {type(moment).__name__}")
        due = self.due_at
        if (moment.tzinfo is None) != (due.tzinfo is None):
            local, _ = _to_local(moment, "moment")
            return local <= due.replace(tzinfo=None)
        return moment <= due

    def explain(self, language: Language = "vi") -> str:
        """How the deadline was reached, in Vietnamese (``"vi"``) or English (``"en"``)."""
        if language not in ("vi", "en"):
            raise ValueError(f"language must be 'vi' or 'en', got {language!r}")
        return "\n".join(self._lines(language))

    def _lines(self, lang: Language) -> list[str]:
        vi = lang == "vi"
        days = _WEEKDAYS[lang]
        limit = self.limit.label(lang)
        lines = [f"Thời hạn: {limit}." if vi else f"Limit: {limit}."]
        received = self.received_at
        if isinstance(received, datetime):
            local, _ = _to_local(received, "received_at")
            when = f"{local:%H:%M} {days[local.weekday()]} {local:%d/%m/%Y}"
        else:
            when = f"{days[received.weekday()]} {received:%d/%m/%Y}"
        rday = self.receipt_day
        if self.deemed:
            why = self._deemed_reason(lang)
            received_day = received.date() if isinstance(received, datetime) else received
            between = [text for _, text in self._days_off(received_day, rday, lang)]
            if between:
                why += " (" + ("sau đó: " if vi else "then: ") + "; ".join(between) + ")"
            opening = "đầu giờ" if vi else "the opening of"
            if isinstance(self.limit, ClockHours) and self.calendar.office_hours is None:
                # No office hours to open at: the hours run from the start of that day, and saying
                # "the opening" would contradict a due time of 00:00.
                opening = "lúc 00:00" if vi else "00:00 on"
            lines.append(
                f"Tiếp nhận: {when}; {why}, coi như tiếp nhận vào {opening} {days[rday.weekday()]} {rday:%d/%m/%Y}."
                if vi
                else f"Received: {when}; {why}, so deemed received at {opening} {days[rday.weekday()]} {rday:%d/%m/%Y}."
            )
            if isinstance(self.limit, ClockHours) and self.calendar.office_hours is None:
                lines.append(
                    "(Lịch không có giờ làm việc; khai báo bằng with_office_hours() để tính từ giờ mở cửa.)"
                    if vi
                    else "(The calendar has no office hours; give it some with with_office_hours() to count "
                    "from the opening.)"
                )
        else:
            lines.append(f"Tiếp nhận: {when}, ngày làm việc." if vi else f"Received: {when}, a working day.")
        if isinstance(self.limit, (WorkingDays, CalendarDays)):
            rule = (
                "thời hạn tính từ ngày tiếp theo ngày tiếp nhận (BLDS 2015 Đ.147)"
                if vi
                else "counting starts the next working day (Civil Code 2015, Art. 147)"
            )
            if isinstance(self.limit, CalendarDays) and not vi:
                rule = "counting starts the next day (Civil Code 2015, Art. 147)"
            lines[-1] = lines[-1][:-1] + "; " + rule + "."
        skipped, counted = self._walk(lang)
        if isinstance(self.limit, WorkingDays) and not self.conventions.working_days_as_hours:
            if skipped:
                lines.append("Không tính:" if vi else "Not counted:")
                lines.extend(f"  {text}" for _, text in skipped)
            lines.append(("Tính: " if vi else "Counted: ") + ", ".join(counted) + ".")
        elif isinstance(self.limit, CalendarDays):
            last = self.receipt_day + timedelta(days=self.limit.n)
            if last != self.date:
                lines.append(
                    f"Ngày cuối {last:%d/%m/%Y} không phải ngày làm việc: thời hạn kết thúc vào ngày làm việc "
                    "tiếp theo (BLDS 2015 Đ.148 k.5)."
                    if vi
                    else f"Day {self.limit.n} ({last:%d/%m/%Y}) is not a working day, so the period ends on the "
                    "next working day (Civil Code 2015, Art. 148(5))."
                )
                lines.extend(f"  {text}" for day, text in skipped if day >= last)
        elif isinstance(self.limit, SameDay) and self.date != self.receipt_day:
            cutoff = self.limit.cutoff
            assert cutoff is not None
            lines.append(
                f"Nhận sau {cutoff:%H:%M}: trả kết quả ngày làm việc tiếp theo."
                if vi
                else f"Received after {cutoff:%H:%M}: due the next working day."
            )
            if skipped:
                lines.append("Không tính:" if vi else "Not counted:")
                lines.extend(f"  {text}" for _, text in skipped)
        due = self.due_at
        if isinstance(self.limit, (WorkingHours, ClockHours)) or self.conventions.working_days_as_hours:
            lines.append(
                f"Hạn trả kết quả: {due:%H:%M} {days[due.weekday()]} {due:%d/%m/%Y}."
                if vi
                else f"Due: {due:%H:%M} {days[due.weekday()]} {due:%d/%m/%Y}."
            )
        elif due.time() == _END_OF_DAY:
            lines.append(
                f"Hạn trả kết quả: hết ngày {days[due.weekday()]} {due:%d/%m/%Y}."
                if vi
                else f"Due: by the end of {days[due.weekday()]} {due:%d/%m/%Y}."
            )
        else:
            lines.append(
                f"Hạn trả kết quả: {due:%H:%M} {days[due.weekday()]} {due:%d/%m/%Y}."
                if vi
                else f"Due: by {due:%H:%M} {days[due.weekday()]} {due:%d/%m/%Y}."
            )
        for ref in self.legal_basis:
            lines.append(("Căn cứ: " if vi else "Legal basis: ") + ref.citation)
        if self.estimated:
            lines.append(
                "Lưu ý: hạn nằm sau phần lịch đã công bố; có thể thay đổi khi có thông báo hoán đổi, làm bù."
                if vi
                else "Note: the due date lies past the announced calendar and may change with future announcements."
            )
        return lines

    def _deemed_reason(self, lang: Language) -> str:
        received = self.received_at
        day = received.date() if isinstance(received, datetime) else received
        if self.calendar.is_working_day(day):
            cutoff = self.conventions.receipt_cutoff
            if cutoff is not None and isinstance(received, datetime):
                local = _to_local(received, "received_at")[0]
                if local.time() > cutoff:
                    return f"nhận sau {cutoff:%H:%M}" if lang == "vi" else f"received after {cutoff:%H:%M}"
            return "sau giờ làm việc" if lang == "vi" else "after office hours"
        entry = self.calendar.day_off(day)
        if entry is not None:
            return f"ngày nghỉ ({entry.name})" if lang == "vi" else f"a day off ({entry.name})"
        return "ngày nghỉ cuối tuần" if lang == "vi" else "a weekend day"

    def _days_off(self, after: _dt.date, before: _dt.date, lang: Language) -> list[tuple[_dt.date, str]]:
        """Non-working days strictly between two dates, described."""
        out = []
        day = after + timedelta(days=1)
        while day < before:
            if not self.calendar.is_working_day(day):
                out.append((day, self._describe_off(day, lang)))
            day += timedelta(days=1)
        return out

    def _describe_off(self, day: _dt.date, lang: Language) -> str:
        entry = self.calendar.day_off(day)
        text = f"{day:%d/%m} {_WEEKDAYS[lang][day.weekday()]}"
        if entry is not None:
            text += f" – {entry.name}" + (f" ({entry.kind.label_en})" if lang == "en" else "")
            if entry.kind in (DayKind.SWAPPED, DayKind.LOCAL):
                text += f" ({entry.source.citation})"
        return text

    def _walk(self, lang: Language) -> tuple[list[tuple[_dt.date, str]], list[str]]:
        """The non-working days between R and the due date, and the counted days."""
        days = _WEEKDAYS[lang]
        skipped: list[tuple[_dt.date, str]] = []
        counted: list[str] = []
        day = self.receipt_day + timedelta(days=1)
        k = 0
        while day <= self.date:
            if self.calendar.is_working_day(day):
                k += 1
                label = f"{day:%d/%m}"
                if day.weekday() >= 5:
                    makeup = next((m for m in self.calendar.makeup_days(day.year) if m.date == day), None)
                    note = "làm bù" if lang == "vi" else "make-up working day"
                    label += f" ({days[day.weekday()]}, {note}" + (f", {makeup.source.citation})" if makeup else ")")
                counted.append((f"ngày {k} " if lang == "vi" else f"day {k} ") + label)
            else:
                skipped.append((day, self._describe_off(day, lang)))
            day += timedelta(days=1)
        return skipped, counted

    def __str__(self) -> str:
        return self.explain("vi")

    def __repr__(self) -> str:
        due = self.due_at
        when = f"end of {due.date().isoformat()}" if due.time() == _END_OF_DAY else due.isoformat(" ", "minutes")
        return f"<Deadline {self.limit!r} from {self.receipt_day.isoformat()}: due {when}>"

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(f"<li>{escape(line)}</li>" for line in self._lines("vi"))
        return f"<div class='motcua-deadline'><strong>Hạn {self.date:%d/%m/%Y}</strong><ul>{rows}</ul></div>"


_new_tuple = tuple.__new__


def _fast_deadline(limit: TimeLimit, received_at: datetime, receipt: date, due: date, cal: WorkingCalendar) -> Deadline:
    # The field order of Deadline, with the defaults of the fast path.
    return _new_tuple(Deadline, (limit, received_at, receipt, due, cal, DEFAULT_CONVENTIONS, (), None))
