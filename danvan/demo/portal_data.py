"""The portal's demo content: the five seed articles, one album, two notices, comments.

Plain data, no logic: ``danvan.demo.portal_loader`` writes it through Wagtail. Articles keep
the seeds' words (``shared/seeds/``): titles, the date line where the seed prints one,
author, source line, paragraphs; the seeds' page chrome ("Tìm kiếm", "Album Ảnh", "Chia
sẻ", menus, the weather and counter boxes) is dropped, and a few words glued together by
the source pages are spaced again ("hoạt độngMừng"). A photo caption of a seed becomes an
image (``"ẢNH: "``) drawn at load time. The first paragraph is the lead.

Sections: seed 002 (Tam Điệp) sums up the phong trào thi đua "Dân vận khéo" in its title,
so it goes to "Dân vận khéo"; seed 003 (Tây Hồ) is filed by its own page under "Tin tức -
sự kiện tiêu biểu", so it stays in "Tin tức – sự kiện" (its body still speaks of "Dân vận
khéo", which search finds). Featured: 000 ("tin nổi bật" on its page), 003 ("tiêu biểu")
and 001. What the seeds do not say is marked ``# demo``.
"""

from __future__ import annotations

from typing import Any

# Each article: its meeting is a key of ``meetings_data.MEETINGS`` (the "hội nghị nguồn").
ARTICLES: list[dict[str, Any]] = [
    {
        "seed": "000",
        "section": "tin-tuc-su-kien",
        "slug": "giao-ban-cong-tac-dan-van-thang-2-2023-hoang-mai",
        "title": (
            "Ban Dân vận Quận ủy tổ chức giao ban công tác Dân vận với Mặt trận tổ quốc và các "
            "Đoàn thể tháng 2, triển khai nhiệm vụ công tác tháng 3/2023"
        ),
        "published_on": "2023-03-02 11:15",  # "Ngày đăng 02/03/2023 | 11:15"
        "author": "",
        "source": "Ban Dân vận Quận ủy",
        "featured": True,
        "meeting": "HM-2023-02",
        "cover": "Giao ban công tác Dân vận tháng 2/2023",
        "lead": (
            "Ngày 23/02/2023, Ban Dân vận Quận ủy tổ chức hội nghị giao ban đánh giá kết quả công "
            "tác tháng 2 và triển khai nhiệm vụ công tác tháng 3 năm 2023. Dự hội nghị, có đồng "
            "chí Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận Quận ủy; các đồng chí lãnh đạo Ban "
            "Dân vận Quận ủy; đại diện lãnh đạo MTTQ, các đoàn thể chính trị-xã hội Quận."
        ),
        "body": [
            "Tại hội nghị, đại diện lãnh đạo Ban Dân vận đã trình bày báo cáo công tác dân vận "
            "tháng 2 và triển khai nhiệm vụ công tác tháng 3 cũng như các nhiệm vụ trọng tâm trong"
            " năm 2023, các hoạt động hưởng ứng chào mừng các ngày lễ của đất nước, chào mừng 20 "
            "năm thành lập Quận (25/11/2003 - 25/11/2023). Ban Dân vận Quận ủy và các đoàn thể "
            "chính trị đã thực hiện tốt, bám sát sự chỉ đạo của Quận ủy; các chương trình, kế "
            "hoạch công tác dân vận làm tốt công tác tham mưu, triển khai và hoàn thành các nhiệm "
            "vụ đề ra. Tổ chức các hoạt động tuyên truyền chào mừng Tết Nguyên đán chào đón các lễ"
            " hội Xuân Qúy Mão 2023. Các hoạt động chào mừng thành công Đại hội của các đơn vị "
            "trên địa bàn quận, đảm bảo tốt tình hình an ninh trật tự, xây dựng đời sống văn hóa "
            "tại các tổ dân phố.",
            "Trong tháng 2/2023, các cấp ủy Đảng, chính quyền, MTTQ, các tổ chức chính trị xã hội "
            "Quận, cán bộ, đoàn viên, hội viên và các tầng lớp Nhân dân tổ chức nhiều hoạt động kỷ"
            " niệm 93 năm ngày thành lập Đảng (03/02/1930-03/02/2023) và thi đua lập thành tích "
            "chào mừng kỷ niệm 20 năm ngày thành lập quận Hoàng Mai. Các cấp hội, đoàn thể và Nhân"
            " dân trên địa bàn tăng cường dọn vệ sinh phòng chống dịch sốt sốt huyết. Cán bộ và "
            "Nhân dân trên địa bàn phấn khởi tổ chức các hoạt động Mừng Đảng - Mừng Xuân mới. Cảnh"
            " quan đô thị trên địa bàn quận “Xanh - Sạch - Đẹp”.",
            "Trong thời gian qua, công tác Dân vận và hoạt động của các đoàn thể chính trị - xã "
            "hội được đổi mới về nội dung, phương pháp hoạt động. Tiếp tục triển khai thực hiện "
            "hiệu quả các nhiệm vụ chính trị của tổ chức góp phần vào thành tích chung của Quận. "
            "Chủ động thực hiện tốt kế hoạch công tác của Ban Chỉ đạo Công tác tôn giáo, Ban Chỉ "
            "đạo xây dựng và thực hiện QCDC ở cơ sở. Phối hợp với MTTQ và các đoàn thể chính trị-"
            "xã hội tổ chức tốt các hoạt động chăm lo, hỗ trợ, thăm hỏi, tặng quà các hộ gia đình "
            "có công, gia đình chính sách nhân dịp lễ, tết. Triển khai rà soát, nắm chắc tình hình"
            " tôn giáo và tuyên truyền vận động các cơ sở tôn giáo, chức sắc, tín đồ thực hiện tốt"
            " quy định của Pháp luật. Đăng ký các mô hình, điển hình thi đua “Dân vận khéo” năm "
            "2023 theo Công văn số 507-CV/QU ngày 10/02/2023 của Quận uỷ về việc triển khai phong "
            "trào thi đua “Dân vận khéo” năm 2023.",
            "Trên cơ sở bám sát sự chỉ đạo của Quận ủy; Chương trình toàn khóa công tác dân vận "
            "nhiệm kỳ 2020-2025; các chương trình, kế hoạch công tác của Quận, Ban Dân vận tham "
            "mưu xây dựng và ban hành chương trình công tác năm 02 BCĐ công tác tôn giáo và BCĐ "
            "Xây dựng và thực hiện quy chế dân chủ ở cơ sở năm 2023, Kế hoạch số 138-KH/QU ngày "
            "31/01/2023 của Quận uỷ về thực hiện Chỉ thị số 18-CT/TW ngày 26/10/2022 của Ban Bí "
            "thư Trung ương Đảng về phát huy vai trò, nâng cao chất lượng, hiệu quả công tác giám "
            "sát, phản biện xã hội của MTTQ Việt Nam và các tổ chức chính trị - xã hội. Thông báo "
            "số 187-TB/QU ngày 10/02/2023 về phê duyệt nội dung giám sát phản biện xã hội và đóng "
            "góp ý kiến xây dựng Đảng, xây dựng chính quyền của UBMTTQ và các tổ chức chính trị - "
            "xã hội quận Hoàng Mai năm 2023.",
            "Tình hình tôn giáo trên địa bàn Quận cơ bản ổn định, cấp ủy, chính quyền, hệ thống "
            "khối vận tổ dân phố và đặc biệt công an Quận nắm bắt thông tin, kịp thời chỉ đạo các "
            "cơ quan, ban ngành chức năng phối hợp tiếp tục tuyên truyền thực hiện chủ trương, "
            "chính sách pháp luật về tôn giáo. Ban Dân vận Quận ủy phối hợp với công an Quận tiếp "
            "tục nắm bắt thông tin về các vụ việc liên quan đến công tác tôn giáo. Theo dõi, nắm "
            "bắt thông tin tháo gỡ những khó khăn, vướng mắc, trao đổi giải quyết những vấn đề tồn"
            " đọng liên quan đến công tác tôn giáo trên địa bàn. Tuyên truyền, vận động các cơ sở "
            "tôn giáo, chức sắc, tín đồ đảm bảo tình hình an ninh trật tự nhất là trong và sau Tết"
            " Nguyên đán. Các cơ sở thờ tự trên địa bàn quận mở cửa đáp ứng nhu cầu du xuân, lễ "
            "Phật cầu an của Nhân dân trên địa bàn.",
            "Bám sát chức năng nhiệm vụ, Ban Dân vận Quận ủy đã tham mưu và chủ động đôn đốc các "
            "đơn vị tổ chức tốt công tác tham mưu, chủ động triển khai và thực hiện hoàn thành các"
            " chỉ tiêu, nhiệm vụ tháng 01, 02 năm 2023, phối hợp với các đơn vị xây dựng chương "
            "trình phối hợp năm 2023.",
            "MTTQ và các đoàn thể chính trị - xã hội tích cực tuyên truyền, giải thích, vận động "
            "Nhân dân thực hiện các nhiệm vụ. Mặt trận Tổ quốc và các đoàn thể chính trị-xã hội tổ"
            " chức tổng kết phong trào thi đua năm 2023. Tích cực đẩy mạnh các hoạt động, các "
            "phong trào thi đua ngay từ đầu năm, trong đó tiếp tục làm tốt công tác tuyên truyền, "
            "vận động đoàn viên, hội viên và các tầng lớp Nhân dân hăng hái tham gia lao động phát"
            " triển kinh tế xã hội, đảm bảo trật tự an toàn giao thông, giữ gìn an ninh chính trị,"
            " trật tự an toàn xã hội, chấp hành các chủ trương của Đảng, chính sách pháp luật của "
            "Nhà nước.",
            "Tại hội nghị các ý kiến phát biểu đã nhất trí cao với báo cáo đánh giá công tác dân "
            "vận và đóng góp các kết quả đã thực hiện cũng như một số nhiệm vụ trọng tâm trong "
            "thời gian tới sẽ triển khai theo kế hoạch.",
            "Phát biểu kết luận hội nghị, đồng chí Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận đề "
            "nghị trong thời gian tới UB MTTQ và các Đoàn thể chính trị - xã hội quận cần tập "
            "trung thực hiện tốt các chủ trương đường lối của Đảng và pháp luật của nhà nước. "
            "Tuyên truyền, vận động đoàn viên hội viên và Nhân dân thực hiện tốt nội quy quy chế "
            "của cơ quan, đánh giá kết quả hoạt động từng tuần, từng tháng. Tham mưu tổ chức tốt "
            "kế hoạch nhiệm vụ của UB MTTQ và các đoàn thể gắn liền với việc thực hiện nhiệm vụ "
            "phát triển kinh tế và nhiệm vụ chính trị của Quận.",
        ],
    },
    {
        "seed": "001",
        "section": "tin-tuc-su-kien",
        "slug": "hoan-kiem-mttq-cac-to-chuc-chinh-tri-xa-hoi-trien-khai-nhiem-vu",
        "title": (
            "Quận Hoàn Kiếm: UB MTTQ, các tổ chức chính trị-xã hội tích cực, chủ động triển khai "
            "nhiệm vụ"
        ),
        "published_on": "2022-10-06 16:45",  # "Ngày 6/10": demo hour
        "author": "Công Thọ",
        "source": "Kinhtedothi",
        "featured": True,
        "meeting": "HK-2022-10",
        "cover": "Hoàn Kiếm giao ban 9 tháng đầu năm 2022",
        "lead": (
            "Kinhtedothi - Ngày 6/10, Phó Bí thư Thường trực Quận ủy Hoàn Kiếm (Hà Nội) Đinh Hồng "
            "Phong chủ trì hội nghị giao ban 9 tháng đầu năm 2022 với Ủy ban Mặt trận Tổ quốc, các"
            " tổ chức chính trị - xã hội quận, triển khai nhiệm vụ trọng tâm 3 tháng cuối năm "
            "2022."
        ),
        "body": [
            "Chín tháng đầu năm 2022, Ủy ban MTTQ, các tổ chức chính trị-xã hội quận và cơ sở đã "
            "bám sát sự lãnh đạo của các Quận ủy và các cấp ủy cơ sở, chỉ đạo, hướng dẫn của tổ "
            "chức ngành dọc cấp trên, quan tâm, tạo điều kiện của chính quyền cùng cấp, chủ động "
            "xây dựng và triển khai chương trình, kế hoạch công tác năm 2022. Nhìn chung, các đơn "
            "vị đã hoàn thành các nội dung công tác trong 9 tháng đầu năm theo chương trình, kế "
            "hoạch.",
            "ẢNH: Hội nghị giao ban 9 tháng đầu năm 2022 với Ủy ban Mặt trận Tổ quốc, các tổ chức "
            "chính trị - xã hội quận, triển khai nhiệm vụ trọng tâm 3 tháng cuối năm 2022",
            "Trong công tác dân vận, Ủy ban MTTQ, các tổ chức chính trị-xã hội quận đã phát huy "
            "tốt vai trò nòng cốt vận động Nhân dân chấp hành chủ trương, đường lối của Đảng, "
            "chính sách, pháp luật của Nhà nước, tích cực tham gia các phong trào thi đua yêu "
            "nước, các cuộc vận động, đồng thuận trong thực hiện nhiệm vụ chính trị của địa "
            "phương...",
            "Làm trung tâm đoàn kết, củng cố và phát huy sức mạnh khối đại đoàn kết toàn dân; thắt"
            " chặt mối quan hệ gắn bó giữa Đảng, Chính quyền với Nhân dân; phát huy quyền làm chủ "
            "của Nhân dân; huy động các nguồn lực góp phần phục hồi và phát triển kinh tế, đảm bảo"
            " an sinh xã hội trên địa bàn.",
            "Tại Hội nghị, Phó Bí thư Thường trực Quận ủy Hoàn Kiếm Đinh Hồng Phong đánh giá, "
            "trong 9 tháng đầu năm 2022, Ủy ban Mặt trận Tổ quốc, các tổ chức chính trị-xã hội "
            "quận Hoàn Kiếm và cơ sở đã bám sát sự lãnh đạo của các các cấp ủy, chỉ đạo, hướng dẫn"
            " của tổ chức ngành dọc cấp trên, quan tâm, tạo điều kiện của chính quyền, chủ động "
            "xây dựng và triển khai chương trình, kế hoạch công tác năm 2022.",
            "Việc phối hợp giữa chính quyền quận, các ban đảng, Văn phòng Quận ủy, các phòng, "
            "ngành, đơn vị quận với Ủy ban Mặt trận Tổ quốc, các tổ chức chính trị - xã hội nhìn "
            "chung được duy trì tốt. Chính quyền, các đơn vị đã quan tâm tạo điều kiện đối với "
            "hoạt động của Ủy ban Mặt trận Tổ quốc, các tổ chức chính trị - xã hội.",
            "ẢNH: Phó Bí thư Thường trực Quận ủy Hoàn Kiếm Đinh Hồng Phong phát biểu tại Hội nghị",
            "Về nhiệm vụ công tác 3 tháng cuối năm 2022 của Ủy ban MTTQ, các tổ chức chính trị - "
            "xã hội quận, Phó Bí thư Thường trực Quận ủy Hoàn Kiếm Đinh Hồng Phong nhấn mạnh một "
            "số trọng tâm, cụ thể: Đẩy mạnh tuyên truyền, vận động đoàn viên, hội viên chấp hành "
            "các chủ trương, đường lối của Đảng, chính sách pháp luật của nhà nước và tích cực "
            "tham gia các phong trào, các cuộc vận động của địa phương, thực hiện có hiệu quả 07 "
            "Chương trình, 33 Đề án của Quận ủy.",
            "Rà soát các chỉ tiêu, nhiệm vụ công tác theo chương trình công tác năm của đơn vị "
            "cũng như các chỉ tiêu, được giao theo ngành dọc cấp trên. Đặc biệt là các chỉ tiêu đề"
            " ra trong Kế hoạch thực hiện Quyết định 217, 218 của Bộ Chính trị về thực hiện hoạt "
            "giám sát, phản biện xã hội và tham gia góp ý xây dựng Đảng, xây dựng chính quyền đã "
            "được Thường trực Quận ủy phê duyệt từ đầu năm đảm bảo yêu cầu, đúng tiến độ.",
            "Tiếp tục thực hiện có hiệu quả Chương trình phối hợp giữa Ban Thường trực Ủy ban MTTQ"
            " với Ban Thường vụ các tổ chức chính trị - xã hội quận năm 2022...",
            "ẢNH: Quang cảnh Hội nghị",
            "Đối với UBND quận Hoàn Kiếm, cần tiếp tục chỉ đạo Ban quản lý dự án đầu tư xây dựng "
            "quận và các đơn vị liên quan quan tâm để Quận đoàn sớm có trụ sở làm việc đảm bảo ổn "
            "định tổ chức.",
            "Chỉ đạo các phòng, ban, đơn vị chuyên môn thường xuyên quan tâm phối hợp, tạo điều "
            "kiện đối với hoạt động của Ủy ban Mặt trận Tổ quốc, các tổ chức chính trị - xã hội "
            "quận, trong đó có nhiệm vụ về giám sát, phản biện xã hội theo Quyết định 217 và Quyết"
            " định 218 của Bộ Chính trị, tham gia quản lý nhà nước, phối hợp triển khai các phong "
            "trào thi đua, các cuộc vận động…và trong thời gian cuối năm 2022, cần phối hợp thực "
            "hiện tốt các việc chăm lo các đối tượng chính sách, đối tượng xã hội và Nhân dân "
            "trong dịp tết dương lịch 2023....",
        ],
    },
    {
        "seed": "002",
        "section": "dan-van-kheo",
        "slug": "tam-diep-so-ket-cong-tac-dan-van-6-thang-dau-nam-2021",
        "title": (
            "Hội nghị sơ kết công tác Dân vận; việc thực hiện quy chế dân chủ ở cơ sở; phong trào "
            "thi đua “dân vận khéo”; phối hợp hoạt động vận động quần chúng xây dựng và bảo vệ Tổ "
            "quốc 6 tháng đầu năm, triển khai phương hướng, nhiệm vụ 6 tháng cuối năm 2021"
        ),
        "published_on": "2021-07-02 17:30",  # "Chiều 2/7": demo hour
        "author": "Kim Dung",
        "source": "",
        "featured": False,
        "meeting": "TD-2021-07",
        "cover": "Tam Điệp sơ kết công tác Dân vận 6 tháng đầu năm 2021",
        "lead": (
            "Chiều 2/7, tại phòng Hội thảo Nhà văn hóa thành phố, Thành ủy đã tổ chức Hội nghị sơ "
            "kết công tác Dân vận; việc thực hiện quy chế dân chủ ở cơ sở; phong trào thi đua “dân"
            " vận khéo”; phối hợp hoạt động vận động quần chúng xây dựng và bảo vệ Tổ quốc 6 tháng"
            " đầu năm, triển khai phương hướng, nhiệm vụ 6 tháng cuối năm 2021."
        ),
        "body": [
            "Đồng chí Trần Thị Hồng Thanh, Tỉnh ủy viên, PBTTT Thành ủy dự và chủ trì hội nghị.",
            "ẢNH: Toàn cảnh hội nghị",
            "Trong 6 tháng đầu năm 2021, Ban Dân vận Thành ủy và khối dân vận các xã, phường đã "
            "làm tốt công tác tham mưu cho cấp ủy triển khai kịp thời các chủ trương, nghị quyết "
            "của Đảng, chính sách, pháp luật của Nhà nước đến cán bộ, đoàn viên, hội viên và nhân "
            "dân. MTTQ và các đoàn thể quan tâm làm tốt công tác tuyên truyền về cuộc bầu cử đại "
            "biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021 - 2026; nâng cao ý thức "
            "người dân trong thực hiện khuyến cáo 5K của Bộ Y tế… góp phần cùng thành phố tổ chức "
            "thành công cuộc bầu cử và thực hiện có hiệu quả công tác phòng, chống dịch bệnh "
            "Covid-19. Tỷ lệ cử tri đi bỏ phiếu trên toàn địa bàn thành phố đạt 99,95%, có 5/9 xã,"
            " phường có 100% số lượng cử tri đi bầu. Thông qua công tác Dân vận, đã kịp thời nắm "
            "bắt và tổng hợp tình hình các tầng lớp nhân dân, phản ánh và tham mưu cho các cấp ủy "
            "Đảng lãnh đạo, chỉ đạo công tác dân tộc, tôn giáo, giải quyết nhiều vấn đề búc xúc "
            "của nhân dân, góp phần ổn định an ninh chính trị, trật tự xã hội ở các địa phương. "
            "Công tác Dân vận chính quyền có nhiều chuyển biến trong việc thực hiện cải cách hành "
            "chính, thực hiện quy chế dân chủ, nâng cao trách nhiệm, tác phong lề lối làm việc của"
            " đội ngũ cán bộ công chức. Mặt trận Tổ quốc và các đoàn thể tiếp tục được ủng cố tổ "
            "chức, phát triển đoàn viên, hội viên; đổi mới nội dung, phương thức hoạt động; tích "
            "cực tham gia giám sát việc thực hiện quy chế dân chủ ở cơ sở, tham gia giải quyết "
            "khiếu nại, tố cáo, từng bước phát huy vai trò phản biện xã hội và tham gia xây dựng "
            "Đảng, chính quyền, vận động nhân dân thực hiện giải phóng mặt bằng, làm đường giao "
            "thông, xây dựng nếp sống văn minh. Lực lượng vũ trang địa phương đã làm tốt công tác "
            "vận động nhân dân, bám sát cơ sở, triển khai thực hiện tốt chương trình quốc phòng "
            "toàn dân. Trong dịp tết Nguyên Đán Tân Sửu 2021, thành phố đã tiếp nhận và chuyển "
            "9.081 xuất quà với tổng số tiền 2.811,7 triệu đồng tới các đối tượng và 6 tháng đầu "
            "năm toàn thành phố tiếp 117 lượt công dân, đã giải quyết 08/24 đơn đề nghị, kiến "
            "nghị, 16 đơn đang tiếp tục xem xét, giải quyết...",
            "Trên cơ sở kết quả công tác Dân vận 6 tháng đầu năm và những yêu cầu thực tiễn đặt "
            "ra, hội nghị đã thống nhất công tác Dân vận 6 tháng cuối năm 2021 cần tập trung thực "
            "hiện những nhiệm vụ trọng tâm: nắm tình hình, tham mưu cho Thành ủy chỉ đạo việc tổ "
            "chức Đại hội Hội Liên hiệp phụ nữ, Hội Cựu TNXP, Hội Người mù, Hội Chữ thập đỏ và "
            "tổng kết nhiệm kỳ 2015-2021 của Hội Người cao tuổi thành phố; Phối hợp tham mưu cho "
            "Thành ủy tổ chức 01 lớp bồi dưỡng nghiệp vụ cho cán bộ chuyên trách làm công tác dân "
            "vận; Nắm tình hình hoạt động của các tôn giáo; tham mưu về việc xây dựng cốt cán "
            "phong trào trong các tôn giáo, chỉ đạo thực hiện nghiêm Luật Tín ngưỡng, tôn giáo; Rà"
            " soát các mô hình, điển hình “Dân vận khéo” và các chương trình phối hợp hoạt động đã"
            " ký kết và tiến hành đánh giá kết quả hoạt động của các Ban Chỉ đạo cơ sở năm 2021; "
            "Tham mưu cho Ban chỉ đạo thực hiện QCDC ở cơ sở thành phố kiểm tra việc thực hiện "
            "QCDC ở sở năm 2021 theo kế hoạch. Khảo sát, đánh giá công tác tham mưu của các Khối "
            "Dân vận cơ sở năm 2021.",
        ],
    },
    {
        "seed": "003",
        "section": "tin-tuc-su-kien",
        "slug": "tay-ho-tong-ket-10-nam-quyet-dinh-290-qd-tw",
        "title": (
            "Hội nghị tổng kết 10 năm thực hiện Quyết định số 290-QĐ/TW, Kết luận 66-KL/TW, Chỉ "
            "thị 43-CT/TW; sơ kết công tác Dân vận và Dân vận chính quyền 6 tháng đầu năm, triển "
            "khai nhiệm vụ 6 tháng cuối năm 2020"
        ),
        "published_on": "2020-07-03 09:58",  # "Ngày đăng 03/07/2020 | 09:58"
        "author": "",
        "source": "Ban Tuyên giáo quận ủy",
        "featured": True,
        "views": 528,  # "View count: 528"
        "meeting": "TH-2020",
        "cover": "Tây Hồ tổng kết 10 năm Quy chế công tác dân vận",
        "lead": (
            "Sáng ngày 02/7/2020, Quận ủy Tây Hồ đã tổ chức hội nghị tổng kết 10 năm thực hiện "
            "Quyết định số 209-QĐ/TW, Kết luận 66-KL/TW, Chỉ thị 43-CT/TW; sơ kết công tác Dân vận"
            " và Dân vận chính quyền 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2020."
        ),
        "body": [
            "Dự hội có đồng chí Phạm Hải Hoa - TUV, Phó Trưởng Ban Thường trực Ban Dân vận Thành "
            "ủy; đồng chí Đinh Thị Phước - Phó Chủ thịch Hội Chữ Thập đỏ Thành phố; đồng chí Hồ "
            "Minh Tâm - Trưởng phòng đoàn thể và các hội Ban Dận vận Thành ủy; đồng chí Vũ Đình "
            "Liễu - Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Chính sách Hội CCB Thành phố. Về "
            "phía quận Tây Hồ có đồng chí Nguyễn Anh Tuấn - Phó Bí thư Thường trực Quận ủy; đồng "
            "chí Nguyễn Đình Khuyến - UVBTV, Phó Chủ tịch UBND quận; đồng chí Nguyễn Thanh Tịnh - "
            "UVBTV, Trưởng Ban Tuyên giáo Quận ủy; đồng chí Trần Quang Đạo - UVBTV, Chủ tịch UB "
            "MTTQ quận; các đồng chí Bí thư, Chủ tịch UBND phường, Trưởng khối Dân vận Đảng ủy, "
            "Chủ tịch Hội Chữ thập đỏ, Cựu chiến binh phường và các tập thể, cá nhân được khen "
            "thưởng.",
            "Sau 10 năm thực hiện Quyết định số 209-QĐ/TW, Kết luận 66-KL/TW, Chỉ thị 43-CT/TW, "
            "công tác nâng cao chất lượng đội ngũ cán bộ làm công tác dân vận được tăng cường. Đến"
            " nay đã thành lập 91 Tổ dân vận khu dân cư do đ/c Bí thư Chi bộ làm Tổ trưởng. Hiện "
            "nay, 8/8 phường đều phân công đồng chí Bí thư cấp ủy trực tiếp phụ trách công tác dân"
            " vận và làm Trưởng Ban Chỉ đạo quy chế dân chủ ở cơ sở. Các cấp ủy đảng từ quận đến "
            "phường đã thường xuyên đổi mới về phương thức chỉ đạo, nội dung hoạt động phù hợp với"
            " tình hình thực tiễn nhằm vận động tập hợp Cựu chiến binh tiếp tục phấn đấu phát huy "
            "bản chất truyền thống “Bộ đội cụ Hồ”, phát huy tiềm năng, trí tuệ của Cựu chiến binh "
            "trong sự nghiệp xây dựng và bảo vệ Tổ quốc. Quận ủy, UBND quận đã chỉ đạo Hội CTĐ từ "
            "quận đến cơ sở tích cực đổi mới nội dung, phương thức, nâng cao chất lượng, hiệu quả "
            "hoạt động của Hội. Tỷ lệ thu hút hội viên của Hội trên địa bàn đạt khá cao, vượt chỉ "
            "tiêu đề ra; tính đến ngày nay, toàn quận có 126 chi hội (tăng 12,2% so với năm 2010);"
            " 5.573 hội viên (tăng 12,6% so với năm 2010), 2.389 thanh thiếu niên CTĐ, 60 tình "
            "nguyện viên, 13 đội thanh niên xung kích CTĐ. Phong trào tương thân tương ái được "
            "nhân dân, các đơn vị, tổ chức tôn giáo hưởng ứng mạnh mẽ bằng nhiều hình thức cứu "
            "trợ, 10 năm qua, các cấp Hội CTĐ quận đã vận động quyên góp ủng hộ hỗ trợ kịp thời "
            "cho 44.704 lượt người với tổng số tiền 17 tỷ 145 triệu đồng.",
            "Trong 06 tháng năm 2020, công tác dân vận của chính quyền trên địa bàn quận có nhiều "
            "chuyển biến tích cực; đã triển khai đồng bộ trên các lĩnh vực, chú trọng đến các nội "
            "dung liên quan trực tiếp đến lợi ích của nhân dân, xây dựng bộ máy chính quyền đảm "
            "bảo đủ năng lực, hiệu quả; cải cách hành chính ngày càng “gần dân”, “sát dân”; tăng "
            "cường kỷ luật, kỷ cương, gắn với việc nâng cao chất lượng thực thi công vụ của đội "
            "ngũ cán bộ, công chức, viên chức, nhất là trong quan hệ với cơ quan, tổ chức và người"
            " dân. Hoạt động phối hợp giữa các cấp chính quyền với MTTQ và các đoàn thể chính trị "
            "- xã hội ngày càng chặt chẽ trong việc thực hiện các cuộc vận động, các phong trào "
            "thi đua yêu nước, trọng tâm là phong trào thi đua “Dân vận khéo”, nhất là việc triển "
            "khai nhiều giải pháp thiết thực, cụ thể, trong đó có việc tích cực tuyên truyền, vận "
            "động người dân phòng, chống dịch hiệu quả, góp phần ngăn ngừa, giảm thiểu nguy cơ lây"
            " nhiễm và kiểm soát được dịch bệnh Covid-19.",
            "Tại hội nghị có 7 tập thể được khen thưởng có thành tích trong việc thực hiện Quyết "
            "định số 290-QĐ/TW của Bộ Chính trị (khoá X) “về việc ban hành Quy chế công tác dân "
            "vận của hệ thống chính trị”; 7 tập thể và 5 cá nhân được khen thưởng trong thực hiện "
            "10 năm thực hiện Kết luận số 66, ngày 04/03/2010 của Ban Bí thư về tiếp tục thực hiện"
            " Nghị quyết số 09 của Bộ Chính trị (khóa IX) “về tăng cường sự lãnh đạo của Đảng đối "
            "với công tác cựu chiến binh Việt Nam trong giai đoạn cách mạng mới”; 6 tập thể, 4 cá "
            "nhân được khen thưởng trong thực hiện Chỉ thị số 43-CT/TW, ngày 08/6/2010 của Ban Bí "
            "thư Trung ương Đảng (khóa X) về “Tăng cường sự lãnh đạo của Đảng đối với công tác Hội"
            " Chữ thập đỏ Việt Nam”.",
            "ẢNH: Đ/c Phạm Hải Hoa - TUV, Phó Trưởng Ban Thường trực Ban Dân vận Thành ủy trao "
            "thưởng tại Hội nghị",
            "Đồng chí Phạm Hải Hoa - TUV, Phó Trưởng Ban Thường trực Ban Dân vận Thành ủy đề nghị "
            "Ban Dân vận Quận ủy tiếp tục tuyên truyền, vận động nhân dân thực hiện tốt phòng, "
            "chống dịch giai đoạn mới và thực hiện nhiệm vụ kép vừa chống dịch, vừa phát triển "
            "kinh tế - xã hội. Phát huy tốt vai trò giám sát của MTTQ và các đoàn thể về thực hiện"
            " các gói an sinh xã hội của Chính phủ để đến đúng đối tượng được thụ hưởng; nắm tình "
            "hình tư tưởng của nhân dân trên địa bàn quận trước, trong và sau Đại hội; tiếp tục "
            "đóng góp vào dự thảo các văn kiện Đại hội Đảng bộ Thành phố Hà Nội lần thứ XVII, Đại "
            "hội toàn quốc lần thứ XIII; sơ tổng kết các văn bản của Đảng về công tác dân vận, Kết"
            " luận 114; củng cố, kiện toàn thực hiện quy chế dân chủ, công tác tôn giáo, Đề án "
            "212; đổi mới nội dung, phương thức hoạt động, có nhiều chương trình, phần việc thiết "
            "thực chào mừng Đại hội Đảng bộ quận, kỷ niệm 25 năm thành lập quận Tây Hồ.",
            "ẢNH: Đ/c Nguyễn Anh Tuấn - Phó Bí thư thường trực Quận ủy phát biểu tại Hội nghị",
            "Thay mặt các đồng chí lãnh đạo quận, đồng chí Nguyễn Anh Tuấn - Phó Bí thư thường "
            "trực Quận ủy đã tiếp thu ý kiến chỉ đạo của đồng chí Phạm Hải Hoa - TUV, Phó Trưởng "
            "Ban Thường trực Ban Dân vận Thành ủy và đề nghị đội ngũ làm công tác dân vận từ quận "
            "đến cơ sở tập trung tuyên truyền, vận động nhân dân thực hiện đúng đường lối, chính "
            "sách pháp luật của Đảng và Nhà nước; đội ngũ công an, quân sự trên địa bàn quận tập "
            "trung giữ vững an ninh chính trị trên địa bàn, quản lý chặt chẽ công tác tôn giáo, "
            "không để nảy sinh các vấn đề phức tạp, điểm nóng ảnh hưởng đến công tác chuẩn bị Đại "
            "hội. Đối với các phường cần tập trung triển khai nghị quyết Đại hội để nghị quyết sớm"
            " đi vào cuộc sống; đối với Ban Dân vận Quận ủy tập trung xây dựng quy chế dân chủ "
            "trong công tác thuế, phối hợp với UBND quận phát hành tờ rơi tuyên truyền đến cán bộ,"
            " nhân dân trên địa bàn quận, góp phần thực hiện thắng lợi nhiệm vu chung của toàn "
            "quận trong năm 2020./.",
        ],
    },
    {
        "seed": "004",
        "section": "tin-tuc-su-kien",
        "slug": "tan-binh-tong-ket-cong-tac-dan-van-nam-2019",
        "title": (
            "Nâng cao chất lượng hoạt động của Mặt trận Tổ quốc, các tổ chức chính trị - xã hội ở "
            "địa bàn dân cư"
        ),
        "published_on": "2020-01-13 18:30",  # "Chiều 13/1": demo hour
        "author": "Lê Thị Dạ Thảo",
        "source": "Thanhuytphcm.vn",
        "featured": False,
        "meeting": "TB-2020-01",
        "cover": "Các tập thể và cá nhân nhận khen thưởng tại hội nghị",
        "lead": (
            "(Thanhuytphcm.vn) – Chiều 13/1, Ban dân vận Quận ủy quận Tân Bình tổ chức hội nghị "
            "tổng kết công tác dân vận, Quy chế dân chủ ở cơ sở năm 2019. Đến dự có Phó Bí thư "
            "Thường trực Quận ủy quận Tân Bình Phạm Thị Út."
        ),
        "body": [
            "Trong năm 2019, Ban Dân vận Quận ủy đã tham mưu cho Ban Thường vụ Quận ủy tiếp tục "
            "tăng cường lãnh đạo, chỉ đạo thực hiện có hiệu quả Quy chế công tác dân vận của hệ "
            "thống chính trị; công tác quán triệt, triển khai và tổ chức thực hiện các văn bản chỉ"
            " đạo về công tác dân vận của Trung ương, Thành ủy, Quận ủy. Cấp ủy các cấp quan tâm "
            "lãnh đạo, cụ thể hóa và xây dựng các chương trình, kế hoạch phù hợp với tình hình "
            "thực tiễn tại cơ sở để thực hiện; củng cố, tăng cường khối đại đoàn kết toàn dân, "
            "thực hiện tốt các chương trình an sinh xã hội, nâng cao đời sống của Nhân dân.",
            "Ban Dân vận Quận ủy cũng đẩy mạnh thực hiện quy chế dân chủ cơ sở và phát huy vai trò"
            " giám sát của Nhân dân đối với hoạt động của các tổ chức Đảng, chính quyền, cán bộ, "
            "đảng viên, công chức, viên chức. Đáng chú ý, các phong trào chăm lo cho người nghèo, "
            "toàn dân bảo vệ an ninh Tổ quốc, toàn dân đoàn kết xây dựng đời sống văn hóa và các "
            "cuộc vận động: xây dựng nông thôn mới, đô thị văn minh, người Việt Nam ưu tiên dùng "
            "hàng Việt Nam;... có nhiều chuyển biến tích cực, hệ thống chính trị từ quận đến cơ sở"
            " được nâng lên về chất.",
            "Phát biểu chỉ đạo hội nghị, Phó Bí thư Thường trực Quận ủy Phạm Thị Út đề nghị các "
            "đơn vị liên quan tiếp tục tham mưu lãnh đạo, chỉ đạo triển khai thực hiện tốt các văn"
            " bản của Trung ương và Thành ủy về công tác dân vận, quy chế dân chủ ở cơ sở; tổ chức"
            " sơ kết, tổng kết các nghị quyết, chỉ thị, chương trình hành động của Trung ương và "
            "Thành ủy về công tác vận động quần chúng, dân tộc, tôn giáo, công tác hội, nội dung "
            "phương thức hoạt động của Mặt trận và đoàn thể; chỉ đạo tổ chức một số hội nghị "
            "chuyên đề về công tác dân vận và quy chế dân chủ trong các cơ quan nhà nước; nâng cao"
            " chất lượng tổ chức Mặt trận Tổ quốc, các tổ chức chính trị - xã hội nhất là ở địa "
            "bàn dân cư.",
            "Dịp này, quận Tân Bình đã khen thưởng 10 tập thể, 6 cá nhân có thành tích trong công "
            "tác dân vận; khen thưởng 9 tập thể, 5 cá nhân có thành tích trong công tác Quy chế "
            "dân chủ ở cơ sở năm 2019.",
        ],
    },
]

# --- album (demo: the photos are drawn at load time) -------------------------------------
ALBUM: dict[str, Any] = {
    "title": "Hội nghị giao ban công tác dân vận tháng 2/2023",
    "slug": "hoi-nghi-giao-ban-cong-tac-dan-van-thang-2-2023",
    "published_on": "2023-03-02 14:00",  # demo
    "description": "Một số hình ảnh hội nghị giao ban công tác Dân vận với Mặt trận Tổ quốc và "
    "các đoàn thể chính trị - xã hội quận Hoàng Mai ngày 23/02/2023.",
    "photos": [  # demo captions, from seed 000's account of the meeting
        "Quang cảnh hội nghị giao ban tháng 2/2023",
        "Đồng chí Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận Quận ủy chủ trì hội nghị",
        "Lãnh đạo Ban Dân vận Quận ủy trình bày báo cáo công tác dân vận tháng 2",
        "Đại diện MTTQ, các đoàn thể chính trị - xã hội Quận phát biểu ý kiến",
        "Các đại biểu dự hội nghị",
    ],
}

# --- notices (demo: plausible, and say so on the page) -----------------------------------
DEMO_NOTE = "<p><em>(Thông báo trình diễn, không phải văn bản thật.)</em></p>"
NOTICES: list[dict[str, Any]] = [
    {
        "title": "Thông báo lịch tiếp công dân tháng 3/2023",
        "slug": "lich-tiep-cong-dan-thang-3-2023",
        "published_on": "2023-02-27 08:00",  # demo
        "body": "<p>Thường trực Ban Dân vận Quận ủy Hoàng Mai tiếp công dân vào sáng thứ Năm "
        "các tuần trong tháng 3/2023 (các ngày 02, 09, 16, 23 và 30/3/2023), từ 8 giờ 00 đến "
        "11 giờ 30, tại phòng tiếp công dân của Quận ủy.</p>"
        "<p>Công dân đến liên hệ mang theo giấy tờ tùy thân và các tài liệu liên quan đến nội "
        "dung phản ánh, kiến nghị.</p>",
    },
    {
        "title": "Thông báo kết luận của Thường trực Ban Dân vận Quận ủy tại hội nghị giao ban "
        "tháng 2/2023",
        "slug": "ket-luan-hoi-nghi-giao-ban-thang-2-2023",
        "published_on": "2023-02-28 16:00",  # demo
        "body": "<p>Tại hội nghị giao ban ngày 23/02/2023, đồng chí Khương Quốc Hưng - UVTV, "
        "Trưởng Ban Dân vận Quận ủy kết luận:</p>"
        "<ol><li>UB MTTQ và các đoàn thể chính trị - xã hội Quận tập trung thực hiện tốt các "
        "chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước.</li>"
        "<li>Tuyên truyền, vận động đoàn viên, hội viên và Nhân dân thực hiện tốt nội quy, "
        "quy chế của cơ quan; đánh giá kết quả hoạt động từng tuần, từng tháng.</li>"
        "<li>Tham mưu tổ chức tốt kế hoạch nhiệm vụ của UB MTTQ và các đoàn thể gắn với nhiệm "
        "vụ phát triển kinh tế và nhiệm vụ chính trị của Quận.</li></ol>",
    },
]

# --- readers' comments on the Hoàng Mai article (seed 000), demo ------------------------
# (name, email, text, approved, sent at)
COMMENTS: list[tuple[str, str, str, bool, str]] = [
    (
        "Nguyễn Văn Hải",
        "",
        "Hội nghị giao ban đánh giá sát tình hình, mong Ban Dân vận tiếp tục phát huy các mô "
        "hình “Dân vận khéo” ở tổ dân phố.",
        True,
        "2023-03-02 20:10",
    ),
    (
        "Trần Thị Mai",
        "mai.tran@example.com",
        "Cảm ơn Ban đã thông tin kịp thời về các hoạt động chào mừng 20 năm thành lập quận.",
        True,
        "2023-03-03 07:45",
    ),
    (
        "Lê Minh Tuấn",
        "",
        "Đề nghị đăng thêm lịch tiếp công dân của các phường trên cổng thông tin.",
        False,
        "2023-03-03 09:30",
    ),
    (
        "Phạm Thu Hà",
        "thuha@example.com",
        "Tổ dân phố chúng tôi đã đăng ký mô hình thi đua năm 2023, xin hỏi thời hạn nộp hồ sơ?",
        False,
        "2023-03-03 14:05",
    ),
    (
        "Hoàng Đức Anh",
        "",
        "Mong Quận sớm tổ chức tập huấn nghiệp vụ cho cán bộ khối dân vận tổ dân phố.",
        False,
        "2023-03-04 08:20",
    ),
]
COMMENTS_ON = "000"

# --- site settings (demo: the footer says it is a demo; no weather provider offline) ------
SETTINGS: dict[str, str] = {
    "organisation": "Ban Tuyên giáo và Dân vận Thành ủy Hà Nội",
    "address": "Phường Hoàn Kiếm, Hà Nội (địa chỉ trình diễn)",  # demo
    "phone": "024 0000 0000",  # demo
    "email": "bantuyengiaodanvan@example.com",  # demo
    "licence": "Cổng thông tin trình diễn: dữ liệu mẫu, không phải cổng thông tin chính thức.",
    # The seed's "thời tiết các vùng" box; it stays hidden until a provider URL is set.
    "weather_cities": "Hà Nội | 21.03 | 105.85\nĐà Nẵng | 16.05 | 108.20\n"
    "TP Hồ Chí Minh | 10.78 | 106.70",
}

# Register entries (keys of ``meetings_data.DOCUMENTS``) listed on /van-ban/: the ones
# seed 000 cites. Entries the Trung ương holds are public from the start.
PUBLIC_DOCUMENTS = ["CT18", "KH138", "CV507", "TB187", "QD290"]
