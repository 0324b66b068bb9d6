"""Reading and writing one-stop registers (CSV). The sample registers in tests/data/registers are SYNTHETIC."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua import (
    Channel,
    Closed,
    Dossier,
    Event,
    Extended,
    Refused,
    Resolved,
    Returned,
    Supplemented,
    SupplementRequested,
    Transferred,
    VerificationEnded,
    VerificationStarted,
    Withdrawn,
    catalogue,
    period_report,
)
from motcua.registers import (
    REGISTER_COLUMNS,
    RegisterFormatError,
    parse_moment,
    read_register,
    write_register,
)

DATA = Path(__file__).parent / "data" / "registers"
CANONICAL = DATA / "synthetic_register_2016.csv"
VI_BAD_ROWS = DATA / "synthetic_register_2016_vi_bad_rows.csv"
SEMICOLON = DATA / "synthetic_register_2016_semicolon.csv"
CUSTOM = DATA / "synthetic_register_2016_custom_headers.csv"

HEADER = "code,procedure,received_at,channel,resolved_at\n"


def read_text(text: str, **kwargs: object) -> tuple[list[Dossier], list[tuple[int, str]]]:
    result = read_register(io.StringIO(text), **kwargs)  # type: ignore[arg-type]
    return list(result.dossiers), [(r.line, r.reason) for r in result.rejected]


# --------------------------------------------------------------------------- the column spec


def test_the_canonical_columns() -> None:
    names = [c.name for c in REGISTER_COLUMNS]
    assert names[:3] == ["code", "procedure", "received_at"]
    assert [c.name for c in REGISTER_COLUMNS if c.required] == ["code", "procedure", "received_at"]
    assert len(set(names)) == len(names) == 23
    assert {"channel", "resolved_at", "returned_at", "refused_at", "withdrawn_at", "new_due"} <= set(names)
    # Every documented column is in the module docstring.
    import motcua.registers

    assert motcua.registers.__doc__ is not None
    assert all(f"``{name}``" in motcua.registers.__doc__ for name in names)


# --------------------------------------------------------------------------- dates and moments


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-01-04 08:30", datetime(2016, 1, 4, 8, 30)),
        ("2016-01-04T08:30", datetime(2016, 1, 4, 8, 30)),
        ("2016-01-04 08:30:15", datetime(2016, 1, 4, 8, 30, 15)),
        ("2016-01-04 8:30", datetime(2016, 1, 4, 8, 30)),  # one-digit hours, as 04/01/2016 8:30
        ("2016-01-04T8:30:15", datetime(2016, 1, 4, 8, 30, 15)),
        ("2016-01-04T01:30+00:00", datetime(2016, 1, 4, 8, 30)),
        ("04/01/2016 08:30", datetime(2016, 1, 4, 8, 30)),
        ("4/1/2016 8:30", datetime(2016, 1, 4, 8, 30)),
        ("08:30 04/01/2016", datetime(2016, 1, 4, 8, 30)),
        ("2016-01-04", date(2016, 1, 4)),
        ("04/01/2016", date(2016, 1, 4)),
        (" 29/02/2016 ", date(2016, 2, 29)),
    ],
)
def test_parse_moment(text: str, expected: datetime | date) -> None:
    value = parse_moment(text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("29/02/2015", "'29/02/2015' is not a valid date (day is out of range for month)"),
        ("2016-13-01", "'2016-13-01' is not a valid date"),
        ("2016-01-04 25:00", "'2016-01-04 25:00' is not a valid date (invalid time)"),
        ("04/01/2016 08:75", "'04/01/2016 08:75' is not a valid date (minute must be in 0..59)"),
        ("Jan 4 2016", "is not a date or moment; write 2016-01-04 08:30"),
        ("01-04-2016", "is not a date or moment"),
        ("2016-01-04 8:75", "'2016-01-04 8:75' is not a valid date (invalid time)"),
        (
            "42373.354",
            "'42373.354' looks like a spreadsheet serial date number (Excel counts days from 1899-12-30), not a "
            "date; it is not guessed: format the column as text or as dd/mm/yyyy hh:mm before exporting the CSV",
        ),
        ("42373", "'42373' looks like a spreadsheet serial date number"),
        ("42373,5", "'42373,5' looks like a spreadsheet serial date number"),
        ("2016", "'2016' is not a date or moment"),  # a year alone is not taken for a serial number
    ],
)
def test_impossible_or_unknown_dates(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_moment(text)


# --------------------------------------------------------------------------- reading


def test_canonical_register() -> None:
    result = read_register(CANONICAL)
    assert result.rejected == ()
    assert result.rows == len(result.dossiers) == 12
    assert result.ignored == ("note",)
    by_code = {d.code: d for d in result.dossiers}
    first = by_code["TEST-0001"]
    assert first.procedure.code == "1.004873"
    assert first.received_at == datetime(2016, 1, 4, 8, 30)
    assert first.channel is Channel.IN_PERSON
    assert first.agency == "UBND phường (hư cấu)"
    assert first.events == (Resolved(datetime(2016, 1, 6, 10, 0)), Returned(datetime(2016, 1, 7, 9, 0)))
    assert by_code["TEST-0008"].events == (
        SupplementRequested(datetime(2016, 5, 10, 9, 0), reason="Thiếu tờ khai"),
        Supplemented(datetime(2016, 5, 16, 10, 0)),
        Resolved(datetime(2016, 5, 19, 14, 0)),
    )
    assert by_code["TEST-0009"].events == (
        Refused(datetime(2016, 6, 7, 10, 0), reason="Người lập di chúc không có mặt"),
    )
    assert by_code["TEST-0011"].events == (
        Extended(datetime(2016, 8, 4, 10, 0), new_due=date(2016, 8, 12), reason="Chờ trích lục từ nơi đăng ký cũ"),
        Resolved(datetime(2016, 8, 11, 10, 0)),
    )
    assert by_code["TEST-0005"].channel is Channel.POSTAL
    assert by_code["TEST-0002"].channel is Channel.ONLINE


def test_canonical_register_form_06_by_hand() -> None:
    """Each dossier's outcome worked out by hand on the 2016 calendar (see the CLI test for the list)."""
    dossiers = read_register(CANONICAL).dossiers
    r = period_report(dossiers, date(2016, 1, 1), date(2016, 12, 31))
    assert (r.received, r.received_online, r.received_direct, r.carried_over) == (12, 2, 9, 1)
    assert (r.resolved, r.resolved_early, r.resolved_on_time, r.resolved_late) == (9, 2, 5, 2)
    assert (r.pending, r.pending_within_time, r.pending_overdue) == (2, 1, 1)
    assert (r.refused, r.late_apologised, r.withdrawn, r.closed, r.residual) == (1, 1, 1, 0, 0)


def test_vietnamese_headers_bom_and_every_bad_row() -> None:
    assert VI_BAD_ROWS.read_bytes().startswith(b"\xef\xbb\xbf")
    result = read_register(VI_BAD_ROWS)
    assert [d.code for d in result.dossiers] == ["VI-0001", "VI-0002", "VI-0011"]
    assert result.columns["code"] == "Mã hồ sơ"  # the BOM is not part of the header
    assert result.columns["returned_at"] == "Ngày trả kết quả"
    assert result.columns["resolved_at"] == "Ngày xử lý xong"
    assert result.ignored == ("Ghi chú",)
    assert result.dossiers[2].channel is Channel.POSTAL
    reasons = {r.line: r.reason for r in result.rejected}
    assert sorted(reasons) == list(range(4, 12))  # the blank last line is not a row
    assert reasons[4] == "procedure: no procedure with code '9.999999'"
    assert reasons[5] == "received_at: '31/02/2016 08:00' is not a valid date (day is out of range for month)"
    assert reasons[6].startswith("channel: unknown channel 'Fax'; use online, in_person or postal")
    assert reasons[7] == "resolved_at: 2016-01-04 10:00 is before received_at (2016-01-05 08:00)"
    assert reasons[8] == "code: duplicate dossier code 'VI-0001' (first on line 2)"
    assert reasons[9] == "code: missing (a required column)"
    assert reasons[10].startswith(
        "impossible sequence of events: dossier VI-0009: event 1 (Refused at 2016-01-08 09:00)"
    )
    assert "already reached a final state" in reasons[10]
    assert reasons[11] == "the row has 3 cells but the header has 9; check the delimiter and the quoting"
    raw = next(r.raw for r in result.rejected if r.line == 5)
    assert raw[:3] == ("VI-0004", "1.004873", "31/02/2016 08:00")


def test_semicolon_vietnamese_headers_and_dates() -> None:
    result = read_register(SEMICOLON, delimiter=";")
    assert result.rejected == ()
    a, b, c = result.dossiers
    assert (a.channel, b.channel, c.channel) == (Channel.ONLINE, Channel.IN_PERSON, Channel.POSTAL)
    assert b.received_at == datetime(2016, 1, 5, 8, 0)  # "08:00 05/01/2016"
    assert c.received_at == date(2016, 1, 6)  # a date alone stays a date
    # With the wrong delimiter the header is one cell: the error names the separator to pass.
    with pytest.raises(RegisterFormatError) as info:
        read_register(SEMICOLON)
    assert str(info.value) == (
        "the header has no ',' but has ';': the file looks ';'-separated; pass delimiter=';' "
        "(command line: --delimiter ';')"
    )


def test_mapping_for_other_exports() -> None:
    mapping = {
        "code": "Ma BN",
        "procedure": "Thu tuc",
        "received_at": "Nop luc",
        "channel": "kenh",  # matched without case
        "resolved_at": "Xong luc",
    }
    result = read_register(CUSTOM, mapping=mapping)
    assert [d.code for d in result.dossiers] == ["CU-0001", "CU-0002"]
    assert result.columns["channel"] == "Kenh"
    assert result.ignored == ("Ghi chu",)
    with pytest.raises(RegisterFormatError, match="no column for code, procedure, received_at"):
        read_register(CUSTOM)
    with pytest.raises(RegisterFormatError, match="'received' is not a register column; the columns are code,"):
        read_register(CUSTOM, mapping={**mapping, "received": "Nop luc"})
    with pytest.raises(RegisterFormatError, match="the header 'Ngay nop' given for received_at is not in the file"):
        read_register(CUSTOM, mapping={**mapping, "received_at": "Ngay nop"})


def test_a_mapping_wins_over_the_default_headers() -> None:
    text = "Mã hồ sơ,Mã TTHC,Ngày nhận,Ngày nộp\nA,1.004873,2016-01-04 08:00,2016-01-05 08:00\n"
    (d,), _ = read_text(text, mapping={"received_at": "Ngày nộp"})
    assert d.received_at == datetime(2016, 1, 5, 8, 0)


def test_two_headers_for_one_column_are_an_error() -> None:
    text = "Mã hồ sơ,Mã TTHC,Ngày nhận,Thời điểm nhận\nA,1.004873,2016-01-04,2016-01-04 08:00\n"
    with pytest.raises(RegisterFormatError, match="the headers 'Ngày nhận' and 'Thời điểm nhận' both mean received_at"):
        read_text(text)
    (d,), _ = read_text(text, mapping={"received_at": "Thời điểm nhận"})
    assert d.received_at == datetime(2016, 1, 4, 8, 0)


def test_headers_without_diacritics_case_or_punctuation() -> None:
    text = "MA HO SO,ma tthc,Ngay_Nhan,KÊNH NỘP\nA,1.004873,2016-01-04 08:00,truc tuyen\n"
    (d,), rejected = read_text(text)
    assert rejected == []
    assert d.channel is Channel.ONLINE


def test_empty_register() -> None:
    with pytest.raises(RegisterFormatError, match="empty"):
        read_text("")
    assert read_text(HEADER) == ([], [])


@pytest.mark.parametrize(
    ("value", "channel"),
    [
        ("online", Channel.ONLINE),
        ("Trực tuyến toàn trình", Channel.ONLINE),
        ("in_person", Channel.IN_PERSON),
        ("In-person", Channel.IN_PERSON),
        ("trực tiếp", Channel.IN_PERSON),
        ("", Channel.IN_PERSON),
        ("postal", Channel.POSTAL),
        ("Dịch vụ bưu chính", Channel.POSTAL),
        ("BCCI", Channel.POSTAL),
    ],
)
def test_channels(value: str, channel: Channel) -> None:
    (d,), _ = read_text(HEADER + f"A,1.004873,2016-01-04 08:00,{value},\n")
    assert d.channel is channel


def test_sources_path_text_binary_and_lines() -> None:
    text = CANONICAL.read_text(encoding="utf-8")
    expected = read_register(CANONICAL).dossiers
    assert read_register(str(CANONICAL)).dossiers == expected
    assert read_register(io.StringIO(text)).dossiers == expected
    assert read_register(text.splitlines()).dossiers == expected
    binary = io.BytesIO(VI_BAD_ROWS.read_bytes())
    assert len(read_register(binary).dossiers) == 3
    assert not binary.closed  # the caller's file stays open
    with CANONICAL.open("rb") as f:
        assert read_register(f).dossiers == expected
    with pytest.raises(TypeError, match="needs a path, a text file or a binary file"):
        read_register(42)  # type: ignore[arg-type]


def test_utf16_register_with_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_text(VI_BAD_ROWS.read_text(encoding="utf-8-sig"), encoding="utf-16")
    assert len(read_register(path, encoding="utf-16").dossiers) == 3


def test_rows_of_empty_cells_are_blank_lines() -> None:
    dossiers, rejected = read_text(HEADER + ",,,,\n\nA,1.004873,2016-01-04 08:00,,\n")
    assert [d.code for d in dossiers] == ["A"]
    assert rejected == []


def test_blank_rows_are_counted_not_dropped_silently() -> None:
    result = read_register(io.StringIO(HEADER + ",,,,\n\n , , , , \nA,1.004873,2016-01-04 08:00,,\n,,\n"))
    assert (result.rows, result.blank_rows) == (1, 4)  # ",,,,", "", " , , , , " and ",,"
    assert repr(result) == "<RegisterReadResult: 1 dossiers, 0 rejected rows, 4 blank rows skipped>"
    assert read_register(CANONICAL).blank_rows == 0
    assert read_register(VI_BAD_ROWS).blank_rows == 1  # the file ends with an empty line


def test_read_result_stays_backward_compatible() -> None:
    from motcua.registers import RegisterReadResult

    old = RegisterReadResult((), ())
    assert (old.blank_rows, old.rows) == (0, 0)
    assert repr(old) == "<RegisterReadResult: 0 dossiers, 0 rejected rows>"


def test_multiline_cells_report_the_line_the_row_starts_on() -> None:
    text = (
        "code,procedure,received_at,refused_at,refusal_reason\n"
        'A,1.004873,2016-01-04 08:00,2016-01-05 08:00,"Thiếu\ngiấy tờ"\n'
        "B,1.004873,2016-13-04 08:00,,\n"
    )
    (a,), rejected = read_text(text)
    assert a.events == (Refused(datetime(2016, 1, 5, 8, 0), reason="Thiếu\ngiấy tờ"),)
    assert rejected == [(4, "received_at: '2016-13-04 08:00' is not a valid date (month must be in 1..12)")]


def _stray_quote(line: int, before: str) -> str:
    """The synthetic register with a stray quote put before the first *before* of its *line*."""
    lines = CANONICAL.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(before, '"' + before, 1)
    return "".join(lines)


@pytest.mark.parametrize(
    ("before", "column"),
    [
        ("online", "channel"),  # the rest of the file goes into one cell: the row is short of cells
        ("SYNTHETIC", "note"),  # the last cell swallows the rows: as many cells as the header
    ],
)
def test_a_stray_quote_never_swallows_rows_silently(before: str, column: str) -> None:
    text = _stray_quote(3, before)
    total = len(CANONICAL.read_text(encoding="utf-8-sig").splitlines())
    result = read_register(io.StringIO(text))
    (row,) = result.rejected
    assert (row.line, row.last_line) == (3, total)
    assert row.reason == (
        f"an unbalanced quote: the quoted cell of column {column!r} opened on line 3 never closes, "
        f"so lines 4–{total} went into that one cell instead of being read as rows; "
        'remove the stray " or double it ("") inside a quoted cell, then read the file again'
    )
    # Every line of the file is accounted for: read, or inside the rejected row's span.
    assert len(result.dossiers) + (row.last_line - row.line + 1) == total - 1


def test_a_stray_quote_closed_by_another_names_both_lines() -> None:
    text = (
        "code,procedure,received_at,agency\n"
        "A,1.004873,2016-01-04 08:00,x\n"
        'B,1.004873,2016-01-04 08:00,"UBND\n'
        "C,1.004873,2016-01-04 08:00,x\n"
        'D,1.004873,2016-01-04 08:00,y"\n'
        "E,1.004873,2016-01-04 08:00,x\n"
    )
    result = read_register(io.StringIO(text))
    assert [d.code for d in result.dossiers] == ["A", "E"]
    (row,) = result.rejected
    assert (row.line, row.last_line) == (3, 5)
    assert "column 'agency' opened on line 3 does not close until line 5, so lines 4–5 went into" in row.reason


def test_a_stray_quote_in_a_large_register_is_a_format_error_naming_its_line() -> None:
    """Past the csv module's cell size limit, a bare csv.Error (a traceback in `motcua report`) used to escape."""
    row = "A{},1.004873,2016-01-04 08:00,in_person,\n"
    text = HEADER + "".join(row.format(i) for i in range(6)) + 'Q,"1.004873,2016-01-04 08:00,,\n'
    text += "".join(row.format(i) for i in range(6, 10_000))
    with pytest.raises(RegisterFormatError) as info:
        read_register(io.StringIO(text))
    message = str(info.value)
    assert message.startswith('line 8: a quote (") in the row starting on this line opens a cell that never closes')
    assert "unbalanced quote" in message
    assert 'double it ("")' in message


def test_a_csv_error_in_the_header_is_a_format_error() -> None:
    text = '"' + "x" * 200_000 + "\n"
    with pytest.raises(RegisterFormatError, match=r"^line 1: .*never closes"):
        read_register(io.StringIO(text))


def test_rejected_rows_on_one_line_end_where_they_start() -> None:
    result = read_register(io.StringIO(HEADER + "A,9.9,2016-01-04 08:00,,\n"))
    assert [(r.line, r.last_line) for r in result.rejected] == [(2, 2)]
    from motcua.registers import RejectedRow

    assert RejectedRow(4, "x", ()).last_line == 4  # built by callers as before


def test_text_is_nfc() -> None:
    decomposed = "Pha\u0300ng"  # "Phàng" written with a combining grave accent
    text = f"code,procedure,received_at,agency\nA,1.004873,2016-01-04 08:00,{decomposed}\n"
    (d,), _ = read_text(text)
    assert d.agency == "Phàng"


def test_events_are_put_in_time_order_and_lifecycle_order_at_one_moment() -> None:
    text = (
        "code,procedure,received_at,returned_at,resolved_at\n"
        "A,1.004873,2016-01-04 08:00,2016-01-05 09:00,2016-01-05 09:00\n"
        "B,1.004873,2016-01-04 08:00,2016-01-06 09:00,2016-01-05 09:00\n"
    )
    (a, b), _ = read_text(text)
    assert [type(e) for e in a.events] == [Resolved, Returned]
    assert [e.at.day for e in b.events] == [5, 6]


def test_an_event_date_alone_is_that_day() -> None:
    text = (
        "code,procedure,received_at,resolved_at,returned_at\n"
        "A,1.004873,2016-01-04 08:00,2016-01-04,06/01/2016\n"  # resolved the day of receipt
        "B,1.004873,2016-01-04,2016-01-04,\n"  # received on a date, resolved the same day
    )
    (a, b), _ = read_text(text)
    assert a.events == (Resolved(datetime(2016, 1, 4, 8, 0)), Returned(datetime(2016, 1, 6, 0, 0)))
    assert b.received_at == date(2016, 1, 4)
    assert b.events == (Resolved(datetime(2016, 1, 4, 0, 0)),)


@pytest.mark.parametrize(
    ("columns", "cells", "reason"),
    [
        ("verification", "yes", "verification: 1.004873 (Cấp Giấy xác nhận tình trạng hôn nhân) has no separate"),
        ("verification", "maybe", "verification: 'maybe' is neither yes nor no (có/không)"),
        ("refusal_reason", "Thiếu giấy tờ", "refusal_reason: given without refused_at"),
        ("new_due", "2016-01-20", "new_due: given without extended_at"),
        ("extended_at", "2016-01-05 08:00", "new_due: missing (extended_at needs the new appointment)"),
        ("extended_at,new_due", "2016-01-05 08:00,2016-01-06", "impossible sequence of events: Extended at"),
        ("supplemented_at", "2016-01-05 08:00", "impossible sequence of events: dossier A: event 0 (Supplemented"),
        ("closed_at", "2016-01-05 08:00", "impossible sequence of events: dossier A: event 0 (Closed"),
        ("resolved_at", "2016-01-03 08:00", "resolved_at: 2016-01-03 08:00 is before received_at (2016-01-04 08:00)"),
        ("resolved_at", "soon", "resolved_at: 'soon' is not a date or moment"),
    ],
)
def test_rejected_rows(columns: str, cells: str, reason: str) -> None:
    text = f"code,procedure,received_at,{columns}\nA,1.004873,2016-01-04 08:00,{cells}\n"
    dossiers, rejected = read_text(text)
    assert dossiers == []
    ((line, why),) = rejected
    assert line == 2
    assert why.startswith(reason)


def test_several_problems_of_one_row_are_all_named() -> None:
    _, [(_, reason)] = read_text(HEADER + ",9.9,2016-02-30,Fax,\n")
    assert reason.startswith("code: missing (a required column); received_at: '2016-02-30' is not a valid date")
    assert "channel: unknown channel 'Fax'" in reason


def test_procedures_by_the_version_in_force_at_receipt() -> None:
    text = (
        "code,procedure,received_at\n"
        "A,2.000806,2016-03-01 08:00\n"  # district-level then, commune since 1/7/2025: two versions
        "B,2.000806,2025-08-01 08:00\n"
        "C,3.000323,2016-03-01 08:00\n"  # no version before 2025
        "D,1.004873,2012-12-31 08:00\n"
        "E,1.004873,2101-01-01 08:00\n"
    )
    (a, b), rejected = read_text(text)
    assert a.procedure.valid_until == date(2025, 6, 30)
    assert b.procedure.valid_from == date(2025, 7, 1)
    reasons = dict(rejected)
    assert reasons[4].startswith(
        "procedure: procedure 3.000323 (Đăng ký giám sát việc giám hộ) has no version in force"
    )
    assert reasons[5] == "received_at: 2012-12-31 is outside the calendar's range 2013-01-01..2100-12-31"
    assert reasons[6].startswith("received_at: 2101-01-01 is outside")


def test_verification_flag() -> None:
    text = "code,procedure,received_at,verification\nA,1.001022,2016-01-04 08:00,có\nB,1.001022,2016-01-04 08:00,\n"
    (a, b), _ = read_text(text)
    assert a.verification is True
    assert b.verification is False
    assert a.timeline().due_date == date(2016, 1, 14)  # 8 working days instead of 3


def test_a_second_occurrence_is_rejected_even_when_the_first_was() -> None:
    text = HEADER + "A,1.004873,2016-02-30 08:00,,\nA,1.004873,2016-01-04 08:00,,\n"
    dossiers, rejected = read_text(text)
    assert dossiers == []
    assert rejected[1] == (3, "code: duplicate dossier code 'A' (first on line 2)")


def test_bad_delimiter() -> None:
    with pytest.raises(ValueError, match="delimiter must be one character"):
        read_register(CANONICAL, delimiter=";;")


@pytest.mark.parametrize(
    ("text", "delimiter", "message"),
    [
        ("code\tprocedure\treceived_at\n", ",", "the header has no ',' but has '\\t'"),
        ("code\tprocedure\treceived_at\n", ",", "(command line: --delimiter tab)"),
        ("code,procedure,received_at\n", ";", "pass delimiter=',' (command line: --delimiter ',')"),
        ("code|procedure|received_at\n", ",", "(command line: --delimiter '|')"),
    ],
)
def test_a_header_in_one_cell_names_the_delimiter(text: str, delimiter: str, message: str) -> None:
    with pytest.raises(RegisterFormatError) as info:
        read_register(io.StringIO(text), delimiter=delimiter)
    assert message in str(info.value)
    # With a mapping too: a one-cell header cannot hold the three required columns.
    with pytest.raises(RegisterFormatError, match="the file looks"):
        read_register(io.StringIO(text), delimiter=delimiter, mapping={"code": "code"})


def test_a_one_cell_header_without_another_separator_is_the_missing_columns_error() -> None:
    with pytest.raises(RegisterFormatError, match="no column for procedure, received_at"):
        read_register(io.StringIO("code\nA\n"))


# --------------------------------------------------------------------------- writing and round trips


def test_round_trip_of_the_sample_register(tmp_path: Path) -> None:
    original = read_register(CANONICAL).dossiers
    path = tmp_path / "out.csv"
    assert write_register(original, path) == 12
    assert path.read_bytes().startswith(b"\xef\xbb\xbf" + b"code,procedure,received_at,channel,agency")
    again = read_register(path)
    assert again.rejected == ()
    assert again.dossiers == original
    assert again.ignored == ()
    assert list(again.columns) == [c.name for c in REGISTER_COLUMNS]


def test_round_trip_through_a_text_file_with_another_delimiter() -> None:
    original = read_register(VI_BAD_ROWS).dossiers
    out = io.StringIO()
    assert write_register(original, out, delimiter=";") == 3
    assert read_register(io.StringIO(out.getvalue()), delimiter=";").dossiers == original


def test_write_refuses_what_a_row_cannot_hold(tmp_path: Path) -> None:
    received = datetime(2016, 1, 4, 8, 0)
    path = tmp_path / "out.csv"
    good = Dossier("1.004873", received, code="A")
    with pytest.raises(RegisterFormatError, match="dossier #2 has no code"):
        write_register([good, Dossier("1.004873", received)], path)
    transferred = Dossier("1.004873", received, code="B", events=[Transferred(received, agency="Công an phường")])
    with pytest.raises(RegisterFormatError, match="dossier 'B' has a Transferred event; a register row has no column"):
        write_register([good, transferred], path)
    twice = Dossier(
        "1.004873",
        received,
        code="C",
        events=[
            SupplementRequested(received),
            Supplemented(received + timedelta(days=1)),
            SupplementRequested(received + timedelta(days=2)),
            Supplemented(received + timedelta(days=3)),
        ],
    )
    with pytest.raises(RegisterFormatError, match="dossier 'C' has more than one SupplementRequested event"):
        write_register([twice], path)
    assert not path.exists()  # nothing half-written
    assert list(tmp_path.iterdir()) == []


def test_aware_moments_are_written_in_vietnam_time() -> None:
    from datetime import UTC

    d = Dossier("1.004873", datetime(2016, 1, 4, 1, 0, tzinfo=UTC), code="A")
    out = io.StringIO()
    write_register([d], out)
    assert "2016-01-04 08:00" in out.getvalue()
    assert read_register(io.StringIO(out.getvalue())).dossiers[0].received_at == datetime(2016, 1, 4, 8, 0)


def test_round_trip_of_the_synthetic_example_register() -> None:
    example = pytest.importorskip("motcua.example")
    register = example.seed_register(n=300)
    out = io.StringIO()
    write_register(register, out)
    assert read_register(io.StringIO(out.getvalue())).dossiers == register


# Procedures in force from 2016 to the end of 2026, some with a limit for verification.
_CODES = ("1.004873", "1.004884", "2.000815", "2.000884", "2.001035", "1.001022", "1.005461", "2.001019")
_TEMPLATES: tuple[tuple[type[Event], ...], ...] = (
    (),
    (Resolved,),
    (Resolved, Returned),
    (Returned,),
    (SupplementRequested,),
    (SupplementRequested, Supplemented, Resolved, Returned),
    (SupplementRequested, Closed),
    (SupplementRequested, Withdrawn),
    (VerificationStarted, VerificationEnded, Resolved),
    (Refused,),
    (Withdrawn,),
    (Extended, Resolved, Returned),
)
_text = st.text(alphabet="aàăđêôơưỹ ,;\"'\n-", max_size=12).map(str.strip)


@st.composite
def dossiers(draw: st.DrawFn, code: str) -> Dossier:
    proc_code = draw(st.sampled_from(_CODES))
    day = draw(st.dates(min_value=date(2016, 1, 1), max_value=date(2026, 12, 31)))
    procedure = catalogue().get(proc_code, on=day)
    received: datetime | date = day
    if draw(st.booleans()):
        moment = datetime.combine(day, time(draw(st.integers(0, 23)), draw(st.integers(0, 59))))
        received = moment.replace(second=draw(st.sampled_from([0, 0, 17])))
    verification = procedure.verification_limit is not None and draw(st.booleans())
    at = received if isinstance(received, datetime) else datetime.combine(received, time())
    events: list[Event] = []
    for kind in draw(st.sampled_from(_TEMPLATES)):
        at += timedelta(minutes=draw(st.sampled_from([0, 1, 90, 60 * 24, 60 * 24 * 4])))
        if kind is Extended:
            due = procedure.deadline(received, verification=verification).date
            new_due = due + timedelta(days=draw(st.integers(1, 20)))
            events.append(Extended(at, new_due=new_due, reason=draw(_text)))
        elif kind in (SupplementRequested, VerificationStarted, Withdrawn, Closed, Refused):
            events.append(kind(at, reason=draw(_text)))  # type: ignore[call-arg]
        else:
            events.append(kind(at))
    return Dossier(
        procedure,
        received,
        draw(st.sampled_from(Channel)),
        code,
        events,
        agency=draw(_text) or None,
        verification=verification,
    )


@given(st.integers(0, 6).flatmap(lambda n: st.tuples(*(dossiers(f"H{i:05d}") for i in range(n)))))
def test_property_random_valid_dossiers_round_trip(register: tuple[Dossier, ...]) -> None:
    out = io.StringIO()
    assert write_register(register, out) == len(register)
    result = read_register(io.StringIO(out.getvalue()))
    assert result.rejected == ()
    assert result.dossiers == register
