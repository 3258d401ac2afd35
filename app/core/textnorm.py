"""Text normalisation for matching, with a map back to the seller's original characters.

`normalize()` folds what a seller (or a counterfeiter) types into one comparable
form: HTML entities decoded, Unicode NFKC (full-width to half-width, ligatures),
case folded, diacritics dropped, Cyrillic/Greek look-alike letters mapped to
Latin ones (Unicode TR39 confusables), zero-width and control characters
removed, runs of spaces collapsed. `for_marks()` goes further for the brand
matcher: single letters spread out by separators are joined (``N.I.K.E``) and
leetspeak inside words is undone (``N1ke``, ``adid@s``).

Every step that changes the text's length records a `Layer`, so a match in the
normalised text maps back to the exact span of the original: `NormText.span()`.
Plain ASCII text without entities or double spaces takes a fast path with no
layer at all.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Letters that look like Latin ones (subset of Unicode TR39 confusables that
# matters for brand names), applied before case folding.
_CONFUSABLES = {
    # Cyrillic capitals and small letters
    "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p",
    "С": "c", "Т": "t", "Х": "x", "У": "y", "Ѕ": "s", "І": "i", "Ј": "j", "Ԁ": "d",
    "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "х": "x", "у": "y", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d",
    "ӏ": "l", "һ": "h", "ԛ": "q", "ԝ": "w", "ɡ": "g", "ɑ": "a", "ı": "i", "ȷ": "j",
    # Greek capitals and small letters
    "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m",
    "Ν": "n", "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j",
    # Punctuation sellers use in place of ASCII
    "’": "'", "‘": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "″": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "•": " ", "·": " ", "・": " ", "●": " ",
    # Trademark signs stay out of words: "Nike™" must still be the word "nike".
    "™": " ", "®": " ", "©": " ", "℠": " ",
}

# Removed outright: zero-width characters, soft hyphen, joiners, BOM, variation selectors.
_DELETE = {
    "\u00ad", "\u034f", "\u061c", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u180e",
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
    "\u202d", "\u202e", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\ufeff",
    *(chr(c) for c in range(0xFE00, 0xFE10)),
}

# Code point ranges folded per character; anything else (CJK, kana, emoji) is kept.
_RANGES = (
    (0x0000, 0x052F),  # ASCII, Latin-1, Latin Extended, IPA, combining marks, Greek, Cyrillic
    (0x1D00, 0x1DBF),  # phonetic extensions
    (0x1E00, 0x1FFF),  # Latin Extended Additional, Greek Extended
    (0x2000, 0x215F),  # punctuation, super/subscripts, letterlike symbols
    (0x2460, 0x24FF),  # enclosed alphanumerics
    (0x3000, 0x3000),  # ideographic space
    (0xFB00, 0xFB06),  # Latin ligatures
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFF00, 0xFFEF),  # full-width and half-width forms
    (0x1D400, 0x1D7FF),  # mathematical alphanumerics (bold/italic "letters")
    (0x1F130, 0x1F189),  # squared/circled Latin letters
)


def _fold_char(ch: str) -> str:
    if ch in _DELETE:
        return ""
    if ch in _CONFUSABLES:
        return _CONFUSABLES[ch]
    cat = unicodedata.category(ch)
    if ch in "\t\n\r\x0b\x0c" or cat in ("Zs", "Zl", "Zp"):
        return " "
    if cat == "Cc" or cat == "Cf":
        return " " if ch.isascii() else ""
    if cat == "Mn":  # a lone combining mark
        return ""
    text = unicodedata.normalize("NFKC", ch)
    text = "".join(_CONFUSABLES.get(c, c) for c in text).casefold()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", text)


def _build_tables() -> tuple[dict[int, str], str]:
    table: dict[int, str] = {}
    non_unit: list[str] = []
    for lo, hi in _RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if 0xD800 <= cp <= 0xDFFF:
                continue
            folded = _fold_char(ch)
            if folded != ch:
                table[cp] = folded
            if len(folded) != 1:
                non_unit.append(ch)
    for ch in _DELETE:
        table[ord(ch)] = ""
        if ch not in non_unit:
            non_unit.append(ch)
    return table, "".join(sorted(set(non_unit)))


_TABLE, _NON_UNIT_CHARS = _build_tables()
# The same folding for ASCII text as a byte table: `bytes.translate` is about 3 times faster than
# `str.translate` with a dict, and ASCII folds one to one.
_ASCII_TABLE = bytes(ord(_TABLE.get(c, chr(c))) for c in range(128)) + bytes(range(128, 256))
# Folded ASCII text reduced to its shape for the spaced-letters pre-check: letters are "a", separators a space.
_SHAPE_TABLE = bytes(
    ord("a") if chr(c).islower() and chr(c).isascii() else ord(" ") if chr(c) in " .-_*/" else ord("#")
    for c in range(256)
)
_NON_UNIT_RE = re.compile("[" + re.escape(_NON_UNIT_CHARS) + "]")
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES_RE = re.compile(r"  +")
# Single letters joined by one separator, three or more of them: "n i k e", "n.i.k.e", "n-i-k-e".
_SPACED_RE = re.compile(r"(?<![a-z0-9])[a-z](?:[ .\-_*/][a-z](?![a-z0-9])){2,}")
# Words that mix letters with digits or symbols used as letters.
_LEET_TOKEN_RE = re.compile(r"(?<![a-z0-9@$!|])(?:[0-9@$!|]+[a-z]|[a-z]+[0-9@$!|])[a-z0-9@$!|]*")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s",
                       "!": "i", "|": "l"})
_DIGIT_RUN_RE = re.compile(r"[0-9]{2,}")
# Cheap pre-checks: most text has neither, and the full patterns are slower to run.
_SPACED_HINT_RE = re.compile(r"[ .\-_*/][a-z][ .\-_*/][a-z][ .\-_*/]")
# A word that mixes them has a letter next to one of them (written to start with the rarer character: 5x faster).
_LEET_HINT_RE = re.compile(r"[0-9@$!|](?:(?<=[a-z].)|[a-z])")


@dataclass(slots=True)
class Layer:
    """Where a length-changing step replaced text.

    `pieces` is sorted by output position: (out_start, out_end, in_start, in_end)
    for each replaced chunk; text between pieces was copied one to one.
    """

    pieces: list[tuple[int, int, int, int]]
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [p[0] for p in self.pieces]

    def to_input(self, pos: int, *, end: bool) -> int:
        """Map an output position (a start, or an exclusive end) to the input text."""
        probe = pos - 1 if end else pos
        i = bisect_right(self._starts, probe) - 1
        while i >= 0:
            out_s, out_e, in_s, in_e = self.pieces[i]
            if out_s <= probe < out_e:
                return in_e if end else in_s
            if probe >= out_e:
                return in_e + (pos - out_e)
            i -= 1
        return pos


@dataclass(slots=True)
class ExplicitLayer:
    """Per-character map from derived text to its source (e.g. plain text taken out of HTML)."""

    starts: list[int]
    ends: list[int]

    def to_input(self, pos: int, *, end: bool) -> int:
        if end:
            return self.ends[pos - 1] if 0 < pos <= len(self.ends) else (self.ends[-1] if self.ends else 0)
        return self.starts[pos] if pos < len(self.starts) else (self.ends[-1] if self.ends else 0)


@dataclass(slots=True)
class NormText:
    """Normalised text plus the layers that map it back to the original."""

    original: str
    text: str
    layers: tuple[Layer | ExplicitLayer, ...] = ()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original (start, end) of a normalised span."""
        if start >= end:
            for layer in reversed(self.layers):
                start = layer.to_input(start, end=False)
            return start, start
        for layer in reversed(self.layers):
            start = layer.to_input(start, end=False)
            end = layer.to_input(end, end=True)
        return start, end


def _substitute(text: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> tuple[str, Layer | None]:
    """Replace every match, recording a layer when any replacement changes length."""
    out: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    last = 0
    pos = 0
    changed = False
    for m in pattern.finditer(text):
        new = repl(m)
        if new == m.group():
            continue
        out.append(text[last:m.start()])
        pos += m.start() - last
        out.append(new)
        pieces.append((pos, pos + len(new), m.start(), m.end()))
        pos += len(new)
        last = m.end()
        changed = True
    if not changed:
        return text, None
    out.append(text[last:])
    return "".join(out), Layer(pieces)


def _fold_entity(m: re.Match[str]) -> str:
    decoded = html.unescape(m.group())
    return decoded if decoded != m.group() else m.group()


def _fold_non_unit(m: re.Match[str]) -> str:
    return _TABLE.get(ord(m.group()), m.group())


def _chain(norm: NormText, text: str, layer: Layer | None) -> NormText:
    layers = norm.layers if layer is None else (*norm.layers, layer)
    return NormText(norm.original, text, layers)


def normalize(raw: str, *, source: str | None = None, layer: ExplicitLayer | None = None) -> NormText:
    """Fold text for matching terms; see the module docstring.

    When `raw` was derived from `source` (plain text out of HTML), `layer` maps it
    back, and spans come out as offsets into `source`.
    """
    norm = _normalize(raw)
    if layer is None or source is None:
        return norm
    return NormText(source, norm.text, (layer, *norm.layers))


def _normalize(raw: str) -> NormText:
    if raw.isascii() and "&" not in raw and "  " not in raw:
        folded = raw.encode("ascii").translate(_ASCII_TABLE).decode("ascii")
        if "  " not in folded:
            return NormText(raw, folded)
    norm = NormText(raw, raw)
    if "&" in raw:
        text, layer = _substitute(raw, _ENTITY_RE, _fold_entity)
        norm = _chain(norm, text, layer)
    text = norm.text
    if _NON_UNIT_RE.search(text):
        text, layer = _substitute(text, _NON_UNIT_RE, _fold_non_unit)
        norm = _chain(norm, text, layer)
        text = norm.text
    norm = NormText(raw, text.translate(_TABLE), norm.layers)
    if "  " in norm.text:
        text, layer = _substitute(norm.text, _SPACES_RE, lambda m: " ")
        norm = _chain(norm, text, layer)
    return norm


def _unleet(m: re.Match[str]) -> str:
    token = m.group()
    letters = sum(c.isalpha() for c in token)
    if letters < 3 or _DIGIT_RUN_RE.search(token):
        return token
    return token.translate(_LEET)


def _may_be_spaced(text: str) -> bool:
    """The cheap pre-check for spaced letters: two single letters in a row between separators."""
    if text.isascii():
        # The same test on the text's shape, found by a plain substring search: 2.5 times faster.
        return b" a a " in f" {text} ".encode("ascii").translate(_SHAPE_TABLE)
    return _SPACED_HINT_RE.search(f" {text} ") is not None


def for_marks(norm: NormText, *, spaced: bool = True, leet: bool = True) -> NormText:
    """Further folding for brand matching: joined spaced letters, undone leetspeak.

    `spaced` or `leet` False skips a step its cheap pre-check already ruled out.
    """
    text = norm.text
    if spaced and _may_be_spaced(text) and _SPACED_RE.search(text):
        text, layer = _substitute(text, _SPACED_RE, lambda m: re.sub(r"[ .\-_*/]", "", m.group()))
        norm = _chain(norm, text, layer)
        text = norm.text
    if leet and _LEET_HINT_RE.search(text):
        text = _LEET_TOKEN_RE.sub(_unleet, text)  # one to one: no layer needed
        norm = NormText(norm.original, text, norm.layers)
    return norm


def for_marks_fields(fields: Iterable[tuple[str, NormText]]) -> list[tuple[str, NormText]]:
    """`for_marks` for all of a listing's fields, with the pre-checks run once over them together."""
    fields = list(fields)
    joined = " \n ".join(norm.text for _, norm in fields)
    spaced = _may_be_spaced(joined)
    leet = _LEET_HINT_RE.search(joined) is not None
    if not spaced and not leet:
        return fields
    return [(name, for_marks(norm, spaced=spaced, leet=leet)) for name, norm in fields]


def fold(text: str) -> str:
    """Normalised form of a term or name (no offsets kept)."""
    return normalize(text).text.strip()


def fold_mark(text: str) -> str:
    return for_marks(normalize(text)).text.strip()


def join_fields(texts: Iterable[str]) -> tuple[str, list[int]]:
    """Field texts joined with line breaks (which folded text never holds), and where each one starts,
    so one scan covers a listing and `bisect_right(starts, pos) - 1` names the field of a position."""
    texts = list(texts)
    starts: list[int] = []
    pos = 0
    for text in texts:
        starts.append(pos)
        pos += len(text) + 1
    return "\n".join(texts), starts


# Characters that continue a Latin-script word: a whole-word term must not touch them.
LATIN_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def is_word_boundary(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to Latin letters or digits on either side."""
    return (start == 0 or text[start - 1] not in LATIN_WORD_CHARS) and (
        end >= len(text) or text[end] not in LATIN_WORD_CHARS
    )


def needs_word_boundary(term: str) -> bool:
    """Latin-script terms match whole words; Chinese/Japanese terms match anywhere."""
    return bool(term) and (term[0] in LATIN_WORD_CHARS or term[-1] in LATIN_WORD_CHARS)
