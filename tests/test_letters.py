"""Letters and slips as templates: golden files, missing fields, hostile values, overrides, sandbox.

Golden files live in tests/golden/letters/. After a deliberate change to a template, regenerate
them with ``MOTCUA_UPDATE_GOLDEN=1 python -m pytest tests/test_letters.py`` and review the diff.
"""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import pytest
from jinja2.exceptions import SecurityError
from markupsafe import escape

import motcua
from motcua import _templating, letters
from motcua.letters import (
    LETTER_TEMPLATES,
    TEMPLATES,
    DocxUnavailableError,
    Letters,
    MissingFieldError,
    TemplateNotFoundError,
    UnknownFieldError,
    example_fields,
    optional_fields,
    render,
    render_string,
    required_fields,
)
from motcua.offices import AUTHORITIES, Office, Signer

GOLDEN = Path(__file__).parent / "golden" / "letters"
UPDATE = os.environ.get("MOTCUA_UPDATE_GOLDEN") == "1"
FORMATS = ("text", "html")
SUFFIX = {"text": "txt", "html": "html"}
HOSTILE = "<script>&\"'"
# The field that carries a person's name in each template (names are never altered).
NAME_FIELDS = {
    "chuc-mung-khai-sinh": "ten_con",
    "chuc-mung-ket-hon": "nguoi_ky",
    "chia-buon-khai-tu": "nguoi_mat",
    "giay-tiep-nhan": "nguoi_nop",
    "phieu-yeu-cau-bo-sung": "nguoi_nop",
    "phieu-tu-choi": "nguoi_nop",
    "phieu-xin-loi": "nguoi_nop",
    "thong-bao-dung": "nguoi_nop",
    "phieu-kiem-soat": "nguoi_nop",
}


def words(text: str) -> str:
    """Whitespace collapsed: wrapping may break a line anywhere between words."""
    return " ".join(text.split())


def html_text(page: str) -> str:
    """The visible text of an HTML page (body only), unescaped, whitespace collapsed."""
    body = re.sub(r"</?(b|i|span)( [^>]*)?>", "", page.split("<body>", 1)[1])
    return words(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def map_strings(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {k: map_strings(v, change) for k, v in value.items()}
    if isinstance(value, list):
        return [map_strings(v, change) for v in value]
    return value


# --------------------------------------------------------------------------- the catalogue of templates


def test_the_nine_templates_are_listed_letters_first() -> None:
    assert letters.templates() == TEMPLATES
    assert len(TEMPLATES) == 9
    assert TEMPLATES[:3] == LETTER_TEMPLATES
    assert set(TEMPLATES) == {
        "chuc-mung-khai-sinh",
        "chuc-mung-ket-hon",
        "chia-buon-khai-tu",
        "giay-tiep-nhan",
        "phieu-yeu-cau-bo-sung",
        "phieu-tu-choi",
        "phieu-xin-loi",
        "thong-bao-dung",
        "phieu-kiem-soat",
    }


def test_every_template_ships_both_variants_as_nfc_utf8() -> None:
    root = resources.files("motcua").joinpath("templates")
    for name in TEMPLATES:
        for fmt in FORMATS:
            text = root.joinpath(name + _templating.EXTENSIONS[fmt]).read_bytes().decode("utf-8")
            assert unicodedata.is_normalized("NFC", text), name


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_base_letterhead_holds_the_national_name_and_motto_once(fmt: str) -> None:
    base = resources.files("motcua").joinpath("templates", f"_base{_templating.EXTENSIONS[fmt]}").read_text("utf-8")
    # Decree 30/2020 Appendix I cell 1: the exact words, hyphens with spaces around them.
    assert base.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 1
    assert base.count("Độc lập - Tự do - Hạnh phúc") == 1


def test_unknown_names_and_formats_fail_with_help() -> None:
    with pytest.raises(TemplateNotFoundError, match="did you mean 'chuc-mung-khai-sinh'") as info:
        render("chuc-mung-khai-sin")
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, motcua.MotcuaError)
    with pytest.raises(ValueError, match="format must be 'text' or 'html'"):
        render("chuc-mung-ket-hon", "pdf", **example_fields("chuc-mung-ket-hon"))  # type: ignore[arg-type]
    with pytest.raises(TemplateNotFoundError):
        example_fields("thu-moi")
    with pytest.raises(TypeError):
        render(3)  # type: ignore[arg-type]


def test_example_fields_are_a_fresh_deep_copy() -> None:
    first = example_fields("chuc-mung-khai-sinh")
    first["kinh_gui"][0]["ho_ten"] = "changed"
    first["ten_con"] = "changed"
    second = example_fields("chuc-mung-khai-sinh")
    assert second["kinh_gui"][0]["ho_ten"] == "Nguyễn Văn Hùng"
    assert second["ten_con"] == "Nguyễn Lê Bảo An"


# --------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", TEMPLATES)
def test_golden(name: str, fmt: str) -> None:
    out = render(name, fmt, **example_fields(name))  # type: ignore[arg-type]
    path = GOLDEN / f"{name}.{SUFFIX[fmt]}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(out.encode("utf-8"))
        return
    assert path.exists(), f"no golden file {path}; create it with MOTCUA_UPDATE_GOLDEN=1 and review it"
    assert out == path.read_bytes().decode("utf-8")
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize("name", TEMPLATES)
def test_text_and_html_say_the_same_thing(name: str) -> None:
    fields = example_fields(name)
    text = words(render(name, "text", **fields)).replace("_", " ")
    page = {w.rstrip(":;,.") for w in html_text(render(name, "html", **fields)).split()}
    missing = [w for w in text.split() if w.rstrip(":;,.") not in page]
    assert missing == []


# --------------------------------------------------------------------------- fields


@pytest.mark.parametrize("name", TEMPLATES)
def test_both_variants_need_the_same_fields_and_the_example_has_them_all(name: str) -> None:
    assert required_fields(name, "text") == required_fields(name, "html")
    assert optional_fields(name, "text") == optional_fields(name, "html")
    assert required_fields(name) <= example_fields(name).keys()
    assert not required_fields(name) & optional_fields(name)


def test_required_fields_of_the_letterhead_and_a_letter() -> None:
    assert required_fields("chuc-mung-khai-sinh") == {
        "co_quan",
        "dia_danh",
        "ngay",
        "chu_ky",
        "nguoi_ky",
        "kinh_gui",
        "ten_con",
        "ngay_sinh",
        "ngay_dang_ky",
    }
    # The control slip is signed row by row, not by the office.
    assert not {"chu_ky", "nguoi_ky"} & required_fields("phieu-kiem-soat")
    # The form number and title are derived from the date.
    assert "bieu_mau" not in required_fields("giay-tiep-nhan")
    assert "bieu_mau" in optional_fields("giay-tiep-nhan")


REQUIRED = [(name, field) for name in TEMPLATES for field in sorted(required_fields(name))]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "field"), REQUIRED)
def test_any_one_missing_field_is_an_error_naming_it(name: str, field: str, fmt: str) -> None:
    fields = example_fields(name)
    del fields[field]
    with pytest.raises(MissingFieldError) as info:
        render(name, fmt, **fields)  # type: ignore[arg-type]
    assert info.value.fields == (field,)
    assert f"missing field '{field}'" in str(info.value)
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, motcua.MotcuaError)


OPTIONAL = [
    (name, field) for name in TEMPLATES for field in sorted(optional_fields(name)) if field in example_fields(name)
]


@pytest.mark.parametrize(("name", "field"), OPTIONAL)
def test_an_optional_field_may_be_left_out(name: str, field: str) -> None:
    fields = example_fields(name)
    del fields[field]
    for fmt in FORMATS:
        assert render(name, fmt, **fields)  # type: ignore[arg-type]


def test_a_field_missing_inside_a_list_is_named_too() -> None:
    fields = example_fields("chuc-mung-ket-hon")
    fields["kinh_gui"] = [{"xung_ho": "Anh", "ho_ten": "Trần Minh Khoa"}, {"xung_ho": "Chị"}]
    with pytest.raises(MissingFieldError, match="'ho_ten'"):
        render("chuc-mung-ket-hon", **fields)
    fields = example_fields("phieu-kiem-soat")
    del fields["cac_buoc"][0]["thoi_diem"]
    with pytest.raises(MissingFieldError, match="'thoi_diem'"):
        render("phieu-kiem-soat", "html", **fields)


# --------------------------------------------------------------------------- hostile values


@pytest.mark.parametrize("name", TEMPLATES)
def test_markup_is_escaped_in_html_and_verbatim_in_text(name: str) -> None:
    fields = map_strings(example_fields(name), lambda s: f"{s} {HOSTILE}" if s else s)
    text = render(name, **fields)
    page = render(name, "html", **fields)
    assert HOSTILE in text
    assert "<script" not in page.lower()
    assert str(escape(HOSTILE)) in page
    # The person's name, alone, comes out exactly.
    fields = example_fields(name)
    fields[NAME_FIELDS[name]] = "Trần <Văn> & Bình"
    assert "Trần <Văn> & Bình" in words(render(name, **fields))
    assert "Trần &lt;Văn&gt; &amp; Bình" in render(name, "html", **fields)


@pytest.mark.parametrize("name", TEMPLATES)
def test_decomposed_input_renders_exactly_as_composed_input(name: str) -> None:
    composed = example_fields(name)
    decomposed = map_strings(composed, lambda s: unicodedata.normalize("NFD", s))
    assert decomposed != composed
    for fmt in FORMATS:
        out = render(name, fmt, **decomposed)  # type: ignore[arg-type]
        assert out == render(name, fmt, **composed)  # type: ignore[arg-type]
        assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize("name", TEMPLATES)
def test_very_long_names_do_not_break_anything(name: str) -> None:
    long_name = " ".join(["Nguyễn Hoàng Phương Thảo Bảo Ngọc"] * 12) + " Tôn-Nữ-Thị-" + "A" * 120
    fields = example_fields(name)
    fields[NAME_FIELDS[name]] = long_name
    assert long_name in words(render(name, **fields))
    assert long_name in html_text(render(name, "html", **fields))


@pytest.mark.parametrize("name", TEMPLATES)
def test_optional_text_fields_may_be_empty(name: str) -> None:
    fields = example_fields(name)
    for field in optional_fields(name):
        if isinstance(fields.get(field), str) or field in ("co_quan_chu_quan", "ky_hieu", "email"):
            fields[field] = ""
    fields.pop("so", None)
    for fmt in FORMATS:
        out = render(name, fmt, **fields)  # type: ignore[arg-type]
        assert "Email:" not in out
        assert "Số:" not in out
        assert "None" not in out


def test_names_are_never_altered_beyond_nfc() -> None:
    fields = example_fields("chuc-mung-khai-sinh")
    # Tone placement variants are different letters; the registered spelling is kept as given.
    fields["ten_con"] = "Lê Hoà Thuỷ"
    fields["kinh_gui"] = [{"xung_ho": "Chị", "ho_ten": "mai thị HOA"}]
    out = words(render("chuc-mung-khai-sinh", **fields))
    assert "cháu Lê Hoà Thuỷ," in out
    assert "Kính gửi: Chị mai thị HOA" in out


# --------------------------------------------------------------------------- the letters


def test_forms_of_address_come_from_the_fields() -> None:
    fields = example_fields("chuc-mung-khai-sinh")
    out = words(render("chuc-mung-khai-sinh", **fields))
    assert "Kính gửi: Anh Nguyễn Văn Hùng và chị Lê Thị Mai" in out
    assert "vừa chào đón cháu Nguyễn Lê Bảo An, sinh ngày 05 tháng 3 năm 2026" in out
    assert "chung vui cùng anh chị và gia đình" in out
    fields["kinh_gui"] = [{"xung_ho": "Ông", "ho_ten": "Nguyễn Văn Hùng"}, {"xung_ho": "Bà", "ho_ten": "Lê Thị Mai"}]
    fields["xung_ho_con"] = "bé"
    out = words(render("chuc-mung-khai-sinh", **fields))
    assert "Kính gửi: Ông Nguyễn Văn Hùng và bà Lê Thị Mai" in out
    assert "chung vui cùng ông bà và gia đình" in out
    assert "chào đón bé Nguyễn Lê Bảo An" in out
    fields["cach_goi"] = "hai bạn"
    assert "chung vui cùng hai bạn và gia đình" in words(render("chuc-mung-khai-sinh", **fields))


@pytest.mark.parametrize("name", LETTER_TEMPLATES)
def test_without_a_form_of_address_a_letter_addresses_the_family(name: str) -> None:
    # letters.md §3.2: never guessed from a name; "gia đình" instead.
    fields = example_fields(name)
    fields.pop("cach_goi", None)
    fields["kinh_gui"] = [{"ho_ten": "Nguyễn Văn Hùng"}, {"xung_ho": "", "ho_ten": "lê thị Mai"}]
    text = words(render(name, **fields))
    page = html_text(render(name, "html", **fields))
    for out in (text, page):
        assert "Kính gửi: Gia đình Nguyễn Văn Hùng và lê thị Mai" in out  # the names exactly as given
        assert "anh chị" not in out
        assert "ông bà" not in out
        assert "gia đình và gia đình" not in out
    if name == "chuc-mung-khai-sinh":
        assert "chung vui cùng gia đình trước niềm hạnh phúc" in text
    elif name == "chuc-mung-ket-hon":
        assert "Nhân dịp Nguyễn Văn Hùng và lê thị Mai đăng ký kết hôn" in text
        assert "xin gửi tới gia đình lời chúc mừng" in text
    else:
        assert "gửi tới gia đình cùng toàn thể gia quyến" in text
    # One person with a form of address is enough: the body uses it, nothing is added.
    fields["kinh_gui"] = [{"xung_ho": "Bà", "ho_ten": "Nguyễn Thị Lan"}, {"ho_ten": "Trần Văn Hai"}]
    text = words(render(name, **fields))
    assert "Kính gửi: Bà Nguyễn Thị Lan và Trần Văn Hai" in text


def test_the_birth_letter_reminder_is_optional() -> None:
    fields = example_fields("chuc-mung-khai-sinh")
    fields["nhac_nho"] = False
    out = words(render("chuc-mung-khai-sinh", **fields))
    assert "tiêm chủng" not in out
    assert out.count("./.") == 1
    assert "bình an và hạnh phúc./." in out


def test_the_condolence_letter_gives_the_lunar_date_and_stays_sober() -> None:
    fields = example_fields("chia-buon-khai-tu")
    out = words(render("chia-buon-khai-tu", **fields))
    assert "THƯ CHIA BUỒN" in out
    assert "đã từ trần ngày 02 tháng 3 năm 2026 (tức ngày 14 tháng Giêng năm Bính Ngọ), hưởng thọ 88 tuổi." in out
    assert "!" not in out
    fields.update(ngay_mat=date(2018, 2, 4), tuoi=35, tho="dương")
    del fields["nam_sinh"]
    out = words(render("chia-buon-khai-tu", "html", **fields))
    assert "(tức ngày 19 tháng Chạp năm Đinh Dậu), hưởng dương 35 tuổi." in html_text(out)
    assert "sinh năm" not in out
    fields["ngay_am_lich"] = "ngày 19 tháng Chạp năm Đinh Dậu (theo gia đình)"
    assert "(theo gia đình)" in render("chia-buon-khai-tu", **fields)


@pytest.mark.parametrize("name", LETTER_TEMPLATES)
def test_letters_name_no_fee_and_follow_decree_30(name: str) -> None:
    out = render(name, **example_fields(name))
    # Civil-status registration is free (Luật Hộ tịch 2014 Art. 11): no amount anywhere.
    assert not re.search(r"\d\s*(đồng|đ\b|VND)", out)
    lines = out.splitlines()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines[0]
    assert "Độc lập - Tự do - Hạnh phúc" in lines[1]
    assert re.search(r"Hải Đăng, ngày \d\d tháng (0[12]|[3-9]|1[012]) năm \d{4}", out)
    assert "Nơi nhận:" in out
    # The signature block (Art. 13; Appendix I cell 7): the authority lines of the fields, then the
    # signer's name, in that order in the right column, starting beside "Nơi nhận:".
    fields = example_fields(name)
    start = next(i for i, line in enumerate(lines) if line.startswith("Nơi nhận:"))
    column = _templating.LEFT + _templating.GAP
    right = [line[column:].strip() for line in lines[start:] if line[column:].strip()]
    expected = [*fields["chu_ky"], fields["nguoi_ky"]]
    assert right[: len(expected)] == expected


def test_the_office_decides_the_letterhead() -> None:
    office = Office(
        name="Ủy ban nhân dân\nxã Sơn Thủy Thượng",
        parent_body="",
        locality="Sơn Thủy Thượng",
        symbol="UBND",
        phone="0234 3000 999",
    )
    signer = Signer("Hồ Văn Sáu", "Chủ tịch", authority="TM.", on_behalf_of="Ủy ban nhân dân")
    fields = {**example_fields("chuc-mung-ket-hon"), **office.fields(), **signer.fields()}
    out = render("chuc-mung-ket-hon", **fields)
    assert "XÃ SƠN THỦY THƯỢNG" in out
    assert "Sơn Thủy Thượng, ngày 20 tháng 3 năm 2026" in out
    assert "Ủy ban nhân dân xã Sơn Thủy Thượng xin gửi tới anh chị" in words(out)
    assert "Hải Đăng" not in out
    assert "Điện thoại: 0234 3000 999" in out
    page = render("chuc-mung-ket-hon", "html", **fields)
    assert "ỦY BAN NHÂN DÂN<br>XÃ SƠN THỦY THƯỢNG" in page
    assert "<div>TM. ỦY BAN NHÂN DÂN</div>\n<div>CHỦ TỊCH</div>" in page


@pytest.mark.parametrize("field", ["so", "so_quyen", "so_thu_tu"])
@pytest.mark.parametrize("bad", [0, -5, True, 1.5, [1]])
def test_a_number_is_a_whole_number_from_one_or_a_text(field: str, bad: object) -> None:
    """0 would print "……" as if no number were given, -5 a raw ValueError from the filter."""
    fields = {**example_fields("giay-tiep-nhan"), field: bad}
    with pytest.raises(letters.FieldTypeError, match=f"field '{field}' must be a whole number, 1 or more,") as info:
        render("giay-tiep-nhan", **fields)
    assert info.value.field == field


def test_number_and_symbol_are_padded_and_optional() -> None:
    fields = example_fields("chuc-mung-ket-hon")
    assert "Số:" not in render("chuc-mung-ket-hon", **fields)
    fields.update(so=5, ky_hieu="UBND")
    assert "Số: 05/UBND" in render("chuc-mung-ket-hon", **fields)
    fields.update(so=123)
    assert "Số: 123/UBND" in render("chuc-mung-ket-hon", "html", **fields)
    del fields["so"]
    assert "Số: ……/UBND" in render("chuc-mung-ket-hon", **fields)
    fields.update(so="15a")
    assert "Số: 15a/UBND" in render("chuc-mung-ket-hon", **fields)
    fields.update(so=1)
    assert "Số: 01/UBND" in render("chuc-mung-ket-hon", **fields)


# --------------------------------------------------------------------------- overrides and the sandbox


def test_a_user_directory_overrides_the_shipped_template(tmp_path: Path) -> None:
    (tmp_path / "chuc-mung-khai-sinh.txt.j2").write_text(
        '{% extends "motcua:chuc-mung-khai-sinh.txt.j2" %}\n'
        "{% block ten_loai %}THƯ CHÚC MỪNG CÔNG DÂN MỚI{% endblock %}\n"
        "{% block trich_yeu %}{{ loi_chuc }}{% endblock %}\n",
        encoding="utf-8",
    )
    (tmp_path / "thu-moi.txt.j2").write_text(
        '{% extends "_base.txt.j2" %}{% block ten_loai %}THƯ MỜI{% endblock %}'
        "{% block noi_dung %}{% filter doan %}Kính mời {{ khach }} dự lễ.{% endfilter %}{% endblock %}",
        encoding="utf-8",
    )
    (tmp_path / "_partial.txt.j2").write_text("not a template", encoding="utf-8")
    custom = Letters([tmp_path])
    fields = example_fields("chuc-mung-khai-sinh")
    assert "loi_chuc" in custom.required_fields("chuc-mung-khai-sinh")
    out = custom.render("chuc-mung-khai-sinh", **fields, loi_chuc="Chào mừng công dân nhỏ tuổi")
    assert "THƯ CHÚC MỪNG CÔNG DÂN MỚI" in out
    assert "Chào mừng công dân nhỏ tuổi" in out
    assert "vừa chào đón cháu" in words(out)  # the rest of the shipped letter is kept
    assert "CÔNG DÂN MỚI" not in render("chuc-mung-khai-sinh", **fields)
    # The HTML variant was not overridden.
    assert custom.render("chuc-mung-khai-sinh", "html", **fields) == render("chuc-mung-khai-sinh", "html", **fields)
    assert custom.templates() == (*TEMPLATES, "thu-moi")
    letterhead = example_fields("chuc-mung-ket-hon")
    del letterhead["kinh_gui"], letterhead["ngay_dang_ky"]  # the invitation has no use for them
    invitation = custom.render("thu-moi", **letterhead, khach="ông Lê Văn Tám")
    assert "Kính mời ông Lê Văn Tám dự lễ." in invitation
    with pytest.raises(TemplateNotFoundError, match="no html variant"):
        custom.render("thu-moi", "html")
    # A user string in the sandbox may build on the directory's templates too.
    wording = custom.render_string(
        '{% extends "thu-moi.txt.j2" %}', **example_fields("chuc-mung-ket-hon"), khach="bà Tư"
    )
    assert "Kính mời bà Tư dự lễ." in wording
    with pytest.raises(SecurityError):
        custom.render_string("{{ ''.__class__ }}")
    with pytest.raises(NotADirectoryError):
        Letters([tmp_path / "nope"])
    assert "Letters(" in repr(Letters(str(tmp_path)))


def test_autoescape_is_on_for_every_html_template_and_off_for_text() -> None:
    html_env = Letters().environment("html")
    text_env = Letters().environment("text")
    assert html_env.autoescape is True
    assert text_env.autoescape is False
    assert html_env.undefined is jinja2.StrictUndefined
    assert text_env.undefined is jinja2.StrictUndefined
    for name in TEMPLATES:
        template = html_env.get_template(name + ".html.j2")
        assert "&lt;b&gt;" in template.environment.from_string("{{ x }}").render(x="<b>")


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ x|attr('__class__') }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ '{0.__class__}'.format(x) }}",
        "{{ items.append(1) }}",
        "{% set d = {} %}{{ d.update(a=1) }}",
    ],
)
def test_the_sandbox_blocks_escapes(source: str) -> None:
    with pytest.raises(SecurityError):
        render_string(source, x="x", items=[1])


def test_user_strings_render_in_the_sandbox_with_the_letterhead() -> None:
    assert render_string("{{ so|so_van_ban }}", so=5) == "05"
    assert render_string("{{ ten }}", "html", ten=HOSTILE) == str(escape(HOSTILE))
    assert render_string("{{ ten }}", ten=HOSTILE) == HOSTILE
    assert render_string("{{ ten }}", ten=unicodedata.normalize("NFD", "Hường")) == "Hường"
    with pytest.raises(MissingFieldError, match="'ten'"):
        render_string("{{ ten }}")
    with pytest.raises(TypeError):
        render_string(b"{{ x }}")  # type: ignore[arg-type]
    fields = example_fields("chuc-mung-ket-hon")
    page = render_string(
        '{% extends "_base.html.j2" %}{% block ten_loai %}THƯ CẢM ƠN{% endblock %}'
        "{% block noi_dung %}<p>Cảm ơn {{ khach }}.</p>{% endblock %}",
        "html",
        **fields,
        khach="<i>bà Tư</i>",
    )
    assert "THƯ CẢM ƠN" in page
    assert "Cảm ơn &lt;i&gt;bà Tư&lt;/i&gt;." in page


def test_render_does_not_import_jinja_before_use() -> None:
    code = "import sys, motcua, motcua.letters, motcua.slips, motcua.offices; print('jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- Word


@pytest.mark.parametrize("name", TEMPLATES)
def test_word_output_keeps_markup_in_names_verbatim(name: str) -> None:
    docx = pytest.importorskip("docx")
    fields = example_fields(name)
    fields[NAME_FIELDS[name]] = "Trần <Văn> & \"Bình\" 'Út'"
    data = letters.render_docx(name, **fields)
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert any("Trần <Văn> & \"Bình\" 'Út'" in t for t in texts)
    section = document.sections[0]
    a5 = name not in LETTER_TEMPLATES  # forms print on A5 (Circular 01/2018/TT-VPCP Art. 9(2))
    assert round(section.page_width.mm) == (148 if a5 else 210)
    assert round(section.left_margin.mm) == (20 if a5 else 30)
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_word_output_explains_the_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(DocxUnavailableError, match=re.escape("pip install 'motcua[docx]'")) as info:
        letters.render_docx("chuc-mung-ket-hon", **example_fields("chuc-mung-ket-hon"))
    assert isinstance(info.value, ImportError)


# --------------------------------------------------------------------------- filters and layout


def test_date_and_time_filters() -> None:
    assert _templating.ngay(date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert _templating.ngay(date(2023, 2, 28)) == "ngày 28 tháng 02 năm 2023"
    assert _templating.thoi_diem(datetime(2026, 11, 27, 15, 30)) == "15 giờ 30 phút, ngày 27 tháng 11 năm 2026"
    # A due moment at the end of a day (no office hours) prints the day alone.
    assert _templating.thoi_diem(datetime(2026, 5, 4, 23, 59, 59, 999999)) == "ngày 04 tháng 05 năm 2026"
    assert _templating.thoi_diem(date(2026, 5, 4)) == "ngày 04 tháng 05 năm 2026"
    with pytest.raises(TypeError):
        _templating.thoi_diem("2026-05-04")  # type: ignore[arg-type]
    assert _templating.am_lich(date(2018, 2, 4)) == "ngày 19 tháng Chạp năm Đinh Dậu"
    assert _templating.am_lich(datetime(2026, 3, 2, 8)) == "ngày 14 tháng Giêng năm Bính Ngọ"


def test_number_and_list_filters() -> None:
    assert [_templating.so_van_ban(n) for n in (5, 12, "7", "12a")] == ["05", "12", "07", "12a"]
    with pytest.raises(ValueError, match="positive"):
        _templating.so_van_ban(0)
    with pytest.raises(TypeError):
        _templating.so_van_ban(True)
    assert _templating.hai_chu_so(1) == "01"
    assert _templating.hai_chu_so("một") == "một"  # type: ignore[arg-type]
    assert _templating.liet_ke(["Như trên;", " UBND phường. ", "", "Lưu: VT"]) == [
        "Như trên;",
        "UBND phường;",
        "Lưu: VT.",
    ]
    assert _templating.het_cau("Thiếu giấy tờ") == "Thiếu giấy tờ."
    assert _templating.het_cau("Đủ?") == "Đủ?"
    assert _templating.het_cau("") == ""
    assert _templating.giay_to({"ten": "Tờ khai", "ban_chinh": 1, "ban_sao": 2}) == "Tờ khai (01 bản chính; 02 bản sao)"
    assert _templating.giay_to({"ten": "Ảnh", "ghi_chu": "cỡ 4x6"}) == "Ảnh (cỡ 4x6)"
    assert _templating.giay_to("CCCD") == "CCCD"
    with pytest.raises(TypeError):
        _templating.giay_to(3)


def test_people_filters() -> None:
    couple = [{"xung_ho": "Anh", "ho_ten": "Trần Minh Khoa"}, {"xung_ho": "chị", "ho_ten": "Phạm Thu Hà"}]
    assert _templating.nguoi(couple) == "anh Trần Minh Khoa và chị Phạm Thu Hà"
    assert _templating.nguoi(couple, dau_cau=True) == "Anh Trần Minh Khoa và chị Phạm Thu Hà"
    three = [*couple, {"xung_ho": "Bà", "ho_ten": "Lê Thị Tư"}]
    assert _templating.nguoi(three) == "anh Trần Minh Khoa, chị Phạm Thu Hà và bà Lê Thị Tư"
    assert _templating.cach_goi(couple) == "anh chị"
    assert _templating.cach_goi([{"xung_ho": "Gia đình ông", "ho_ten": "X"}]) == "gia đình ông"
    assert _templating.cach_goi([{"xung_ho": "Anh", "ho_ten": "X"}, {"xung_ho": "Anh", "ho_ten": "Y"}]) == "anh"
    with pytest.raises(TypeError):
        _templating.nguoi(["Trần Minh Khoa"])
    assert _templating.dong("a\n\n b \n") == ["a", "b"]
    assert _templating.mot_dong("Ủy ban nhân dân\nphường Hải Đăng") == "Ủy ban nhân dân phường Hải Đăng"
    assert str(_templating.xuong_dong("A <b>\nB")) == "A &lt;b&gt;<br>B"


def test_plain_text_layout_helpers() -> None:
    assert _templating.doan("") == ""
    paragraph = _templating.doan("một " * 40)
    assert paragraph.startswith("    một")
    assert paragraph.endswith("\n")
    assert max(len(line) for line in paragraph.splitlines()) <= _templating.WIDTH
    assert _templating.treo("Địa chỉ: " + "xa " * 40 + "\n\n  a) b").splitlines()[1].startswith("    xa")
    assert _templating.treo("\n") == ""
    assert _templating.giua("") == ""
    assert _templating.giua("ABC", 9) == "   ABC\n"
    assert _templating.gach("ỦY BAN NHÂN DÂN\nPHƯỜNG HẢI ĐĂNG") == "______"
    assert _templating.gach("Độc lập - Tự do - Hạnh phúc", 1) == "_" * 27
    columns = _templating.hai_cot("A\nB", "CC", 4, 6)
    assert columns.splitlines() == [" A      CC", " B"]
    recipients = _templating.hai_cot("- " + "x " * 20, "", 10, 10, can_trai=True).splitlines()
    assert recipients[1].startswith("  x")
    assert _templating.nfc(("e\u0301", ["o\u0302"], {"a\u0300": 1}, 2)) == ("é", ["ô"], {"à": 1}, 2)


def test_fields_of_handles_includes_super_and_guards() -> None:
    env = jinja2.Environment(
        loader=jinja2.DictLoader(
            {
                "base": "{{ a }}{% block b %}{{ b1 }}{% endblock %}{% include 'inc' %}",
                "inc": "{{ c }}{{ d|default('') }}",
                "child": "{% extends 'base' %}{% set e = e|default(1) %}"
                "{% block b %}{{ super() }}{{ b2 }}{% endblock %}",
                "grandchild": "{% extends 'child' %}{% block b %}{{ b3 }}{% if f is defined %}{{ f }}{% endif %}"
                "{% endblock %}",
                "dynamic": "{% extends parent %}",
            }
        )
    )
    assert _templating.fields_of(env, "child") == (frozenset({"a", "b1", "b2", "c"}), frozenset({"d", "e"}))
    assert _templating.fields_of(env, "grandchild") == (frozenset({"a", "b3", "c"}), frozenset({"d", "e", "f"}))
    with pytest.raises(ValueError, match="fixed name"):
        _templating.fields_of(env, "dynamic")


# --------------------------------------------------------------------------- offices


def test_office_fields_and_validation() -> None:
    office = Office(name=" Ủy ban nhân dân\nphường Hải Đăng ", locality="Hải Đăng", symbol="UBND")
    assert office.fields()["co_quan"] == "Ủy ban nhân dân\nphường Hải Đăng"
    assert office.name_in_text == "Ủy ban nhân dân phường Hải Đăng"
    assert office.symbol_for("TB") == "TB-UBND"
    assert office.symbol_for() == "UBND"
    decomposed = Office(name=unicodedata.normalize("NFD", "Ủy ban"), locality=unicodedata.normalize("NFD", "Hải Đăng"))
    assert decomposed.name == "Ủy ban"
    assert decomposed.locality == "Hải Đăng"
    with pytest.raises(ValueError, match="no symbol"):
        decomposed.symbol_for("TB")
    with pytest.raises(ValueError, match="must not be empty"):
        Office(name=" ", locality="Hải Đăng")
    with pytest.raises(ValueError, match="single line"):
        Office(name="UBND", locality="Hải\nĐăng")
    with pytest.raises(ValueError, match="abbreviation"):
        Office(name="UBND", locality="Hải Đăng", symbol="UB ND")
    with pytest.raises(TypeError):
        Office(name=None, locality="Hải Đăng")


@pytest.mark.parametrize(
    ("signer", "lines"),
    [
        (Signer("Võ Thị Hạnh", "Chủ tịch"), ("CHỦ TỊCH",)),
        (
            Signer("Võ Thị Hạnh", "Chủ tịch", authority="TM.", on_behalf_of="Ủy ban nhân dân"),
            ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        ),
        (
            Signer("Lê Minh Quân", "Phó Giám đốc", authority="KT.", on_behalf_of="Giám đốc"),
            ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        ),
        (
            Signer(
                "Lê Minh Quân", "Phó Chủ tịch", authority="KT.", on_behalf_of="Chủ tịch", collective="Ủy ban nhân dân"
            ),
            ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ),
        (Signer("Đỗ Văn Lợi", "Giám đốc", authority="Q."), ("Q. GIÁM ĐỐC",)),
        (
            Signer("Đỗ Văn Lợi", "Chánh Văn phòng", authority="TL.", on_behalf_of="Chủ tịch"),
            ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
        ),
        (
            Signer("Đỗ Văn Lợi", "Chánh Văn phòng", authority="TUQ.", on_behalf_of="Chủ tịch"),
            ("TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
        ),
    ],
)
def test_signature_blocks(signer: Signer, lines: tuple[str, ...]) -> None:
    assert signer.lines == lines
    assert signer.authority in AUTHORITIES
    assert signer.fields() == {"chu_ky": list(lines), "nguoi_ky": signer.name}


def test_signer_validation() -> None:
    with pytest.raises(ValueError, match="must be one of"):
        Signer("A", "Chủ tịch", authority="P.")
    with pytest.raises(ValueError, match="needs on_behalf_of"):
        Signer("A", "Phó Chủ tịch", authority="KT.")
    with pytest.raises(ValueError, match="not used"):
        Signer("A", "Giám đốc", authority="Q.", on_behalf_of="Giám đốc")
    with pytest.raises(ValueError, match="not used"):
        Signer("A", "Chủ tịch", on_behalf_of="Ủy ban nhân dân")
    with pytest.raises(ValueError, match=re.escape("only used with authority='KT.'")):
        Signer("A", "Chủ tịch", authority="TM.", on_behalf_of="Ủy ban nhân dân", collective="Ủy ban nhân dân")
    with pytest.raises(ValueError, match="must not be empty"):
        Signer("", "Chủ tịch")
    # The name is printed as given: no title-casing, no honours added.
    assert Signer("lê minh QUÂN", "Chủ tịch").name == "lê minh QUÂN"


def test_an_unknown_field_is_reported_before_its_type() -> None:
    """A field the template never uses is the mistake to report, whatever its value."""
    fields = example_fields("chuc-mung-ket-hon")
    with pytest.raises(UnknownFieldError, match="'nam_sinh'") as info:
        render("chuc-mung-ket-hon", **fields, nam_sinh=1.5)
    assert not isinstance(info.value, letters.FieldTypeError)
    with pytest.raises(UnknownFieldError, match="'ten_con'"):
        render("chuc-mung-ket-hon", **{**fields, "ngay": "hôm nay"}, ten_con=5)  # a wrong type elsewhere too


def test_a_value_nested_too_deeply_is_an_error_naming_the_field() -> None:
    deep: list[Any] = []
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(letters.InvalidFieldError, match="field 'ly_do' is nested too deeply"):
        render("phieu-tu-choi", **{**example_fields("phieu-tu-choi"), "ly_do": deep})


def test_a_misspelt_field_is_an_error_with_a_suggestion() -> None:
    fields = example_fields("chuc-mung-ket-hon")
    fields["cach_goii"] = fields.pop("cach_goi", "anh chị")
    with pytest.raises(UnknownFieldError, match=r"'cach_goii' \(did you mean 'cach_goi'\?\)") as info:
        render("chuc-mung-ket-hon", **fields)
    assert info.value.fields == ("cach_goii",)
    assert isinstance(info.value, TypeError)  # as for an unexpected keyword argument


def test_every_example_field_is_used_by_its_template() -> None:
    for name in TEMPLATES:
        for fmt in ("text", "html"):
            used = required_fields(name, fmt) | optional_fields(name, fmt) | {"bieu_mau"}
            assert set(example_fields(name)) <= used, name


# --------------------------------------------------------------------------- None, wrong types, control characters


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("name", "field"), REQUIRED)
def test_none_in_a_required_field_is_a_missing_field(name: str, field: str, fmt: str) -> None:
    fields = example_fields(name)
    fields[field] = None
    with pytest.raises(MissingFieldError) as info:
        render(name, fmt, **fields)  # type: ignore[arg-type]
    assert info.value.fields == (field,)


@pytest.mark.parametrize(("name", "field"), OPTIONAL)
def test_none_in_an_optional_field_means_not_given(name: str, field: str) -> None:
    given_none = example_fields(name)
    given_none[field] = None
    left_out = example_fields(name)
    del left_out[field]
    for fmt in FORMATS:
        out = render(name, fmt, **given_none)  # type: ignore[arg-type]
        assert out == render(name, fmt, **left_out)  # type: ignore[arg-type]
        assert "None" not in out
        assert "NONE" not in out


TEXT_OPTIONAL = [
    (name, field)
    for name in TEMPLATES
    for field in sorted(optional_fields(name))
    if isinstance(example_fields(name).get(field, ""), str) and field != "bieu_mau"
]


@pytest.mark.parametrize(("name", "field"), TEXT_OPTIONAL)
def test_a_blank_optional_field_means_not_given(name: str, field: str) -> None:
    """Whitespace from an empty web-form input leaves no hole ("Số: /UBND-TP"): it is a field left out."""
    given_blank = example_fields(name)
    given_blank[field] = " \t "
    left_out = example_fields(name)
    left_out.pop(field, None)
    for fmt in FORMATS:
        assert render(name, fmt, **given_blank) == render(name, fmt, **left_out)  # type: ignore[arg-type]


def test_the_holes_blank_optional_fields_used_to_leave() -> None:
    fields = {**example_fields("chuc-mung-ket-hon"), "ky_hieu": "UBND-TP", "so": "  "}
    assert "Số: ……/UBND-TP" in render("chuc-mung-ket-hon", **fields)
    condolence = {**example_fields("chia-buon-khai-tu"), "cach_goi": "   "}
    out = words(render("chia-buon-khai-tu", **condolence))
    assert "gửi tới gia đình bà cùng toàn thể gia quyến" in out  # from kinh_gui, as when left out
    # Inside a dict: a blank optional key prints no empty line, a blank required key is named.
    receipt = example_fields("giay-tiep-nhan")
    receipt["uy_quyen"] = {"ho_ten": "Lê Văn An", "email": "  ", "dia_chi": "\t"}
    out = render("giay-tiep-nhan", **receipt)
    assert "Lê Văn An" in out
    assert "Email:" not in out.split("người ủy quyền")[1]
    assert not re.search(r"Địa chỉ:\s*$", out, re.M)
    receipt["uy_quyen"] = {"ho_ten": "  "}
    with pytest.raises(MissingFieldError, match=r"'ho_ten' in uy_quyen .*\(given empty\)"):
        render("giay-tiep-nhan", **receipt)


def test_blank_fields_in_a_template_string() -> None:
    with pytest.raises(MissingFieldError, match=r"'ten' is undefined \(given empty\)"):
        render_string("{{ ten }}", ten="  ")
    assert render_string("{{ ten|default('không có') }}", ten=" ") == "không có"


def test_a_misspelt_field_given_blank_is_still_reported() -> None:
    with pytest.raises(UnknownFieldError, match=r"'cach_goii' \(did you mean 'cach_goi'\?\)"):
        render("chia-buon-khai-tu", **example_fields("chia-buon-khai-tu"), cach_goii=" ")


def _blank(value: Any) -> Any:
    return [] if isinstance(value, list) else "  " if isinstance(value, str) else None


BLANKABLE = [(n, f) for n, f in REQUIRED if _blank(example_fields(n)[f]) is not None]


@pytest.mark.parametrize(("name", "field"), BLANKABLE)
def test_a_blank_required_field_is_a_missing_field(name: str, field: str) -> None:
    fields = example_fields(name)
    fields[field] = _blank(fields[field])
    for fmt in FORMATS:
        with pytest.raises(MissingFieldError, match="given empty") as info:
            render(name, fmt, **fields)  # type: ignore[arg-type]
        assert info.value.fields == (field,)


@pytest.mark.parametrize(
    ("name", "field", "law"),
    [
        ("phieu-tu-choi", "ly_do", r"Decree 61/2018/NĐ-CP Art\. 17\(1\)\(b\) 'phải nêu rõ lý do'"),
        ("phieu-yeu-cau-bo-sung", "ly_do", r"Decree 61/2018/NĐ-CP Art\. 17\(1\)\(a\)"),
        ("phieu-yeu-cau-bo-sung", "noi_dung_bo_sung", r"Decree 118/2025/NĐ-CP Art\. 19\(5\)"),
        ("phieu-xin-loi", "ly_do", r"Decree 118/2025/NĐ-CP Art\. 19\(6\)"),
    ],
)
def test_the_reasons_the_law_requires_cannot_be_empty(name: str, field: str, law: str) -> None:
    for empty in ("", " \n\t", []):
        fields = example_fields(name)
        if isinstance(empty, list) != isinstance(fields[field], list):
            continue
        fields[field] = empty
        with pytest.raises(MissingFieldError, match=law):
            render(name, **fields)


def _wrong(value: Any) -> Any:
    """A value of the wrong type for a field whose example is *value*."""
    if isinstance(value, str):
        return 12345
    if isinstance(value, (date, datetime)):
        return "2026-03-05"
    if isinstance(value, list):
        return "một chuỗi"
    raise AssertionError(f"no wrong value for {value!r}")


@pytest.mark.parametrize(("name", "field"), REQUIRED)
def test_a_wrong_type_in_a_required_field_is_an_error_naming_it(name: str, field: str) -> None:
    fields = example_fields(name)
    fields[field] = _wrong(fields[field])
    for fmt in FORMATS:
        with pytest.raises(letters.FieldTypeError, match=f"field '{field}' must be") as info:
            render(name, fmt, **fields)  # type: ignore[arg-type]
        assert info.value.field == field
        assert isinstance(info.value, TypeError)
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, motcua.MotcuaError)


def test_shapes_inside_lists_are_checked() -> None:
    fields = example_fields("chuc-mung-ket-hon")
    # A bare str would print the signature block one letter per line.
    with pytest.raises(letters.FieldTypeError, match=r"'chu_ky' must be a list of str lines"):
        render("chuc-mung-ket-hon", **{**fields, "chu_ky": "PHÓ CHỦ TỊCH"})
    with pytest.raises(letters.FieldTypeError, match=r"'chu_ky\[1\]' must be a str"):
        render("chuc-mung-ket-hon", **{**fields, "chu_ky": ["TM. ỦY BAN NHÂN DÂN", None]})
    with pytest.raises(letters.FieldTypeError, match=r"'kinh_gui\[0\]' must be a dict"):
        render("chuc-mung-ket-hon", **{**fields, "kinh_gui": ["Trần Minh Khoa"]})
    with pytest.raises(letters.FieldTypeError, match=r"'kinh_gui\[1\]\.xung_ho' must be a str"):
        render("chuc-mung-ket-hon", **{**fields, "kinh_gui": [fields["kinh_gui"][0], {"xung_ho": 1, "ho_ten": "A"}]})
    with pytest.raises(MissingFieldError, match=r"missing field 'ho_ten' in kinh_gui\[0\]") as info:
        render("chuc-mung-ket-hon", **{**fields, "kinh_gui": [{"xung_ho": "Anh", "ho_ten": None}]})
    assert info.value.within == "kinh_gui[0]"
    with pytest.raises(UnknownFieldError, match=r"'xungho' \(did you mean 'xung_ho'\?\) in kinh_gui\[0\]"):
        render("chuc-mung-ket-hon", **{**fields, "kinh_gui": [{"xungho": "Anh", "ho_ten": "Trần Minh Khoa"}]})
    # A form of address given as None is one not given.
    out = words(render("chuc-mung-ket-hon", **{**fields, "kinh_gui": [{"xung_ho": None, "ho_ten": "Trần Minh Khoa"}]}))
    assert "Kính gửi: Gia đình Trần Minh Khoa" in out
    assert "None" not in out
    receipt = example_fields("giay-tiep-nhan")
    receipt["thanh_phan_ho_so"] = [{"ban_chinh": 1}]
    with pytest.raises(MissingFieldError, match=r"missing field 'ten' in thanh_phan_ho_so\[0\]"):
        render("giay-tiep-nhan", **receipt)
    receipt["thanh_phan_ho_so"] = [{"ten": "Tờ khai", "ban_chinh": "một"}]
    with pytest.raises(letters.FieldTypeError, match=r"'thanh_phan_ho_so\[0\]\.ban_chinh' must be a whole number"):
        render("giay-tiep-nhan", **receipt)
    receipt["thanh_phan_ho_so"] = ["Tờ khai", " "]
    with pytest.raises(MissingFieldError, match=r"'thanh_phan_ho_so\[1\]' \(see .*\) \(given empty\)"):
        render("giay-tiep-nhan", **receipt)
    supplement = example_fields("phieu-yeu-cau-bo-sung")
    supplement["noi_dung_bo_sung"] = [{"ten": None}]
    with pytest.raises(MissingFieldError, match=r"'ten' in noi_dung_bo_sung\[0\]"):
        render("phieu-yeu-cau-bo-sung", **supplement)
    control = example_fields("phieu-kiem-soat")
    control["cac_buoc"][0]["thoi_diem"] = "24/04/2026"
    with pytest.raises(letters.FieldTypeError, match=r"'cac_buoc\[0\]\.thoi_diem' must be a datetime"):
        render("phieu-kiem-soat", **control)
    condolence = example_fields("chia-buon-khai-tu")
    for bad in (True, -1, "88"):
        with pytest.raises(letters.FieldTypeError, match="'tuoi' must be a whole number"):
            render("chia-buon-khai-tu", **{**condolence, "tuoi": bad})
    with pytest.raises(letters.FieldTypeError, match="'nhac_nho' must be True or False"):
        render("chuc-mung-khai-sinh", **{**example_fields("chuc-mung-khai-sinh"), "nhac_nho": "không"})


def test_an_override_may_use_keys_of_its_own_inside_lists(tmp_path: Path) -> None:
    (tmp_path / "phieu-kiem-soat.txt.j2").write_text(
        '{% extends "motcua:phieu-kiem-soat.txt.j2" %}{% block ky %}'
        "{% for buoc in cac_buoc %}{{ buoc.y_kien|default('') }}{% endfor %}{% endblock %}",
        encoding="utf-8",
    )
    fields = example_fields("phieu-kiem-soat")
    fields["cac_buoc"][0]["y_kien"] = "Đồng ý"
    assert "Đồng ý" in Letters([tmp_path]).render("phieu-kiem-soat", **fields)
    with pytest.raises(UnknownFieldError, match=r"'y_kien' in cac_buoc\[0\]"):
        render("phieu-kiem-soat", **fields)


CONTROL = ["\x00", "\x07", "\x1b", "\x0b", "\x0c", "\x7f", "\ufffe"]


@pytest.mark.parametrize("char", CONTROL)
@pytest.mark.parametrize("name", TEMPLATES)
def test_control_characters_are_refused_naming_the_field(name: str, char: str) -> None:
    fields = example_fields(name)
    field = NAME_FIELDS[name]
    fields[field] = f"Trần{char}Bình"
    for fmt in FORMATS:
        with pytest.raises(letters.InvalidFieldError, match=f"field '{field}' contains the control character") as info:
            render(name, fmt, **fields)  # type: ignore[arg-type]
        assert info.value.field == field
        assert isinstance(info.value, ValueError)
        assert isinstance(info.value, motcua.MotcuaError)
    with pytest.raises(letters.InvalidFieldError):
        render_string("{{ ten }}", ten=f"A{char}")


def test_control_characters_inside_lists_and_in_word_output() -> None:
    fields = example_fields("chuc-mung-ket-hon")
    fields["kinh_gui"][1]["ho_ten"] = "Phạm\x1bThu Hà"
    with pytest.raises(letters.InvalidFieldError, match=r"'kinh_gui\[1\]\.ho_ten' contains .* U\+001B at position 4"):
        render("chuc-mung-ket-hon", **fields)
    # Word output fails with motcua's error, before python-docx's raw ValueError.
    with pytest.raises(letters.InvalidFieldError, match="kinh_gui"):
        letters.render_docx("chuc-mung-ket-hon", **fields)
    # Tabs and newlines are text.
    fields = example_fields("phieu-tu-choi")
    fields["ly_do"] = "Thiếu giấy tờ:\n\t- Tờ khai"
    assert "Thiếu giấy tờ:" in render("phieu-tu-choi", **fields)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_carriage_returns_from_web_forms_are_line_breaks(newline: str) -> None:
    """A textarea posts CR LF (an old Mac a lone CR): the text is the same as with a plain newline."""
    crlf, lf = example_fields("phieu-tu-choi"), example_fields("phieu-tu-choi")
    crlf["ly_do"] = f"Thiếu giấy tờ:{newline}- Tờ khai{newline}- Bản sao{newline}"
    lf["ly_do"] = "Thiếu giấy tờ:\n- Tờ khai\n- Bản sao\n"
    for fmt in FORMATS:
        out = render("phieu-tu-choi", fmt, **crlf)
        assert out == render("phieu-tu-choi", fmt, **lf)
        assert "\r" not in out
    assert render_string("{{ a }}", a=f"x{newline}y") == "x\ny"
    nested = example_fields("chuc-mung-ket-hon")
    nested["kinh_gui"][0]["ho_ten"] = f"Trần{newline}Minh Khoa"  # inside a list of dicts too
    assert "\r" not in render("chuc-mung-ket-hon", **nested)


def test_a_none_printed_by_a_template_is_an_error_not_a_blank() -> None:
    with pytest.raises(ValueError, match="printed None"):
        render_string("{{ x[0] }}", x=[None])
    with pytest.raises(MissingFieldError, match="'ten'"):
        render_string("{{ ten }}", ten=None)  # None is "not given"


def test_render_string_reports_an_unknown_template_as_motcua_error() -> None:
    with pytest.raises(TemplateNotFoundError, match=re.escape("'khong-co.txt.j2', which does not exist")) as info:
        render_string('{% extends "khong-co.txt.j2" %}')
    assert not isinstance(info.value, jinja2.TemplateNotFound)
    assert isinstance(info.value, LookupError)
    with pytest.raises(TemplateNotFoundError, match="khong-co"):
        render_string('{% include "khong-co.html.j2" %}', "html")


def test_the_example_hint_is_given_only_for_fields_of_the_example(tmp_path: Path) -> None:
    (tmp_path / "chuc-mung-khai-sinh.txt.j2").write_text(
        '{% extends "motcua:chuc-mung-khai-sinh.txt.j2" %}{% block trich_yeu %}{{ loi_chuc }}{% endblock %}',
        encoding="utf-8",
    )
    custom = Letters([tmp_path])
    fields = example_fields("chuc-mung-khai-sinh")
    with pytest.raises(MissingFieldError) as info:
        custom.render("chuc-mung-khai-sinh", **fields)
    assert str(info.value) == "chuc-mung-khai-sinh: missing field 'loi_chuc'"
    del fields["ten_con"]
    with pytest.raises(MissingFieldError, match=re.escape("(see example_fields('chuc-mung-khai-sinh'))")):
        custom.render("chuc-mung-khai-sinh", **fields, loi_chuc="Chào mừng")


# --------------------------------------------------------------------------- dates


def test_months_one_and_two_are_padded_in_a_rendered_letter_and_notice() -> None:
    # Decree 30/2020 Appendix I §II.4(b): days below 10 and months 1 and 2 take a leading zero.
    fields = example_fields("chuc-mung-ket-hon")
    fields.update(ngay=date(2026, 2, 9), ngay_dang_ky=date(2026, 1, 5))
    text = words(render("chuc-mung-ket-hon", **fields))
    assert "Hải Đăng, ngày 09 tháng 02 năm 2026" in text
    assert "đăng ký kết hôn ngày 05 tháng 01 năm 2026" in text
    assert "Hải Đăng, ngày 09 tháng 02 năm 2026" in render("chuc-mung-ket-hon", "html", **fields)
    fields.update(ngay=date(2026, 3, 9), ngay_dang_ky=date(2026, 11, 5))
    text = words(render("chuc-mung-ket-hon", **fields))
    assert "ngày 09 tháng 3 năm 2026" in text
    assert "ngày 05 tháng 11 năm 2026" in text
    notice = example_fields("thong-bao-dung")
    notice.update(
        ngay=date(2026, 2, 3),
        ngay_tiep_nhan=datetime(2026, 1, 28, 9, 0),
        thoi_diem_dung=datetime(2026, 2, 3, 14, 0),
        ly_do="Ông đề nghị dừng giải quyết hồ sơ ngày 03 tháng 02 năm 2026",
    )
    text = words(render("thong-bao-dung", **notice))
    assert "được tiếp nhận vào 09 giờ 00 phút, ngày 28 tháng 01 năm 2026." in text
    assert "kể từ 14 giờ 00 phút, ngày 03 tháng 02 năm 2026, vì lý do" in text


def test_aware_moments_are_printed_in_vietnam_time() -> None:

    # 20:00 UTC on 1 March is 03:00 on 2 March in Vietnam: both the solar and the lunar date of 2 March.
    death = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
    assert _templating.ngay(death) == "ngày 02 tháng 3 năm 2026"
    assert _templating.am_lich(death) == "ngày 14 tháng Giêng năm Bính Ngọ"
    assert _templating.am_lich(datetime(2026, 3, 1, 20, 0)) == "ngày 13 tháng Giêng năm Bính Ngọ"  # naive = local
    fields = example_fields("chia-buon-khai-tu")
    fields["ngay_mat"] = death
    out = words(render("chia-buon-khai-tu", **fields))
    assert "đã từ trần ngày 02 tháng 3 năm 2026 (tức ngày 14 tháng Giêng năm Bính Ngọ)" in out
    assert _templating.thoi_diem(death) == "03 giờ 00 phút, ngày 02 tháng 03 năm 2026"
    assert _templating.thoi_diem_vb(death) == "03 giờ 00 phút, ngày 02 tháng 3 năm 2026"
    # The end of a Vietnam day, given in UTC, is still "the day, without a time".
    end = datetime(2026, 5, 4, 16, 59, 59, 999999, tzinfo=UTC)
    assert _templating.thoi_diem(end) == "ngày 04 tháng 05 năm 2026"
    assert _templating.thoi_diem_vb(date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    with pytest.raises(TypeError):
        _templating.thoi_diem_vb("2026-01-05")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- wording


def test_the_marriage_letter_is_short_and_bolds_only_the_names() -> None:
    fields = example_fields("chuc-mung-ket-hon")
    text = words(render("chuc-mung-ket-hon", **fields))
    assert "vui mừng chúc mừng" not in text
    assert text.count("chúc mừng") == 1  # said once, not repeated paragraph after paragraph
    assert (
        "Nhân dịp anh Trần Minh Khoa và chị Phạm Thu Hà đăng ký kết hôn ngày 20 tháng 3 năm 2026, "
        "Ủy ban nhân dân phường Hải Đăng xin gửi tới anh chị lời chúc mừng nồng nhiệt nhất." in text
    )
    assert "Chúc anh chị trăm năm hạnh phúc" in text
    page = render("chuc-mung-ket-hon", "html", **fields)
    assert "anh <b>Trần Minh Khoa</b> và chị <b>Phạm Thu Hà</b>" in page
    assert not re.search(r"<b>(anh|chị|Anh|Chị)\b", page)
    hostile = {**fields, "kinh_gui": [{"xung_ho": "<i>Anh</i>", "ho_ten": "Trần & <Con>"}]}
    page = render("chuc-mung-ket-hon", "html", **hostile)
    assert "&lt;i&gt;Anh&lt;/i&gt; <b>Trần &amp; &lt;Con&gt;</b>" in page


def test_the_supplement_request_does_not_assert_the_officer_duty() -> None:
    out = words(render("phieu-yeu-cau-bo-sung", **example_fields("phieu-yeu-cau-bo-sung")))
    assert "trong một lần" not in out
    assert "Nếu có vướng mắc, Ông liên hệ Trần Thị Thu, số điện thoại 0236 3000 111 để được hướng dẫn." in out


def test_text_output_keeps_the_spaces_inside_names_in_running_text() -> None:
    """Names keep their exact characters: re-wrapping a paragraph joins the template's line breaks only."""
    fields = example_fields("chuc-mung-ket-hon")
    fields["kinh_gui"][0]["ho_ten"] = "Trần  Minh   Khoa"
    lines = render("chuc-mung-ket-hon", **fields).splitlines()
    assert any(line.strip() == "Kính gửi: Anh Trần  Minh   Khoa và chị Phạm Thu Hà" for line in lines)
    # The body paragraph (filter doan), not only the centred "Kính gửi" line.
    assert any(line.startswith("    Nhân dịp anh Trần  Minh   Khoa và chị Phạm Thu Hà") for line in lines)
    # A labelled line of a slip (filter treo) too.
    slip = {**example_fields("phieu-kiem-soat"), "nguoi_nop": "Phạm  Văn Bình"}
    assert "Kèm theo hồ sơ của: Ông Phạm  Văn Bình" in render("phieu-kiem-soat", **slip).splitlines()
    # The template's own line breaks, with the spaces around them, still join as one space.
    assert _templating.doan("a\n   b  c\n\nd", 0) == "a b  c d\n"
    assert _templating.treo("Tên:  A  B\n  x") == "Tên:  A  B\n  x\n"


def test_word_output_keeps_the_spaces_inside_names() -> None:
    docx = pytest.importorskip("docx")
    fields = example_fields("chuc-mung-ket-hon")
    fields["kinh_gui"][0]["ho_ten"] = "Trần  Minh   Khoa"
    document = docx.Document(io.BytesIO(letters.render_docx("chuc-mung-ket-hon", **fields)))
    texts = [p.text for p in document.paragraphs]
    assert "Kính gửi: Anh Trần  Minh   Khoa và chị Phạm Thu Hà" in texts
    assert any(t.startswith("Nhân dịp anh Trần  Minh   Khoa và chị") for t in texts)
    # The template's own line breaks still read as single spaces.
    assert not any("  " in t for t in texts if "Khoa" not in t)
    assert not any(t != t.strip() for t in texts)
