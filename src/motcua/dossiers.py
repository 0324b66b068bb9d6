"""Dossiers (hồ sơ) and their events, and the timeline computed from them.

>>> from datetime import datetime
>>> from motcua import Dossier, Resolved, catalogue
>>> marital = catalogue().get("1.004873", on=datetime(2026, 4, 24).date())
>>> d = Dossier(marital, datetime(2026, 4, 24, 9, 0), code="H61.23-260424-0001")
>>> d = d.with_event(Resolved(datetime(2026, 5, 4, 10, 0)))
>>> t = d.timeline()
>>> t.original_due.date, t.outcome, t.status.code
(datetime.date(2026, 5, 4), <Outcome.ON_TIME: 'on_time'>, 9)

The record is immutable: ``with_event`` returns a new dossier, and every impossible sequence
raises :class:`DossierEventError` naming the event.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar

import attrs

from ._data import fold
from ._warn import warn
from .calendar import VN_TZ, WorkingCalendar, _to_local, vietnam_calendar
from .errors import MotcuaError, MotcuaWarning
from .procedures import Procedure, catalogue
from .timelimits import Deadline, TimeLimit

__all__ = [
    "Channel",
    "Closed",
    "Dossier",
    "DossierEventError",
    "DossierStatus",
    "Event",
    "Extended",
    "LateExtensionWarning",
    "Outcome",
    "PauseRule",
    "Refused",
    "Resolved",
    "Returned",
    "StepRecord",
    "SupplementRequested",
    "Supplemented",
    "Timeline",
    "TransferReturned",
    "Transferred",
    "VerificationEnded",
    "VerificationStarted",
    "Withdrawn",
]


class DossierEventError(MotcuaError, ValueError):
    """An event that cannot happen at that point of the dossier's life; the message says why."""


class LateExtensionWarning(MotcuaWarning):
    """An extension (apology with a new date) sent less than one day before the due date.

    Decree 118/2025 Art. 19(6) (Decree 61/2018 Art. 19(9) before it) asks for it at least one
    day before; a later one is legally doubtful but happens, so it warns instead of failing.
    """


class Channel(enum.StrEnum):
    """How the dossier was submitted (hình thức nộp)."""

    IN_PERSON = "in_person"
    POSTAL = "postal"
    ONLINE = "online"

    @property
    def label_vi(self) -> str:
        return {"in_person": "Trực tiếp", "postal": "Dịch vụ bưu chính", "online": "Trực tuyến"}[self.value]

    @classmethod
    def parse(cls, text: str | Channel) -> Channel:
        """The channel a register or a form names, in English or Vietnamese, with or without diacritics.

        >>> Channel.parse("Trực tuyến toàn trình"), Channel.parse("buu chinh cong ich")
        (<Channel.ONLINE: 'online'>, <Channel.POSTAL: 'postal'>)
        """
        if isinstance(text, Channel):
            return text
        if isinstance(text, str):
            found = _CHANNEL_WORDS.get(" ".join(fold(text).replace("_", " ").replace("-", " ").split()))
            if found is not None:
                return found
        raise ValueError(
            f"unknown channel {text!r}; use online, in_person or postal (Trực tuyến, Trực tiếp, Bưu chính)"
        )


# Words exports and forms use for each channel (folded: no diacritics, lower case, single spaces).
_CHANNEL_WORDS: dict[str, Channel] = {
    **dict.fromkeys(
        ("online", "truc tuyen", "truc tuyen toan trinh", "truc tuyen mot phan", "dvc truc tuyen"), Channel.ONLINE
    ),
    **dict.fromkeys(("in person", "inperson", "truc tiep", "tai quay", "nop truc tiep"), Channel.IN_PERSON),
    **dict.fromkeys(
        ("postal", "buu chinh", "dich vu buu chinh", "buu chinh cong ich", "buu dien", "bcci"), Channel.POSTAL
    ),
}


class Outcome(enum.StrEnum):
    """How the dossier stands against its deadline."""

    EARLY = "early"  #: resolved before the due date (trước hạn)
    ON_TIME = "on_time"  #: resolved on the due date, by the due moment (đúng hạn)
    LATE = "late"  #: resolved after the due moment (quá hạn)
    PENDING = "pending"  #: not resolved, still within time (trong hạn)
    OVERDUE = "overdue"  #: not resolved, past its due moment (quá hạn)
    STOPPED = "stopped"  #: withdrawn or closed: no result to judge

    @property
    def finished(self) -> bool:
        return self in (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE)

    @property
    def in_time(self) -> bool:
        """Early, on time, or pending within time: what the official rates count as good."""
        return self in (Outcome.EARLY, Outcome.ON_TIME, Outcome.PENDING)


class DossierStatus(enum.Enum):
    """Where the dossier is, with the national status code used for synchronisation (1–10)."""

    RECEIVED = (2, "Được tiếp nhận")
    IN_PROGRESS = (4, "Đang xử lý")
    IN_VERIFICATION = (4, "Đang xử lý (xác minh)")
    AT_AGENCY = (4, "Đang xử lý (liên thông)")
    WAITING_SUPPLEMENT = (5, "Yêu cầu bổ sung giấy tờ")
    WITHDRAWN = (7, "Công dân yêu cầu rút hồ sơ")
    REFUSED = (8, "Dừng xử lý (từ chối giải quyết)")
    CLOSED = (8, "Dừng xử lý (đóng hồ sơ)")
    RESOLVED = (9, "Đã xử lý xong")
    RETURNED = (10, "Đã trả kết quả")

    @property
    def code(self) -> int:
        """The national status code (1 Mới đăng ký … 10 Đã trả kết quả)."""
        return int(self.value[0])

    @property
    def label_vi(self) -> str:
        return str(self.value[1])


class PauseRule(enum.StrEnum):
    """How supplements and verification affect the clock (law.md §6.1 of the research notes).

    * ``LEGAL`` (default): the time limit restarts from zero when a supplement requested after
      appraisal is received (Decree 118/2025 Art. 19(5); Decree 61/2018 Art. 19(4)), and
      civil-status verification time is not counted (Decree 123/2015 Art. 3(4)).
    * ``DASHBOARD``: the national dashboard's method (Decision 766): the appointment stays,
      the time spent waiting for supplements is added back, and more than one supplement
      request makes the dossier late.
    * ``NONE``: no pauses at all; the original deadline judges everything.
    """

    LEGAL = "legal"
    DASHBOARD = "dashboard"
    NONE = "none"


def _moment(value: object, name: str) -> datetime:
    """A naive Vietnam-local datetime from a datetime (aware ones converted)."""
    if isinstance(value, datetime):
        if value != value:  # pandas.NaT is a datetime that is not equal to itself
            raise ValueError(f"{name} is missing (NaT); leave the event out instead")
        return _to_local(value, name)[0]
    if isinstance(value, date):
        raise TypeError(f"{name} must be a datetime (an event happens at a moment); got a date, pass datetime(...)")
    raise TypeError(f"{name} must be a datetime.datetime, got {type(value).__name__}")


def _check_at(instance: Event, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    _moment(value, f"{type(instance).__name__}.at")


@attrs.frozen
class Event:
    """Something that happened to a dossier, at a moment (naive = Vietnam local time)."""

    at: datetime = attrs.field(validator=_check_at)
    label_vi: ClassVar[str] = ""

    @property
    def local_at(self) -> datetime:
        return _moment(self.at, "at")


@attrs.frozen
class SupplementRequested(Event):
    """The body asked the applicant to supplement or complete the dossier (Phiếu yêu cầu bổ sung)."""

    reason: str = ""
    label_vi: ClassVar[str] = "Yêu cầu bổ sung, hoàn thiện hồ sơ"


@attrs.frozen
class Supplemented(Event):
    """The applicant supplied what was asked; under the legal rule the clock restarts here."""

    label_vi: ClassVar[str] = "Đã bổ sung hồ sơ"


@attrs.frozen
class VerificationStarted(Event):
    """A verification request was sent (xác minh); civil-status verification time is not counted."""

    reason: str = ""
    label_vi: ClassVar[str] = "Gửi văn bản xác minh"


@attrs.frozen
class VerificationEnded(Event):
    """The verification answer arrived."""

    label_vi: ClassVar[str] = "Nhận kết quả xác minh"


def _check_new_due(instance: Extended, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, date):
        raise TypeError(f"Extended.new_due must be a date or datetime, got {type(value).__name__}")


@attrs.frozen
class Extended(Event):
    """The apology with a new appointment (Phiếu xin lỗi và hẹn lại ngày trả kết quả); allowed once."""

    new_due: datetime | date = attrs.field(kw_only=True, validator=_check_new_due)
    reason: str = attrs.field(kw_only=True)
    label_vi: ClassVar[str] = "Xin lỗi và hẹn lại ngày trả kết quả"


@attrs.frozen
class Transferred(Event):
    """Hand-over to another agency (liên thông) with its own sub-deadline (Phiếu chuyển xử lý).

    Give the sub-deadline as a ``time_limit`` counted from the hand-over, or as a ``due`` moment.
    """

    agency: str = attrs.field(kw_only=True)
    time_limit: TimeLimit | None = attrs.field(default=None, kw_only=True)
    due: datetime | None = attrs.field(default=None, kw_only=True)
    label_vi: ClassVar[str] = "Chuyển xử lý"


@attrs.frozen
class TransferReturned(Event):
    """The agency handed its part back."""

    agency: str = attrs.field(kw_only=True)
    label_vi: ClassVar[str] = "Nhận lại kết quả liên thông"


@attrs.frozen
class Resolved(Event):
    """The result is ready (Đã xử lý xong): the moment the dossier is judged early, on time or late."""

    label_vi: ClassVar[str] = "Đã xử lý xong"


@attrs.frozen
class Returned(Event):
    """The result was handed to the applicant (Đã trả kết quả)."""

    label_vi: ClassVar[str] = "Đã trả kết quả"


@attrs.frozen
class Refused(Event):
    """Refusal after appraisal, with reasons (Phiếu từ chối giải quyết); judged against the limit."""

    reason: str = attrs.field(kw_only=True)
    label_vi: ClassVar[str] = "Từ chối giải quyết"


@attrs.frozen
class Withdrawn(Event):
    """The applicant stopped the procedure (Decree 118/2025 Art. 21)."""

    reason: str = ""
    label_vi: ClassVar[str] = "Công dân rút hồ sơ"


@attrs.frozen
class Closed(Event):
    """Closed because the supplement never came (Decree 118/2025 Art. 19(5): after 15 days)."""

    reason: str = ""
    label_vi: ClassVar[str] = "Đóng hồ sơ"


_TERMINAL = (Returned, Refused, Withdrawn, Closed)


@attrs.frozen
class StepRecord:
    """One agency's part of an inter-agency dossier, judged against its own sub-deadline."""

    agency: str
    sent_at: datetime
    due_at: datetime | None
    returned_at: datetime | None

    def late(self, as_of: datetime | None) -> bool:
        """Whether the agency overran: returned after its due moment, or not back by *as_of*."""
        if self.due_at is None:
            return False
        if self.returned_at is not None:
            return self.returned_at > self.due_at
        return as_of is not None and as_of > self.due_at


def _to_procedure(value: Procedure | str, received: datetime) -> Procedure:
    if isinstance(value, Procedure):
        return value
    if isinstance(value, str):
        return catalogue().get(value, on=received.date())
    raise TypeError(f"procedure must be a Procedure or a procedure code such as '1.004873', got {type(value).__name__}")


def _to_events(value: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(value)


def _to_received(value: object) -> datetime | date:
    if isinstance(value, datetime):
        if value != value:  # pandas.NaT
            raise ValueError("received_at is missing (NaT); every dossier has a receipt moment")
        return value
    if isinstance(value, date):
        return value
    raise TypeError(f"received_at must be a datetime or date, got {type(value).__name__}")


@attrs.frozen(repr=False, init=False)
class Dossier:
    """One accepted dossier: its procedure, receipt moment, channel and what happened since.

    ``procedure`` is a :class:`~motcua.Procedure` version or a code (looked up in the shipped
    catalogue at the receipt date). ``verification=True`` applies the procedure's limit for
    cases that need verification. ``agency`` names the handling body, for grouping reports.
    """

    procedure: Procedure
    received_at: datetime | date = attrs.field(converter=_to_received)
    channel: Channel = attrs.field(default=Channel.IN_PERSON, converter=Channel)
    code: str | None = None
    events: tuple[Event, ...] = attrs.field(default=(), converter=_to_events)
    agency: str | None = attrs.field(default=None, kw_only=True)
    verification: bool = attrs.field(default=False, kw_only=True)

    def __init__(
        self,
        procedure: Procedure | str,
        received_at: datetime | date,
        channel: Channel | str = Channel.IN_PERSON,
        code: str | None = None,
        events: Iterable[Event] = (),
        *,
        agency: str | None = None,
        verification: bool = False,
    ) -> None:
        received = _to_received(received_at)
        start = received if isinstance(received, datetime) else datetime.combine(received, time())
        recorded: tuple[Event, ...] = tuple(events)
        self.__attrs_init__(
            _to_procedure(procedure, _to_local(start, "received_at")[0]),
            received,
            channel,
            code,
            recorded,
            agency=agency,
            verification=verification,
        )
        if verification and self.procedure.verification_limit is None:
            # Caught here rather than in timeline(), so that one bad dossier cannot abort a report.
            raise ValueError(
                f"{self._label()}verification=True, but {self.procedure.code} ({self.procedure.name}) "
                "has no separate time limit for verification"
            )
        try:
            _validate(self)
        except DossierEventError as exc:
            if self.code is None:
                raise
            raise DossierEventError(f"{self._label()}{exc}") from None

    def _label(self) -> str:
        return f"dossier {self.code}: " if self.code else ""

    @property
    def received_local(self) -> datetime:
        """The receipt moment as a naive Vietnam-local datetime (a plain date counts from 00:00)."""
        r = self.received_at
        return _to_local(r, "received_at")[0] if isinstance(r, datetime) else datetime.combine(r, time())

    def with_event(self, event: Event) -> Dossier:
        """A new dossier with *event* appended (it must not be earlier than the last one)."""
        return Dossier(
            self.procedure,
            self.received_at,
            self.channel,
            self.code,
            (*self.events, event),
            agency=self.agency,
            verification=self.verification,
        )

    def timeline(
        self,
        calendar: WorkingCalendar | None = None,
        as_of: datetime | date | None = None,
        *,
        rule: PauseRule | str = PauseRule.LEGAL,
    ) -> Timeline:
        """The dossier's deadlines, status and outcome as of *as_of* (default: as its record stands).

        A date ``as_of`` means the end of that day. Events after ``as_of`` are ignored.
        """
        return _timeline(self, vietnam_calendar() if calendar is None else calendar, as_of, PauseRule(rule))

    def __repr__(self) -> str:
        code = f" {self.code}" if self.code else ""
        return (
            f"<Dossier{code} {self.procedure.code} received {self.received_local:%Y-%m-%d %H:%M} "
            f"({self.channel.value}), {len(self.events)} event{'s' if len(self.events) != 1 else ''}>"
        )


def _fail(index: int, event: Event, why: str) -> DossierEventError:
    return DossierEventError(f"event {index} ({type(event).__name__} at {event.local_at:%Y-%m-%d %H:%M}): {why}")


def _validate(d: Dossier) -> None:
    """Reject impossible sequences; legal doubts that need a calendar are checked by the timeline."""
    previous = d.received_local
    waiting = verifying = resolved = returned = False
    extended = 0
    open_transfers: set[str] = set()
    for i, e in enumerate(d.events):
        if not isinstance(e, Event):
            raise TypeError(f"events[{i}] must be an Event, got {type(e).__name__}")
        at = e.local_at
        if at < previous:
            what = "the receipt" if i == 0 or previous == d.received_local else "the previous event"
            raise _fail(i, e, f"it is earlier than {what} ({previous:%Y-%m-%d %H:%M}); events must be in time order")
        previous = at
        if returned or any(isinstance(p, (Refused, Withdrawn, Closed)) for p in d.events[:i]):
            raise _fail(i, e, "the dossier had already reached a final state")
        if isinstance(e, SupplementRequested):
            if waiting:
                raise _fail(i, e, "a supplement request is already waiting for the applicant")
            if resolved:
                raise _fail(i, e, "the dossier is already resolved")
            waiting = True
        elif isinstance(e, Supplemented):
            if not waiting:
                raise _fail(i, e, "no supplement was requested")
            waiting = False
        elif isinstance(e, VerificationStarted):
            if verifying:
                raise _fail(i, e, "a verification is already running")
            verifying = True
        elif isinstance(e, VerificationEnded):
            if not verifying:
                raise _fail(i, e, "no verification was started")
            verifying = False
        elif isinstance(e, Extended):
            extended += 1
            if extended > 1:
                raise _fail(i, e, "the appointment may be extended only once (Decree 118/2025 Art. 19(6))")
            if resolved:
                raise _fail(i, e, "the dossier is already resolved")
        elif isinstance(e, Transferred):
            if e.agency in open_transfers:
                raise _fail(i, e, f"the dossier is already with {e.agency}")
            if e.time_limit is not None and e.due is not None:
                raise _fail(i, e, "give the sub-deadline as time_limit or as due, not both")
            open_transfers.add(e.agency)
        elif isinstance(e, TransferReturned):
            if e.agency not in open_transfers:
                raise _fail(i, e, f"the dossier was not transferred to {e.agency}")
            open_transfers.discard(e.agency)
        elif isinstance(e, Resolved):
            if resolved:
                raise _fail(i, e, "the dossier is already resolved")
            if waiting:
                raise _fail(i, e, "a supplement request is still waiting for the applicant")
            if verifying:
                raise _fail(i, e, "a verification is still running; record VerificationEnded first")
            resolved = True
        elif isinstance(e, Returned):
            if waiting:
                raise _fail(i, e, "a supplement request is still waiting for the applicant")
            returned = True
        elif isinstance(e, Refused):
            if resolved:
                raise _fail(i, e, "the dossier is already resolved")
        elif isinstance(e, Withdrawn):
            if resolved:
                raise _fail(
                    i, e, "the result is already issued; it can no longer be withdrawn (Decree 118/2025 Art. 21)"
                )
        elif isinstance(e, Closed):
            if not waiting:
                raise _fail(
                    i, e, "a dossier is closed only while a supplement request waits (Decree 118/2025 Art. 19(5))"
                )
        else:
            raise _fail(i, e, "unknown event type")


# --------------------------------------------------------------------------- the timeline


@attrs.frozen(repr=False, eq=False)
class Timeline:
    """A dossier's deadlines, status and outcome at one moment, under one pause rule."""

    dossier: Dossier
    rule: PauseRule
    as_of: datetime | None
    #: The deadline counted from receipt.
    original_due: Deadline
    #: The deadline the dossier is judged by: after a restart (legal rule) it counts from the
    #: supplement; :attr:`due_date` and :attr:`due_at` add any excluded pause.
    effective_due: Deadline
    due_date: date
    due_at: datetime
    #: The appointment last given to the applicant (the extension's new date, if any).
    appointment: datetime
    status: DossierStatus
    outcome: Outcome
    #: When processing ended (resolved, refused, returned, withdrawn or closed), if it has.
    ended_at: datetime | None
    #: Working days between the due date and the end (or ``as_of`` when overdue), at least 1
    #: when late; 0 otherwise.
    days_late: int
    extension: Extended | None
    supplement_requests: int
    #: Working days not counted (verification, or supplement waiting under the dashboard rule).
    paused_working_days: int
    steps: tuple[StepRecord, ...]
    #: What changed the clock, in order, in Vietnamese.
    adjustments: tuple[str, ...]

    @property
    def late_steps(self) -> tuple[StepRecord, ...]:
        """The agencies that overran their own sub-deadline."""
        return tuple(s for s in self.steps if s.late(self.as_of))

    @property
    def responsible(self) -> tuple[str, ...]:
        """Who overran: the late agencies, else the handling body when the dossier itself is late."""
        late = tuple(s.agency for s in self.late_steps)
        if late:
            return late
        if self.outcome in (Outcome.LATE, Outcome.OVERDUE):
            return (self.dossier.agency or "cơ quan giải quyết",)
        return ()

    @property
    def apologised(self) -> bool:
        return self.extension is not None

    def to_record(self) -> dict[str, Any]:
        """A flat dict for pandas and CSV: one row per dossier."""
        d = self.dossier
        return {
            "code": d.code,
            "procedure": d.procedure.code,
            "field": d.procedure.field,
            "agency": d.agency,
            "channel": d.channel.value,
            "received_at": d.received_local,
            "original_due": self.original_due.date,
            "due_date": self.due_date,
            "appointment": self.appointment,
            "ended_at": self.ended_at,
            "status": self.status.name.lower(),
            "status_code": self.status.code,
            "outcome": self.outcome.value,
            "days_late": self.days_late,
            "apologised": self.apologised,
            "supplement_requests": self.supplement_requests,
            "rule": self.rule.value,
        }

    def __repr__(self) -> str:
        return (
            f"<Timeline {self.dossier.procedure.code}: due {self.due_date.isoformat()}, "
            f"{self.status.name.lower()}, {self.outcome.value}>"
        )

    def _repr_html_(self) -> str:
        from html import escape

        rows = [
            ("Hạn ban đầu", f"{self.original_due.date:%d/%m/%Y}"),
            ("Hạn tính kết quả", f"{self.due_date:%d/%m/%Y}"),
            ("Hẹn trả", f"{self.appointment:%H:%M %d/%m/%Y}"),
            ("Trạng thái", f"{self.status.code} – {self.status.label_vi}"),
            ("Kết quả", self.outcome.value),
        ]
        rows += [("Điều chỉnh", a) for a in self.adjustments]
        body = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
        return f"<table class='motcua-timeline'>{body}</table>"


def _as_of(value: datetime | date | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return _to_local(value, "as_of")[0]
    if isinstance(value, date):
        return datetime.combine(value, time.max)
    raise TypeError(f"as_of must be a datetime or date, got {type(value).__name__}")


def _naive_due(deadline: Deadline) -> datetime:
    due = deadline.due_at
    return due.replace(tzinfo=None) if due.tzinfo is not None else due


def _timeline(d: Dossier, cal: WorkingCalendar, as_of_value: datetime | date | None, rule: PauseRule) -> Timeline:
    as_of = _as_of(as_of_value)
    if as_of is not None and as_of < d.received_local:
        raise ValueError(f"as_of ({as_of:%Y-%m-%d %H:%M}) is before the dossier was received")
    events = [e for e in d.events if as_of is None or e.local_at <= as_of]
    proc = d.procedure
    original = proc.deadline(d.received_at, cal, verification=d.verification)
    effective = original
    paused = 0
    adjustments: list[str] = []
    requests = 0
    waiting_since: datetime | None = None
    verifying_since: datetime | None = None
    extension: Extended | None = None
    ended: datetime | None = None
    status = DossierStatus.RECEIVED if not events else DossierStatus.IN_PROGRESS
    open_steps: dict[str, StepRecord] = {}
    steps: list[StepRecord] = []
    resolved_at: datetime | None = None
    terminal: Event | None = None

    def excluded(start: datetime, end: datetime) -> int:
        return max(0, cal.working_days_between(start.date(), end.date()))

    for e in events:
        at = e.local_at
        if isinstance(e, SupplementRequested):
            requests += 1
            waiting_since = at
            status = DossierStatus.WAITING_SUPPLEMENT
        elif isinstance(e, Supplemented):
            assert waiting_since is not None
            if rule is PauseRule.LEGAL:
                # The dossier keeps the rules in force at its receipt, even if the procedure's
                # version changed before the supplement arrived.
                limit = proc.verification_limit if d.verification and proc.verification_limit else proc.time_limit
                effective = limit.deadline(e.at, cal, conventions=proc.conventions())._replace(legal_basis=proc.legal)
                paused = 0  # a restart counts everything afresh from the supplement
                adjustments.append(
                    f"Nhận đủ hồ sơ bổ sung lúc {at:%H:%M %d/%m/%Y}: thời hạn tính lại từ đầu "
                    "(Nghị định 118/2025 Đ.19 k.5)."
                )
            elif rule is PauseRule.DASHBOARD:
                days = excluded(waiting_since, at)
                paused += days
                adjustments.append(f"Trừ {days} ngày làm việc chờ bổ sung (phương pháp Bộ chỉ số 766).")
            waiting_since = None
            status = DossierStatus.IN_PROGRESS
        elif isinstance(e, VerificationStarted):
            verifying_since = at
            status = DossierStatus.IN_VERIFICATION
        elif isinstance(e, VerificationEnded):
            assert verifying_since is not None
            if rule is PauseRule.LEGAL:
                days = excluded(verifying_since, at)
                paused += days
                adjustments.append(f"Không tính {days} ngày làm việc xác minh (Nghị định 123/2015 Đ.3 k.4).")
            verifying_since = None
            status = DossierStatus.IN_PROGRESS
        elif isinstance(e, Extended):
            extension = e
            adjustments.append(f"Xin lỗi, hẹn lại ngày trả kết quả: {e.reason}.")
        elif isinstance(e, Transferred):
            due: datetime | None = None
            if e.time_limit is not None:
                due = _naive_due(e.time_limit.deadline(e.at, cal))
            elif e.due is not None:
                due = _moment(e.due, "Transferred.due")
            record = StepRecord(agency=e.agency, sent_at=at, due_at=due, returned_at=None)
            open_steps[e.agency] = record
            steps.append(record)
            status = DossierStatus.AT_AGENCY
        elif isinstance(e, TransferReturned):
            record = open_steps.pop(e.agency)
            steps[steps.index(record)] = attrs.evolve(record, returned_at=at)
            status = DossierStatus.AT_AGENCY if open_steps else DossierStatus.IN_PROGRESS
        elif isinstance(e, Resolved):
            resolved_at = at
            status = DossierStatus.RESOLVED
        elif isinstance(e, Returned):
            if resolved_at is None:
                resolved_at = at  # the dashboard's end of processing: processed, else returned
            status = DossierStatus.RETURNED
            terminal = e
        elif isinstance(e, Refused):
            resolved_at = at
            status = DossierStatus.REFUSED
            terminal = e
        elif isinstance(e, Withdrawn):
            status = DossierStatus.WITHDRAWN
            terminal = e
        elif isinstance(e, Closed):
            status = DossierStatus.CLOSED
            terminal = e

    # Ongoing pauses count up to the moment of judgement.
    now = as_of
    if verifying_since is not None and rule is PauseRule.LEGAL and now is not None:
        paused += excluded(verifying_since, now)
    if waiting_since is not None and rule is PauseRule.DASHBOARD and now is not None and terminal is None:
        paused += excluded(waiting_since, now)

    due_date = cal.add_working_days(effective.date, paused) if paused else effective.date
    due_at = _naive_due(effective)
    if paused:
        due_at = datetime.combine(due_date, due_at.time())
    appointment = due_at
    if extension is not None:
        new_due = extension.new_due
        appointment = (
            _moment(new_due, "Extended.new_due")
            if isinstance(new_due, datetime)
            else datetime.combine(new_due, due_at.time())
        )
        if appointment <= due_at:
            raise DossierEventError(
                f"Extended at {extension.local_at:%Y-%m-%d %H:%M}: the new date {appointment:%Y-%m-%d %H:%M} "
                f"is not after the due moment {due_at:%Y-%m-%d %H:%M}"
            )
        if extension.local_at.date() > due_date - timedelta(days=1):
            warn(
                f"the extension of {extension.local_at:%d/%m/%Y} was sent less than one day before the due date "
                f"{due_date:%d/%m/%Y} (Decree 118/2025 Art. 19(6) asks for at least one day)",
                LateExtensionWarning,
            )

    if isinstance(terminal, (Withdrawn, Closed)):
        ended = terminal.local_at
        outcome = Outcome.STOPPED
    elif resolved_at is not None:
        ended = resolved_at
        outcome = _judge(resolved_at, due_date, due_at)
    else:
        judged_at = now if now is not None else (events[-1].local_at if events else d.received_local)
        if rule is PauseRule.LEGAL and waiting_since is not None:
            outcome = Outcome.PENDING  # the clock stops while the applicant completes the file
        elif rule is PauseRule.DASHBOARD and waiting_since is not None and requests == 1:
            # A single unanswered request: the dashboard counts up to the request only.
            outcome = Outcome.PENDING if waiting_since <= due_at else Outcome.OVERDUE
        else:
            outcome = Outcome.OVERDUE if judged_at > due_at else Outcome.PENDING
    if rule is PauseRule.DASHBOARD and requests > 1 and outcome is not Outcome.STOPPED:
        outcome = Outcome.LATE if outcome.finished else Outcome.OVERDUE
        adjustments.append(f"{requests} lần yêu cầu bổ sung: tính là quá hạn (phương pháp Bộ chỉ số 766).")

    # Working days past the due date, counting a late day that is not itself a working day
    # (or a late hour on the due date) as one: a late dossier is never "0 days late".
    days_late = 0
    if outcome is Outcome.LATE and ended is not None:
        days_late = max(1, cal.working_days_between(due_date, ended.date()))
    elif outcome is Outcome.OVERDUE:
        judged = now if now is not None else (events[-1].local_at if events else d.received_local)
        days_late = max(1, cal.working_days_between(due_date, judged.date()))

    aware = isinstance(d.received_at, datetime) and d.received_at.tzinfo is not None
    if aware:
        due_at, appointment = due_at.replace(tzinfo=VN_TZ), appointment.replace(tzinfo=VN_TZ)
    return Timeline(
        dossier=d,
        rule=rule,
        as_of=as_of,
        original_due=original,
        effective_due=effective,
        due_date=due_date,
        due_at=due_at,
        appointment=appointment,
        status=status,
        outcome=outcome,
        ended_at=ended,
        days_late=days_late,
        extension=extension,
        supplement_requests=requests,
        paused_working_days=paused,
        steps=tuple(steps),
        adjustments=tuple(adjustments),
    )


def _judge(end: datetime, due_date: date, due_at: datetime) -> Outcome:
    if end.date() < due_date:
        return Outcome.EARLY
    if end <= due_at:
        return Outcome.ON_TIME
    return Outcome.LATE
