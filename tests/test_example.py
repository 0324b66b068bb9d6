"""The embedded example: a synthetic replay of the seed ward's 2016 (motcua.example, `motcua example`)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, time
from pathlib import Path

import attrs
import pytest

from motcua import Channel, Outcome, Resolved, Returned, SameDay, catalogue, period_report, vietnam_calendar
from motcua.cli import main
from motcua.example import (
    CODE_PATTERN,
    ONLINE_SHARE,
    PROCEDURE_MIX,
    SYNTHETIC_NOTICE,
    ExampleResult,
    run_example,
    seed_register,
    seed_survey,
)

WILSON_LOWER_517 = 0.9926245141287484
_MORNING = (time(7, 30), time(11, 30))
_AFTERNOON = (time(13, 30), time(17, 0))


def _in_office_hours(moment: datetime) -> bool:
    t = moment.time()
    return any(start <= t <= end for start, end in (_MORNING, _AFTERNOON))


@pytest.fixture(scope="module")
def result() -> ExampleResult:
    return run_example()


# --------------------------------------------------------------------------- the register


def test_same_arguments_give_the_same_register(result: ExampleResult) -> None:
    assert seed_register() == result.register
    assert seed_register(2016, 9158, seed=2016) == result.register


def test_another_seed_gives_another_register() -> None:
    a, b = seed_register(n=500, seed=1), seed_register(n=500, seed=2)
    assert a != b
    assert [d.received_at for d in a] != [d.received_at for d in b]


def test_exactly_n_dossiers(result: ExampleResult) -> None:
    assert len(result.register) == 9158
    assert len(seed_register(n=17)) == 17


def test_receipts_fall_on_working_days_of_the_year_in_office_hours(result: ExampleResult) -> None:
    cal = vietnam_calendar()
    for d in result.register:
        received = d.received_local
        assert received.year == 2016
        assert cal.is_working_day(received.date()), d
        t = received.time()
        assert _MORNING[0] <= t < _MORNING[1] or _AFTERNOON[0] <= t < _AFTERNOON[1], d


def test_results_are_ready_in_office_hours_after_receipt_within_the_year(result: ExampleResult) -> None:
    cal = vietnam_calendar()
    for d in result.register:
        resolved, returned = d.events
        assert isinstance(resolved, Resolved)
        assert isinstance(returned, Returned)
        assert d.received_local < resolved.at <= returned.at
        assert resolved.at.date() == returned.at.date()
        for e in d.events:
            assert cal.is_working_day(e.at.date())
            assert _in_office_hours(e.at)
            assert e.at.year == 2016


def test_every_dossier_is_early_or_on_time(result: ExampleResult) -> None:
    outcomes = Counter(t.outcome for t in result.timelines)
    assert set(outcomes) == {Outcome.EARLY, Outcome.ON_TIME}
    assert sum(outcomes.values()) == 9158
    assert all(t.status.code == 10 for t in result.timelines)  # Đã trả kết quả


def test_same_day_procedures_received_by_the_cutoff_are_resolved_that_day(result: ExampleResult) -> None:
    same_day = [d for d in result.register if isinstance(d.procedure.time_limit, SameDay)]
    assert len(same_day) > 5000
    for d in same_day:
        if d.received_local.time() <= time(15, 0):
            assert d.events[0].at.date() == d.received_local.date()


def test_codes_follow_the_documented_pattern_in_receipt_order(result: ExampleResult) -> None:
    codes = [d.code for d in result.register]
    assert len(set(codes)) == len(codes)
    assert codes[0] == CODE_PATTERN.format(received=result.register[0].received_local, sequence=1)
    pattern = re.compile(r"000\.00\.00\.H00-(\d{6})-(\d{4})")
    previous: tuple[str, int] = ("", 0)
    for d in result.register:
        assert d.code is not None
        match = pattern.fullmatch(d.code)
        assert match is not None
        assert match[1] == f"{d.received_local:%y%m%d}"
        day, seq = match[1], int(match[2])
        assert seq == (previous[1] + 1 if day == previous[0] else 1)
        previous = (day, seq)
    assert [d.received_local for d in result.register] == sorted(d.received_local for d in result.register)


def test_the_mix_is_the_documented_one_over_ward_level_procedures_in_force(result: ExampleResult) -> None:
    counts = Counter(d.procedure.code for d in result.register)
    assert set(counts) == set(PROCEDURE_MIX)
    total = sum(PROCEDURE_MIX.values())
    for code, weight in PROCEDURE_MIX.items():
        assert abs(counts[code] - 9158 * weight / total) < 1
    assert not {"2.000806", "2.000992", "2.001008"} & set(counts)  # district work in 2016
    cat = catalogue()
    for d in result.register:
        assert d.procedure.level == "commune"
        assert d.procedure == cat.get(d.procedure.code, on=d.received_local.date())


def test_online_dossiers_only_where_the_documented_share_allows(result: ExampleResult) -> None:
    online = [d for d in result.register if d.channel is Channel.ONLINE]
    assert {d.procedure.field for d in online} == {"Hộ tịch"}
    assert ONLINE_SHARE["Chứng thực"] == 0
    civil = sum(1 for d in result.register if d.procedure.field == "Hộ tịch")
    assert abs(len(online) / civil - ONLINE_SHARE["Hộ tịch"]) < 0.03
    assert {d.channel for d in result.register} == {Channel.ONLINE, Channel.IN_PERSON}


def test_other_years_from_2016_work_and_earlier_ones_say_why_not() -> None:
    register = seed_register(2025, n=300, seed=3)
    assert {d.received_local.year for d in register} == {2025}
    with pytest.raises(ValueError, match="from 2016 on"):
        seed_register(2015)
    with pytest.raises(ValueError, match="at least 1"):
        seed_register(n=0)
    with pytest.raises(TypeError, match="n must be an int"):
        seed_register(n=9158.0)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- the report


def test_form_06_balances(result: ExampleResult) -> None:
    r = result.report
    assert r.received == 9158
    assert r.received == r.received_online + r.received_direct + r.carried_over
    assert r.resolved == r.resolved_early + r.resolved_on_time + r.resolved_late
    assert r.pending == r.pending_within_time + r.pending_overdue
    assert r.received == r.resolved + r.pending + r.withdrawn + r.closed
    assert r.residual == 0
    assert (r.resolved, r.resolved_late, r.pending, r.carried_over) == (9158, 0, 0, 0)
    assert r.received_online == sum(1 for d in result.register if d.channel is Channel.ONLINE)
    assert sum(g.received for g in r.groups.values()) == r.received
    assert sum(g.resolved_early for g in r.groups.values()) == r.resolved_early
    assert set(r.groups) == set(PROCEDURE_MIX)


def test_the_three_rates_are_100_percent_with_intervals(result: ExampleResult) -> None:
    r = result.report
    for rate in (r.on_time_rate, r.on_time_rate_received, r.progress_rate_766):
        assert rate is not None
        assert (rate.successes, rate.n) == (9158, 9158)
        assert 0.999 < rate.interval()[0] < 1.0
    assert r.timeliness_points_766 == 20.0


def test_monthly_rates_agree_with_a_monthly_form_06(result: ExampleResult) -> None:
    assert [m for m, _ in result.monthly] == list(range(1, 13))
    assert sum(p.n for _, p in result.monthly if p is not None) == 9158
    for month in (2, 7, 12):
        p = result.monthly[month - 1][1]
        assert p is not None
        end = date(2016, month + 1, 1).toordinal() - 1 if month < 12 else date(2016, 12, 31).toordinal()
        report = period_report(result.register, date(2016, month, 1), date.fromordinal(end))
        assert report.on_time_rate == p


# --------------------------------------------------------------------------- the survey


def test_survey_517_forms_with_the_wilson_bound() -> None:
    survey = seed_survey()
    assert survey.total == 517
    assert sum(survey.level_counts(Channel.ONLINE).values()) == 415
    assert sum(survey.level_counts(Channel.IN_PERSON).values()) == 102
    assert survey.level_counts() == {"Rất hài lòng": 0, "Hài lòng": 517, "Chưa hài lòng": 0}
    p = survey.satisfaction()
    assert (p.successes, p.n) == (517, 517)
    assert p.interval()[0] == pytest.approx(WILSON_LOWER_517, abs=1e-12)
    assert p.interval()[1] == 1.0


def test_survey_summary_in_the_result(result: ExampleResult) -> None:
    total = result.survey_summary.rows[-1]
    assert total.key == "total"
    assert total.interval is not None
    assert total.interval[0] == pytest.approx(WILSON_LOWER_517, abs=1e-12)


# --------------------------------------------------------------------------- letters and outputs


def test_letters_follow_the_first_birth_and_death_registrations(result: ExampleResult) -> None:
    birth, death = result.letters
    assert birth.template == "chuc-mung-khai-sinh"
    assert death.template == "chia-buon-khai-tu"
    assert birth.dossier is next(d for d in result.register if d.procedure.code == "1.001193")
    assert death.dossier is next(d for d in result.register if d.procedure.code == "1.000656")
    assert birth.fields["ngay_dang_ky"] == birth.dossier.events[0].at.date() == birth.fields["ngay"]
    assert birth.fields["ngay_sinh"] < birth.dossier.received_local.date()
    assert death.fields["ngay_mat"] < death.dossier.received_local.date()
    assert "THƯ CHÚC MỪNG" in birth.text
    assert "THƯ CHIA BUỒN" in death.html
    assert "PHƯỜNG HẢI ĐĂNG" in birth.text
    assert f"{birth.fields['ngay']:%Y}" in birth.text


def test_summary_text_says_synthetic_and_gives_the_numbers(result: ExampleResult) -> None:
    text = result.summary_text()
    assert "DỮ LIỆU MÔ PHỎNG" in text
    assert SYNTHETIC_NOTICE in text
    # Vietnamese number format ("9.158", "99,95") in the Vietnamese text.
    assert "(3) Nhận giải quyết (received): 9.158" in text
    # Bounds round outward: the Wilson lower bound 99.958 % shows as 99,95, never rounded up to 99,96.
    assert "9.158/9.158 = 100,00 % (KTC 95 %: 99,95–100,00 %)" in text
    assert "517/517 = 100,00 % (KTC 95 %: 99,26–100,00 %)" in text
    assert "thấp hơn 99,26 %" in text
    assert "Điểm chỉ số 2.1 (Decision 766 points): 20,0/20" in text
    assert "Đã viết thư chúc mừng khai sinh" in text
    assert "Đã viết thư chia buồn" in text


def test_html_is_self_contained_says_synthetic_and_escapes(result: ExampleResult) -> None:
    page = result.to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert "dữ liệu mô phỏng" in page
    assert "DỮ LIỆU MÔ PHỎNG" in page
    assert "<svg" in page
    assert page.count("<iframe") == 2
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # no external assets
    assert "<script" not in page
    nasty = "Thủ tục <script>alert('x')</script> & co"
    dossier = result.register[0]
    evil = attrs.evolve(dossier, procedure=attrs.evolve(dossier.procedure, name=nasty))
    page = attrs.evolve(result, register=(evil, *result.register[1:])).to_html()
    assert "<script>" not in page
    assert "Thủ tục &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in page


def test_key_numbers(result: ExampleResult) -> None:
    numbers = result.key_numbers()
    assert numbers["synthetic"] is True
    assert numbers["form_06"]["received"] == 9158
    assert numbers["rates"]["on_time_rate"]["pct"] == 100.0
    assert numbers["survey"]["total"]["n"] == 517
    assert numbers["survey"]["total"]["ci_low"] == pytest.approx(WILSON_LOWER_517, abs=1e-12)
    json.dumps(numbers)


# --------------------------------------------------------------------------- the command line


def test_cli_writes_the_report_where_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.html"
    assert main(["example", "--output", str(target)]) == 0
    out = capsys.readouterr().out
    assert "DỮ LIỆU MÔ PHỎNG" in out
    assert str(target.resolve()) in out
    assert "mở tệp này trong trình duyệt" in out
    assert "dữ liệu mô phỏng" in target.read_text(encoding="utf-8")


def test_cli_default_output_is_in_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["example", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    expected = {
        "synthetic", "notice", "year", "seed", "dossiers", "procedures", "channels", "form_06", "rates",
        "timeliness_points_766", "monthly", "survey", "letters", "html",
    }  # fmt: skip
    assert set(payload) == expected
    assert payload["html"] == str(tmp_path.resolve() / "motcua-example-2016.html")
    assert (tmp_path / "motcua-example-2016.html").is_file()
    assert payload["dossiers"] == 9158
    assert payload["form_06"]["resolved_late"] == 0
    assert set(payload["rates"]) == {"on_time_rate", "on_time_rate_received", "progress_rate_766"}
    assert [m["month"] for m in payload["monthly"]] == list(range(1, 13))
    assert [x["template"] for x in payload["letters"]] == ["chuc-mung-khai-sinh", "chia-buon-khai-tu"]


def test_cli_no_html_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["example", "--no-html"]) == 0
    assert main(["example", "--no-html", "--json"]) == 0
    assert list(tmp_path.iterdir()) == []
    out = capsys.readouterr().out
    assert "trình duyệt" not in out
    assert '"html": null' in out


def test_cli_unwritable_output_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "--output", str(tmp_path / "missing" / "r.html")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("motcua: lỗi: không ghi được báo cáo HTML")
    assert "Traceback" not in err


def test_python_dash_m_example(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "motcua", "example", "--json", "--no-html"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        encoding="utf-8",
    )
    assert json.loads(out.stdout)["survey"]["total"]["n"] == 517
    assert list(tmp_path.iterdir()) == []


def test_the_result_shows_its_page_in_a_notebook() -> None:
    result = run_example(2016, n=300, seed=7)
    html = result._repr_html_()
    assert html.startswith("<iframe sandbox srcdoc=")
    assert "&lt;!DOCTYPE html&gt;" in html  # the whole page, escaped into the attribute
    assert "<h1>" not in html  # nothing of the page leaks into the notebook's own markup
