"""Dossiers, their events and timelines: the three pause rules, extensions, transfers, errors."""

from __future__ import annotations

import pickle
import warnings
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import motcua
from motcua import (
    Channel,
    Closed,
    Dossier,
    DossierEventError,
    DossierStatus,
    Extended,
    LateExtensionWarning,
    Outcome,
    PauseRule,
    Refused,
    Resolved,
    Returned,
    Supplemented,
    SupplementRequested,
    Transferred,
    TransferReturned,
    VerificationEnded,
    VerificationStarted,
    Withdrawn,
    WorkingDays,
)

MARITAL = "1.004873"  # 3 working days (Nghị định 123/2015 Đ.22 k.3)
RECEIVED = datetime(2026, 4, 24, 9, 0)  # Friday; due Mon 4/5 (27/4, 30/4, 1/5 off)


def dossier(*events: motcua.Event, **kw: object) -> Dossier:
    return Dossier(MARITAL, RECEIVED, events=events, **kw)  # type: ignore[arg-type]


def test_a_dossier_is_an_immutable_record() -> None:
    d = dossier()
    assert d.procedure is motcua.catalogue().get(MARITAL, on=RECEIVED.date())
    assert d.channel is Channel.IN_PERSON
    later = d.with_event(Resolved(datetime(2026, 4, 28, 9)))
    assert d.events == ()
    assert len(later.events) == 1
    with pytest.raises(AttributeError):
        d.code = "x"  # type: ignore[misc]
    assert Dossier(MARITAL, RECEIVED, "online").channel is Channel.ONLINE
    assert repr(later) == "<Dossier 1.004873 received 2026-04-24 09:00 (in_person), 1 event>"


@pytest.mark.parametrize(
    ("resolved", "outcome"),
    [
        (datetime(2026, 4, 28, 16, 0), Outcome.EARLY),
        (datetime(2026, 5, 4, 23, 0), Outcome.ON_TIME),
        (datetime(2026, 5, 5, 8, 0), Outcome.LATE),
    ],
)
def test_outcomes(resolved: datetime, outcome: Outcome) -> None:
    t = dossier(Resolved(resolved), Returned(resolved + timedelta(hours=1))).timeline()
    assert t.outcome is outcome
    assert t.status is DossierStatus.RETURNED
    assert t.status.code == 10
    assert t.ended_at == resolved
    assert t.days_late == (1 if outcome is Outcome.LATE else 0)


def test_pending_and_overdue_depend_on_as_of() -> None:
    d = dossier()
    assert d.timeline(as_of=date(2026, 5, 4)).outcome is Outcome.PENDING
    t = d.timeline(as_of=date(2026, 5, 7))
    assert (t.outcome, t.days_late, t.status.code) == (Outcome.OVERDUE, 3, 2)
    assert t.responsible == ("cơ quan giải quyết",)
    with pytest.raises(ValueError, match="before the dossier was received"):
        d.timeline(as_of=date(2026, 4, 1))
    # events after as_of are not known yet
    done = dossier(Resolved(datetime(2026, 5, 6, 9)))
    assert done.timeline(as_of=date(2026, 5, 5)).outcome is Outcome.OVERDUE
    assert done.timeline().outcome is Outcome.LATE


def test_legal_rule_restarts_after_a_supplement() -> None:
    d = dossier(
        SupplementRequested(datetime(2026, 4, 28, 9), reason="thiếu tờ khai"),
        Supplemented(datetime(2026, 5, 6, 9)),
        Resolved(datetime(2026, 5, 8, 16)),
    )
    legal = d.timeline()
    assert legal.effective_due.receipt_day == date(2026, 5, 6)
    assert legal.due_date == date(2026, 5, 11)
    assert legal.outcome is Outcome.EARLY
    assert "tính lại từ đầu" in legal.adjustments[0]
    dashboard = d.timeline(rule="dashboard")
    assert (dashboard.due_date, dashboard.paused_working_days, dashboard.outcome) == (
        date(2026, 5, 8),
        4,
        Outcome.ON_TIME,
    )
    assert d.timeline(rule=PauseRule.NONE).outcome is Outcome.LATE
    waiting = dossier(SupplementRequested(datetime(2026, 4, 28, 9)))
    assert waiting.timeline(as_of=date(2026, 6, 1)).outcome is Outcome.PENDING  # the clock is stopped
    assert waiting.timeline(as_of=date(2026, 6, 1)).status is DossierStatus.WAITING_SUPPLEMENT
    assert waiting.timeline(as_of=date(2026, 6, 1), rule="dashboard").outcome is Outcome.PENDING


def test_dashboard_counts_two_supplement_requests_as_late() -> None:
    d = dossier(
        SupplementRequested(datetime(2026, 4, 27, 9)),
        Supplemented(datetime(2026, 4, 28, 9)),
        SupplementRequested(datetime(2026, 4, 28, 10)),
        Supplemented(datetime(2026, 4, 28, 11)),
        Resolved(datetime(2026, 4, 29, 9)),
    )
    assert d.timeline().outcome is Outcome.EARLY
    t = d.timeline(rule="dashboard")
    assert (t.outcome, t.supplement_requests) == (Outcome.LATE, 2)


def test_verification_time_is_not_counted() -> None:
    d = dossier(
        VerificationStarted(datetime(2026, 4, 28, 9)),
        VerificationEnded(datetime(2026, 5, 6, 9)),  # 29/4, 4/5, 5/5, 6/5: four working days
        Resolved(datetime(2026, 5, 8, 9)),
    )
    t = d.timeline()
    assert (t.paused_working_days, t.due_date, t.outcome) == (4, date(2026, 5, 8), Outcome.ON_TIME)
    assert d.timeline(rule="none").outcome is Outcome.LATE
    running = dossier(VerificationStarted(datetime(2026, 4, 28, 9)))
    assert running.timeline(as_of=date(2026, 5, 12)).status is DossierStatus.IN_VERIFICATION
    assert running.timeline(as_of=date(2026, 5, 12)).outcome is Outcome.PENDING


def test_extension_once_and_late_extension_warns() -> None:
    d = dossier(
        Extended(datetime(2026, 4, 29, 9), new_due=date(2026, 5, 8), reason="chờ kết quả xác minh"),
        Resolved(datetime(2026, 5, 7, 9)),
    )
    t = d.timeline()
    assert (t.outcome, t.apologised, t.appointment.date()) == (Outcome.LATE, True, date(2026, 5, 8))
    with pytest.raises(DossierEventError, match="extended only once"):
        d.with_event(Extended(datetime(2026, 5, 7, 10), new_due=date(2026, 5, 9), reason="x"))
    late = dossier(Extended(datetime(2026, 5, 4, 9), new_due=date(2026, 5, 8), reason="x"))
    with pytest.warns(LateExtensionWarning, match="less than one day before the due date"):
        late.timeline()
    backwards = dossier(Extended(datetime(2026, 4, 28, 9), new_due=date(2026, 4, 30), reason="x"))
    with pytest.raises(DossierEventError, match="is not after the due moment"):
        backwards.timeline()


def test_transfers_and_the_agency_that_overran() -> None:
    d = dossier(
        Transferred(datetime(2026, 4, 27, 9), agency="Công an xã", time_limit=WorkingDays(1)),
        TransferReturned(datetime(2026, 4, 30, 9), agency="Công an xã"),
        Transferred(datetime(2026, 4, 30, 10), agency="BHXH", due=datetime(2026, 5, 6, 17)),
        TransferReturned(datetime(2026, 5, 5, 9), agency="BHXH"),
        Resolved(datetime(2026, 5, 5, 10)),
    )
    t = d.timeline()
    assert [s.agency for s in t.steps] == ["Công an xã", "BHXH"]
    assert [s.agency for s in t.late_steps] == ["Công an xã"]
    assert t.responsible == ("Công an xã",)
    assert t.outcome is Outcome.LATE
    open_step = dossier(Transferred(datetime(2026, 4, 27, 9), agency="BHXH", time_limit=WorkingDays(2)))
    assert open_step.timeline(as_of=date(2026, 4, 28)).status is DossierStatus.AT_AGENCY
    assert [s.agency for s in open_step.timeline(as_of=date(2026, 5, 5)).late_steps] == ["BHXH"]


def test_stops_and_refusals() -> None:
    withdrawn = dossier(Withdrawn(datetime(2026, 4, 27, 9)))
    assert (withdrawn.timeline().outcome, withdrawn.timeline().status.code) == (Outcome.STOPPED, 7)
    closed = dossier(SupplementRequested(datetime(2026, 4, 27, 9)), Closed(datetime(2026, 5, 12, 9)))
    assert (closed.timeline().outcome, closed.timeline().status) == (Outcome.STOPPED, DossierStatus.CLOSED)
    refused = dossier(Refused(datetime(2026, 5, 5, 9), reason="không đủ điều kiện"))
    assert (refused.timeline().outcome, refused.timeline().status.code) == (Outcome.LATE, 8)


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ((Resolved(datetime(2026, 4, 23, 9)),), "earlier than the receipt"),
        ((Resolved(datetime(2026, 4, 28, 9)), Returned(datetime(2026, 4, 27, 9))), "earlier than the previous event"),
        ((Resolved(datetime(2026, 4, 28, 9)), Resolved(datetime(2026, 4, 29, 9))), "already resolved"),
        ((Supplemented(datetime(2026, 4, 28, 9)),), "no supplement was requested"),
        (
            (SupplementRequested(datetime(2026, 4, 28, 9)), SupplementRequested(datetime(2026, 4, 29, 9))),
            "already waiting",
        ),
        ((SupplementRequested(datetime(2026, 4, 28, 9)), Resolved(datetime(2026, 4, 29, 9))), "still waiting"),
        ((VerificationEnded(datetime(2026, 4, 28, 9)),), "no verification was started"),
        ((VerificationStarted(datetime(2026, 4, 28, 9)), Resolved(datetime(2026, 4, 29, 9))), "still running"),
        ((Returned(datetime(2026, 4, 28, 9)), Resolved(datetime(2026, 4, 29, 9))), "final state"),
        ((Withdrawn(datetime(2026, 4, 28, 9)), Resolved(datetime(2026, 4, 29, 9))), "final state"),
        ((Resolved(datetime(2026, 4, 28, 9)), Withdrawn(datetime(2026, 4, 29, 9))), "can no longer be withdrawn"),
        ((Closed(datetime(2026, 4, 28, 9)),), "only while a supplement request waits"),
        ((TransferReturned(datetime(2026, 4, 28, 9), agency="BHXH"),), "was not transferred to BHXH"),
        (
            (
                Transferred(datetime(2026, 4, 28, 9), agency="BHXH"),
                Transferred(datetime(2026, 4, 28, 10), agency="BHXH"),
            ),
            "already with BHXH",
        ),
    ],
)
def test_impossible_sequences_name_the_event(events: tuple[motcua.Event, ...], message: str) -> None:
    with pytest.raises(DossierEventError, match=message) as info:
        dossier(*events)
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith("event ")


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="event happens at a moment"):
        Resolved(date(2026, 4, 28))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="procedure must be a Procedure or a procedure code"):
        Dossier(1004873, RECEIVED)  # type: ignore[arg-type]
    with pytest.raises(motcua.UnknownProcedureError):
        Dossier("9.999999", RECEIVED)
    with pytest.raises(ValueError, match="is not a valid Channel"):
        Dossier(MARITAL, RECEIVED, "fax")
    with pytest.raises(TypeError, match="must be an Event"):
        Dossier(MARITAL, RECEIVED, events=["resolved"])  # type: ignore[list-item]
    with pytest.raises(motcua.NotInForceError):
        Dossier(MARITAL, datetime(2027, 3, 5, 9))


def test_aware_moments_and_pickling() -> None:
    d = Dossier(
        MARITAL, datetime(2026, 4, 24, 2, 0, tzinfo=UTC), events=[Resolved(datetime(2026, 5, 4, 3, tzinfo=UTC))]
    )
    t = d.timeline()
    assert t.outcome is Outcome.ON_TIME
    assert t.due_at.utcoffset() == timedelta(hours=7)
    assert pickle.loads(pickle.dumps(d)) == d
    copy = pickle.loads(pickle.dumps(t))
    assert copy.outcome is t.outcome
    assert copy.due_date == t.due_date


def test_records_and_display() -> None:
    t = dossier(Resolved(datetime(2026, 4, 28, 16, 0)), code="H61-1", agency="UBND phường").timeline()
    record = t.to_record()
    assert record["outcome"] == "early"
    assert record["status_code"] == 9
    assert record["agency"] == "UBND phường"
    assert "<table" in t._repr_html_()
    assert repr(t) == "<Timeline 1.004873: due 2026-05-04, resolved, early>"


receipts = st.datetimes(min_value=datetime(2016, 1, 1), max_value=datetime(2026, 6, 30))
delays = st.integers(min_value=0, max_value=60 * 24 * 40).map(lambda m: timedelta(minutes=m))


@given(receipts, delays)
def test_outcome_matches_the_deadline(received: datetime, delay: timedelta) -> None:
    resolved = received + delay
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", motcua.UncertainDataWarning)
        d = Dossier("1.004884", received, events=[Resolved(resolved)])  # 5 working days
        deadline = d.procedure.deadline(received)
        t = d.timeline()
    expected = (
        Outcome.LATE
        if resolved > deadline.due_at
        else Outcome.EARLY
        if resolved.date() < deadline.date
        else Outcome.ON_TIME
    )
    assert t.outcome is expected
    assert t.due_date == deadline.date
    assert (t.days_late > 0) == (expected is Outcome.LATE)


def test_a_restart_keeps_the_version_in_force_at_receipt() -> None:
    # 2.000806 changed on 1/7/2025; the dossier was received under the old version.
    d = Dossier(
        "2.000806",
        datetime(2025, 6, 30, 9, 0),
        events=[SupplementRequested(datetime(2025, 6, 30, 10)), Supplemented(datetime(2025, 7, 1, 9))],
    )
    t = d.timeline(as_of=date(2025, 7, 2))
    assert t.effective_due.receipt_day == date(2025, 7, 1)
    assert t.effective_due.limit == d.procedure.time_limit


def test_missing_moments_are_refused() -> None:
    pd = pytest.importorskip("pandas")
    with pytest.raises(ValueError, match="NaT"):
        Resolved(pd.NaT)
    with pytest.raises(ValueError, match="NaT"):
        Dossier(MARITAL, pd.NaT)


def test_errors_name_the_dossier_and_verification_is_checked_at_construction() -> None:
    with pytest.raises(motcua.DossierEventError, match=r"^dossier HS-1: event 1 \(Refused"):
        motcua.Dossier(
            "1.004873",
            datetime(2026, 3, 2, 9),
            code="HS-1",
            events=[motcua.Resolved(datetime(2026, 3, 3, 9)), motcua.Refused(datetime(2026, 3, 3, 10), reason="x")],
        )
    with pytest.raises(ValueError, match=r"dossier HS-2: verification=True, but 1\.001193"):
        motcua.Dossier("1.001193", datetime(2026, 3, 2, 9), code="HS-2", verification=True)


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("online", Channel.ONLINE),
        ("Trực tuyến một phần", Channel.ONLINE),
        ("in_person", Channel.IN_PERSON),
        ("TRỰC TIẾP", Channel.IN_PERSON),
        ("Dịch vụ bưu chính", Channel.POSTAL),
        ("BCCI", Channel.POSTAL),
        (Channel.POSTAL, Channel.POSTAL),
    ],
)
def test_channel_parse(text: str | Channel, channel: Channel) -> None:
    assert Channel.parse(text) is channel


def test_channel_parse_refuses_unknown_words() -> None:
    with pytest.raises(ValueError, match="unknown channel 'fax'"):
        Channel.parse("fax")
