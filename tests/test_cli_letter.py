"""``motcua letter``: render a template from a JSON fields file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from motcua import example_fields, render, templates
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
    assert "missing field 'nguoi_mat'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["letter"], "motcua letter --list"),
        (["letter", "chia-buon-khai-tu"], "--example-fields > fields.json"),
        (["letter", "thu-cam-on", "--example-fields"], "thu-cam-on"),
        (["letter", "chia-buon-khai-tu", "--fields", "/nonexistent/f.json"], "không đọc được"),
    ],
)
def test_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 1
    assert message in capsys.readouterr().err


def test_bad_json_and_docx_needs_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["letter", "chia-buon-khai-tu", "--fields", str(bad)]) == 1
    assert "invalid JSON" in capsys.readouterr().err
    bad.write_text("[1, 2]", encoding="utf-8")
    assert main(["letter", "chia-buon-khai-tu", "--fields", str(bad)]) == 1
    assert "JSON object" in capsys.readouterr().err
    good = _example_file(tmp_path, "chuc-mung-khai-sinh", capsys)
    assert main(["letter", "chuc-mung-khai-sinh", "--fields", str(good), "--format", "docx"]) == 1
    assert "--output" in capsys.readouterr().err


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
    assert "nguoi_mat" in listed["chia-buon-khai-tu"]
