"""The command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from motcua.cli import main


def test_calendar_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2026"]) == 0
    out = capsys.readouterr().out
    assert "năm 2026 (đã xác nhận)" in out
    assert "02/01/2026 thứ Sáu   hoán đổi" in out
    assert "Công văn 12729/VPCP-KGVX ngày 25/12/2025" in out
    assert "10/01/2026 thứ Bảy   Làm bù cho thứ Sáu 02/01/2026" in out
    assert "Nghị quyết 28/2026/QH16, Điều 2" in out
    assert "Số ngày làm việc: 249." in out
    assert "  5   6   7   8   9  10+ 11*" in out  # January's grid: Sat 10 worked


def test_calendar_month_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2016", "--month", "2", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["status"] == "confirmed"
    assert payload["months"] == [2]
    assert [d["date"] for d in payload["days_off"]] == [f"2016-02-{d:02d}" for d in range(7, 13)]
    assert (
        payload["days_off"][0]["source"]
        == "Thông báo 4659/TB-LĐTBXH ngày 13/11/2015 của Bộ Lao động – Thương binh và Xã hội"
    )
    assert payload["working_days"] == 16


def test_estimated_year_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2031", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["status"] == "estimated"
    assert all(d["estimated"] for d in payload["days_off"])


def test_errors_exit_1_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2012"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("motcua: lỗi: year 2012 is outside the supported range")
    assert "Traceback" not in err


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["calendar", "2026", "--month", "13"])
    assert info.value.code == 2


def test_python_dash_m() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "motcua", "calendar", "2025", "--month", "4"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert "26/04/2025 thứ Bảy   Làm bù cho thứ Sáu 02/05/2025" in out.stdout


def test_a_closed_pipe_is_not_an_error() -> None:
    code = (
        "import subprocess, sys; "
        "p = subprocess.Popen([sys.executable, '-m', 'motcua', 'calendar', '2026'], "
        "stdout=subprocess.PIPE, stderr=subprocess.PIPE); "
        "p.stdout.read(10); p.stdout.close(); err = p.stderr.read(); p.wait(); "
        "print(p.returncode, b'Traceback' in err)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]
