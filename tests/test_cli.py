"""The command line."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from motcua.cli import main
from motcua.cli._common import Notes
from motcua.errors import EstimatedCalendarWarning, UncertainDataWarning


def test_calendar_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2026"]) == 0
    out = capsys.readouterr().out
    assert "năm 2026 (đã xác nhận)" in out
    assert "02/01/2026 thứ Sáu   hoán đổi" in out
    assert "Công văn 12729/VPCP-KGVX ngày 25/12/2025" in out
    assert "10/01/2026 thứ Bảy   Làm bù cho thứ Sáu 02/01/2026" in out
    assert "Nghị quyết 28/2026/QH16, Điều 2" in out
    assert "Số ngày làm việc: 249." in out
    assert "\n  5   6   7   8   9  10+ 11\n" in out  # January's grid: Sat 10 worked
    assert "\n              1*  2*  3   4\n" in out  # 1/1 a holiday, 2/1 swapped; weekends unmarked


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


# --------------------------------------------------------------------------- what every command shares

DOCS = Path(__file__).parent.parent / "docs" / "cli.md"
COMMANDS = ("calendar", "deadline", "procedures", "report", "letter", "example")
REGISTER = str(Path(__file__).parent / "data" / "registers" / "synthetic_register_2016.csv")


def test_debug_before_or_after_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["deadline", "1.004873", "--received", "2016-01-04 08:00", "--verification"]
    assert main(argv) == 1  # without --debug: one line, no traceback
    assert capsys.readouterr().err.startswith("motcua: lỗi: 1.004873")
    for debug in (["--debug", *argv], [*argv, "--debug"], [argv[0], "--debug", *argv[1:]]):
        with pytest.raises(ValueError, match="no separate time limit for verification"):
            main(debug)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_lists_the_exit_statuses(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "Exit status (mã thoát): 0" in text
    assert "1 an error" in text
    assert "2 a usage error" in text
    assert "--debug" in text
    assert "--json" in text


def test_main_help_lists_status_3(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "3 report: some register rows were rejected" in text


@pytest.mark.parametrize(
    "argv",
    [
        ["deadline", "", "--received", "2026-01-05"],
        ["deadline", "  ", "--received", "2026-01-05"],
        ["letter"],
        ["report", REGISTER, "--from", "2016-01-01", "--to", "2016-12-31", "--as-of", "2015-03-01"],
        ["report", REGISTER, "--from", "2016-01-01", "--to", "2016-12-31", "--delimiter", ";;"],
    ],
)
def test_usage_errors_exit_2_with_the_usage_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: motcua {argv[0]}")
    assert f"motcua {argv[0]}: error: " in err


def _documented_keys() -> dict[str, list[str]]:
    """Each command's ``**`--json` keys:**`` line in docs/cli.md."""
    keys: dict[str, list[str]] = {}
    command = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = re.fullmatch(r"## `motcua (\w+)`", line)
        if heading:
            command = heading.group(1)
        elif line.startswith("**`--json` keys:**"):
            assert command is not None
            keys[command] = re.findall(r"`([a-z_0-9]+)`", line.removeprefix("**`--json` keys:**"))
    return keys


def _payload(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    fields = tmp_path / "fields.json"
    argv = {
        "calendar": ["calendar", "2026", "--month", "2"],
        "deadline": ["deadline", "1.001193", "--received", "2026-11-27 15:30"],
        "procedures": ["procedures", "--on", "2026-11-27"],
        "report": ["report", REGISTER, "--from", "2016-01-01", "--to", "2016-12-31"],
        "letter": ["letter", "chia-buon-khai-tu", "--fields", str(fields)],
        "example": ["example", "--no-html"],
    }[command]
    if command == "letter":
        assert main(["letter", "chia-buon-khai-tu", "--example-fields"]) == 0
        fields.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main([*argv, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert isinstance(payload, dict)
    return payload


@pytest.mark.parametrize("command", COMMANDS)
def test_the_documented_json_keys(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """docs/cli.md lists every command's top-level --json keys, in order; this keeps the page true."""
    documented = _documented_keys()
    assert set(documented) == set(COMMANDS)
    assert list(_payload(command, tmp_path, capsys)) == documented[command]


def test_the_documented_commands_are_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert tuple(re.findall(r"^    (\w+)(?: |$)", out, re.MULTILINE)) == COMMANDS
    text = DOCS.read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"## `motcua {command}`" in text


# --------------------------------------------------------------------------- notes: the library's warnings


def test_notes_collapse_by_kind_and_count() -> None:
    notes = Notes()
    with notes.collect():
        for day in ("2030-01-05", "2030-01-06", "2031-01-02"):
            warnings.warn(
                f"the answer depends on {day}, past the announced civil-service calendar data (which ends "
                "2027-12-31); it follows the Labour Code rules and may change",
                EstimatedCalendarWarning,
                stacklevel=1,
            )
        for _ in range(2):
            warnings.warn("the time limit of 1.001193 from 2027-03-01 is uncertain", UncertainDataWarning, stacklevel=1)
        warnings.warn("the extension of 03/02/2016 was sent late", UncertainDataWarning, stacklevel=1)
        warnings.warn("the extension of 04/02/2016 was sent late", UncertainDataWarning, stacklevel=1)
    notes.add("một ghi chú của lệnh")
    assert notes.lines() == [
        "ước tính (estimated): năm 2030–2031 nằm sau dữ liệu lịch đã công bố (hết 31/12/2027); tính theo Bộ luật "
        "Lao động, có thể thay đổi khi Chính phủ công bố ngày hoán đổi, làm bù (past the announced calendar data; "
        "Labour Code rules) (3 lần)",
        "the time limit of 1.001193 from 2027-03-01 is uncertain (2 lần)",
        "the extension of 03/02/2016 was sent late (2 lần, khác nhau ở ngày tháng; đây là lần đầu)",
        "một ghi chú của lệnh",
    ]
    out = io.StringIO()
    notes.print(out)
    assert (
        out.getvalue().splitlines()[1]
        == "motcua: lưu ý: the time limit of 1.001193 from 2027-03-01 is uncertain (2 lần)"
    )


def test_other_packages_warnings_are_shown_as_python_shows_them() -> None:
    notes = Notes()
    with pytest.warns(DeprecationWarning, match="not ours"), notes.collect():
        warnings.warn("not ours", DeprecationWarning, stacklevel=1)
    assert len(notes) == 0


def test_an_estimated_year_is_one_note_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", "2031", "--month", "1"]) == 0
    out, err = capsys.readouterr()
    assert "tháng 1/2031 (ước tính)" in out
    (line,) = err.splitlines()
    assert line.startswith("motcua: lưu ý: ước tính (estimated): năm 2031 nằm sau dữ liệu lịch đã công bố")
    assert re.search(r"\(\d+ lần\)$", line)


def test_no_raw_python_warning_lines_from_a_real_process() -> None:
    """Run as a user does: the interpreter's own warning filters, no pytest in between."""
    done = subprocess.run(
        [sys.executable, "-m", "motcua", "deadline", "2.000815", "--received", "2030-01-05 10:00"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert "Hạn trả kết quả: hết ngày thứ Hai 07/01/2030" in done.stdout
    (line,) = done.stderr.splitlines()  # several dates past the data: one note
    assert line.startswith("motcua: lưu ý: ước tính (estimated): năm 2030 nằm sau dữ liệu lịch đã công bố (hết ")
    assert re.search(r"\(\d+ lần\)$", line)
