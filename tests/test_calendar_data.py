"""Data-driven checks of the shipped data files, and a tripwire on python-holidays upgrades."""

from __future__ import annotations

import copy
import json
import tomllib
import unicodedata
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import motcua
from motcua._vietnam_data import parse_calendar, vietnam_data
from motcua.slips import form_sets

GOLDEN = Path(__file__).parent / "golden" / "python_holidays_vn_2013_2027.json"
DATA_DIR = resources.files("motcua").joinpath("data")


def _raw(name: str) -> dict[str, Any]:
    return tomllib.loads(DATA_DIR.joinpath(name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["calendar.toml", "sources.toml"])
def test_data_files_are_nfc_utf8(name: str) -> None:
    text = DATA_DIR.joinpath(name).read_bytes().decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)


def test_every_row_cites_a_known_source_and_every_source_is_cited() -> None:
    data = vietnam_data()
    registry = motcua.sources()
    cited = {d.source.key for d in data.days_off} | {m.source.key for m in data.makeup_days}
    assert cited <= set(registry)
    cat = motcua.catalogue()
    for code in cat.codes:
        for p in cat.versions(code):
            cited |= {ref.source.key for ref in p.legal}
            cited |= {ref.source.key for step in p.steps for ref in step.legal}
            if p.fee is not None:
                cited.add(p.fee.legal.source.key)
    for rule in cat.rules:
        cited |= {ref.source.key for version in cat.rule_versions(rule.code) for ref in version.legal}
    cited |= {s.source.key for s in motcua.scales().values() if s.source is not None}
    cited |= {c.source.key for c in motcua.criteria_sets().values() if c.source is not None}
    cited |= {key for s in form_sets() for key in (s.circular.key, s.decree.key)}
    # Two codes are cited by the code itself: the Labour Code for the years past the data, and
    # the Civil Code in every deadline explanation.
    assert set(registry) - cited <= {"blld-2019", "blds-2015"}


def test_every_source_has_a_title_and_a_way_to_find_it() -> None:
    for key, source in motcua.sources().items():
        assert source.title, key
        assert source.evidence in {"primary", "reported", "rule", "proposed"}, key
        # A reported document must be findable: a URL, or a number to search for.
        if source.evidence == "reported":
            assert source.url or source.number, key
        if source.url:
            assert source.url.startswith(("http://", "https://")), key


def test_every_makeup_day_pairs_with_a_swapped_day() -> None:
    data = vietnam_data()
    swapped = {d.date for d in data.days_off if d.kind is motcua.DayKind.SWAPPED}
    for m in data.makeup_days:
        assert m.replaces is not None
        if m.replaces.year >= 2013:
            assert m.replaces in swapped, m
    # … and every swapped day is paid back by exactly one make-up day
    paid = [m.replaces for m in data.makeup_days]
    assert sorted(swapped) == sorted(d for d in paid if d is not None and d.year >= 2013)


def test_years_and_statuses() -> None:
    data = vietnam_data()
    assert sorted(data.years) == list(range(2013, 2028))
    statuses = {y: s.value for y, (s, _) in data.years.items()}
    assert all(statuses[y] == "confirmed" for y in range(2013, 2027))
    assert statuses[2027] == "estimated"
    assert all(d.estimated == (d.date.year == 2027) for d in data.days_off)


def test_proposed_rows_are_only_the_2026_culture_day_swap() -> None:
    data = vietnam_data()
    proposed = [d.date for d in data.days_off if d.basis == "proposed"]
    proposed += [m.date for m in data.makeup_days if m.basis == "proposed"]
    assert proposed == [date(2026, 11, 23), date(2026, 11, 28)]


# --------------------------------------------------------------------------- strict loader


def _broken(edit: Any) -> dict[str, Any]:
    raw = copy.deepcopy(_raw("calendar.toml"))
    edit(raw)
    return raw


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r["days"][0].update(typo="x"), "unknown key"),
        (lambda r: r["days"][0].pop("source"), "missing key"),
        (lambda r: r["days"][0].update(source="no-such-doc"), "not in sources.toml"),
        (lambda r: r["days"].insert(0, r["days"][5]), "sorted"),
        (lambda r: r["days"].append(dict(r["days"][-1])), "sorted"),
        (lambda r: r["days"][0].update(kind="festival"), "kind must be"),
        (lambda r: r["days"][0].update(basis="rumour"), "basis must be"),
        (lambda r: r["days"][0].update(name="Te\u0302\u0301t"), "NFC"),
        (lambda r: r["days"][0].update(date="2013-01-01"), "TOML date"),
        (lambda r: r["years"].pop("2015"), "without gaps"),
        (lambda r: r["years"]["2014"].update(status="sure"), "status must be"),
        (lambda r: r.update(extra=1), "unknown key"),
    ],
)
def test_loader_rejects_malformed_calendar(edit: Any, message: str) -> None:
    raw = _broken(edit)
    with pytest.raises(motcua.DataFileError, match=message):
        _load(raw)


def _load(raw: dict[str, Any]) -> object:
    """What the package does with a file: the NFC check on the whole text, then the parser."""
    from motcua._data import check_nfc

    check_nfc(raw, "calendar.toml")
    return parse_calendar(raw, motcua.sources())


def test_loader_rejects_a_makeup_day_on_a_weekday() -> None:
    def edit(raw: dict[str, Any]) -> None:
        row = next(r for r in raw["days"] if r["kind"] == "makeup")
        row["date"] = row["date"] - timedelta(days=1)  # Friday; still sorted

    with pytest.raises(motcua.DataFileError, match="must be a Saturday or Sunday"):
        parse_calendar(_broken(edit), motcua.sources())


def test_loader_accepts_the_shipped_file() -> None:
    assert parse_calendar(_raw("calendar.toml"), motcua.sources()) == vietnam_data()


# --------------------------------------------------------------------------- python-holidays


def test_python_holidays_vietnam_is_unchanged_in_the_covered_years() -> None:
    """Fails loudly when a python-holidays upgrade changes any Vietnamese day in 2013–2027.

    motcua's own table is authoritative for those years, so an upgrade cannot change its
    answers; but a change upstream means either they fixed a gap we correct (remove it from
    ``[corrections]`` in calendar.toml) or they learnt of an announcement we have not (add
    it). Review, then regenerate tests/golden/python_holidays_vn_2013_2027.json.
    """
    import holidays

    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    table = holidays.country_holidays("VN", years=range(2013, 2028), language="vi")
    now = {d.isoformat(): name for d, name in sorted(table.items())}
    added = sorted(set(now) - set(golden["holidays"]))
    removed = sorted(set(golden["holidays"]) - set(now))
    renamed = sorted(d for d in set(now) & set(golden["holidays"]) if now[d] != golden["holidays"][d])
    workdays = sorted(d.isoformat() for d in table.weekend_workdays if 2013 <= d.year <= 2027)
    assert (added, removed, renamed, workdays) == ([], [], [], golden["weekend_workdays"]), (
        f"python-holidays {holidays.__version__} changed Vietnam's 2013–2027 days "
        f"(snapshot: {golden['python_holidays_version']}); review calendar.toml [corrections]"
    )


def test_corrections_list_exactly_where_python_holidays_differs(cal: motcua.WorkingCalendar) -> None:
    import holidays

    table = holidays.country_holidays("VN", years=range(2012, 2029), language="vi")
    differs = []
    day = date(2013, 1, 1)
    while day <= date(2027, 12, 31):
        if table.is_working_day(day) != cal.is_working_day(day):
            differs.append(day)
        day += timedelta(days=1)
    assert differs == sorted(vietnam_data().corrections)
