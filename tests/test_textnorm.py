from __future__ import annotations

import random

import pytest

from app.core.textnorm import for_marks, for_marks_fields, is_word_boundary, normalize


@pytest.mark.parametrize(
    ("raw", "expected", "span_text"),
    [
        ("Nike Air Max", "nike air max", "Nike"),
        ("N1ke shoes", "nike shoes", "N1ke"),
        ("N I K E running", "nike running", "N I K E"),
        ("N.I.K.E hoodie", "nike hoodie", "N.I.K.E"),
        ("N-I-K-E hoodie", "nike hoodie", "N-I-K-E"),
        ("Ｎｉｋｅ 运动鞋", "nike 运动鞋", "Ｎｉｋｅ"),
        ("N\u0456ke", "nike", "N\u0456ke"),
        ("Ni\u200bke shoe", "nike shoe", "Ni\u200bke"),
        ("Nike\u2122 Shoes", "nike shoes", "Nike"),
        ("adid@s", "adidas", "adid@s"),
        ("Caf\u00e9  Cr\u00e8me  nike", "cafe creme nike", "nike"),
        ("Tiffany &amp; nike", "tiffany & nike", "nike"),
        ("&lt;b&gt;nike&lt;/b&gt;", "<b>nike</b>", "nike"),
    ],
)
def test_fold_and_map_back(raw: str, expected: str, span_text: str) -> None:
    norm = for_marks(normalize(raw))
    assert norm.text == expected
    needle = "adidas" if "adidas" in norm.text else "nike"
    start = norm.text.index(needle)
    o_start, o_end = norm.span(start, start + len(needle))
    assert raw[o_start:o_end] == span_text


def test_model_numbers_are_not_leetspeak() -> None:
    assert for_marks(normalize("iPhone16 Galaxy S24 4K 3D mp3")).text == "iphone16 galaxy s24 4k 3d mp3"


def test_rule_normalisation_keeps_digits() -> None:
    assert normalize("UN38.3 CR2032 2.4GHz").text == "un38.3 cr2032 2.4ghz"


def test_every_position_maps_inside_the_original() -> None:
    raw = "Ｓｕｐｅｒ\u200b  N.I.K.E &amp; Straße ﬁne 耐克"
    norm = for_marks(normalize(raw))
    for i in range(len(norm.text)):
        s, e = norm.span(i, i + 1)
        assert 0 <= s < e <= len(raw)


def test_word_boundary() -> None:
    assert is_word_boundary("monike dress", 7, 12)
    assert not is_word_boundary("monike", 2, 6)
    assert is_word_boundary("耐克nike同款", 2, 6)


def test_fields_folded_together_as_each_alone() -> None:
    # The pre-checks run once over all fields; what comes out must be what each field gives alone,
    # including spaced letters at the very start or end of a field and leetspeak in one field only.
    fields = [("title", "n i k e hoodie 2pcs"), ("bullet_1", "soft warm a d i d a s"), ("bullet_2", "plain text"),
              ("search_terms", "adid@s n1ke 100% cotton"), ("description", "size: 1:1 scale, 3d print")]
    together = for_marks_fields((name, normalize(text)) for name, text in fields)
    assert [(n, x.text) for n, x in together] == [(n, for_marks(normalize(t)).text) for n, t in fields]
    plain = [("title", normalize("soft cotton hoodie")), ("bullet_1", normalize("warm and light"))]
    assert for_marks_fields(plain) == plain


def test_ascii_fast_paths_fold_as_the_general_path() -> None:
    # ASCII text is folded through byte tables; every ASCII character must come out as the general table has it,
    # and the spaced-letters pre-check on the text's shape must agree with the pattern it stands in for.
    from app.core import textnorm

    for c in range(128):
        text = f"x{chr(c)}Y"
        if c != ord("&"):
            assert textnorm._normalize(text).text == text.translate(textnorm._TABLE), c
    rng = random.Random(3)
    alphabet = "ab .-_*/1#Z\t"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert textnorm._may_be_spaced(text) == bool(textnorm._SPACED_HINT_RE.search(f" {text} ")), text
    assert textnorm._may_be_spaced("x n i k e")
    assert textnorm._may_be_spaced("耐克 n i k e")
    assert not textnorm._may_be_spaced("nike a shoe")
