"""The brand matcher: finds marks in a listing's fields, however they are disguised.

One Aho-Corasick automaton holds every name, alias and Chinese/Japanese name of
every mark, folded the way `textnorm.for_marks` folds listing text, so a single
pass over a field finds exact and alias uses, full-width, confusable, spaced
and leetspeak forms alike. Latin-script patterns must stand as whole words.
Misspellings ("Nikee", "Addidas") are found per word through a deletion index
(a word and a name that share a one-letter deletion are candidates), verified
with rapidfuzz, and cached per distinct word, never mark-by-mark.

Context decides what a hit means: a mark that is also an ordinary word counts
only next to its context words; "for"/"compatible with"/"适用于" before a mark
makes it a nominative use; "style", "dupe", "同款", "高仿" around it make it a
disguised one.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick
from rapidfuzz.distance import OSA

from app.core.models import Mark
from app.core.textnorm import LATIN_WORD_CHARS, NormText, fold, fold_mark, join_fields, needs_word_boundary

FORM_RANK = {"exact": 3, "alias": 2, "fuzzy": 1}

# Phrases that turn a brand mention into an imitation offer. Folded text.
_DISGUISE_AFTER = re.compile(
    r"^[ \-:]{0,3}(?:[a-z0-9]{1,10} )?(?:style[sd]?\b|inspired\b|dupes?\b|look ?-?alikes?\b|replicas?\b|knock ?-?offs?\b"
    r"|copy\b|version\b|similar\b|alternative\b|same (?:as|style)\b|同款|风格|类似款|类似|高仿|原单|复刻|仿款|款式|平替|スタイル|風)"
)


def _reversed_cues(phrases: Iterable[str], *, gap: str, article: str = "") -> re.Pattern[str]:
    """A pattern matched against the text before a hit read backwards: `article`, `gap`, then a cue phrase.

    Read backwards, the pattern is tried at one position (next to the hit) instead of searched for
    along the whole window, which cost 20 times more. Latin cues must start a word.
    """
    def alt(phrase: str) -> str:
        rev = re.escape(phrase[::-1])
        if phrase[0] == "1":
            return rev + r"(?![0-9])"
        return rev + (r"(?!\w)" if phrase[0].isascii() and phrase[0].isalnum() else "")

    alts = "|".join(alt(p) for p in sorted(set(phrases), key=len, reverse=True))
    return re.compile(f"{article}{gap}(?:{alts})")


def _spellings(*parts: tuple[str, ...]) -> list[str]:
    """Every concatenation of one choice per part."""
    out = [""]
    for choices in parts:
        out = [a + b for a in out for b in choices]
    return out


# Before a mark, what makes it an imitation ("inspired by Nike", "高仿耐克").
_DISGUISE_BEFORE_REV = _reversed_cues([
    "inspired by", *_spellings(("dupe", "dupes"), (" of", " for")), *_spellings(("replica", "replicas"), (" ", " of")),
    "similar to", "like", "same as", "alternative to",
    *_spellings(("look",), ("", " ", "-", " -"), ("alike", "alikes"), (" ", " of", " for")),
    *_spellings(("knock",), ("", " ", "-", " -"), ("off", "offs"), (" ", " of")),
    "not", "vs", "vs.", "fake", "copy of", "高仿", "仿", "原单", "复刻", "1:1", "1 :1", "1: 1", "1 : 1",
    "aaa", "aaa+", "super copy", "supercopy", "mirror", "mirror quality", "unbranded",
], gap=r"[ \-:]{0,3}")
# Counterfeit signals that taint every mark in the same field wherever they stand. Every match contains
# one of the hints, so the search is skipped in the many fields with none of them.
_FIELD_TAINT = re.compile(r"\breplicas?\b|(?<![0-9])1 ?: ?1(?![0-9.])|\bsuper ?copy\b|\baaa\+? (?:quality|grade)\b|高仿|原单|a货|复刻版|\bdupes?\b")
_TAINT_HINTS = ("replica", "1:1", "1 :1", "1: 1", "1 : 1", "copy", "aaa", "dupe", "高仿", "原单", "a货", "复刻版")
# Before a mark, what makes it a compatibility statement ("for the iPhone", "适用于苹果").
_NOMINATIVE_BEFORE_REV = _reversed_cues([
    "for", "compatible with", "compatible for", "fit", "fits", "fit for", "fits for", "replacement for",
    "replacement of", "works with", "designed for", "suitable for", "made for", "applicable to", "applicable for",
    "compatibility with", "use with", "to fit", "适用于", "适用", "兼容", "适配", "用于", "对应", "対応", "用",
], gap=r"[ \-:]{0,2}", article="(?: eht| ruoy| lla| tsom)?")
# "iPhone 15 対応", "iPhone15 专用": the compatibility word after the mark and its model.
_NOMINATIVE_AFTER = re.compile(r"^[ \-]?(?:[a-z]{0,4}[0-9][a-z0-9]*[ /]?){0,3}(?:対応|対応機種|専用|兼容|适用|适配|专用)")
_WORD_RE = re.compile(r"[a-z][a-z'\-]{3,}[a-z]")
# Adjacent word pairs, overlapping: "luis vuitton", "nort face".
_PAIR_RE = re.compile(r"(?=(?<![a-z])([a-z]{2,12}) ([a-z]{2,12})(?![a-z]))")
# What may stand between marks in one compatibility list: "iphone 15/samsung", "canon eos, nikon and sony",
# "苹果三星": a few short words, model numbers and separators.
_LIST_GAP = re.compile(r"[a-z0-9 ,/&+、，.\-和及与]{0,16}")
# Fields written in lower case by habit, where short marks need not be in capitals.
_LOWERCASE_FIELDS = frozenset({"search_terms", "brand"})


@dataclass(slots=True)
class Hit:
    """A mark found in one field; offsets are into the field's original text."""

    mark: int  # index into BrandMatcher.marks
    field: str
    start: int
    end: int
    norm_start: int
    norm_end: int
    form: str  # exact | alias | fuzzy
    match: str  # exact | alias | fuzzy | disguised | nominative
    cue: str = ""  # the disguise or nominative phrase, folded
    cue_start: int = -1  # original span of a disguise phrase, for the counterfeit finding
    cue_end: int = -1
    weak: bool = False  # the pattern is also an ordinary word: counts only in context
    edited: bool = False  # a misspelling by edit distance (not leetspeak or look-alikes): needs context


def _name_variants(name: str) -> set[str]:
    folded = fold_mark(name)
    variants = {folded}
    if "-" in folded or " " in folded or "'" in folded or "." in folded:
        variants.add(re.sub(r"[\-' .]", "", folded))
        variants.add(re.sub(r"\s+", " ", re.sub(r"[\-.]", " ", folded)).strip())
        variants.add(folded.replace("'", ""))
    if "&" in folded:
        variants.add(folded.replace("&", "and"))
        variants.add(re.sub(r"\s+", " ", folded.replace("&", " ")))
    return {v for v in variants if v}


def _is_cjk(text: str) -> bool:
    return any(ord(ch) > 0x2E80 for ch in text)


class BrandMatcher:
    """Built once from a list of marks; `scan()` is called per listing field."""

    def __init__(self, marks: Sequence[Mark], *, fuzzy_ignore: Iterable[str] = ()) -> None:
        self.marks: list[Mark] = list(marks)
        self._ignore = {fold(w) for w in fuzzy_ignore}
        patterns: dict[str, dict[int, str]] = {}

        def add(pattern: str, idx: int, form: str, weak: bool = False) -> None:
            if not pattern or (len(pattern) < 2 and not _is_cjk(pattern)):
                return
            forms = patterns.setdefault(pattern, {})
            old = forms.get(idx)
            if old is None or (old[1], -FORM_RANK[old[0]]) > (weak, -FORM_RANK[form]):
                forms[idx] = (form, weak)

        self._case_exact: dict[int, set[str]] = {}
        for idx, mark in enumerate(self.marks):
            for written, form in ((mark.name, "exact"), *((a, "alias") for a in mark.aliases)):
                as_written = fold_mark(written.lstrip("~"))
                for variant in _name_variants(written.lstrip("~")):
                    # "~Name" in the data, or a joined form that is an ordinary word ("Li Ning" -> "lining"),
                    # counts only in context.
                    weak = written.startswith("~") or (variant != as_written and variant in self._ignore)
                    add(variant, idx, form, weak)
                    if (form == "exact" and len(variant) >= 4 and variant.isascii() and variant[-1].isalpha()
                            and variant[-1] != "s"):
                        add(variant + "s", idx, form, weak)  # "Nikes", "Crocs"
            for name in (*mark.zh, *mark.ja):
                # "~苹果": the name is also an everyday word (the fruit), so it needs context.
                add(fold_mark(name.lstrip("~")), idx, "alias", weak=name.startswith("~"))
            # Short Latin marks (LG, HP, MAC) only count written as the owner writes them.
            for written in (mark.name, *mark.aliases):
                if len(fold_mark(written)) <= 3 and written.isascii():
                    self._case_exact.setdefault(idx, set()).add(written)
            # "1" stands for both i and l: "1ego" folds to "iego".
            folded = fold_mark(mark.name)
            if "l" in folded and len(folded) >= 4 and not _is_cjk(folded) and folded.replace("l", "i") not in self._ignore:
                add(folded.replace("l", "i"), idx, "fuzzy")

        self._automaton = ahocorasick.Automaton()
        for pattern, forms in patterns.items():
            payload = tuple((idx, form, weak) for idx, (form, weak) in forms.items())
            self._automaton.add_word(pattern, (len(pattern), needs_word_boundary(pattern), payload))
        if patterns:
            self._automaton.make_automaton()
        self._has_patterns = bool(patterns)
        self._exact_words = set(patterns)
        # Chunks of text (and pairs of them) known to hold no misspelt name.
        self._plain_pieces: set[str] = set()
        self._build_fuzzy_index()
        self._fuzzy_cache: dict[str, tuple[int, ...]] = {}

    # -- fuzzy ---------------------------------------------------------------
    def _build_fuzzy_index(self) -> None:
        index: dict[str, set[int]] = {}
        self._fuzzy_names: dict[int, set[str]] = {}
        self._joined_names: set[str] = set()  # multi-word names joined, which a word pair may misspell
        for idx, mark in enumerate(self.marks):
            # Only famous marks are worth a misspelling search: "Coloz" must not turn every "Color" into a finding.
            if mark.tier > 2:
                continue
            folded = fold_mark(mark.name)
            names = set()
            if folded.isalpha() and folded.isascii() and (len(folded) >= 5 or (len(folded) == 4 and mark.tier == 1)):
                names.add(folded)
            # Long one-word aliases too ("Squishmallow" for Squishmallows).
            names.update(a for a in map(fold_mark, mark.aliases) if len(a) >= 7 and a.isalpha() and a.isascii())
            # Multi-word names are also searched joined: "Luis Vuitton" -> "luisvuitton" ~ "louisvuitton".
            words = re.findall(r"[a-z]+", folded)
            if len(words) > 1 and folded.isascii():
                if words[0] == "the":
                    words = words[1:]
                joined = "".join(words)
                if len(joined) >= 8 and len(words) <= 3:
                    names.add(joined)
                    self._joined_names.add(joined)
            for name in names:
                self._fuzzy_names.setdefault(idx, set()).add(name)
                for key in _deletions(name):
                    index.setdefault(key, set()).add(idx)
        self._fuzzy_index = {k: tuple(v) for k, v in index.items()}

    def fuzzy_candidates(self, word: str, *, key: str | None = None) -> tuple[int, ...]:
        """Marks whose name is a misspelling away from `word` (cached per `key`, default the word)."""
        key = key or word
        cached = self._fuzzy_cache.get(key)
        if cached is not None:
            return cached
        found: list[int] = []
        # A word pair is looked up joined ("jelly cat" -> "jellycat"), and may join into the exact name.
        # The ordinary-word list is about single words: "airpods" is common in titles, "air pods" is still AirPods.
        if key != word or (word not in self._exact_words and word not in self._ignore):
            seen: set[int] = set()
            for variant in _deletions(word):
                seen.update(self._fuzzy_index.get(variant, ()))
            for idx in seen:
                name = min(self._fuzzy_names[idx], key=lambda n: OSA.distance(n, word))
                if name[0] != word[0] or (name == word and key == word):
                    continue
                # A pair of words may spell a one-word name apart ("jelly cat") but not misspell it:
                # "wall art" is not Walmart, "cinnamon roll" is not Cinnamoroll.
                if key != word and name != word and name not in self._joined_names:
                    continue
                if len(name) == 4:
                    # Four letters: only a doubled letter ("nikke", "nikee") counts; anything else is a new word.
                    if len(word) == 5 and any(word[:i] + word[i + 1:] == name and word[i] == word[i - 1]
                                              for i in range(1, 5)):
                        found.append(idx)
                    continue
                # Two edits only for long names ("squishmellow"); a word pair misspells a name by one.
                allowed = 1 if len(name) < (12 if key != word else 10) else 2
                if abs(len(name) - len(word)) <= allowed and OSA.distance(name, word, score_cutoff=allowed) <= allowed:
                    found.append(idx)
        result = tuple(found)
        if len(self._fuzzy_cache) > 200_000:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[key] = result
        return result

    def _suspects(self, piece: str) -> dict[str, tuple[int, ...]]:
        """Misspelt words in a space-free chunk of text, or misspelt word pairs across the one space in two chunks."""
        if " " not in piece:
            return {w: c for w in _WORD_RE.findall(piece) if (c := self.fuzzy_candidates(w))}
        found = {}
        for a, b in _PAIR_RE.findall(piece):
            pair = a + " " + b
            if len(a) + len(b) >= 7 and pair not in self._exact_words and (
                    c := self.fuzzy_candidates(a + b, key=pair)):
                found[pair] = c
        return found

    # -- scanning ------------------------------------------------------------
    def scan(self, fields: Sequence[tuple[str, NormText]]) -> list[Hit]:
        """Every mark in a listing's fields (each already folded with `textnorm.for_marks`).

        The fields are joined with line breaks (which folded text never holds) so the
        automaton and the word scan run once per listing, not once per field.
        """
        fields = [(name, norm) for name, norm in fields if norm.text]
        if not fields or not self._has_patterns:
            return []
        joined, starts = join_fields(norm.text for _, norm in fields)
        found: list[list[Hit]] = [[] for _ in fields]

        last = len(joined)
        for end_idx, (length, whole_word, forms) in self._automaton.iter(joined):
            start = end_idx - length + 1
            end = end_idx + 1
            # Inline `is_word_boundary`: this loop runs for every raw hit of the automaton.
            if whole_word and ((start and joined[start - 1] in LATIN_WORD_CHARS)
                               or (end < last and joined[end] in LATIN_WORD_CHARS)):
                continue
            i = bisect_right(starts, start) - 1
            name, norm = fields[i]
            start -= starts[i]
            end -= starts[i]
            o_start, o_end = norm.span(start, end) if norm.layers else (start, end)
            written = norm.original[o_start:o_end]
            # Written differently from the pattern (leetspeak, spacing, look-alike letters): a disguised spelling.
            folded = norm.text[start:end]
            written_plainly = written == folded or _plain(written) == folded
            for idx, form, weak in forms:
                exact_forms = self._case_exact.get(idx)
                if (exact_forms is not None and end - start <= 3 and written.isascii() and written not in exact_forms
                        and not (written.islower() and name in _LOWERCASE_FIELDS)):
                    continue
                kind = form if written_plainly else "fuzzy"
                found[i].append(Hit(idx, name, o_start, o_end, start, end, kind, kind, weak=weak))

        # Misspellings, looked up by the space-free chunks of text they stand in and by pairs of chunks (names
        # split or misspelt across two words). Most chunks have been seen before and are known to hold none.
        chunks = joined.split(" ")
        pieces = set(chunks)
        pieces.update(map(" ".join, zip(chunks, chunks[1:])))
        pieces.difference_update(self._plain_pieces)
        suspects: dict[str, tuple[int, ...]] = {}
        for piece in pieces:
            if misspelt := self._suspects(piece):
                suspects.update(misspelt)
            else:
                if len(self._plain_pieces) > 2_000_000:
                    self._plain_pieces.clear()
                self._plain_pieces.add(piece)
        # Single words and word pairs are located separately: a pair and its first word start at the same place.
        for group in ([w for w in suspects if " " not in w], [w for w in suspects if " " in w]):
            if not group:
                continue
            # Longest first: "philip's" and "philip" are both suspects, and the first alternative that fits wins.
            group.sort(key=len, reverse=True)
            pattern = re.compile("|".join(r"(?<![a-z])" + re.escape(w) + r"(?![a-z])" for w in group))
            for i, (name, norm) in enumerate(fields):
                for m in pattern.finditer(norm.text):
                    for idx in suspects[m.group()]:
                        o_start, o_end = norm.span(m.start(), m.end())
                        found[i].append(Hit(idx, name, o_start, o_end, m.start(), m.end(), "fuzzy", "fuzzy",
                                            edited=True))

        hits: list[Hit] = []
        hinted = any(h in joined for h in _TAINT_HINTS)
        for i, field_hits in enumerate(found):
            if field_hits:
                field_hits = _unique(field_hits)
                self._classify(fields[i][1], field_hits, hinted=hinted)
                hits.extend(field_hits)
        return hits

    def _classify(self, norm: NormText, hits: list[Hit], *, hinted: bool) -> None:
        text = norm.text
        taint = _FIELD_TAINT.search(text) if hinted and any(h in text for h in _TAINT_HINTS) else None
        hits.sort(key=lambda h: h.norm_start)
        for i, hit in enumerate(hits):
            before = text[max(0, hit.norm_start - 30): hit.norm_start][::-1]
            after = text[hit.norm_end: hit.norm_end + 20]
            m_after = _DISGUISE_AFTER.search(after)
            m_before = _DISGUISE_BEFORE_REV.match(before)
            if m_after or m_before or taint:
                hit.match = "disguised"
                if m_after:
                    s, e = hit.norm_end + m_after.start(), hit.norm_end + m_after.end()
                elif m_before:
                    s, e = hit.norm_start - m_before.end(), hit.norm_start
                else:
                    assert taint is not None
                    s, e = taint.start(), taint.end()
                raw = text[s:e].strip(" -:")
                shift = text[s:e].find(raw) if raw else 0
                hit.cue = raw
                hit.cue_start, hit.cue_end = norm.span(s + shift, s + shift + len(raw))
                continue
            m_back = _NOMINATIVE_BEFORE_REV.match(before)
            m_nom = _NOMINATIVE_AFTER.search(after)
            if m_back or m_nom:
                hit.match = "nominative"
                hit.cue = m_back.group()[::-1].strip() if m_back else m_nom.group().strip()
                continue
            # "for Samsung Galaxy", "for iPhone/Samsung/Huawei", "适用于苹果三星华为": marks that continue
            # a nominative mention stay nominative.
            previous = [h for h in hits[:i] if h.match == "nominative" and h.norm_end <= hit.norm_start]
            if previous:
                prev = max(previous, key=lambda h: h.norm_end)
                gap = text[prev.norm_end: hit.norm_start]
                if _LIST_GAP.fullmatch(gap):
                    hit.match = "nominative"
                    hit.cue = prev.cue


def _plain(text: str) -> str:
    """Case, accents, entities and spacing folded, but no look-alike or leetspeak folding."""
    if text.isascii() and "&" not in text:
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFD", html.unescape(text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def _deletions(word: str) -> set[str]:
    keys = {word}
    for i in range(len(word)):
        keys.add(word[:i] + word[i + 1:])
    return keys


def _unique(hits: list[Hit]) -> list[Hit]:
    """One hit per mark, field and span, the strongest form first."""
    hits = sorted(hits, key=lambda h: (h.field, h.norm_start, -(h.norm_end - h.norm_start), -FORM_RANK[h.form]))
    seen: set[tuple[int, str, int, int]] = set()
    out: list[Hit] = []
    for hit in hits:
        key = (hit.mark, hit.field, hit.norm_start, hit.norm_end)
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out


def drop_contained(hits: list[Hit]) -> list[Hit]:
    """Keep the longest hit where hits in one field overlap ("Air Jordan" over "Jordan")."""
    hits = _unique(hits)
    kept: list[Hit] = []
    for hit in hits:
        if not any(k.field == hit.field and k.norm_start <= hit.norm_start and hit.norm_end <= k.norm_end
                   and (k.norm_end - k.norm_start) > (hit.norm_end - hit.norm_start) for k in kept):
            kept.append(hit)
    return kept
