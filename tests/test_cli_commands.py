"""The ``deadline``, ``procedures`` and ``report`` commands. Sample registers are SYNTHETIC test data."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

import motcua.cli.procedures
from motcua import Dossier, Resolved, vietnam_calendar
from motcua.cli import main
from motcua.registers import write_register

DATA = Path(__file__).parent / "data" / "registers"
CANONICAL = str(DATA / "synthetic_register_2016.csv")
VI_BAD_ROWS = str(DATA / "synthetic_register_2016_vi_bad_rows.csv")
SEMICOLON = str(DATA / "synthetic_register_2016_semicolon.csv")
CUSTOM = str(DATA / "synthetic_register_2016_custom_headers.csv")
YEAR_2016 = ["--from", "2016-01-01", "--to", "2016-12-31"]
CUSTOM_COLUMNS = {
    "code": "Ma BN",
    "procedure": "Thu tuc",
    "received_at": "Nop luc",
    "channel": "Kenh",
    "resolved_at": "Xong luc",
}

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# --------------------------------------------------------------------------- deadline


def test_birth_registration_after_the_cutoff(capsys: Capture) -> None:
    """Luật Hộ tịch 2014 Đ.5 k.3: received at 15:30 on Friday 27/11/2026, after 15:00 → the next
    working day. Saturday 28 and Sunday 29/11/2026 are off (no swap is in force for them), so the
    result is due by the end of Monday 30/11/2026."""
    cal = vietnam_calendar()
    assert not cal.is_working_day(date(2026, 11, 28))
    assert not cal.is_working_day(date(2026, 11, 29))
    assert cal.is_working_day(date(2026, 11, 30))
    status, out, err = run(capsys, "deadline", "1.001193", "--received", "2026-11-27 15:30")
    assert status == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "Thủ tục: 1.001193 – Đăng ký khai sinh"
    assert lines[1] == "Phiên bản áp dụng: từ 01/01/2016 đến 28/02/2027 (Hộ tịch, cấp xã)"
    assert lines[2] == "Thời hạn giải quyết: trong ngày (nhận sau 15 giờ thì ngày làm việc tiếp theo)"
    assert lines[3] == "Tiếp nhận: 15:30 thứ Sáu 27/11/2026"
    assert lines[4] == "Hạn trả kết quả: hết ngày thứ Hai 30/11/2026"
    assert "Nhận sau 15:00: trả kết quả ngày làm việc tiếp theo." in lines
    assert "Căn cứ: Luật Hộ tịch 2014 (60/2014/QH13), Đ.5 k.3" in lines


@pytest.mark.parametrize("received", ["2026-11-27 15:30", "2026-11-27T15:30", "27/11/2026 15:30"])
def test_deadline_json(capsys: Capture, received: str) -> None:
    status, out, _ = run(capsys, "deadline", "1.001193", "--received", received, "--json")
    assert status == 0
    payload = json.loads(out)
    assert payload["procedure"]["code"] == "1.001193"
    assert payload["procedure"]["name"] == "Đăng ký khai sinh"
    assert payload["procedure"]["valid_from"] == "2016-01-01"
    assert payload["procedure"]["legal_basis"] == [
        "Luật Hộ tịch 2014 (60/2014/QH13), Đ.16 k.2",
        "Luật Hộ tịch 2014 (60/2014/QH13), Đ.5 k.3",
    ]
    assert payload["time_limit"] == "trong ngày (nhận sau 15 giờ thì ngày làm việc tiếp theo)"
    assert payload["received"] == "2026-11-27T15:30:00"
    assert payload["due_date"] == "2026-11-30"
    assert payload["due_at"] == "2026-11-30T23:59:59.999999"
    assert payload["due_end_of_day"] is True
    assert payload["deemed"] is False
    assert payload["explanation"].endswith("Căn cứ: Luật Hộ tịch 2014 (60/2014/QH13), Đ.5 k.3")
    assert "channel" not in payload  # the library's deadline does not depend on it
    assert payload["notes"] == []


def test_deadline_by_name_in_english(capsys: Capture) -> None:
    status, out, _ = run(
        capsys, "deadline", "dang", "ky", "khai", "sinh", "--received", "2026-11-27 14:00", "--lang", "en"
    )
    assert status == 0
    assert out.startswith("Procedure: 1.001193 – Đăng ký khai sinh (Birth registration)\n")
    assert "Due: by the end of Friday 27/11/2026\n" in out  # before the cut-off: the same day
    assert "How it was computed:\nLimit: the same day" in out


def test_deadline_across_tet_in_working_days(capsys: Capture) -> None:
    """1.004873, three working days from Friday 05/02/2016: Tết Bính Thân takes 06–14/02."""
    status, out, _ = run(capsys, "deadline", "1.004873", "--received", "05/02/2016 10:00", "--json")
    assert status == 0
    payload = json.loads(out)
    assert payload["due_date"] == "2016-02-17"
    assert payload["time_limit_en"] == "3 working days"
    assert vietnam_calendar().add_working_days(date(2016, 2, 5), 3) == date(2016, 2, 17)


def test_deadline_with_verification_and_channel(capsys: Capture) -> None:
    status, out, _ = run(
        capsys, "deadline", "1.001022", "--received", "2016-01-04 08:00", "--verification", "--channel", "online"
    )
    assert status == 0
    assert "Thời hạn giải quyết: 08 ngày làm việc (trường hợp cần xác minh)" in out
    assert "Hạn trả kết quả: hết ngày thứ Năm 14/01/2016" in out
    assert "Kênh nộp: Trực tuyến (theo quy ước mặc định của thư viện, kênh nộp không làm thay đổi hạn)" in out
    status, out, err = run(capsys, "deadline", "1.004873", "--received", "2016-01-04 08:00", "--verification")
    assert status == 1
    assert (
        err
        == "motcua: lỗi: 1.004873 (Cấp Giấy xác nhận tình trạng hôn nhân) has no separate time limit for verification\n"
    )


def test_a_date_without_a_time(capsys: Capture) -> None:
    status, out, err = run(capsys, "deadline", "1.001193", "--received", "27/11/2026")
    assert status == 0
    assert "Tiếp nhận: thứ Sáu 27/11/2026 (không ghi giờ)" in out
    assert "Hạn trả kết quả: hết ngày thứ Sáu 27/11/2026" in out
    assert err.startswith("motcua: lưu ý: thời hạn này phụ thuộc giờ tiếp nhận")
    # For a limit in working days the hour does not matter: no note.
    status, out, err = run(capsys, "deadline", "1.004873", "--received", "2026-11-27")
    assert status == 0
    assert err == ""


def test_an_uncertain_version_is_a_note_not_a_warning(capsys: Capture) -> None:
    status, out, err = run(capsys, "deadline", "1.001193", "--received", "2027-03-05 10:00", "--json")
    assert status == 0
    payload = json.loads(out)
    assert payload["procedure"]["certainty"] == "uncertain"
    assert payload["due_at"] == "2027-03-06T10:00:00"
    assert "is uncertain" in payload["notes"][0]
    assert "motcua: lưu ý: the time limit of 1.001193 (Đăng ký khai sinh) from 2027-03-01 is uncertain" in err


def test_unknown_procedure(capsys: Capture) -> None:
    status, out, err = run(capsys, "deadline", "dang ky khai sinhh", "--received", "2026-11-27 15:30")
    assert status == 1
    assert out == ""
    assert err.startswith("motcua: lỗi: không tìm thấy thủ tục 'dang ky khai sinhh'")
    assert "did you mean 1.001193" in err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1
    status, _, err = run(capsys, "deadline", "1.00487", "--received", "2026-11-27 15:30")
    assert status == 1
    assert "did you mean 1.004873" in err


def test_ambiguous_name(capsys: Capture) -> None:
    status, out, err = run(capsys, "deadline", "khai", "sinh", "--received", "2026-11-27 15:30")
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith("motcua: lỗi: “khai sinh” khớp 3 thủ tục; hãy ghi mã thủ tục")
    assert [line.split()[0] for line in lines[1:]] == ["1.001193", "1.004884", "LT-63-2024-01"]
    assert "Đăng ký lại khai sinh" in lines[2]


def test_no_version_in_force(capsys: Capture) -> None:
    status, _, err = run(capsys, "deadline", "3.000323", "--received", "2016-01-04 08:00")
    assert status == 1
    assert err.startswith("motcua: lỗi: procedure 3.000323 (Đăng ký giám sát việc giám hộ) has no version in force")


@pytest.mark.parametrize("received", ["31/02/2026 10:00", "tomorrow", "2026-11-27 24:30"])
def test_bad_received_is_a_usage_error(capsys: Capture, received: str) -> None:
    with pytest.raises(SystemExit) as info:
        main(["deadline", "1.001193", "--received", received])
    assert info.value.code == 2
    assert "argument --received" in capsys.readouterr().err


# --------------------------------------------------------------------------- procedures


def test_procedures_on_a_date(capsys: Capture) -> None:
    status, out, _ = run(capsys, "procedures", "--on", "01/06/2016")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Danh mục thủ tục hành chính có hiệu lực ngày 01/06/2016 (theo --on)"
    assert "24 thủ tục có hiệu lực, 2 không có phiên bản hiệu lực." in lines[1]
    assert any(line.startswith("1.004873       Cấp Giấy xác nhận tình trạng hôn") for line in lines)
    assert any("03 ngày làm việc" in line and line.startswith("1.004873") for line in lines)
    assert any("10.000 đồng/trường hợp" in line and line.startswith("2.000884") for line in lines)
    assert "  3.000323      Đăng ký giám sát việc giám hộ – hiệu lực: từ 09/01/2025 đến 28/02/2027" in lines
    # The one-stop rules of Decree 118/2025 are not yet in force in 2016.
    assert "Thời hạn của cơ chế một cửa (one-stop rules):" not in lines


def test_procedures_json_with_rules(capsys: Capture) -> None:
    status, out, _ = run(capsys, "procedures", "--on", "2026-11-27", "--json")
    assert status == 0
    payload = json.loads(out)
    assert payload["on"] == "2026-11-27"
    assert payload["on_is_today"] is False
    codes = [p["code"] for p in payload["procedures"]]
    assert len(codes) == 26
    assert payload["not_in_force"] == []
    marital = next(p for p in payload["procedures"] if p["code"] == "1.004873")
    assert marital["time_limit"] == "03 ngày làm việc"
    assert (marital["field"], marital["level"]) == ("Hộ tịch", "commune")
    signature = next(p for p in payload["procedures"] if p["code"] == "2.000884")
    assert signature["fee"]["vnd"] == 10000
    online = next(r for r in payload["rules"] if r["key"] == "online-acceptance")
    assert online["time_limit"] == "08 giờ làm việc"


def test_procedures_search(capsys: Capture) -> None:
    status, out, _ = run(capsys, "procedures", "--search", "chung thuc chu ky", "--on", "2026-11-27", "--json")
    assert status == 0
    payload = json.loads(out)
    assert payload["search"] == "chung thuc chu ky"
    assert payload["procedures"][0]["code"] == "2.000884"
    assert payload["rules"] == []
    status, out, _ = run(capsys, "procedures", "--search", "xyz khong co", "--on", "2026-11-27")
    assert status == 0
    assert "Không có thủ tục nào khớp “xyz khong co”" in out


def test_procedures_default_to_today_read_in_the_command_line(capsys: Capture, monkeypatch: pytest.MonkeyPatch) -> None:
    class Today(date):
        @classmethod
        def today(cls) -> Today:
            return cls(2016, 6, 1)

    monkeypatch.setattr(motcua.cli.procedures, "date", Today)
    status, out, _ = run(capsys, "procedures")
    assert status == 0
    assert out.startswith("Danh mục thủ tục hành chính có hiệu lực ngày 01/06/2016 (hôm nay, theo đồng hồ máy")
    status, out, _ = run(capsys, "procedures", "--json")
    payload = json.loads(out)
    assert (payload["on"], payload["on_is_today"]) == ("2016-06-01", True)


def test_procedures_on_takes_a_date(capsys: Capture) -> None:
    with pytest.raises(SystemExit) as info:
        main(["procedures", "--on", "2016-06-01 08:00"])
    assert info.value.code == 2
    assert "--on nhận một ngày, không kèm giờ" in capsys.readouterr().err


# --------------------------------------------------------------------------- report


def test_report_text(capsys: Capture) -> None:
    """The synthetic register's twelve dossiers, judged by hand on the 2016 calendar:

    0001 early (due 07/01), 0002 on time (same day), 0003 late (after 15:00 → due 02/03, done 03/03),
    0004 on time (due 17/02 after Tết), 0005 pending within time (due 03/01/2017: 02/01/2017 is a
    compensatory day off), 0006 overdue (due 06/12), 0007 carried over from 2015 and on time (due
    04/01), 0008 on time after the restart (supplemented 16/05 → due 19/05), 0009 refused early,
    0010 withdrawn, 0011 late although apologised (due 08/08, done 11/08), 0012 on time (received on
    the Hùng Kings Saturday, deemed received on Tuesday 19/04 after the compensatory Monday).
    """
    status, out, err = run(capsys, "report", CANONICAL, *YEAR_2016, "--by", "procedure")
    assert status == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "Biểu số 06/VPCP/KSTT – kỳ báo cáo 01/01/2016 – 31/12/2016, số liệu tính đến hết ngày 31/12/2016"
    assert "12 dòng dữ liệu: 12 hồ sơ đọc được, 0 dòng bị loại" in lines[1]
    expected = {
        3: ("Số hồ sơ nhận giải quyết – Tổng số", 12),
        4: ("Trong đó: Trực tuyến", 2),
        5: ("Trong đó: Trực tiếp, dịch vụ bưu chính", 9),
        6: ("Từ kỳ trước", 1),
        7: ("Số hồ sơ đã giải quyết – Tổng số", 9),
        8: ("Trước hạn", 2),
        9: ("Đúng hạn", 5),
        10: ("Quá hạn", 2),
        11: ("Số hồ sơ đang giải quyết – Tổng số", 2),
        12: ("Trong hạn", 1),
        13: ("Quá hạn", 1),
    }
    for number, (label, value) in expected.items():
        line = next(line for line in lines if line.strip().startswith(f"({number}) "))
        assert label in line
        assert line.split()[-1] == str(value)
    assert any("từ chối giải quyết (đã tính trong số đã giải quyết) 1; quá hạn có phiếu xin lỗi 1" in x for x in lines)
    assert any(x.startswith("  Biểu 06: (8 + 9) ÷ (7)") and "77,8 % (7/9; KTC 95 %: 45,2 – 93,7 %)" in x for x in lines)
    assert any("(8 + 9) ÷ (3)" in x and "58,3 % (7/12;" in x for x in lines)
    assert any("(8 + 9 + 12) ÷ (7 + 11)" in x and "72,7 % (8/11;" in x for x in lines)
    assert "  Điểm chỉ số 2.1 (Bộ chỉ số 766): 14,55/20" in lines
    row = next(line for line in lines if line.startswith("  1.004873"))
    assert row.split()[:12] == ["1.004873", "5", "0", "5", "0", "3", "1", "2", "0", "1", "0", "1"]
    assert row.endswith("Cấp Giấy xác nhận tình trạng hôn nhân")
    assert lines[-1] == "Dòng bị loại (rejected rows): không có."


def test_report_json(capsys: Capture) -> None:
    status, out, _ = run(capsys, "report", CANONICAL, *YEAR_2016, "--by", "channel", "--json")
    assert status == 0
    payload = json.loads(out)
    assert {c["column"]: c["value"] for c in payload["form_06"]} == {
        3: 12, 4: 2, 5: 9, 6: 1, 7: 9, 8: 2, 9: 5, 10: 2, 11: 2, 12: 1, 13: 1
    }  # fmt: skip
    assert payload["other"] == {"refused": 1, "late_apologised": 1, "withdrawn": 1, "closed": 0, "residual": 0}
    rate = payload["rates"]["on_time_rate"]
    assert (rate["successes"], rate["n"], rate["formula"]) == (7, 9, "(8 + 9) ÷ (7)")
    assert rate["interval"][0] == pytest.approx(0.4526, abs=1e-4)
    assert rate["interval"][1] == pytest.approx(0.9368, abs=1e-4)
    assert payload["rates"]["progress_rate_766"]["n"] == 11
    assert payload["timeliness_points_766"] == 14.55
    assert [g["group"] for g in payload["groups"]] == ["in_person", "online", "postal"]
    assert payload["rows"] == {"read": 12, "dossiers": 12, "rejected": 0, "blank": 0, "outside_period": 0}
    assert payload["ignored_columns"] == ["note"]
    assert payload["period"]["as_of"] == "2016-12-31T23:59:59.999999"


def test_report_as_of_and_a_shorter_period(capsys: Capture) -> None:
    status, out, _ = run(capsys, "report", CANONICAL, "--from", "2016-01-01", "--to", "2016-03-31", "--json")
    assert status == 0
    payload = json.loads(out)
    counts = {c["name"]: c["value"] for c in payload["form_06"]}
    assert counts["received"] == 5  # 0001–0004, and 0007 carried over from 2015
    assert counts["carried_over"] == 1
    assert payload["rows"]["outside_period"] == 7
    status, out, _ = run(capsys, "report", CANONICAL, *YEAR_2016, "--as-of", "2016-12-05", "--json")
    counts = {c["name"]: c["value"] for c in json.loads(out)["form_06"]}
    assert (counts["pending_within_time"], counts["pending_overdue"]) == (1, 0)  # 0006 not yet overdue


def test_report_with_rejected_rows_exits_3(capsys: Capture) -> None:
    status, out, err = run(capsys, "report", VI_BAD_ROWS, *YEAR_2016)
    assert status == 3
    assert "11 dòng dữ liệu: 3 hồ sơ đọc được, 8 dòng bị loại; 1 dòng trống được bỏ qua" in out
    tail = out.splitlines()[-9:]
    assert tail[0] == "Dòng bị loại (rejected rows): 8 – không được tính vào báo cáo"
    assert [line.split(":")[0] for line in tail[1:]] == [f"  dòng {n}" for n in range(4, 12)]
    assert "  dòng 4: procedure: no procedure with code '9.999999'" in tail
    assert "  dòng 8: code: duplicate dossier code 'VI-0001' (first on line 2)" in tail
    assert err == "motcua: 8 dòng bị loại (xem danh sách cuối báo cáo); mã thoát 3\n"
    status, out, _ = run(capsys, "report", VI_BAD_ROWS, *YEAR_2016, "--json")
    assert status == 3
    payload = json.loads(out)
    assert [r["line"] for r in payload["rejected"]] == list(range(4, 12))
    assert payload["rejected"][1]["raw"][:3] == ["VI-0004", "1.004873", "31/02/2016 08:00"]
    # The file ends with an empty line: skipped, and counted.
    assert payload["rows"] == {"read": 11, "dossiers": 3, "rejected": 8, "blank": 1, "outside_period": 0}


def test_strict_stops_before_computing(capsys: Capture) -> None:
    status, out, err = run(capsys, "report", VI_BAD_ROWS, *YEAR_2016, "--strict")
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == "Dòng bị loại (rejected rows): 8 – không được tính vào báo cáo"
    assert lines[-1].startswith("motcua: lỗi: 8 dòng bị loại; --strict dừng lại trước khi tính báo cáo")
    assert run(capsys, "report", CANONICAL, *YEAR_2016, "--strict")[0] == 0


def test_report_mapping_by_column_options(capsys: Capture) -> None:
    columns = [f"--column={name}={header}" for name, header in CUSTOM_COLUMNS.items()]
    status, out, _ = run(capsys, "report", CUSTOM, *YEAR_2016, *columns, "--json")
    assert status == 0
    payload = json.loads(out)
    assert payload["columns"] == CUSTOM_COLUMNS
    assert payload["rows"]["dossiers"] == 2
    status, _, err = run(capsys, "report", CUSTOM, *YEAR_2016)
    assert status == 1
    assert err.startswith("motcua: lỗi: the register has no column for code, procedure, received_at")
    assert "--column code='Header in the file'" in err
    with pytest.raises(SystemExit) as info:  # the command line itself is wrong: a usage error
        main(["report", CUSTOM, *YEAR_2016, "--column", "code"])
    assert info.value.code == 2
    assert "viết cột_chuẩn=Tiêu đề" in capsys.readouterr().err


def test_report_mapping_by_json_file(capsys: Capture, tmp_path: Path) -> None:
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps(CUSTOM_COLUMNS | {"channel": "nothing"}, ensure_ascii=False), encoding="utf-8")
    status, _, err = run(capsys, "report", CUSTOM, *YEAR_2016, "--map", str(mapping))
    assert status == 1
    assert "the header 'nothing' given for channel is not in the file" in err
    # --column wins over --map.
    status, out, _ = run(capsys, "report", CUSTOM, *YEAR_2016, "--map", str(mapping), "--column", "channel=Kenh")
    assert status == 0
    assert "channel ← “Kenh”" in out
    mapping.write_text("[1, 2]", encoding="utf-8")
    status, _, err = run(capsys, "report", CUSTOM, *YEAR_2016, "--map", str(mapping))
    assert status == 1
    assert "phải là một đối tượng JSON" in err
    mapping.write_text("{", encoding="utf-8")
    assert run(capsys, "report", CUSTOM, *YEAR_2016, "--map", str(mapping))[0] == 1
    status, _, err = run(capsys, "report", CUSTOM, *YEAR_2016, "--map", str(tmp_path / "missing.json"))
    assert status == 1
    assert err.startswith("motcua: lỗi: không mở được tệp ánh xạ cột")


def test_report_mapping_nested_too_deeply_is_a_clean_error(capsys: Capture, tmp_path: Path) -> None:
    mapping = tmp_path / "map.json"
    mapping.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    status, out, err = run(capsys, "report", CUSTOM, *YEAR_2016, "--map", str(mapping))
    # Bad data in a file, as invalid JSON is: status 1, one line, no RecursionError traceback.
    assert (status, out) == (1, "")
    assert err == f"motcua: lỗi: {mapping}: JSON lồng nhau quá sâu (nested too deeply); cần một đối tượng phẳng\n"


def _with_stray_quote(tmp_path: Path, text: str, before: str, line: int) -> Path:
    lines = text.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(before, '"' + before, 1)
    path = tmp_path / "quote.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_report_a_stray_quote_is_one_rejected_span(capsys: Capture, tmp_path: Path) -> None:
    """A small register: the quote swallowed lines 4–13 into line 3's row; they are named, not lost."""
    path = _with_stray_quote(tmp_path, Path(CANONICAL).read_text(encoding="utf-8"), "online", 3)
    status, out, err = run(capsys, "report", str(path), *YEAR_2016)
    assert status == 3
    assert "  dòng 3–13: an unbalanced quote: the quoted cell of column 'channel' opened on line 3" in out
    assert "so lines 4–13 went into that one cell" in out
    assert err == "motcua: 1 dòng bị loại (xem danh sách cuối báo cáo); mã thoát 3\n"
    status, out, _ = run(capsys, "report", str(path), *YEAR_2016, "--json")
    (row,) = json.loads(out)["rejected"]
    assert (row["line"], row["last_line"]) == (3, 13)


def test_report_a_stray_quote_in_a_large_register_is_one_error_line(capsys: Capture, tmp_path: Path) -> None:
    """Past the csv module's cell limit: one error naming the line, not a _csv.Error traceback."""
    header, *rows = Path(CANONICAL).read_text(encoding="utf-8").splitlines(keepends=True)
    big = header + "".join(r.replace("TEST-", f"T{i}-") for i in range(1000) for r in rows)
    path = _with_stray_quote(tmp_path, big, "online", 3)
    status, out, err = run(capsys, "report", str(path), *YEAR_2016)
    assert (status, out) == (1, "")
    assert err.startswith('motcua: lỗi: line 3: a quote (") in the row starting on this line opens a cell that never')
    assert "unbalanced quote" in err
    assert len(err.splitlines()) == 1


def test_report_semicolon_and_vietnamese_headers(capsys: Capture) -> None:
    status, out, _ = run(capsys, "report", SEMICOLON, *YEAR_2016, "--delimiter", ";", "--by", "channel", "--json")
    assert status == 0
    payload = json.loads(out)
    assert payload["columns"]["received_at"] == "Thời điểm nhận"
    counts = {c["name"]: c["value"] for c in payload["form_06"]}
    assert (counts["resolved_early"], counts["resolved_on_time"], counts["resolved_late"]) == (1, 1, 1)
    status, _, err = run(capsys, "report", SEMICOLON, *YEAR_2016)  # read with the default comma
    assert status == 1
    assert err == (
        "motcua: lỗi: the header has no ',' but has ';': the file looks ';'-separated; "
        "pass delimiter=';' (command line: --delimiter ';')\n"
    )


def test_report_file_errors(capsys: Capture, tmp_path: Path) -> None:
    status, _, err = run(capsys, "report", str(tmp_path / "nope.csv"), *YEAR_2016)
    assert status == 1
    assert err.startswith("motcua: lỗi: không mở được sổ hồ sơ")
    assert "Traceback" not in err
    status, _, err = run(capsys, "report", CANONICAL, *YEAR_2016, "--encoding", "utf-16")
    assert status == 1
    assert err.startswith(f"motcua: lỗi: {CANONICAL} không đọc được bằng mã hóa utf-16 (UTF-16 stream does not start")
    with pytest.raises(SystemExit) as info:
        main(["report", CANONICAL, *YEAR_2016, "--encoding", "klingon"])
    assert info.value.code == 2
    assert capsys.readouterr().err.endswith(
        "motcua report: error: argument --encoding: không biết mã hóa 'klingon'; dùng utf-8-sig, utf-16 hoặc cp1258\n"
    )
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Mã hồ sơ,Mã TTHC,Ngày nhận\nA,1.004873,2016-01-04\n".encode("utf-16"))
    status, _, err = run(capsys, "report", str(latin), *YEAR_2016)
    assert status == 1
    assert "thử --encoding utf-16" in err
    assert run(capsys, "report", str(latin), *YEAR_2016, "--encoding", "utf-16")[0] == 0
    with pytest.raises(SystemExit) as info:
        main(["report", CANONICAL, "--from", "2016-12-31", "--to", "2016-01-01"])
    assert info.value.code == 2
    assert "motcua report: error: --to (01/01/2016) đứng trước --from (31/12/2016)" in capsys.readouterr().err


def test_report_tab_delimiter(capsys: Capture, tmp_path: Path) -> None:
    path = tmp_path / "tab.csv"
    path.write_text("code\tprocedure\treceived_at\nA\t1.004873\t2016-01-04 08:00\n", encoding="utf-8")
    assert run(capsys, "report", str(path), *YEAR_2016, "--delimiter", "tab")[0] == 0
    with pytest.raises(SystemExit):
        main(["report", str(path), "--from", "2016-01-01"])  # --to is required


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _large_register(path: Path, n: int) -> None:
    start = datetime(2016, 1, 4, 8, 0)
    days = [timedelta(days=i % 300) for i in range(n)]
    dossiers = (
        Dossier("2.000815", start + day, code=f"L{i:06d}", events=[Resolved(start + day + timedelta(hours=2))])
        for i, day in enumerate(days)
    )
    write_register(dossiers, path)


def test_progress_on_a_terminal_only(capsys: Capture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "large.csv"
    _large_register(path, 20_500)
    status, _, err = run(capsys, "report", str(path), *YEAR_2016)
    assert status == 0
    assert err == ""  # not a terminal: no progress
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["report", str(path), *YEAR_2016, "--json"]) == 0
    progress = terminal.getvalue()
    assert "\rmotcua: đọc sổ hồ sơ… " in progress.replace("\x1b[K", "")
    assert "20.001 dòng" in progress
    assert "tính thời hạn từng hồ sơ… 0 % (1/20.500)" in progress
    assert progress.endswith("\r\x1b[K")  # the line is cleared at the end
    assert json.loads(capsys.readouterr().out)["rows"]["dossiers"] == 20_500
    # A small register shows nothing even on a terminal.
    terminal.seek(0)
    terminal.truncate()
    assert main(["report", CANONICAL, *YEAR_2016]) == 0
    assert terminal.getvalue() == ""


def test_round_trip_through_the_report(capsys: Capture, tmp_path: Path) -> None:
    """write_register's output is a register report reads back (the example command exports one)."""
    from motcua.registers import read_register

    path = tmp_path / "copy.csv"
    write_register(read_register(CANONICAL).dossiers, path)
    first = json.loads(run(capsys, "report", CANONICAL, *YEAR_2016, "--json")[1])
    second = json.loads(run(capsys, "report", str(path), *YEAR_2016, "--json")[1])
    assert first["form_06"] == second["form_06"]
    assert first["rates"] == second["rates"]


def test_exit_status_3_from_a_subprocess() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "motcua", "report", VI_BAD_ROWS, *YEAR_2016],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 3
    assert "dòng 11: the row has 3 cells but the header has 9" in done.stdout
    assert "Traceback" not in done.stderr


def test_help_lists_the_commands(capsys: Capture) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for name in ("calendar", "deadline", "procedures", "report"):
        assert name in out
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert "3 some rows were rejected" in capsys.readouterr().out.replace("\n", " ").replace("  ", " ")


# --------------------------------------------------------------------------- past the announced calendar


def test_a_deadline_past_the_calendar_data_has_one_note(capsys: Capture) -> None:
    status, out, err = run(capsys, "deadline", "2.000815", "--received", "2030-01-05 10:00", "--json")
    assert status == 0
    payload = json.loads(out)
    assert payload["estimated"] is True
    (note,) = payload["notes"]
    assert note.startswith("ước tính (estimated): năm 2030 nằm sau dữ liệu lịch đã công bố (hết 31/12/2027)")
    assert err == f"motcua: lưu ý: {note}\n"


def test_a_report_past_the_calendar_data_has_one_note(capsys: Capture, tmp_path: Path) -> None:
    path = tmp_path / "y2030.csv"
    start = datetime(2030, 1, 7, 8, 0)
    write_register(
        (
            Dossier(
                "2.000815",
                start + timedelta(days=i),
                code=f"Z{i:03d}",
                events=[Resolved(start + timedelta(days=i, hours=3))],
            )
            for i in range(300)
        ),
        path,
    )
    status, out, err = run(capsys, "report", str(path), "--from", "2030-01-01", "--to", "2030-12-31")
    assert status == 0
    assert "300 dòng dữ liệu: 300 hồ sơ đọc được, 0 dòng bị loại" in out
    (line,) = err.splitlines()
    assert line.startswith("motcua: lưu ý: ước tính (estimated): năm 2030 nằm sau dữ liệu lịch đã công bố")
    count = re.search(r"\((\d+(?:\.\d{3})*) lần\)$", line)
    assert count is not None
    assert int(count.group(1).replace(".", "")) >= 300  # one per dossier at least


# --------------------------------------------------------------------------- report: what a register can hold


def test_report_as_of_before_the_period_is_a_usage_error(capsys: Capture) -> None:
    with pytest.raises(SystemExit) as info:
        main(["report", CANONICAL, *YEAR_2016, "--as-of", "2015-03-01"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "motcua report: error: --as-of (01/03/2015) đứng trước đầu kỳ --from (01/01/2016)" in err
    # The first moment of the period is allowed: it is the carried-over state.
    assert run(capsys, "report", CANONICAL, *YEAR_2016, "--as-of", "2016-01-01 00:00")[0] == 0


def test_report_blank_rows_short_hours_and_spreadsheet_serials(capsys: Capture, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "code,procedure,received_at,resolved_at\n"
        "A1,1.004873,2016-01-04 8:30,2016-01-06 9:00\n"
        ",,,\n"
        "\n"
        "A2,1.004873,04/01/2016 8:30,\n"
        "A3,1.004873,42373.354,\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, "report", str(path), *YEAR_2016)
    assert status == 3
    assert "3 dòng dữ liệu: 2 hồ sơ đọc được, 1 dòng bị loại; 2 dòng trống được bỏ qua" in out
    assert "  dòng 6: received_at: '42373.354' looks like a spreadsheet serial date number" in out
    assert "format the column as text or as dd/mm/yyyy hh:mm before exporting" in out
    assert err == "motcua: 1 dòng bị loại (xem danh sách cuối báo cáo); mã thoát 3\n"
    payload = json.loads(run(capsys, "report", str(path), *YEAR_2016, "--json")[1])
    assert payload["rows"] == {"read": 3, "dossiers": 2, "rejected": 1, "blank": 2, "outside_period": 0}


def test_report_tab_file_read_with_the_default_comma(capsys: Capture, tmp_path: Path) -> None:
    path = tmp_path / "tab.csv"
    path.write_text("code\tprocedure\treceived_at\nA\t1.004873\t2016-01-04 08:00\n", encoding="utf-8")
    status, _, err = run(capsys, "report", str(path), *YEAR_2016)
    assert status == 1
    assert err.endswith("(command line: --delimiter tab)\n")


# --------------------------------------------------------------------------- example


def test_example_writes_a_register_that_reports_back(capsys: Capture, tmp_path: Path) -> None:
    """The newcomer's path: `example --register` gives a CSV that `report` turns into the same form 06."""
    csv = tmp_path / "so-ho-so-2016.csv"
    status, out, err = run(capsys, "example", "--no-html", "--register", str(csv))
    assert status == 0
    assert err == ""
    assert "báo cáo HTML" not in out  # --no-html: nothing points to a report that was not written
    lines = out.splitlines()
    assert lines[-2] == f"Sổ hồ sơ mô phỏng (synthetic register, CSV): {csv.resolve()} – 9.158 hồ sơ."
    assert lines[-1] == (
        f'Lập lại biểu 06 từ tệp này (report it back): motcua report "{csv.resolve()}" '
        "--from 2016-01-01 --to 2016-12-31"
    )
    example = json.loads(run(capsys, "example", "--no-html", "--json")[1])
    status, out, _ = run(capsys, "report", str(csv), *YEAR_2016, "--json")
    assert status == 0
    counts = {c["name"]: c["value"] for c in json.loads(out)["form_06"]}
    assert counts == {name: example["form_06"][name] for name in counts}
    assert counts["received"] == 9158
    # The same register as text: Vietnamese numbers, and no bound rounded up to a false 100 %.
    out = run(capsys, "report", str(csv), *YEAR_2016)[1]
    assert "9.158 dòng dữ liệu: 9.158 hồ sơ đọc được, 0 dòng bị loại" in out
    assert "100,0 % (9.158/9.158; KTC 95 %: 99,9 – 100,0 %)" in out


def test_example_without_register_says_how_to_get_one(capsys: Capture, tmp_path: Path) -> None:
    status, out, _ = run(capsys, "example", "--no-html")
    assert status == 0
    assert out.splitlines()[-1] == (
        "Muốn có sổ hồ sơ CSV để thử motcua report (a register to try): "
        "motcua example --year 2016 --register so-ho-so-2016.csv"
    )
    payload = json.loads(run(capsys, "example", "--no-html", "--json", "--register", str(tmp_path / "r.csv"))[1])
    assert payload["register"] == str((tmp_path / "r.csv").resolve())
    assert "notes" not in payload  # 2016 is announced data: nothing to note


def test_example_past_the_calendar_data_has_one_note(capsys: Capture) -> None:
    status, _, err = run(capsys, "example", "--year", "2030", "--no-html")
    assert status == 0
    (line,) = err.splitlines()
    assert line.startswith("motcua: lưu ý: ước tính (estimated): năm 2030–2031 nằm sau dữ liệu lịch đã công bố")
    assert "Warning" not in err


def test_deadline_notes_that_a_receipt_cutoff_needs_the_hour(capsys: pytest.CaptureFixture[str]) -> None:
    """LT-63-2024-01 counts a receipt after 15:00 from the next working day: a bare date needs a note."""
    assert main(["deadline", "LT-63-2024-01", "--received", "2024-08-01", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert any("phụ thuộc giờ tiếp nhận" in note for note in payload["notes"])
    assert main(["deadline", "LT-63-2024-01", "--received", "2024-08-01 15:30", "--json"]) == 0
    late = json.loads(capsys.readouterr().out)
    assert not any("phụ thuộc giờ tiếp nhận" in note for note in late["notes"])
