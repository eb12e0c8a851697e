"""The five seed meetings, the documents they cite, and the tasks their conclusions raised.

Plain data, no logic: ``danvan.demo.meetings_loader`` records it through the services.
Everything named here is written in the seed articles (``shared/seeds/``): dates, chairs,
attendees and their positions as written, the reports presented, the chair's conclusions
(cut into numbered items where the article lists them), and every document they cite.
What the articles do not say is marked ``# demo``: the hour of a meeting the article only
calls "sáng" or "chiều" (08:00 and 14:00), task deadlines and progress, and the lead unit
of a task where the conclusion addresses "các đơn vị".

Seed 003 writes the Politburo decision as both 290-QĐ/TW (title, award paragraph) and
209-QĐ/TW (lead, body); Quyết định 290-QĐ/TW of 25/02/2010 is the Quy chế công tác dân vận
(DOMAIN.md §2), so the register holds 290 and the minutes keep the article's words.
"""

from __future__ import annotations

from typing import Any

# --- documents cited by the seeds -------------------------------------------------------
# key: (type name, number, symbol, issuer code, issuer name, issued on, title, holder code)
DOCUMENTS: dict[str, dict[str, Any]] = {
    "CT18": {
        "type": "Chỉ thị",
        "number": "18",
        "symbol": "CT",
        "issuer_code": "TW",
        "issuer_name": "Ban Bí thư Trung ương Đảng",
        "issued_on": "2022-10-26",
        "title": "Về phát huy vai trò, nâng cao chất lượng, hiệu quả công tác giám sát, phản "
        "biện xã hội của Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội",
        "holder": "VN",
    },
    "KH138": {
        "type": "Kế hoạch",
        "number": "138",
        "symbol": "KH",
        "issuer_code": "QU",
        "issuer_name": "Quận ủy Hoàng Mai",
        "issuer_unit": "HN-HM-CU",
        "issued_on": "2023-01-31",
        "title": "Thực hiện Chỉ thị số 18-CT/TW ngày 26/10/2022 của Ban Bí thư Trung ương Đảng "
        "về phát huy vai trò, nâng cao chất lượng, hiệu quả công tác giám sát, phản biện xã "
        "hội của MTTQ Việt Nam và các tổ chức chính trị - xã hội",
        "holder": "HN-HM",
    },
    "CV507": {
        "type": "Công văn",
        "number": "507",
        "symbol": "CV",
        "issuer_code": "QU",
        "issuer_name": "Quận ủy Hoàng Mai",
        "issuer_unit": "HN-HM-CU",
        "issued_on": "2023-02-10",
        "title": "Về việc triển khai phong trào thi đua “Dân vận khéo” năm 2023",
        "holder": "HN-HM",
    },
    "TB187": {
        "type": "Thông báo",
        "number": "187",
        "symbol": "TB",
        "issuer_code": "QU",
        "issuer_name": "Quận ủy Hoàng Mai",
        "issuer_unit": "HN-HM-CU",
        "issued_on": "2023-02-10",
        "title": "Về phê duyệt nội dung giám sát phản biện xã hội và đóng góp ý kiến xây dựng "
        "Đảng, xây dựng chính quyền của UBMTTQ và các tổ chức chính trị - xã hội quận Hoàng "
        "Mai năm 2023",
        "holder": "HN-HM",
    },
    "QD217": {
        "type": "Quyết định",
        "number": "217",
        "symbol": "QĐ",
        "issuer_code": "TW",
        "issuer_name": "Bộ Chính trị",
        "issued_on": "2013-12-12",
        "title": "Ban hành Quy chế giám sát và phản biện xã hội của Mặt trận Tổ quốc Việt Nam "
        "và các đoàn thể chính trị - xã hội",
        "holder": "VN",
    },
    "QD218": {
        "type": "Quyết định",
        "number": "218",
        "symbol": "QĐ",
        "issuer_code": "TW",
        "issuer_name": "Bộ Chính trị",
        "issued_on": "2013-12-12",
        "title": "Ban hành Quy định về việc Mặt trận Tổ quốc Việt Nam, các đoàn thể chính trị - "
        "xã hội và Nhân dân tham gia góp ý xây dựng Đảng, xây dựng chính quyền",
        "holder": "VN",
    },
    "QD290": {
        "type": "Quyết định",
        "number": "290",
        "symbol": "QĐ",
        "issuer_code": "TW",
        "issuer_name": "Bộ Chính trị",
        "issued_on": "2010-02-25",
        "title": "Về việc ban hành Quy chế công tác dân vận của hệ thống chính trị",
        "holder": "VN",
    },
    "KL66": {
        "type": "Kết luận",
        "number": "66",
        "symbol": "KL",
        "issuer_code": "TW",
        "issuer_name": "Ban Bí thư",
        "issued_on": "2010-03-04",
        "title": "Về tiếp tục thực hiện Nghị quyết số 09 của Bộ Chính trị (khóa IX) về tăng "
        "cường sự lãnh đạo của Đảng đối với công tác cựu chiến binh Việt Nam trong giai đoạn "
        "cách mạng mới",
        "holder": "VN",
    },
    "CT43": {
        "type": "Chỉ thị",
        "number": "43",
        "symbol": "CT",
        "issuer_code": "TW",
        "issuer_name": "Ban Bí thư Trung ương Đảng",
        "issued_on": "2010-06-08",
        "title": "Tăng cường sự lãnh đạo của Đảng đối với công tác Hội Chữ thập đỏ Việt Nam",
        "holder": "VN",
    },
    "NQ09": {
        "type": "Nghị quyết",
        "number": "09",
        "symbol": "NQ",
        "issuer_code": "TW",
        "issuer_name": "Bộ Chính trị",
        "issued_on": None,
        "title": "Về tăng cường sự lãnh đạo của Đảng đối với công tác cựu chiến binh Việt Nam "
        "trong giai đoạn cách mạng mới (khóa IX)",
        "holder": "VN",
    },
    "KL114": {
        "type": "Kết luận",
        "number": "114",
        "symbol": "KL",
        "issuer_code": "TW",
        "issuer_name": "Ban Bí thư",
        "issued_on": None,
        "title": "Về nâng cao chất lượng, hiệu quả công tác dân vận của cơ quan nhà nước các cấp",
        "holder": "VN",
    },
    "CTR_TK_HM": {
        "type": "Chương trình",
        "number": "",
        "symbol": "CTr",
        "issuer_code": "QU",
        "issuer_name": "Quận ủy Hoàng Mai",
        "issuer_unit": "HN-HM-CU",
        "issued_on": None,
        "title": "Chương trình toàn khóa công tác dân vận nhiệm kỳ 2020-2025",
        "holder": "HN-HM",
    },
}

# (source, kind, target)
RELATIONS = [
    ("KH138", "implements", "CT18"),
    ("KL66", "implements", "NQ09"),
]

# (document, title, due on, done on, meeting key that did the review)
MILESTONES = [
    ("QD290", "Tổng kết 10 năm thực hiện", "2020-12-31", "2020-07-02", "TH-2020"),
    ("KL66", "Tổng kết 10 năm thực hiện", "2020-12-31", "2020-07-02", "TH-2020"),
    ("CT43", "Tổng kết 10 năm thực hiện", "2020-12-31", "2020-07-02", "TH-2020"),
    ("CT18", "Sơ kết 3 năm thực hiện", "2025-10-31", None, None),  # demo
]

# --- the series of monthly giao ban of the Hoàng Mai board ------------------------------
SERIES: dict[str, dict[str, Any]] = {
    "HM-GIAOBAN": {
        "name": "Giao ban công tác dân vận với MTTQ và các đoàn thể",
        "kind": "giao-ban-thang",
        "unit": "HN-HM-BDV",
        "recurrence": "monthly",
        "day_of_month": 23,
        "start_time": "08:00",  # demo
        "place": "Hội trường Quận ủy Hoàng Mai",  # demo
    }
}

# --- the five meetings ------------------------------------------------------------------
# attendee: (person full name or None, unit code or None, name as written, position as
# written, role). Roles: chu_tri, du_chi_dao, bao_cao, phat_bieu, ket_luan, thu_ky, du.
# task: (conclusion number, title, lead unit, co-units, deadline, progress, status, note)
MEETINGS: dict[str, dict[str, Any]] = {
    "HM-2023-02": {
        "seed": "000",
        "series": "HM-GIAOBAN",
        "kind": "giao-ban-thang",
        "title": "Hội nghị giao ban công tác Dân vận với Mặt trận Tổ quốc và các Đoàn thể "
        "tháng 2, triển khai nhiệm vụ công tác tháng 3/2023",
        "unit": "HN-HM-BDV",
        "co_organisers": [],
        "starts_at": "2023-02-23 08:00",  # demo hour
        "place": "Hội trường Quận ủy Hoàng Mai",  # demo
        "period": "2023-02",
        "attendees": [
            (
                "Khương Quốc Hưng",
                "HN-HM-BDV",
                "",
                "UVTV, Trưởng Ban Dân vận Quận ủy",
                "chu_tri",
            ),
            (None, "HN-HM-BDV", "Các đồng chí lãnh đạo Ban Dân vận Quận ủy", "", "bao_cao"),
            (
                None,
                "HN-HM-MTTQ",
                "Đại diện lãnh đạo MTTQ, các đoàn thể chính trị - xã hội Quận",
                "",
                "du",
            ),
            # demo: the seed does not name who kept the minutes.
            ("Nguyễn Thị Minh Thư", "HN-HM-BDV", "", "Chuyên viên Ban Dân vận Quận ủy", "thu_ky"),
        ],
        "agenda": [
            (
                "Báo cáo công tác dân vận tháng 2 và triển khai nhiệm vụ công tác tháng 3, các "
                "nhiệm vụ trọng tâm năm 2023",
                "Đại diện lãnh đạo Ban Dân vận Quận ủy",
                ["BC_THANG:HN-HM-BDV:2023-02"],
                ["KH138", "CV507", "TB187"],
            ),
            ("Thảo luận, đóng góp ý kiến", "Các đại biểu dự hội nghị", [], []),
            ("Phát biểu kết luận hội nghị", "Đồng chí Khương Quốc Hưng", [], []),
        ],
        "report_narrative": {
            "ket_qua": "Ban Dân vận Quận ủy và các đoàn thể chính trị đã thực hiện tốt, bám sát "
            "sự chỉ đạo của Quận ủy. Đăng ký các mô hình, điển hình thi đua “Dân vận khéo” năm "
            "2023 theo Công văn số 507-CV/QU ngày 10/02/2023 của Quận ủy. Tham mưu ban hành Kế "
            "hoạch số 138-KH/QU ngày 31/01/2023 của Quận ủy về thực hiện Chỉ thị số 18-CT/TW "
            "ngày 26/10/2022 của Ban Bí thư Trung ương Đảng; Thông báo số 187-TB/QU ngày "
            "10/02/2023 về phê duyệt nội dung giám sát phản biện xã hội năm 2023.",
            "phuong_huong": "Triển khai nhiệm vụ công tác tháng 3 và các hoạt động chào mừng 20 "
            "năm thành lập Quận (25/11/2003 - 25/11/2023).",
        },
        "opinions": [
            (
                "Các đại biểu dự hội nghị",
                "Các ý kiến phát biểu đã nhất trí cao với báo cáo đánh giá công tác dân vận và "
                "đóng góp các kết quả đã thực hiện cũng như một số nhiệm vụ trọng tâm trong thời "
                "gian tới sẽ triển khai theo kế hoạch.",
            )
        ],
        "concluded_by": "Khương Quốc Hưng",
        "conclusions": [
            "UB MTTQ và các Đoàn thể chính trị - xã hội quận tập trung thực hiện tốt các chủ "
            "trương đường lối của Đảng và pháp luật của nhà nước.",
            "Tuyên truyền, vận động đoàn viên hội viên và Nhân dân thực hiện tốt nội quy quy chế "
            "của cơ quan, đánh giá kết quả hoạt động từng tuần, từng tháng.",
            "Tham mưu tổ chức tốt kế hoạch nhiệm vụ của UB MTTQ và các đoàn thể gắn liền với "
            "việc thực hiện nhiệm vụ phát triển kinh tế và nhiệm vụ chính trị của Quận.",
        ],
        "tasks": [
            (
                1,
                "Quán triệt, thực hiện các chủ trương của Đảng, pháp luật của Nhà nước trong "
                "MTTQ và các đoàn thể quận",
                "HN-HM-MTTQ",
                ["HN-HM-CCB", "HN-HM-LHPN", "HN-HM-DTN", "HN-HM-CTD"],
                "2023-03-31",
                100,
                "hoan_thanh",
                "Đã quán triệt tại hội nghị Ban Thường trực mở rộng ngày 10/3/2023.",
            ),
            (
                2,
                "Đánh giá kết quả hoạt động từng tuần, từng tháng của MTTQ và các đoàn thể",
                "HN-HM-MTTQ",
                ["HN-HM-LHPN", "HN-HM-CCB"],
                "2023-03-20",
                60,
                "dang_thuc_hien",
                "Đã có mẫu đánh giá tuần; còn Hội CCB chưa gửi đánh giá tháng 3.",
            ),
            (
                3,
                "Xây dựng kế hoạch nhiệm vụ của UB MTTQ và các đoàn thể gắn với nhiệm vụ phát "
                "triển kinh tế - xã hội của Quận năm 2023",
                "HN-HM-MTTQ",
                [],
                "2023-03-15",
                0,
                "moi",
                "",
            ),
        ],
        "minutes": "Ngày 23/02/2023, Ban Dân vận Quận ủy tổ chức hội nghị giao ban đánh giá kết "
        "quả công tác tháng 2 và triển khai nhiệm vụ công tác tháng 3 năm 2023. Chủ trì: đồng "
        "chí Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận Quận ủy. Đại diện lãnh đạo Ban Dân vận "
        "trình bày báo cáo; hội nghị thống nhất đăng ký các mô hình “Dân vận khéo” năm 2023 theo "
        "Công văn số 507-CV/QU ngày 10/02/2023 của Quận ủy, tiếp tục thực hiện Kế hoạch số "
        "138-KH/QU ngày 31/01/2023 của Quận ủy về thực hiện Chỉ thị số 18-CT/TW ngày 26/10/2022 "
        "của Ban Bí thư Trung ương Đảng và Thông báo số 187-TB/QU ngày 10/02/2023.",
        "summary": "Đánh giá kết quả công tác tháng 2, triển khai nhiệm vụ tháng 3/2023; các "
        "hoạt động chào mừng 20 năm thành lập Quận.",
    },
    "HK-2022-10": {
        "seed": "001",
        "kind": "giao-ban-quy",
        "title": "Hội nghị giao ban 9 tháng đầu năm 2022 với Ủy ban Mặt trận Tổ quốc, các tổ "
        "chức chính trị - xã hội quận, triển khai nhiệm vụ trọng tâm 3 tháng cuối năm 2022",
        "unit": "HN-HK-CU",
        "co_organisers": [],
        "starts_at": "2022-10-06 08:00",  # demo hour
        "place": "Trụ sở Quận ủy Hoàn Kiếm",  # demo
        "period": "2022Q3",
        "attendees": [
            (
                "Đinh Hồng Phong",
                "HN-HK-CU",
                "",
                "Phó Bí thư Thường trực Quận ủy Hoàn Kiếm",
                "chu_tri",
            ),
            (None, "HN-HK-MTTQ", "Ủy ban Mặt trận Tổ quốc quận Hoàn Kiếm", "", "bao_cao"),
            (None, None, "Các tổ chức chính trị - xã hội quận", "", "du"),
            (None, "HN-HK-UBND", "Ủy ban nhân dân quận Hoàn Kiếm", "", "du"),
        ],
        "agenda": [
            (
                "Báo cáo kết quả công tác 9 tháng đầu năm 2022 của Ủy ban MTTQ, các tổ chức "
                "chính trị - xã hội quận",
                "Ủy ban MTTQ quận",
                [],
                [],
            ),
            (
                "Triển khai nhiệm vụ trọng tâm 3 tháng cuối năm 2022",
                "Đồng chí Đinh Hồng Phong",
                [],
                ["QD217", "QD218"],
            ),
        ],
        "opinions": [],
        "concluded_by": "Đinh Hồng Phong",
        "conclusions": [
            "Đẩy mạnh tuyên truyền, vận động đoàn viên, hội viên chấp hành các chủ trương, đường "
            "lối của Đảng, chính sách pháp luật của nhà nước và tích cực tham gia các phong trào, "
            "các cuộc vận động của địa phương, thực hiện có hiệu quả 07 Chương trình, 33 Đề án "
            "của Quận ủy.",
            "Rà soát các chỉ tiêu, nhiệm vụ công tác theo chương trình công tác năm của đơn vị "
            "cũng như các chỉ tiêu được giao theo ngành dọc cấp trên, đặc biệt là các chỉ tiêu "
            "đề ra trong Kế hoạch thực hiện Quyết định 217, 218 của Bộ Chính trị, đảm bảo yêu "
            "cầu, đúng tiến độ.",
            "Tiếp tục thực hiện có hiệu quả Chương trình phối hợp giữa Ban Thường trực Ủy ban "
            "MTTQ với Ban Thường vụ các tổ chức chính trị - xã hội quận năm 2022.",
            "UBND quận tiếp tục chỉ đạo Ban quản lý dự án đầu tư xây dựng quận và các đơn vị "
            "liên quan quan tâm để Quận đoàn sớm có trụ sở làm việc đảm bảo ổn định tổ chức.",
            "Chỉ đạo các phòng, ban, đơn vị chuyên môn phối hợp, tạo điều kiện đối với hoạt "
            "động của Ủy ban MTTQ, các tổ chức chính trị - xã hội quận, trong đó có giám sát, "
            "phản biện xã hội theo Quyết định 217 và Quyết định 218 của Bộ Chính trị; phối hợp "
            "chăm lo các đối tượng chính sách, đối tượng xã hội và Nhân dân dịp tết dương lịch "
            "2023.",
        ],
        "tasks": [
            (
                2,
                "Rà soát chỉ tiêu Kế hoạch thực hiện Quyết định 217, 218 của Bộ Chính trị năm 2022",
                "HN-HK-MTTQ",
                ["HN-HK-CCB", "HN-HK-LHPN", "HN-HK-DTN"],
                "2022-11-30",
                100,
                "hoan_thanh",
                "Đã rà soát, báo cáo Thường trực Quận ủy.",
            ),
            (
                4,
                "Bố trí trụ sở làm việc cho Quận đoàn Hoàn Kiếm",
                "HN-HK-UBND",
                ["HN-HK-DTN"],
                "2022-12-31",
                50,
                "dang_thuc_hien",
                "Ban quản lý dự án đã khảo sát 02 địa điểm, đang trình UBND quận.",
            ),
            (
                5,
                "Chăm lo các đối tượng chính sách, đối tượng xã hội dịp tết dương lịch 2023",
                "HN-HK-UBND",
                ["HN-HK-MTTQ"],
                "2022-12-31",
                100,
                "hoan_thanh",
                "Đã trao quà tới các đối tượng trước ngày 30/12/2022.",
            ),
        ],
        "minutes": "Ngày 6/10/2022, Phó Bí thư Thường trực Quận ủy Hoàn Kiếm Đinh Hồng Phong chủ "
        "trì hội nghị giao ban 9 tháng đầu năm 2022 với Ủy ban Mặt trận Tổ quốc, các tổ chức "
        "chính trị - xã hội quận. Hội nghị yêu cầu rà soát các chỉ tiêu đề ra trong Kế hoạch "
        "thực hiện Quyết định 217, 218 của Bộ Chính trị về giám sát, phản biện xã hội và tham "
        "gia góp ý xây dựng Đảng, xây dựng chính quyền.",
        "summary": "Các đơn vị đã hoàn thành các nội dung công tác 9 tháng đầu năm theo chương "
        "trình, kế hoạch.",
    },
    "TD-2021-07": {
        "seed": "002",
        "kind": "so-ket",
        "title": "Hội nghị sơ kết công tác Dân vận; việc thực hiện quy chế dân chủ ở cơ sở; "
        "phong trào thi đua “Dân vận khéo”; phối hợp hoạt động vận động quần chúng xây dựng và "
        "bảo vệ Tổ quốc 6 tháng đầu năm, triển khai phương hướng, nhiệm vụ 6 tháng cuối năm 2021",
        "unit": "NB-TD-CU",
        "co_organisers": ["NB-TD-BDV"],
        "starts_at": "2021-07-02 14:00",  # "Chiều 2/7": demo hour
        "place": "Phòng Hội thảo Nhà văn hóa thành phố",
        "period": "2021H1",
        "attendees": [
            ("Trần Thị Hồng Thanh", "NB-TD-CU", "", "Tỉnh ủy viên, PBTTT Thành ủy", "chu_tri"),
            (None, "NB-TD-BDV", "Ban Dân vận Thành ủy", "", "bao_cao"),
            (None, None, "Khối dân vận các xã, phường", "", "du"),
            (None, "NB-TD-MTTQ", "MTTQ và các đoàn thể thành phố", "", "du"),
        ],
        "agenda": [
            (
                "Báo cáo sơ kết công tác Dân vận 6 tháng đầu năm 2021",
                "Ban Dân vận Thành ủy",
                ["BC_6THANG:*NB-TD:2021H1"],
                [],
            ),
            (
                "Thống nhất nhiệm vụ trọng tâm 6 tháng cuối năm 2021",
                "Đồng chí Trần Thị Hồng Thanh",
                [],
                [],
            ),
        ],
        "opinions": [],
        "concluded_by": "Trần Thị Hồng Thanh",
        "conclusions": [
            "Nắm tình hình, tham mưu cho Thành ủy chỉ đạo việc tổ chức Đại hội Hội Liên hiệp phụ "
            "nữ, Hội Cựu TNXP, Hội Người mù, Hội Chữ thập đỏ và tổng kết nhiệm kỳ 2015-2021 của "
            "Hội Người cao tuổi thành phố.",
            "Phối hợp tham mưu cho Thành ủy tổ chức 01 lớp bồi dưỡng nghiệp vụ cho cán bộ chuyên "
            "trách làm công tác dân vận.",
            "Nắm tình hình hoạt động của các tôn giáo; tham mưu về việc xây dựng cốt cán phong "
            "trào trong các tôn giáo, chỉ đạo thực hiện nghiêm Luật Tín ngưỡng, tôn giáo.",
            "Rà soát các mô hình, điển hình “Dân vận khéo” và các chương trình phối hợp hoạt động "
            "đã ký kết; đánh giá kết quả hoạt động của các Ban Chỉ đạo cơ sở năm 2021.",
            "Tham mưu cho Ban chỉ đạo thực hiện QCDC ở cơ sở thành phố kiểm tra việc thực hiện "
            "QCDC ở cơ sở năm 2021 theo kế hoạch.",
            "Khảo sát, đánh giá công tác tham mưu của các Khối Dân vận cơ sở năm 2021.",
        ],
        "tasks": [
            (
                1,
                "Tham mưu tổ chức Đại hội Hội LHPN, Hội Cựu TNXP, Hội Người mù, Hội Chữ thập đỏ "
                "và tổng kết nhiệm kỳ 2015-2021 Hội Người cao tuổi thành phố",
                "NB-TD-BDV",
                ["NB-TD-LHPN", "NB-TD-CTD", "NB-TD-NCT"],
                "2021-12-31",
                100,
                "hoan_thanh",
                "Các đại hội đã tổ chức xong trong quý IV/2021.",
            ),
            (
                2,
                "Tổ chức 01 lớp bồi dưỡng nghiệp vụ cho cán bộ chuyên trách làm công tác dân vận",
                "NB-TD-BDV",
                [],
                "2021-11-30",
                100,
                "hoan_thanh",
                "Đã mở lớp ngày 18/11/2021, 96 học viên.",
            ),
            (
                4,
                "Rà soát các mô hình, điển hình “Dân vận khéo” năm 2021",
                "NB-TD-BDV",
                ["NB-TD-MTTQ"],
                "2021-12-15",
                100,
                "hoan_thanh",
                "Rà soát 42 mô hình; đề nghị khen thưởng 9 mô hình.",
            ),
            (
                6,
                "Khảo sát, đánh giá công tác tham mưu của các Khối Dân vận cơ sở năm 2021",
                "NB-TD-BDV",
                [],
                "2021-12-31",
                40,
                "dang_thuc_hien",
                "Đã khảo sát 4/9 xã, phường.",
            ),
        ],
        "minutes": "Chiều 2/7/2021, tại phòng Hội thảo Nhà văn hóa thành phố, Thành ủy tổ chức "
        "Hội nghị sơ kết công tác Dân vận 6 tháng đầu năm 2021. Đồng chí Trần Thị Hồng Thanh, "
        "Tỉnh ủy viên, PBTTT Thành ủy dự và chủ trì hội nghị. Tỷ lệ cử tri đi bỏ phiếu trên toàn "
        "địa bàn thành phố đạt 99,95%, có 5/9 xã, phường có 100% cử tri đi bầu; tiếp nhận và "
        "chuyển 9.081 suất quà với tổng số tiền 2.811,7 triệu đồng; tiếp 117 lượt công dân, đã "
        "giải quyết 08/24 đơn đề nghị, kiến nghị.",
        "summary": "Sơ kết 6 tháng đầu năm 2021, thống nhất 6 nhiệm vụ trọng tâm 6 tháng cuối năm.",
    },
    "TH-2020": {
        "seed": "003",
        "kind": "tong-ket",
        "title": "Hội nghị tổng kết 10 năm thực hiện Quyết định số 290-QĐ/TW, Kết luận 66-KL/TW, "
        "Chỉ thị 43-CT/TW; sơ kết công tác Dân vận và Dân vận chính quyền 6 tháng đầu năm, "
        "triển khai nhiệm vụ 6 tháng cuối năm 2020",
        "unit": "HN-TH-CU",
        "co_organisers": ["HN-TH-BDV"],
        "starts_at": "2020-07-02 08:00",  # "Sáng ngày 02/7/2020": demo hour
        "place": "Hội trường Quận ủy Tây Hồ",  # demo
        "period": "2020H1",
        "documents": ["QD290", "KL66", "CT43"],
        "attendees": [
            (
                "Nguyễn Anh Tuấn",
                "HN-TH-CU",
                "",
                "Phó Bí thư Thường trực Quận ủy",
                "chu_tri",
            ),
            (
                "Phạm Hải Hoa",
                "HN-BDV",
                "",
                "TUV, Phó Trưởng Ban Thường trực Ban Dân vận Thành ủy",
                "du_chi_dao",
            ),
            ("Đinh Thị Phước", "HN-CTD", "", "Phó Chủ tịch Hội Chữ Thập đỏ Thành phố", "du"),
            (
                "Hồ Minh Tâm",
                "HN-BDV",
                "",
                "Trưởng phòng đoàn thể và các hội Ban Dân vận Thành ủy",
                "du",
            ),
            (
                "Vũ Đình Liễu",
                "HN-CCB",
                "",
                "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Chính sách Hội CCB Thành phố",
                "du",
            ),
            (
                "Nguyễn Đình Khuyến",
                "HN-TH-UBND",
                "",
                "UVBTV, Phó Chủ tịch UBND quận",
                "du",
            ),
            (
                "Nguyễn Thanh Tịnh",
                "HN-TH-BTG",
                "",
                "UVBTV, Trưởng Ban Tuyên giáo Quận ủy",
                "du",
            ),
            ("Trần Quang Đạo", "HN-TH-MTTQ", "", "UVBTV, Chủ tịch UB MTTQ quận", "du"),
            (
                None,
                None,
                "Các đồng chí Bí thư, Chủ tịch UBND phường, Trưởng khối Dân vận Đảng ủy, Chủ "
                "tịch Hội Chữ thập đỏ, Cựu chiến binh phường và các tập thể, cá nhân được khen "
                "thưởng",
                "",
                "du",
            ),
        ],
        "agenda": [
            (
                "Báo cáo tổng kết 10 năm thực hiện Quyết định số 290-QĐ/TW, Kết luận 66-KL/TW, "
                "Chỉ thị 43-CT/TW",
                "Ban Dân vận Quận ủy",
                ["BC_6THANG:*HN-TH-CTD:2020H1"],
                ["QD290", "KL66", "CT43"],
            ),
            (
                "Sơ kết công tác Dân vận và Dân vận chính quyền 6 tháng đầu năm 2020",
                "Ban Dân vận Quận ủy",
                [],
                [],
            ),
            ("Khen thưởng các tập thể, cá nhân", "Đồng chí Phạm Hải Hoa", [], []),
            ("Phát biểu chỉ đạo", "Đồng chí Phạm Hải Hoa", [], ["KL114"]),
            ("Phát biểu tiếp thu, kết luận", "Đồng chí Nguyễn Anh Tuấn", [], []),
        ],
        "opinions": [
            (
                "Phạm Hải Hoa",
                "Đề nghị Ban Dân vận Quận ủy tiếp tục tuyên truyền, vận động nhân dân thực hiện "
                "tốt phòng, chống dịch giai đoạn mới và thực hiện nhiệm vụ kép vừa chống dịch, vừa "
                "phát triển kinh tế - xã hội; phát huy vai trò giám sát của MTTQ và các đoàn thể "
                "về thực hiện các gói an sinh xã hội của Chính phủ; sơ tổng kết các văn bản của "
                "Đảng về công tác dân vận, Kết luận 114; củng cố, kiện toàn thực hiện quy chế dân "
                "chủ, công tác tôn giáo, Đề án 212.",
            )
        ],
        "concluded_by": "Nguyễn Anh Tuấn",
        "conclusions": [
            "Đội ngũ làm công tác dân vận từ quận đến cơ sở tập trung tuyên truyền, vận động "
            "nhân dân thực hiện đúng đường lối, chính sách pháp luật của Đảng và Nhà nước.",
            "Đội ngũ công an, quân sự trên địa bàn quận tập trung giữ vững an ninh chính trị, "
            "quản lý chặt chẽ công tác tôn giáo, không để nảy sinh các vấn đề phức tạp, điểm "
            "nóng ảnh hưởng đến công tác chuẩn bị Đại hội.",
            "Các phường tập trung triển khai nghị quyết Đại hội để nghị quyết sớm đi vào cuộc "
            "sống.",
            "Ban Dân vận Quận ủy tập trung xây dựng quy chế dân chủ trong công tác thuế, phối hợp "
            "với UBND quận phát hành tờ rơi tuyên truyền đến cán bộ, nhân dân trên địa bàn quận.",
        ],
        "tasks": [
            (
                4,
                "Xây dựng quy chế dân chủ trong công tác thuế; phát hành tờ rơi tuyên truyền",
                "HN-TH-BDV",
                ["HN-TH-UBND"],
                "2020-09-30",
                100,
                "hoan_thanh",
                "Đã ban hành quy chế và phát hành 5.000 tờ rơi.",
            ),
            (
                3,
                "Triển khai nghị quyết Đại hội Đảng bộ phường nhiệm kỳ 2020-2025",
                "HN-TH-BUOI",
                [],
                "2020-12-31",
                100,
                "hoan_thanh",
                "Đã quán triệt nghị quyết tới 100% chi bộ.",
            ),
        ],
        "minutes": "Sáng ngày 02/7/2020, Quận ủy Tây Hồ đã tổ chức hội nghị tổng kết 10 năm thực "
        "hiện Quyết định số 209-QĐ/TW, Kết luận 66-KL/TW, Chỉ thị 43-CT/TW. Tại hội nghị có 7 "
        "tập thể được khen thưởng có thành tích trong việc thực hiện Quyết định số 290-QĐ/TW "
        "của Bộ Chính trị; 7 tập thể và 5 cá nhân được khen thưởng trong thực hiện 10 năm thực "
        "hiện Kết luận số 66, ngày 04/03/2010 của Ban Bí thư; 6 tập thể, 4 cá nhân được khen "
        "thưởng trong thực hiện Chỉ thị số 43-CT/TW, ngày 08/6/2010 của Ban Bí thư Trung ương "
        "Đảng. Toàn quận có 126 chi hội Chữ thập đỏ (tăng 12,2% so với năm 2010), 5.573 hội viên "
        "(tăng 12,6% so với năm 2010).",
        "summary": "Tổng kết 10 năm thực hiện ba văn bản của Trung ương về công tác dân vận, cựu "
        "chiến binh và Hội Chữ thập đỏ; khen thưởng 20 tập thể và 9 cá nhân.",
    },
    "TB-2020-01": {
        "seed": "004",
        "kind": "tong-ket",
        "title": "Hội nghị tổng kết công tác dân vận, Quy chế dân chủ ở cơ sở năm 2019",
        "unit": "HCM-TB-BDV",
        "co_organisers": [],
        "starts_at": "2020-01-13 14:00",  # "Chiều 13/1": demo hour
        "place": "Hội trường Quận ủy Tân Bình",  # demo
        "period": "2019",
        "attendees": [
            (None, "HCM-TB-BDV", "Lãnh đạo Ban Dân vận Quận ủy", "", "chu_tri"),
            (
                "Phạm Thị Út",
                "HCM-TB-CU",
                "",
                "Phó Bí thư Thường trực Quận ủy quận Tân Bình",
                "du_chi_dao",
            ),
            (None, "HCM-TB-MTTQ", "MTTQ và các tổ chức chính trị - xã hội quận", "", "du"),
        ],
        "agenda": [
            (
                "Báo cáo tổng kết công tác dân vận, Quy chế dân chủ ở cơ sở năm 2019",
                "Ban Dân vận Quận ủy",
                [],
                [],
            ),
            ("Khen thưởng tập thể, cá nhân", "", [], []),
            ("Phát biểu chỉ đạo", "Đồng chí Phạm Thị Út", [], []),
        ],
        "opinions": [],
        "concluded_by": "Phạm Thị Út",
        "conclusions": [
            "Tiếp tục tham mưu lãnh đạo, chỉ đạo triển khai thực hiện tốt các văn bản của Trung "
            "ương và Thành ủy về công tác dân vận, quy chế dân chủ ở cơ sở.",
            "Tổ chức sơ kết, tổng kết các nghị quyết, chỉ thị, chương trình hành động của Trung "
            "ương và Thành ủy về công tác vận động quần chúng, dân tộc, tôn giáo, công tác hội, "
            "nội dung phương thức hoạt động của Mặt trận và đoàn thể.",
            "Chỉ đạo tổ chức một số hội nghị chuyên đề về công tác dân vận và quy chế dân chủ "
            "trong các cơ quan nhà nước.",
            "Nâng cao chất lượng tổ chức Mặt trận Tổ quốc, các tổ chức chính trị - xã hội nhất là "
            "ở địa bàn dân cư.",
        ],
        "tasks": [
            (
                3,
                "Tổ chức hội nghị chuyên đề về công tác dân vận và quy chế dân chủ trong các cơ "
                "quan nhà nước",
                "HCM-TB-BDV",
                ["HCM-TB-UBND"],
                "2020-06-30",
                100,
                "hoan_thanh",
                "Đã tổ chức 02 hội nghị chuyên đề trong quý II/2020.",
            ),
            (
                4,
                "Nâng cao chất lượng tổ chức MTTQ, các tổ chức chính trị - xã hội ở địa bàn dân cư",
                "HCM-TB-MTTQ",
                ["HCM-TB-LHPN", "HCM-TB-CCB", "HCM-TB-DTN"],
                "2020-12-31",
                70,
                "dang_thuc_hien",
                "Đã kiện toàn ban công tác Mặt trận ở 11/15 phường.",
            ),
        ],
        "minutes": "Chiều 13/1/2020, Ban dân vận Quận ủy quận Tân Bình tổ chức hội nghị tổng kết "
        "công tác dân vận, Quy chế dân chủ ở cơ sở năm 2019. Đến dự có Phó Bí thư Thường trực "
        "Quận ủy quận Tân Bình Phạm Thị Út. Quận Tân Bình đã khen thưởng 10 tập thể, 6 cá nhân "
        "có thành tích trong công tác dân vận; khen thưởng 9 tập thể, 5 cá nhân có thành tích "
        "trong công tác Quy chế dân chủ ở cơ sở năm 2019.",
        "summary": "Tổng kết năm 2019; khen thưởng 19 tập thể và 11 cá nhân.",
    },
}

# The next giao ban of the Hoàng Mai series, scheduled by the series itself: its agenda
# reviews the tasks still open from 23/02/2023.
SCHEDULE_NEXT: dict[str, int] = {"HM-GIAOBAN": 1}
