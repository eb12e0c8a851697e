import doctest

import pytest

from danvan.lib import dates, env, numbers, text, titles


@pytest.mark.parametrize("module", [text, titles, numbers, dates])
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Đảng", "dang"),
        ("Dân vận khéo", "dan van kheo"),
        ("Hội Chữ thập đỏ", "hoi chu thap do"),
        ("ĐOÀN THỂ", "doan the"),
        ("Phường  Định   Công", "phuong dinh cong"),
        # Ð (U+00D0, the eth) and ð are typed or pasted for Đ/đ.
        ("\u00d0ảng", "dang"),
        ("\u00d0ÔNG \u00f0a", "dong da"),
        # Invisible characters pasted from the web or Word: zero-width space, non-joiner,
        # joiner, BOM, soft hyphen.
        ("Đ\u200bảng", "dang"),
        ("Dân\u200c vận\u200d", "dan van"),
        ("\ufeffHội nông dân", "hoi nong dan"),
        ("Chữ thập\u00ad đỏ", "chu thap do"),
        ("\u200b", ""),
    ],
)
def test_fold(raw, folded):
    assert text.fold(raw) == folded


def test_fold_is_equal_for_composed_and_decomposed_input():
    import unicodedata

    word = "Khương"
    assert text.fold(unicodedata.normalize("NFD", word)) == text.fold(word) == "khuong"


def test_numbers_in_vietnamese_style():
    assert numbers.format_number(2811.7) == "2.811,7"
    assert numbers.format_number(1234567) == "1.234.567"
    assert numbers.format_percent(12.6, 1) == "12,6%"


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_env_bool_refuses_what_it_does_not_understand(monkeypatch, value):
    monkeypatch.setenv("X_FLAG", value)
    with pytest.raises(env.EnvError):
        env.env_bool("X_FLAG")


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("0", False), ("off", False)]
)
def test_env_bool_reads(monkeypatch, value, expected):
    monkeypatch.setenv("X_FLAG", value)
    assert env.env_bool("X_FLAG") is expected
