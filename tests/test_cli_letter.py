"""``motcua letter``: render a template from a JSON fields file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from motcua import example_fields, optional_fields, render, required_fields, templates
from motcua.cli import main


def _example_file(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["letter", name, "--example-fields"]) == 0
    path = tmp_path / "fields.json"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", templates())
def test_example_fields_round_trip_through_json(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _example_file(tmp_path, name, capsys)
    for fmt in ("text", "html"):
        assert main(["letter", name, "--fields", str(path), "--format", fmt]) == 0
        assert capsys.readouterr().out == render(name, fmt, **example_fields(name))


def test_missing_field_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _example_file(tmp_path, "chia-buon-khai-tu", capsys)
    fields = json.loads(path.read_text(encoding="utf-8"))
    del fields["nguoi_mat"]
    path.write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
    assert main(["letter", "chia-buon-khai-tu", "--fields", str(path)]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "missing field 'nguoi_mat'" in err
    # The command line's way to a complete file, not the Python API's.
    assert err.rstrip().endswith("xem một bộ trường đầy đủ: motcua letter chia-buon-khai-tu --example-fields")
    assert "example_fields(" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["letter"], "motcua letter: error: cần tên mẫu NAME (a template name); xem danh sách: motcua letter --list"),
        (["letter", "chia-buon-khai-tu"], "motcua letter chia-buon-khai-tu --example-fields > fields.json"),
        (["letter", "chia-buon-khai-tu", "--fields", "f.json", "--format", "docx"], "--format docx cần --output"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: motcua letter")
    assert message in err


def test_unknown_template(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letter", "nosuch", "--example-fields"]) == 1
    assert capsys.readouterr().err == (
        "motcua: lỗi: không có mẫu 'nosuch' (no template 'nosuch'); các mẫu (templates): "
        + ", ".join(templates())
        + "\n"
    )
    assert main(["letter", "chia-buon-khai-tuu", "--fields", "f.json"]) == 1
    assert "có phải chia-buon-khai-tu? (did you mean)" in capsys.readouterr().err


def test_unreadable_fields_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letter", "chia-buon-khai-tu", "--fields", "/nonexistent/f.json"]) == 1
    assert capsys.readouterr().err.startswith("motcua: lỗi: không đọc được tệp trường /nonexistent/f.json")


def test_bad_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["letter", "chia-buon-khai-tu", "--fields", str(bad)]) == 1
    assert "invalid JSON" in capsys.readouterr().err
    bad.write_text("[1, 2]", encoding="utf-8")
    assert main(["letter", "chia-buon-khai-tu", "--fields", str(bad)]) == 1
    assert "JSON object" in capsys.readouterr().err


def test_docx_and_output_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("docx")
    fields = _example_file(tmp_path, "chuc-mung-khai-sinh", capsys)
    out = tmp_path / "thu.docx"
    assert (
        main(["letter", "chuc-mung-khai-sinh", "--fields", str(fields), "--format", "docx", "--output", str(out)]) == 0
    )
    assert out.read_bytes()[:2] == b"PK"  # a zip container
    html = tmp_path / "thu.html"
    assert (
        main(["letter", "chuc-mung-khai-sinh", "--fields", str(fields), "--format", "html", "--output", str(html)]) == 0
    )
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letter", "--list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert list(listed) == list(templates())
    for name in templates():
        assert listed[name] == {
            "required": sorted(required_fields(name)),
            "optional": sorted(optional_fields(name), key=lambda f: (f == "bieu_mau", f)),
        }
    assert "nguoi_mat" in listed["chia-buon-khai-tu"]["required"]
    assert "cach_goi" in listed["chia-buon-khai-tu"]["optional"]


def test_list_marks_the_optional_fields(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown-field message sends the reader to --list: a misspelt optional field must be findable there."""
    assert main(["letter", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 * len(templates())
    i = lines.index(next(line for line in lines if line.startswith("chia-buon-khai-tu ")))
    assert "bắt buộc (required): " in lines[i]
    assert "nguoi_mat" in lines[i]
    assert "cach_goi" not in lines[i]
    assert lines[i + 1].strip().startswith("tùy chọn (optional): cach_goi, ")
    assert "tho" in lines[i + 1].split(": ", 1)[1].split(", ")


@pytest.mark.parametrize("name", templates())
def test_example_fields_show_the_optional_ones_as_null(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["letter", name, "--example-fields"]) == 0
    out, err = capsys.readouterr()
    shown = json.loads(out)
    optional = optional_fields(name)
    assert optional <= shown.keys()
    assert {k for k, v in shown.items() if v is None} == optional - example_fields(name).keys()
    assert err.startswith("motcua: lưu ý: trường tùy chọn (optional fields; null = không dùng, not given): ")
    assert all(f in err for f in optional)


def test_an_unknown_field_message_points_to_a_list_that_has_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _fields(tmp_path, "chia-buon-khai-tu", capsys, thoo="hưởng dương")
    assert main(["letter", "chia-buon-khai-tu", "--fields", str(path)]) == 1
    err = capsys.readouterr().err
    assert "'thoo' (did you mean 'tho'?)" in err
    assert "motcua letter --list" in err
    assert main(["letter", "--list"]) == 0
    assert "tho" in capsys.readouterr().out.replace(",", " ").split()


def test_moments_keep_their_seconds_in_the_json_echo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """23:59:59 prints as the day alone, 23:59 as a time: the echo must render the same when fed back."""
    path = _fields(tmp_path, "giay-tiep-nhan", capsys, thoi_diem_tra="2026-04-29T23:59:59")
    assert main(["letter", "giay-tiep-nhan", "--fields", str(path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["fields"]["thoi_diem_tra"] == "2026-04-29T23:59:59"
    assert "5. Thời gian trả kết quả giải quyết hồ sơ: ngày 29 tháng 04 năm 2026" in payload["text"]
    echoed = tmp_path / "echo.json"
    echoed.write_text(json.dumps(payload["fields"], ensure_ascii=False), encoding="utf-8")
    assert main(["letter", "giay-tiep-nhan", "--fields", str(echoed)]) == 0
    assert capsys.readouterr().out == payload["text"]
    # Without seconds, minutes stay the echo's form.
    path = _fields(tmp_path, "giay-tiep-nhan", capsys, thoi_diem_tra="2026-04-29 16:30")
    assert main(["letter", "giay-tiep-nhan", "--fields", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fields"]["thoi_diem_tra"] == "2026-04-29T16:30"


@pytest.mark.parametrize("depth", [100_000, 900])
def test_deeply_nested_json_is_a_clean_error(depth: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Too deep for the JSON reader (100 000) or for the checks after it (900): one line, no traceback."""
    path = tmp_path / "deep.json"
    path.write_text('{"ly_do": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    assert main(["letter", "phieu-tu-choi", "--fields", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("motcua: lỗi: ")
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert ("lồng nhau quá sâu" in err) if depth > 1000 else ("'ly_do' is nested too deeply" in err)


# --------------------------------------------------------------------------- --json


def test_json_text_html_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _example_file(tmp_path, "chia-buon-khai-tu", capsys)
    expected = example_fields("chia-buon-khai-tu")
    assert main(["letter", "chia-buon-khai-tu", "--fields", str(path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert list(payload) == ["template", "format", "fields", "text", "notes"]
    assert (payload["template"], payload["format"], payload["notes"]) == ("chia-buon-khai-tu", "text", [])
    assert payload["text"] == render("chia-buon-khai-tu", "text", **expected)
    assert payload["fields"] == json.loads(path.read_text(encoding="utf-8"))
    assert main(["letter", "chia-buon-khai-tu", "--fields", str(path), "--format", "html", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["html"] == render("chia-buon-khai-tu", "html", **expected)
    assert "text" not in payload
    out = tmp_path / "thu.html"
    argv = ["letter", "chia-buon-khai-tu", "--fields", str(path), "--format", "html", "--output", str(out), "--json"]
    assert main(argv) == 0
    payload = json.loads(capsys.readouterr().out)
    assert list(payload) == ["template", "format", "fields", "output", "bytes", "notes"]
    assert payload["output"] == str(out)
    assert payload["bytes"] == out.stat().st_size > 0


# --------------------------------------------------------------------------- dates in a JSON file


def _fields(tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str], **changes: object) -> Path:
    path = _example_file(tmp_path, name, capsys)
    fields = json.loads(path.read_text(encoding="utf-8")) | changes
    path.write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
    return path


def test_dates_day_first_as_well_as_iso(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _fields(tmp_path, "chia-buon-khai-tu", capsys, ngay="05/03/2026", ngay_mat="2/3/2026")
    assert main(["letter", "chia-buon-khai-tu", "--fields", str(path)]) == 0
    assert capsys.readouterr().out == render("chia-buon-khai-tu", "text", **example_fields("chia-buon-khai-tu"))


def test_moments_day_first_and_in_lists(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fields = example_fields("phieu-kiem-soat")
    steps = [step | {"thoi_diem": f"{step['thoi_diem']:%d/%m/%Y %H:%M}"} for step in _to_plain(fields["cac_buoc"])]
    path = _fields(
        tmp_path,
        "phieu-kiem-soat",
        capsys,
        thoi_diem_nhan=f"{fields['thoi_diem_nhan']:%d/%m/%Y %H:%M}",
        cac_buoc=steps,
    )
    assert main(["letter", "phieu-kiem-soat", "--fields", str(path)]) == 0
    assert capsys.readouterr().out == render("phieu-kiem-soat", "text", **fields)


def _to_plain(steps: object) -> list[dict[str, object]]:
    assert isinstance(steps, list)
    return [dict(step) for step in steps]


@pytest.mark.parametrize(
    ("name", "changes", "message"),
    [
        (
            "chia-buon-khai-tu",
            {"ngay": "hôm qua"},
            "chia-buon-khai-tu: trường 'ngay' (field 'ngay'): 'hôm qua' is not a date or moment; "
            'cần một ngày (a date) dạng "2026-03-05" hoặc "05/03/2026"',
        ),
        (
            "chia-buon-khai-tu",
            {"ngay_mat": "31/02/2026"},
            "trường 'ngay_mat' (field 'ngay_mat'): '31/02/2026' is not a valid date",
        ),
        ("chia-buon-khai-tu", {"ngay": 20260305}, "trường 'ngay' (field 'ngay'): cần một ngày (a date) dạng"),
        ("chia-buon-khai-tu", {"ngay": "2026-03-05 09:30"}, "cần một ngày (a date) không kèm giờ"),
        (
            "giay-tiep-nhan",
            {"thoi_diem_nhan": "24/04/2026"},
            "trường 'thoi_diem_nhan' (field 'thoi_diem_nhan'): cần cả giờ",
        ),
        ("phieu-kiem-soat", {"cac_buoc": [{"thoi_diem": "mai"}]}, "trường 'cac_buoc[0].thoi_diem'"),
    ],
)
def test_a_bad_date_names_its_field(
    name: str, changes: dict[str, object], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _fields(tmp_path, name, capsys, **changes)
    assert main(["letter", name, "--fields", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"motcua: lỗi: {name}: ")
    assert message in err
    assert len(err.splitlines()) == 1


def test_an_unknown_field_points_to_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _fields(tmp_path, "chia-buon-khai-tu", capsys, nguoi_matt="Trần Văn Tư")
    assert main(["letter", "chia-buon-khai-tu", "--fields", str(path)]) == 1
    err = capsys.readouterr().err
    assert "'nguoi_matt' (did you mean 'nguoi_mat'?)" in err
    assert "required_fields(" not in err
    assert err.rstrip().endswith("motcua letter chia-buon-khai-tu --example-fields")


def test_a_value_of_the_wrong_type_names_its_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _fields(tmp_path, "chia-buon-khai-tu", capsys, tuoi="tám mươi tám")
    assert main(["letter", "chia-buon-khai-tu", "--fields", str(path)]) == 1
    err = capsys.readouterr().err
    assert "'tuoi'" in err
    assert "Traceback" not in err


def test_a_slips_uncertain_form_set_is_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A stop notice of 01/08/2025: which form set applied then is not confirmed; the library warns."""
    path = _fields(
        tmp_path,
        "thong-bao-dung",
        capsys,
        ngay="01/08/2025",
        ngay_tiep_nhan="2025-07-20 09:00",
        thoi_diem_dung="2025-07-25 09:00",
    )
    assert main(["letter", "thong-bao-dung", "--fields", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    notes = json.loads(out)["notes"]
    assert notes
    assert any("01/08/2025" in note for note in notes)
    assert err.splitlines() == [f"motcua: lưu ý: {note}" for note in notes]
