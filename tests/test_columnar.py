"""The columnar report path gives exactly the object path's counts, for lists and numpy arrays."""

from __future__ import annotations

import operator
import pickle
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import motcua
from motcua import (
    CalendarDays,
    Channel,
    ClockHours,
    Dossier,
    DossierEventError,
    NotInForceError,
    PeriodReport,
    Resolved,
    SameDay,
    UncertainDataWarning,
    UnknownProcedureError,
    WorkingDays,
    WorkingHours,
    catalogue,
    period_report,
)
from motcua.columnar import combine_reports, period_report_columns

np = pytest.importorskip("numpy")

CAT = catalogue()
CAL = motcua.vietnam_calendar()
HOURS = CAL.with_office_hours("07:30-11:30, 13:30-17:00")
LOCAL = CAL.with_days_off(
    [date(2025, 1, 24), date(2026, 1, 5), date(2019, 4, 22)], source="Quyết định thử nghiệm"
).with_working_days([date(2025, 2, 8), date(2016, 2, 20)], source="Thông báo thử nghiệm")

#: Every count the form has (and the ones this path never produces, which must stay 0).
COUNTS = (
    "received_online",
    "received_direct",
    "carried_over",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending_within_time",
    "pending_overdue",
    "refused",
    "late_apologised",
    "withdrawn",
    "closed",
)


def counts(report: PeriodReport) -> dict[str, Any]:
    out: dict[str, Any] = {name: getattr(report, name) for name in COUNTS}
    out.update(start=report.start, end=report.end, as_of=report.as_of, residual=report.residual)
    return out


def _with_limit(code: str, on: date, limit: motcua.TimeLimit) -> motcua.Procedure:
    """The version of *code* in force on *on*, with another limit and no end date."""
    return attrs.evolve(CAT.get(code, on=on), time_limit=limit, valid_from=date(2014, 1, 1), valid_until=None)


CALENDARS = {"national": CAL, "office hours": HOURS, "local": LOCAL}
#: name: (what the Dossier gets, what the columnar path gets, calendars it is tried with). The
#: strategy draws names: Hypothesis prints attrs objects field by field, calendars included.
CASES: dict[str, tuple[Any, Any, tuple[str, ...]]] = {
    "code WorkingDays(3)": ("1.004873", "1.004873", ("national", "office hours", "local")),
    "version WorkingDays(3)": (CAT.get("1.004873"), CAT.get("1.004873"), ("national", "office hours")),
    "code WorkingDays(5)": ("1.004884", "1.004884", ("national", "local")),
    "version SameDay, secondary": (CAT.get("2.000884"), CAT.get("2.000884"), ("national", "office hours", "local")),
    "code SameDay": ("1.001193", "1.001193", ("national",)),
    "code CalendarDays(15) then WorkingDays(5)": ("2.000806", "2.000806", ("national", "office hours", "local")),
    "CalendarDays(15)": (_with_limit("1.004873", date(2020, 1, 1), CalendarDays(15)), CalendarDays(15), ("national",)),
    "CalendarDays(1)": (_with_limit("1.004873", date(2020, 1, 1), CalendarDays(1)), CalendarDays(1), ("office hours",)),
    "SameDay 11:30": (
        _with_limit("1.004873", date(2020, 1, 1), SameDay(time(11, 30))),
        SameDay(time(11, 30)),
        ("national", "office hours"),
    ),
    "SameDay no cut-off": (_with_limit("1.004873", date(2020, 1, 1), SameDay(None)), SameDay(None), ("national",)),
    "WorkingHours(8)": (_with_limit("1.004873", date(2020, 1, 1), WorkingHours(8)), WorkingHours(8), ("office hours",)),
    "ClockHours(24)": (
        _with_limit("1.004873", date(2020, 1, 1), ClockHours(24)),
        ClockHours(24),
        ("national", "office hours"),
    ),
    # Nghị định 63/2024 Đ.7 k.2: receipts after 15:00 count from the next working day.
    "WorkingDays(3) with a 15:00 receipt cut-off": (
        CUTOFF := attrs.evolve(_with_limit("1.004873", date(2020, 1, 1), WorkingDays(3)), receipt_cutoff=time(15)),
        CUTOFF,
        ("national", "office hours", "local"),
    ),
}

# Periods start near days that make deadlines interesting: Tết, swapped days, make-up
# Saturdays, a version change (2.000806 on 1/7/2025), local days off.
ANCHORS = [
    date(2016, 2, 15),
    date(2019, 4, 20),
    date(2022, 4, 25),
    date(2025, 1, 20),
    date(2025, 6, 20),
    date(2025, 8, 25),
    date(2026, 1, 1),
    date(2026, 2, 10),
    date(2026, 8, 25),
]
# Times of day on the edges: midnight, the SameDay cut-offs, the closing time, the last instant.
EDGE_TIMES = [
    time(0, 0),
    time(7, 30),
    time(11, 30),
    time(11, 30, 0, 1),
    time(15, 0),
    time(15, 0, 0, 1),
    time(16, 59, 59, 999999),
    time(17, 0),
    time(17, 0, 0, 1),
    time(23, 59, 59, 999999),
]
_US = timedelta(microseconds=1)
times_of_day = st.one_of(
    st.sampled_from(EDGE_TIMES),
    st.times(),
    st.builds(time, st.integers(7, 17), st.sampled_from([0, 15, 30, 45])),
)


@st.composite
def registers(draw: st.DrawFn) -> dict[str, Any]:
    """A period and a register of dossiers received around it, some resolved.

    Many moments sit exactly on, or one microsecond either side of, a boundary the report
    judges by: the period start, the SameDay cut-off, the start of the due day, the due moment.
    """
    case = draw(st.sampled_from(sorted(CASES)))
    calendar = draw(st.sampled_from(CASES[case][2]))
    cal = CALENDARS[calendar]
    anchor = draw(st.one_of(st.sampled_from(ANCHORS), st.dates(date(2016, 2, 15), date(2026, 10, 31))))
    start = anchor + timedelta(days=draw(st.integers(-10, 10)))
    end = start + timedelta(days=draw(st.integers(0, 60)))
    period_start = datetime.combine(start, time())
    rows = []
    dues = []
    for _ in range(draw(st.integers(0, 25))):
        offset = draw(st.one_of(st.integers(-25, (end - start).days + 5), st.sampled_from([-1, 0])))
        received = datetime.combine(start + timedelta(days=offset), draw(times_of_day))
        timeline = Dossier(CASES[case][0], received).timeline(cal)
        dues.append(timeline.due_at)
        kind = draw(st.sampled_from(["open", "any", "near", "due", "due day", "period start"]))
        resolved: datetime | None
        if kind == "open":
            resolved = None
        elif kind == "any":
            resolved = datetime.combine(received.date() + timedelta(days=draw(st.integers(0, 25))), draw(times_of_day))
        elif kind == "near":
            resolved = datetime.combine(received.date() + timedelta(days=draw(st.integers(0, 6))), draw(times_of_day))
        elif kind == "due":
            resolved = timeline.due_at + draw(st.sampled_from([-_US, 0 * _US, _US]))
        elif kind == "due day":
            resolved = datetime.combine(timeline.due_date, time()) + draw(st.sampled_from([-_US, 0 * _US]))
        else:
            resolved = period_start + draw(st.sampled_from([-_US, 0 * _US]))
        if resolved is not None:
            resolved = max(received, resolved)
        channel = draw(st.sampled_from(list(Channel)))
        rows.append((received, resolved, channel))
    moments = st.builds(datetime.combine, st.dates(start, end), times_of_day)
    if dues:  # the report made exactly at (or a microsecond around) a due moment or a receipt
        moments |= st.builds(operator.add, st.sampled_from(dues), st.sampled_from([-_US, 0 * _US, _US]))
        moments |= st.sampled_from([r for r, _, _ in rows])
    as_of = draw(st.one_of(st.none(), st.dates(start, end + timedelta(days=3)), moments))
    return {
        "case": case,
        "calendar": calendar,
        "start": start,
        "end": end,
        "as_of": as_of,
        "rows": rows,
    }


def object_report(reg: dict[str, Any]) -> PeriodReport:
    dossiers = [
        Dossier(CASES[reg["case"]][0], r, c, events=[Resolved(x)] if x is not None else []) for r, x, c in reg["rows"]
    ]
    calendar = CALENDARS[reg["calendar"]]
    return period_report(dossiers, reg["start"], reg["end"], calendar=calendar, as_of=reg["as_of"])


def column_report(reg: dict[str, Any], convert: Callable[[list[Any]], Any], channels: Any) -> PeriodReport:
    received = [r for r, _, _ in reg["rows"]]
    resolved = [x for _, x, _ in reg["rows"]]
    return period_report_columns(
        convert(received),
        convert(resolved),
        reg["start"],
        reg["end"],
        procedure=CASES[reg["case"]][1],
        channels=channels,
        calendar=CALENDARS[reg["calendar"]],
        as_of=reg["as_of"],
    )


def _ns(values: list[Any]) -> Any:
    return np.array(values, dtype="datetime64[us]").astype("datetime64[ns]")


@given(registers())
def test_lists_give_the_object_paths_counts(reg: dict[str, Any]) -> None:
    expected = counts(object_report(reg))
    channels = [c for _, _, c in reg["rows"]]
    assert counts(column_report(reg, list, channels)) == expected
    assert counts(column_report(reg, tuple, [c.value for c in channels])) == expected


@given(registers())
def test_numpy_arrays_give_the_object_paths_counts(reg: dict[str, Any]) -> None:
    expected = counts(object_report(reg))
    channels = np.array([c.value for _, _, c in reg["rows"]], dtype="<U9")
    assert counts(column_report(reg, lambda v: np.array(v, dtype="datetime64[us]"), channels)) == expected
    assert counts(column_report(reg, _ns, list(channels))) == expected


@given(registers())
def test_without_channels_everything_is_in_person(reg: dict[str, Any]) -> None:
    reg = {**reg, "rows": [(r, x, Channel.IN_PERSON) for r, x, _ in reg["rows"]]}
    expected = counts(object_report(reg))
    assert counts(column_report(reg, list, None)) == expected
    assert counts(column_report(reg, lambda v: np.array(v, dtype="datetime64[us]"), None)) == expected


def test_the_module_example_matches_the_reports_example() -> None:
    received = [datetime(2026, 4, 24, 9, 0), datetime(2026, 4, 24, 9, 30), datetime(2026, 5, 20, 9, 0)]
    resolved = [datetime(2026, 4, 28, 10, 0), datetime(2026, 5, 6, 10, 0), None]
    channels = ["in_person", "in_person", "online"]
    dossiers = [
        Dossier("1.004873", r, c, events=[Resolved(x)] if x else [])
        for r, x, c in zip(received, resolved, channels, strict=True)
    ]
    start, end = date(2026, 4, 1), date(2026, 5, 31)
    expected = counts(period_report(dossiers, start, end))
    assert counts(period_report_columns(received, resolved, start, end, procedure="1.004873", channels=channels)) == (
        expected
    )


def test_coarse_numpy_units() -> None:
    """datetime64[s] and [D] read exactly (a [D] receipt is at midnight)."""
    start, end = date(2026, 1, 1), date(2026, 3, 31)
    received = [datetime(2026, 1, 2, 15, 0, 1), datetime(2026, 2, 13, 16, 0), datetime(2026, 3, 2)]
    resolved = [datetime(2026, 1, 5, 23, 59, 59), None, datetime(2026, 3, 2, 15, 0)]
    expected = counts(
        period_report(
            [
                Dossier("2.000884", r, events=[Resolved(x)] if x else [])
                for r, x in zip(received, resolved, strict=True)
            ],
            start,
            end,
        )
    )
    got = period_report_columns(
        np.array(received, dtype="datetime64[s]"),
        np.array(resolved, dtype="datetime64[s]"),
        start,
        end,
        procedure=CAT.get("2.000884"),
    )
    assert counts(got) == expected
    days = np.array(["2026-01-02", "2026-02-13"], dtype="datetime64[D]")
    got = period_report_columns(days, np.array(["NaT", "NaT"], dtype="datetime64[D]"), start, end, procedure="1.004873")
    assert (got.pending_within_time, got.pending_overdue) == (0, 2)


def test_mixed_inputs_and_pandas() -> None:
    pd = pytest.importorskip("pandas")
    received = [datetime(2026, 1, 5, 9), datetime(2026, 1, 6, 10)]
    resolved = [datetime(2026, 1, 7, 9), None]
    start, end = date(2026, 1, 1), date(2026, 1, 31)
    expected = counts(period_report_columns(received, resolved, start, end, procedure=WorkingDays(3)))
    frame = pd.DataFrame({"received": received, "resolved": resolved, "channel": ["online", "postal"]})
    for r, x in [
        (np.array(received, dtype="datetime64[us]"), resolved),
        (received, np.array(resolved, dtype="datetime64[us]")),
        (frame["received"], frame["resolved"]),
        (np.array(received, dtype=object), np.array(resolved, dtype=object)),
        (list(frame["received"]), list(frame["resolved"])),  # Timestamps and NaT
    ]:
        got = period_report_columns(r, x, start, end, procedure=WorkingDays(3))
        assert counts(got) == expected
    got = period_report_columns(
        frame["received"], frame["resolved"], start, end, procedure=WorkingDays(3), channels=frame["channel"]
    )
    assert (got.received_online, got.received_direct) == (1, 1)


def test_aware_moments_are_converted_to_vietnam_time() -> None:
    # 17:30 UTC on Friday 9/1/2026 is 00:30 on Saturday 10/1 in Vietnam, a make-up working day.
    received = [datetime(2026, 1, 9, 17, 30, tzinfo=UTC)]
    resolved = [datetime(2026, 1, 10, 3, 0, tzinfo=UTC)]
    start, end = date(2026, 1, 1), date(2026, 1, 31)
    expected = counts(period_report([Dossier("2.000884", received[0], events=[Resolved(resolved[0])])], start, end))
    got = period_report_columns(received, resolved, start, end, procedure="2.000884")
    assert counts(got) == expected
    assert got.resolved_on_time == 1


def test_resolutions_after_the_report_moment_count_as_pending() -> None:
    received = [datetime(2026, 3, 2, 9), datetime(2026, 3, 30, 9), datetime(2026, 4, 2, 9)]
    resolved = [datetime(2026, 4, 10, 9), None, datetime(2026, 4, 3, 9)]
    got = period_report_columns(received, resolved, date(2026, 3, 1), date(2026, 3, 31), procedure=WorkingDays(3))
    assert (got.received, got.pending_overdue, got.pending_within_time, got.resolved) == (2, 1, 1, 0)
    as_of = period_report_columns(
        received, resolved, date(2026, 3, 1), date(2026, 3, 31), procedure=WorkingDays(3), as_of=date(2026, 3, 2)
    )
    assert (as_of.received, as_of.pending_within_time, as_of.as_of) == (1, 1, datetime(2026, 3, 2, 23, 59, 59, 999999))


def test_carried_over_and_finished_before_the_period() -> None:
    received = [datetime(2026, 2, 25, 9), datetime(2026, 2, 26, 9), datetime(2026, 2, 27, 9)]
    resolved = [datetime(2026, 2, 27, 9), datetime(2026, 3, 2, 9), None]
    got = period_report_columns(received, resolved, date(2026, 3, 1), date(2026, 3, 31), procedure=WorkingDays(3))
    assert (got.carried_over, got.received_direct, got.resolved, got.pending) == (2, 0, 1, 1)


def test_uncertain_versions_warn_like_the_object_path() -> None:
    received = [datetime(2027, 3, 2, 9)]
    resolved = [datetime(2027, 3, 3, 8)]
    start, end = date(2027, 3, 1), date(2027, 3, 31)
    with pytest.warns(UncertainDataWarning, match=r"1\.001193"):
        expected = counts(period_report([Dossier("1.001193", received[0], events=[Resolved(resolved[0])])], start, end))
    with pytest.warns(UncertainDataWarning, match=r"1\.001193"):
        got = period_report_columns(received, resolved, start, end, procedure="1.001193")
    assert counts(got) == expected
    assert got.resolved_on_time == 1


def test_verification_limit() -> None:
    received = [datetime(2026, 3, 2, 9)]
    resolved = [datetime(2026, 3, 9, 9)]  # 5 working days later: late for 3, early for 8
    start, end = date(2026, 3, 1), date(2026, 3, 31)
    plain = period_report_columns(received, resolved, start, end, procedure="1.001022")
    verified = period_report_columns(received, resolved, start, end, procedure="1.001022", verification=True)
    assert (plain.resolved_late, verified.resolved_early) == (1, 1)
    expected = period_report(
        [Dossier("1.001022", received[0], events=[Resolved(resolved[0])], verification=True)], start, end
    )
    assert counts(verified) == counts(expected)


def test_reports_pickle() -> None:
    report = period_report_columns(
        [datetime(2026, 3, 2, 9)], [None], date(2026, 3, 1), date(2026, 3, 31), procedure="1.004873"
    )
    assert counts(pickle.loads(pickle.dumps(report))) == counts(report)


# --------------------------------------------------------------------------- errors

START, END = date(2026, 1, 1), date(2026, 12, 31)
R = datetime(2026, 3, 2, 9)


def arr(values: list[Any], unit: str = "us") -> Any:
    return np.array(values, dtype=f"datetime64[{unit}]")


@pytest.mark.parametrize(
    ("received", "resolved", "kwargs", "error", "message"),
    [
        ([R], [], {}, ValueError, r"received_at and resolved_at have different lengths \(1 and 0\)"),
        (arr([R]), arr([R, R]), {}, ValueError, r"different lengths \(1 and 2\)"),
        ([R], [None], {"channels": ["online", "online"]}, ValueError, "channels has 2 values for 1 dossiers"),
        (arr([R]), arr([R]), {"channels": ["online", "online"]}, ValueError, "channels has 2 values for 1 dossiers"),
        ([R], [None], {"channels": ["email"]}, ValueError, r"channels\[0\] is 'email'; use one of in_person"),
        (arr([R]), arr([R]), {"channels": np.array(["post"])}, ValueError, r"channels\[0\] is 'post'"),
        ([R], [None], {"channels": [["online"]]}, TypeError, r"channels\[0\] must be a Channel or a str"),
        ([R], [None], {"procedure": 3}, TypeError, "procedure must be a Procedure"),
        ([R], [None], {"procedure": "1.00487"}, UnknownProcedureError, "did you mean"),
        ([R], [None], {"verification": True}, ValueError, "verification=True needs a procedure"),
        ([R], [None], {"procedure": "1.004873", "verification": True}, ValueError, "no separate time limit"),
        ([R], [None], {"calendar": "vn"}, TypeError, "calendar must be a WorkingCalendar"),
        ([R], [None], {"as_of": "2026-03-02"}, TypeError, "as_of must be a datetime or date"),
        (R, [None], {}, TypeError, "received_at must be a sequence of datetimes or a numpy datetime64 array"),
        ("2026-03-02", [None], {}, TypeError, "received_at must be a sequence"),
        ([R], None, {}, TypeError, "resolved_at must be a sequence"),
        ([R.date()], [None], {}, TypeError, r"received_at\[0\] must be a datetime.datetime, got date; pass"),
        ([R, "x"], [None, None], {}, TypeError, r"received_at\[1\] must be a datetime.datetime, got str"),
        ([R], ["2026-03-03"], {}, TypeError, r"resolved_at\[0\] must be a datetime.datetime, got str"),
        ([R, None], [None, None], {}, ValueError, r"received_at\[1\] is missing"),
        (arr([R, None]), arr([None, None]), {}, ValueError, r"received_at\[1\] is NaT"),
        (
            np.array([1, 2]),
            np.array([1, 2]),
            {},
            TypeError,
            "received_at must be an array of datetime64, got dtype int64",
        ),
        (arr([[R]]), arr([[R]]), {}, TypeError, "received_at must be one-dimensional"),
        (
            [R, R],
            [None, R - timedelta(minutes=1)],
            {},
            DossierEventError,
            r"resolved_at\[1\] \(2026-03-02 08:59\) is earlier",
        ),
        (
            arr([R, R]),
            arr([None, R - timedelta(minutes=1)]),
            {},
            DossierEventError,
            r"resolved_at\[1\] \(2026-03-02 08:59\)",
        ),
        # Checked even for a dossier received after the report moment, which is not counted.
        ([R], [R - timedelta(days=1)], {"as_of": date(2026, 1, 31)}, DossierEventError, r"resolved_at\[0\]"),
        (
            [R, datetime(2024, 5, 2, 9)],
            [None, None],
            {"procedure": CAT.get("3.000323")},
            NotInForceError,
            r"received_at\[1\] is on 2024-05-02",
        ),
        (
            arr([R, datetime(2024, 5, 2, 9)]),
            arr([None, None]),
            {"procedure": CAT.get("3.000323")},
            NotInForceError,
            r"received_at\[1\]",
        ),
    ],
)
def test_bad_input_names_the_argument(
    received: Any, resolved: Any, kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    kwargs = {"procedure": WorkingDays(3), **kwargs}
    with pytest.raises(error, match=message):
        period_report_columns(received, resolved, date(2024, 1, 1), END, **kwargs)


def test_bad_periods_match_period_report() -> None:
    for start, end in [(datetime(2026, 1, 1), END), (END, START)]:
        with pytest.raises((TypeError, ValueError)) as columnar:
            period_report_columns([R], [None], start, end, procedure=WorkingDays(3))
        with pytest.raises((TypeError, ValueError)) as objects:
            period_report([], start, end)
        assert str(columnar.value) == str(objects.value)


def test_a_version_not_in_force_on_uncounted_days_is_not_an_error() -> None:
    """As in the object path, dossiers received after the report moment are not judged at all."""
    p = CAT.get("1.004859", on=date(2025, 1, 1))  # in force until 30/6/2025
    got = period_report_columns(
        [datetime(2025, 6, 30, 9), datetime(2025, 7, 1, 9)],
        [None, None],
        date(2025, 6, 1),
        date(2025, 6, 30),
        procedure=p,
    )
    assert got.received == 1


def test_empty_columns() -> None:
    for received, resolved in [([], []), (arr([]), arr([]))]:
        got = period_report_columns(received, resolved, START, END, procedure="1.004873")
        assert counts(got) == counts(period_report([], START, END))


# --------------------------------------------------------------------------- combining


def _objects(rows: list[tuple[str, datetime, datetime | None, str]]) -> list[Dossier]:
    return [Dossier(code, r, c, events=[Resolved(x)] if x else []) for code, r, x, c in rows]


ROWS = [
    ("1.004873", datetime(2026, 2, 26, 9), datetime(2026, 3, 3, 9), "online"),
    ("1.004873", datetime(2026, 3, 2, 9), datetime(2026, 3, 3, 9), "in_person"),
    ("1.004873", datetime(2026, 3, 2, 9), datetime(2026, 3, 12, 9), "online"),
    ("2.000884", datetime(2026, 3, 2, 16), datetime(2026, 3, 3, 10), "postal"),
    ("2.000884", datetime(2026, 3, 30, 9), None, "online"),
    ("1.004884", datetime(2026, 3, 31, 16), None, "in_person"),
]


def test_combined_columnar_reports_equal_one_grouped_report() -> None:
    start, end = date(2026, 3, 1), date(2026, 3, 31)
    expected = period_report(_objects(ROWS), start, end, by="procedure")
    parts = []
    for code in ("2.000884", "1.004873", "1.004884"):
        rows = [row for row in ROWS if row[0] == code]
        parts.append(
            period_report_columns(
                [r for _, r, _, _ in rows],
                [x for _, _, x, _ in rows],
                start,
                end,
                procedure=code,
                channels=[c for *_, c in rows],
                group=code,
            )
        )
    combined = combine_reports(parts, by_group=True)
    assert counts(combined) == counts(expected)
    assert list(combined.groups) == list(expected.groups)
    for key, group in expected.groups.items():
        assert counts(combined.groups[key]) == counts(group)
        assert combined.groups[key].group == key
    assert combined.to_records() == expected.to_records()


def test_combining_partitions_of_the_object_path() -> None:
    start, end = date(2026, 3, 1), date(2026, 3, 31)
    dossiers = _objects(ROWS)
    expected = period_report(dossiers, start, end, by="channel")
    parts = [period_report(dossiers[i : i + 2], start, end, by="channel") for i in range(0, len(dossiers), 2)]
    combined = combine_reports(parts)
    assert combined.to_records() == expected.to_records()
    assert combine_reports([expected]).to_records() == expected.to_records()


def test_combine_errors() -> None:
    a = period_report([], date(2026, 3, 1), date(2026, 3, 31))
    b = period_report([], date(2026, 3, 1), date(2026, 3, 30))
    with pytest.raises(ValueError, match="at least one report"):
        combine_reports([])
    with pytest.raises(TypeError, match=r"reports\[1\] must be a PeriodReport, got dict"):
        combine_reports([a, {}])  # type: ignore[list-item]
    with pytest.raises(ValueError, match=r"reports\[1\] covers 2026-03-01..2026-03-30"):
        combine_reports([a, b])
    grouped = period_report(_objects(ROWS), date(2026, 3, 1), date(2026, 3, 31), by="procedure")
    with pytest.raises(ValueError, match=r"reports\[0\] already has groups"):
        combine_reports([grouped], by_group=True)


def test_versions_are_checked_where_the_object_path_checks_them() -> None:
    """Every dossier received by the report moment is judged, even one finished before the period."""
    until_june = CAT.get("1.004859", on=date(2025, 1, 1))  # in force until 30/6/2025
    received = [datetime(2025, 6, 30, 9), datetime(2025, 7, 1, 10)]
    as_of = datetime(2025, 7, 1, 9)  # the second dossier is not known yet
    expected = period_report(
        [Dossier(until_june, r) for r in received], date(2025, 6, 1), date(2025, 7, 31), as_of=as_of
    )
    for convert in (list, arr):
        got = period_report_columns(
            convert(received),
            convert([None, None]),
            date(2025, 6, 1),
            date(2025, 7, 31),
            procedure=until_june,
            as_of=as_of,
        )
        assert counts(got) == counts(expected)
    from_january = CAT.get("3.000323")  # in force from 9/1/2025
    received, resolved = [datetime(2025, 1, 2, 9)], [datetime(2025, 1, 3, 9)]
    with pytest.raises(NotInForceError):
        period_report([Dossier(from_january, received[0], events=[Resolved(resolved[0])])], date(2025, 2, 1), END)
    for convert in (list, arr):
        with pytest.raises(NotInForceError, match=r"received_at\[0\] is on 2025-01-02"):
            period_report_columns(convert(received), convert(resolved), date(2025, 2, 1), END, procedure=from_january)


def test_samedays_at_the_end_of_the_announced_data_warn_only_when_a_dossier_needs_it() -> None:
    """A receipt after the cut-off on 31/12/2027 is due in 2028, past the data: both paths warn."""
    certification = CAT.get("2.000884")
    start, end = date(2027, 12, 1), date(2027, 12, 31)
    received = [datetime(2027, 12, 31, 9), datetime(2027, 12, 30, 16)]  # before the cut-off; due on 31/12
    resolved = [datetime(2027, 12, 31, 10), None]
    expected = period_report(
        [Dossier(certification, r, events=[Resolved(x)] if x else []) for r, x in zip(received, resolved, strict=True)],
        start,
        end,
    )
    for convert in (list, arr):  # no warning: warnings are errors here
        got = period_report_columns(convert(received), convert(resolved), start, end, procedure=certification)
        assert counts(got) == counts(expected)
    late = [datetime(2027, 12, 31, 16)]
    with pytest.warns(motcua.EstimatedCalendarWarning):
        expected = period_report([Dossier(certification, late[0])], start, end)
    for convert in (list, arr):
        with pytest.warns(motcua.EstimatedCalendarWarning):
            got = period_report_columns(convert(late), convert([None]), start, end, procedure=certification)
        assert counts(got) == counts(expected)
