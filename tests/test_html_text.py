"""HTML descriptions as shoppers read them, every character mapped back to the seller's raw cell."""

from __future__ import annotations

import pytest

from app.io.html_text import html_to_plain, looks_like_html


def spans(raw: str) -> tuple[str, list[str]]:
    text, starts, ends = html_to_plain(raw)
    assert len(starts) == len(ends) == len(text)
    return text, [raw[s:e] for s, e in zip(starts, ends)]


def test_tags_dropped_and_text_maps_back() -> None:
    raw = "<p>Soft <b>cotton</b> tee</p>"
    text, pieces = spans(raw)
    assert text == "Soft cotton tee"
    assert pieces[5:11] == list("cotton")
    start = html_to_plain(raw)[1][5]
    assert raw[start : start + 6] == "cotton"


def test_entities_map_to_the_whole_entity() -> None:
    raw = "Tom&nbsp;&amp;&#32;Jerry &#x4E2D;&#25991; &copy; 2026"
    text, pieces = spans(raw)
    assert text == "Tom & Jerry 中文 © 2026"
    assert pieces[4] == "&amp;" and pieces[12] == "&#x4E2D;" and pieces[13] == "&#25991;"
    assert pieces[3] == "&nbsp;"  # a non-breaking space is a space to the checker


def test_block_tags_break_lines_and_white_space_collapses() -> None:
    raw = "<div>\n  <ul>\n<li>One</li>\n<li>Two</li></ul><p>Three<br/>Four</p>   </div>"
    assert html_to_plain(raw)[0] == "One\nTwo\nThree\nFour"


def test_script_style_comments_and_head_are_not_read() -> None:
    raw = (
        "<head><title>Nike store</title><style>.x{color:red}</style></head><!-- Adidas -->"
        '<script type="text/javascript">var a = "<b>Puma</b>";</script><p>Plain mug</p>'
    )
    assert html_to_plain(raw)[0] == "Plain mug"


def test_broken_markup_does_not_lose_text() -> None:
    text = html_to_plain("<p>Unclosed <b>bold and 5 < 6 and <script>never closed")[0]
    assert text == "Unclosed bold and 5 < 6 and"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>Hello</p>", True),
        ("Line<br>break", True),
        ("<!-- note -->x", True),
        ("<B>Bold</B>", True),
        ("Size <5cm, weight >2kg", False),
        ("Clothing > Men > Shirts", False),
        ("AT&T charger &amp; cable", False),
        ("<3 love it", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected
