"""Period reports: form 06 counts, balance, grouping, the three rates, 766 points, output."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import motcua
from motcua import (
    Dossier,
    Extended,
    PeriodReport,
    Refused,
    Resolved,
    Returned,
    SupplementRequested,
    Withdrawn,
    period_report,
)

MARITAL = "1.004873"
START, END = date(2026, 4, 1), date(2026, 5, 31)


def register() -> list[Dossier]:
    return [
        # carried over from March, resolved early in April
        Dossier(MARITAL, datetime(2026, 3, 31, 9), events=[Resolved(datetime(2026, 4, 1, 9))]),
        # finished in March: not part of the period
        Dossier(MARITAL, datetime(2026, 3, 2, 9), events=[Resolved(datetime(2026, 3, 3, 9))]),
        # received in the period, in person / by post / online
        Dossier(MARITAL, datetime(2026, 4, 24, 9), events=[Resolved(datetime(2026, 4, 28, 9))]),
        Dossier(MARITAL, datetime(2026, 4, 24, 9), "postal", events=[Resolved(datetime(2026, 5, 4, 16))]),
        Dossier(
            MARITAL,
            datetime(2026, 4, 24, 9),
            "online",
            events=[
                Extended(datetime(2026, 4, 28, 9), new_due=date(2026, 5, 8), reason="xác minh"),
                Resolved(datetime(2026, 5, 6, 9)),
                Returned(datetime(2026, 5, 6, 10)),
            ],
        ),
        Dossier(MARITAL, datetime(2026, 5, 4, 9), events=[Refused(datetime(2026, 5, 5, 9), reason="thiếu điều kiện")]),
        Dossier(MARITAL, datetime(2026, 5, 4, 9), "online", events=[Withdrawn(datetime(2026, 5, 5, 9))]),
        # still open at the end of May: one within time, one overdue
        Dossier(MARITAL, datetime(2026, 5, 29, 9)),
        Dossier("2.000884", datetime(2026, 5, 20, 9), agency="UBND phường"),
        # waiting for a supplement: the clock is stopped under the legal rule
        Dossier(MARITAL, datetime(2026, 5, 11, 9), events=[SupplementRequested(datetime(2026, 5, 12, 9))]),
        # received after the period
        Dossier(MARITAL, datetime(2026, 6, 2, 9)),
    ]


def test_form_06_counts() -> None:
    r = period_report(register(), START, END)
    assert (r.received, r.received_online, r.received_direct, r.carried_over) == (9, 2, 6, 1)
    assert (r.resolved, r.resolved_early, r.resolved_on_time, r.resolved_late) == (5, 3, 1, 1)
    assert (r.pending, r.pending_within_time, r.pending_overdue) == (3, 2, 1)
    assert (r.withdrawn, r.closed, r.refused, r.late_apologised) == (1, 0, 1, 1)
    assert r.residual == 0
    assert r.received == r.resolved + r.pending + r.withdrawn + r.closed


def test_rates_and_points() -> None:
    r = period_report(register(), START, END)
    assert r.on_time_rate == motcua.Proportion(4, 5)
    assert r.on_time_rate_received == motcua.Proportion(4, 9)
    assert r.progress_rate_766 == motcua.Proportion(6, 8)
    assert r.timeliness_points_766 == 15.0
    assert r.on_time_rate is not None
    assert r.on_time_rate.percent() == motcua.half_up(80)
    empty = period_report([], START, END)
    assert (empty.on_time_rate, empty.progress_rate_766, empty.timeliness_points_766) == (None, None, None)


def test_as_of_hides_later_events() -> None:
    early = period_report(register(), START, END, as_of=date(2026, 5, 1))
    assert early.end == END
    assert early.as_of == datetime(2026, 5, 1, 23, 59, 59, 999999)
    assert early.received == 4  # only what was received by 1 May
    assert (early.resolved, early.pending) == (2, 2)


def test_grouping() -> None:
    r = period_report(register(), START, END, by="procedure")
    assert list(r.groups) == ["1.004873", "2.000884"]
    assert sum(g.received for g in r.groups.values()) == r.received
    assert r.groups["2.000884"].pending_overdue == 1
    by_channel = period_report(register(), START, END, by="channel")
    assert set(by_channel.groups) == {"in_person", "postal", "online"}
    by_agency = period_report(register(), START, END, by="agency")
    assert list(by_agency.groups) == ["UBND phường", None]
    custom = period_report(register(), START, END, by=lambda d: d.received_local.month)
    assert set(custom.groups) == {3, 4, 5}
    with pytest.raises(ValueError, match="by must be one of"):
        period_report(register(), START, END, by="colour")


def test_dashboard_rule_changes_the_judgement() -> None:
    d = Dossier(
        MARITAL,
        datetime(2026, 4, 24, 9),
        events=[
            SupplementRequested(datetime(2026, 4, 27, 9)),
            motcua.Supplemented(datetime(2026, 4, 28, 9)),
            SupplementRequested(datetime(2026, 4, 28, 10)),
            motcua.Supplemented(datetime(2026, 4, 28, 11)),
            Resolved(datetime(2026, 4, 29, 9)),
        ],
    )
    assert period_report([d], START, END).resolved_early == 1
    assert period_report([d], START, END, rule="dashboard").resolved_late == 1


def test_output() -> None:
    r = period_report(register(), START, END, by="procedure")
    records = r.to_records()
    assert [row["group"] for row in records] == [None, "1.004873", "2.000884"]
    assert records[0]["received"] == 9
    assert records[0]["on_time_rate_pct"] == 80.0
    assert records[0]["progress_rate_766_pct"] == 75.0
    html = r._repr_html_()
    assert "Biểu số 06" in html
    assert "(10) Quá hạn" in html
    assert repr(r).startswith("<PeriodReport 2026-04-01..2026-05-31: received 9, resolved 5")
    pd = pytest.importorskip("pandas")
    frame = r.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["received"]) == [9, 8, 1]


def test_records_carry_the_exact_rate() -> None:
    late = Dossier(MARITAL, datetime(2026, 4, 24, 9), events=[Resolved(datetime(2026, 5, 29, 9))])
    on_time = Dossier(MARITAL, datetime(2026, 4, 24, 9), events=[Resolved(datetime(2026, 4, 28, 9))])
    r = period_report([on_time, on_time, late], START, END)
    assert r.on_time_rate == motcua.Proportion(2, 3)
    assert r.to_records()[0]["on_time_rate_pct"] == 200 / 3  # unrounded, not 66.67
    assert "66.7 %" in r._repr_html_()


def test_bad_arguments() -> None:
    with pytest.raises(TypeError, match="start and end must be dates"):
        period_report([], datetime(2026, 4, 1), END)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="before it starts"):
        period_report([], END, START)
    with pytest.raises(TypeError, match="must contain Dossier objects"):
        period_report(["x"], START, END)  # type: ignore[list-item]


def test_form_06_column_table() -> None:
    numbers = [n for n, _, _ in motcua.FORM_06_COLUMNS]
    assert numbers == list(range(3, 14))
    for _, name, label in motcua.FORM_06_COLUMNS:
        assert hasattr(PeriodReport, name)
        assert label


moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 6, 30))
delays = st.one_of(st.none(), st.integers(min_value=0, max_value=60 * 24 * 30).map(lambda m: timedelta(minutes=m)))


@given(st.lists(st.tuples(moments, delays, st.sampled_from(["1.004873", "2.000884", "2.001035"])), max_size=40))
def test_fast_classification_equals_the_full_timeline(rows: list[tuple[datetime, timedelta | None, str]]) -> None:
    dossiers = [Dossier(code, r, events=[Resolved(r + dl)] if dl is not None else []) for r, dl, code in rows]
    start, end = date(2025, 6, 1), date(2025, 12, 31)
    fast = period_report(dossiers, start, end)
    # A withdrawal after the period end forces every dossier through the full timeline path
    # without changing anything inside the period.
    slow_path = [d if d.events else d.with_event(SupplementRequested(datetime(2026, 12, 1, 9))) for d in dossiers]
    slow = period_report(slow_path, start, end)
    assert fast.to_records() == slow.to_records()
    assert fast.residual == 0
