"""HTML descriptions as the shopper reads them, with a map back to what the seller wrote.

Shopify's Body (HTML), WooCommerce and eBay descriptions hold markup. The checker
must read "Nike" in `<b>Nike</b>`, not trip over `&amp;`, and still report the
offsets of the word inside the raw cell. `html_to_plain` returns the plain text
and, for each of its characters, the [start, end) span of the raw text it came
from (the shape `app.core.textnorm.ExplicitLayer` consumes).
"""

from __future__ import annotations

import html
import re

# Only text with a real tag is treated as HTML ("size <5cm" or "A > B" is not).
_HTML_HINT = re.compile(
    r"</?(?:p|br|b|i|u|em|strong|span|div|ul|ol|li|h[1-6]|table|tbody|thead|tr|td|th|img|a|font|blockquote|hr|"
    r"section|article|header|footer|meta|style|script|sup|sub|small|big|center|pre|code|dl|dt|dd|label|iframe|"
    r"figure|figcaption|html|body|head|o:p)\b[^<>]*>|<!--",
    re.IGNORECASE,
)

_TOKEN = re.compile(
    r"(?P<comment><!--.*?(?:-->|$))"
    r"|(?P<dropped><(?P<dropname>script|style|head|title)\b[^>]*>.*?(?:</(?P=dropname)\s*>|$))"
    r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9:]*)\b[^<>]*>)"
    r"|(?P<decl><[!?][^<>]*>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<space>\s+)",
    re.DOTALL | re.IGNORECASE,
)

# Tags that start a new line where a browser would; cells become spaces.
_BREAK_TAGS = frozenset(
    {
        "br",
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "table",
        "tbody",
        "thead",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "hr",
        "pre",
        "figure",
        "figcaption",
    }
)
_SPACE_TAGS = frozenset({"td", "th", "img"})


def looks_like_html(text: str) -> bool:
    return "<" in text and _HTML_HINT.search(text) is not None


class _Builder:
    """Plain characters with their raw spans; collapses white space like a browser."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def text(self, raw: str, start: int) -> None:
        self.chars.extend(raw)
        self.starts.extend(range(start, start + len(raw)))
        self.ends.extend(range(start + 1, start + len(raw) + 1))

    def char(self, ch: str, start: int, end: int) -> None:
        self.chars.append(ch)
        self.starts.append(start)
        self.ends.append(end)

    def space(self, start: int, end: int) -> None:
        if self.chars and self.chars[-1] not in (" ", "\n"):
            self.char(" ", start, end)

    def newline(self, start: int, end: int) -> None:
        if not self.chars:
            return
        if self.chars[-1] == " ":
            self._pop()
        if self.chars and self.chars[-1] != "\n":
            self.char("\n", start, end)

    def _pop(self) -> None:
        self.chars.pop()
        self.starts.pop()
        self.ends.pop()

    def result(self) -> tuple[str, list[int], list[int]]:
        while self.chars and self.chars[-1] in (" ", "\n"):
            self._pop()
        return "".join(self.chars), self.starts, self.ends


def html_to_plain(raw: str) -> tuple[str, list[int], list[int]]:
    """(plain text, starts, ends): plain char i came from raw[starts[i]:ends[i]].

    Tags are dropped (block tags become line breaks), script/style content and
    comments are dropped, entities are decoded, runs of white space become one.
    """
    out = _Builder()
    pos = 0
    for m in _TOKEN.finditer(raw):
        if m.start() > pos:
            out.text(raw[pos : m.start()], pos)
        pos = m.end()
        kind = m.lastgroup
        if kind == "space":
            out.space(m.start(), m.end())
        elif kind == "entity":
            decoded = html.unescape(m.group())
            if decoded == m.group():
                out.text(decoded, m.start())
            elif decoded.isspace():
                out.space(m.start(), m.end())
            else:
                for ch in decoded:
                    out.char(ch, m.start(), m.end())
        elif kind in ("tag", "name"):
            name = (m.group("name") or "").lower()
            if name in _BREAK_TAGS:
                out.newline(m.start(), m.end())
            elif name in _SPACE_TAGS:
                out.space(m.start(), m.end())
        # comments, declarations and dropped blocks produce nothing
    if pos < len(raw):
        out.text(raw[pos:], pos)
    return out.result()
