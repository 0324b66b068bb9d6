"""Example fields for every shipped template: a fictitious ward, its one-stop centre and residents.

The ward ("phường Hải Đăng", Đà Nẵng), its officials and every person here are made up; the
structure (a People's Committee letterhead, a vice-chair signing "TM. … / KT. CHỦ TỊCH", a
commune-level public administration service centre under the ward since the two-tier
government of 1/7/2025) is the real one. The dossier is a request for a marital status
certificate (procedure 1.004873, 3 working days) received on Friday 24/4/2026, due Monday 4/5/2026
after the Giỗ Tổ, 30/4 and 1/5 days off. Used by docs, notebooks and the golden-file tests.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .offices import Office, Signer

__all__ = ["CENTRE", "CHAIR", "VICE_CHAIR", "WARD", "examples"]

WARD = Office(
    name="Ủy ban nhân dân\nphường Hải Đăng",
    locality="Hải Đăng",
    symbol="UBND",
    address="Số 1 đường Biển Xanh, phường Hải Đăng, thành phố Đà Nẵng",
    email="ubnd-haidang@example.org",
)
CENTRE = Office(
    name="Trung tâm Phục vụ\nhành chính công",
    parent_body="Ủy ban nhân dân\nphường Hải Đăng",
    locality="Hải Đăng",
    symbol="TTPVHCC",
    address="Số 1 đường Biển Xanh, phường Hải Đăng, thành phố Đà Nẵng",
)
VICE_CHAIR = Signer(
    "Lê Minh Quân", "Phó Chủ tịch", authority="KT.", on_behalf_of="Chủ tịch", collective="Ủy ban nhân dân"
)
CHAIR = Signer("Võ Thị Hạnh", "Chủ tịch", authority="TM.", on_behalf_of="Ủy ban nhân dân")

_CODE = "000.00.11.H17-260424-0012"
_PROCEDURE = "Cấp Giấy xác nhận tình trạng hôn nhân"
_APPLICANT: dict[str, Any] = {
    "nguoi_nop": "Phạm Văn Bình",
    "xung_ho": "Ông",
    "dia_chi": "Tổ 12, phường Hải Đăng, thành phố Đà Nẵng",
    "so_dien_thoai": "0905 000 123",
    "email": "",
    "so_giay_to": "048090000123",
    "noi_dung_yeu_cau": _PROCEDURE,
}
_RECEIVED = datetime(2026, 4, 24, 9, 0)
_DUE = datetime(2026, 5, 4, 17, 0)


def examples() -> dict[str, dict[str, Any]]:
    """A fresh dictionary of example fields, by template name."""
    ward = WARD.fields()
    centre = CENTRE.fields()
    return {
        "chuc-mung-khai-sinh": {
            **ward,
            **VICE_CHAIR.fields(),
            "ngay": date(2026, 3, 13),
            "kinh_gui": [
                {"xung_ho": "Anh", "ho_ten": "Nguyễn Văn Hùng"},
                {"xung_ho": "Chị", "ho_ten": "Lê Thị Mai"},
            ],
            "ten_con": "Nguyễn Lê Bảo An",
            "ngay_sinh": date(2026, 3, 5),
            "ngay_dang_ky": date(2026, 3, 12),
            "nhac_nho": True,
        },
        "chuc-mung-ket-hon": {
            **ward,
            **VICE_CHAIR.fields(),
            "ngay": date(2026, 3, 20),
            "kinh_gui": [
                {"xung_ho": "Anh", "ho_ten": "Trần Minh Khoa"},
                {"xung_ho": "Chị", "ho_ten": "Phạm Thu Hà"},
            ],
            "ngay_dang_ky": date(2026, 3, 20),
        },
        "chia-buon-khai-tu": {
            **ward,
            **CHAIR.fields(),
            "ngay": date(2026, 3, 5),
            "kinh_gui": [{"xung_ho": "Gia đình bà", "ho_ten": "Nguyễn Thị Lan"}],
            "cach_goi": "gia đình",
            "xung_ho_nguoi_mat": "cụ",
            "nguoi_mat": "Trần Văn Tư",
            "nam_sinh": 1938,
            "ngay_mat": date(2026, 3, 2),
            "tuoi": 88,
            "noi_nhan": ["Như trên", "Ban công tác Mặt trận tổ dân phố 12", "Lưu: VT"],
        },
        "giay-tiep-nhan": {
            **centre,
            **_APPLICANT,
            "ngay": _RECEIVED.date(),
            "ma_ho_so": _CODE,
            "thanh_phan_ho_so": [
                {"ten": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "ban_chinh": 1},
                {"ten": "Bản sao trích lục ghi chú ly hôn", "ban_sao": 1},
            ],
            "so_bo_ho_so": 1,
            "thoi_gian_giai_quyet": "03 ngày làm việc",
            "thoi_diem_nhan": _RECEIVED,
            "thoi_diem_tra": _DUE,
            "noi_tra_ket_qua": "Trung tâm Phục vụ hành chính công phường Hải Đăng",
            "so_quyen": "02",
            "so_thu_tu": "0412",
            "nguoi_tiep_nhan": "Trần Thị Thu",
        },
        "phieu-yeu-cau-bo-sung": {
            **centre,
            **_APPLICANT,
            "ngay": date(2026, 4, 28),
            "ma_ho_so": _CODE,
            "noi_dung_bo_sung": [
                {"ten": "Bản sao Giấy chứng nhận kết hôn với người vợ trước", "ban_sao": 1},
                "Giấy tờ chứng minh việc ly hôn đã có hiệu lực pháp luật",
            ],
            "ly_do": "Tờ khai ghi đã ly hôn nhưng hồ sơ chưa có giấy tờ chứng minh việc ly hôn",
            "nguoi_huong_dan": "Trần Thị Thu",
            "dien_thoai_huong_dan": "0236 3000 111",
        },
        "phieu-tu-choi": {
            **centre,
            **_APPLICANT,
            "ngay": date(2026, 4, 29),
            "ma_ho_so": _CODE,
            "ly_do": (
                "Theo Cơ sở dữ liệu hộ tịch điện tử, người yêu cầu đang có đăng ký kết hôn chưa chấm dứt, nên "
                "không đủ điều kiện cấp Giấy xác nhận tình trạng hôn nhân để đăng ký kết hôn"
            ),
            "nguoi_tiep_nhan": "Trần Thị Thu",
        },
        "phieu-xin-loi": {
            **ward,
            **VICE_CHAIR.fields(),
            **_APPLICANT,
            "ngay": date(2026, 4, 29),
            "so": 15,
            "ky_hieu": "UBND-TP",
            "ma_ho_so": _CODE,
            "ngay_tiep_nhan": _RECEIVED,
            "han_tra_cu": _DUE,
            "ly_do": "Cần xác minh tình trạng hôn nhân của người yêu cầu tại nơi cư trú trước đây",
            "han_tra_moi": datetime(2026, 5, 7, 17, 0),
            "noi_nhan": ["Như trên", "Trung tâm Phục vụ hành chính công phường", "Lưu: VT, TP"],
        },
        "thong-bao-dung": {
            **ward,
            **VICE_CHAIR.fields(),
            **_APPLICANT,
            "ngay": date(2026, 4, 28),
            "so": 7,
            "ky_hieu": "TB-UBND",
            "ma_ho_so": _CODE,
            "ngay_tiep_nhan": _RECEIVED,
            "thoi_diem_dung": datetime(2026, 4, 28, 14, 0),
            "ly_do": (
                "Ông đề nghị dừng giải quyết hồ sơ ngày 28 tháng 4 năm 2026 (không còn nhu cầu sử dụng giấy xác nhận)"
            ),
            "giai_doan": "Hồ sơ đang được thẩm định, chưa có kết quả giải quyết",
            "tai_chinh": "Thủ tục không thu lệ phí; bản chính giấy tờ đã nộp được trả lại tại nơi tiếp nhận",
            "noi_nhan": ["Như trên", "Trung tâm Phục vụ hành chính công phường", "Lưu: VT, TP"],
        },
        "phieu-kiem-soat": {
            **centre,
            **_APPLICANT,
            "ngay": _RECEIVED.date(),
            "ma_ho_so": _CODE,
            "thoi_diem_nhan": _RECEIVED,
            "thoi_diem_tra": _DUE,
            "co_quan_giai_quyet": "Ủy ban nhân dân phường Hải Đăng (công chức Tư pháp - hộ tịch)",
            "cac_buoc": [
                {
                    "giao": "Trung tâm Phục vụ hành chính công",
                    "nhan": "Công chức Tư pháp - hộ tịch",
                    "thoi_diem": datetime(2026, 4, 24, 10, 15),
                    "nguoi_giao": "Trần Thị Thu",
                    "nguoi_nhan": "Đỗ Văn Lợi",
                    "ket_qua": "Trước hạn",
                },
                {
                    "giao": "Công chức Tư pháp - hộ tịch",
                    "nhan": "Lãnh đạo Ủy ban nhân dân phường",
                    "thoi_diem": datetime(2026, 4, 28, 15, 30),
                    "nguoi_giao": "Đỗ Văn Lợi",
                    "nguoi_nhan": "Lê Minh Quân",
                    "ket_qua": "Trước hạn",
                },
                {
                    "giao": "Lãnh đạo Ủy ban nhân dân phường",
                    "nhan": "Trung tâm Phục vụ hành chính công",
                    "thoi_diem": datetime(2026, 4, 29, 8, 45),
                    "ket_qua": "Trước hạn",
                    "ghi_chu": "Đã ký kết quả",
                },
            ],
        },
    }
