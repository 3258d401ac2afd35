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
from app.core.textnorm import NormText, fold, fold_mark, is_word_boundary, needs_word_boundary

FORM_RANK = {"exact": 3, "alias": 2, "fuzzy": 1}

# Phrases that turn a brand mention into an imitation offer. Folded text.
_DISGUISE_AFTER = re.compile(
    r"^[ \-:]{0,3}(?:style[sd]?\b|inspired\b|type\b|dupes?\b|look ?-?alikes?\b|replicas?\b|knock ?-?offs?\b"
    r"|copy\b|version\b|similar\b|alternative\b|same (?:as|style)\b|同款|风格|类似款|类似|高仿|原单|复刻|仿款|款式|平替|スタイル|風)"
)
_DISGUISE_BEFORE = re.compile(
    r"(?:\binspired by|\bdupes? (?:of|for)|\breplicas? (?:of)?|\bsimilar to|\blike|\bsame as|\balternative to"
    r"|\blook ?-?alikes? (?:of|for)?|\bknock ?-?offs? (?:of)?|\bnot|\bvs\.?|\bfake|\bcopy of|高仿|仿|原单|复刻|1 ?: ?1|\baaa\+?"
    r"|\bsuper ?copy|\bmirror(?: quality)?|\bunbranded)[ \-:]{0,3}$"
)
# Counterfeit signals that taint every mark in the same field wherever they stand.
_FIELD_TAINT = re.compile(r"\breplicas?\b|1 ?: ?1|\bsuper ?copy\b|\baaa\+? (?:quality|grade)\b|高仿|原单|a货|复刻版|\bdupes?\b")
_NOMINATIVE_BEFORE = re.compile(
    r"(?:\bfor|\bcompatible (?:with|for)|\bfits?(?: for)?|\breplacement (?:for|of)|\bworks with|\bdesigned for"
    r"|\bsuitable for|\bmade for|\bapplicable (?:to|for)|\bcompatibility with|\buse with|\bto fit"
    r"|适用于|适用|兼容|适配|用于|对应|対応|用)[ \-:]{0,2}(?:the |your |all |most )?$"
)
_WORD_RE = re.compile(r"[a-z][a-z'\-]{3,}[a-z]")


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

        def add(pattern: str, idx: int, form: str) -> None:
            if not pattern or (len(pattern) < 2 and not _is_cjk(pattern)):
                return
            forms = patterns.setdefault(pattern, {})
            if FORM_RANK.get(forms.get(idx, ""), 0) < FORM_RANK[form]:
                forms[idx] = form

        self._case_exact: dict[int, set[str]] = {}
        for idx, mark in enumerate(self.marks):
            for variant in _name_variants(mark.name):
                add(variant, idx, "exact")
                if len(variant) >= 4 and variant.isascii() and variant[-1].isalpha() and variant[-1] != "s":
                    add(variant + "s", idx, "exact")  # "Nikes", "Crocs"
            for alias in mark.aliases:
                for variant in _name_variants(alias):
                    add(variant, idx, "alias")
            for name in (*mark.zh, *mark.ja):
                add(fold_mark(name), idx, "alias")
            # Short Latin marks (LG, HP, MAC) only count written as the owner writes them.
            for written in (mark.name, *mark.aliases):
                if len(written) <= 3 and written.isascii():
                    self._case_exact.setdefault(idx, set()).add(written)
            # "1" stands for both i and l: "1ego" folds to "iego".
            folded = fold_mark(mark.name)
            if "l" in folded and len(folded) >= 4 and not _is_cjk(folded):
                add(folded.replace("l", "i"), idx, "fuzzy")

        self._automaton = ahocorasick.Automaton()
        for pattern, forms in patterns.items():
            self._automaton.add_word(pattern, (len(pattern), needs_word_boundary(pattern), tuple(forms.items())))
        if patterns:
            self._automaton.make_automaton()
        self._has_patterns = bool(patterns)
        self._exact_words = set(patterns)
        # Words known to be nothing but themselves: exact patterns and words with no misspelling candidate.
        self._plain_words: set[str] = set(self._exact_words)
        self._build_fuzzy_index()
        self._fuzzy_cache: dict[str, tuple[int, ...]] = {}

    # -- fuzzy ---------------------------------------------------------------
    def _build_fuzzy_index(self) -> None:
        index: dict[str, set[int]] = {}
        self._fuzzy_names: dict[int, str] = {}
        for idx, mark in enumerate(self.marks):
            # Only famous marks are worth a misspelling search: "Coloz" must not turn every "Color" into a finding.
            if mark.generic or mark.tier > 2:
                continue
            name = fold_mark(mark.name)
            if len(name) < 4 or not name.isalpha() or not name.isascii() or (len(name) == 4 and mark.tier != 1):
                continue
            self._fuzzy_names[idx] = name
            for key in _deletions(name):
                index.setdefault(key, set()).add(idx)
        self._fuzzy_index = {k: tuple(v) for k, v in index.items()}

    def fuzzy_candidates(self, word: str) -> tuple[int, ...]:
        """Marks whose name is a misspelling away from `word` (cached per word)."""
        cached = self._fuzzy_cache.get(word)
        if cached is not None:
            return cached
        found: list[int] = []
        if word not in self._exact_words and word not in self._ignore:
            seen: set[int] = set()
            for key in _deletions(word):
                seen.update(self._fuzzy_index.get(key, ()))
            for idx in seen:
                name = self._fuzzy_names[idx]
                if name[0] != word[0] or name == word:
                    continue
                if len(name) == 4:
                    # Four letters: only a doubled letter ("nikke", "nikee") counts; anything else is a new word.
                    if len(word) == 5 and any(word[:i] + word[i + 1:] == name and word[i] == word[i - 1]
                                              for i in range(1, 5)):
                        found.append(idx)
                    continue
                allowed = 1 if len(name) < 8 else 2
                if abs(len(name) - len(word)) <= allowed and OSA.distance(name, word, score_cutoff=allowed) <= allowed:
                    found.append(idx)
        result = tuple(found)
        if not result:
            if len(self._plain_words) > 2_000_000:
                self._plain_words = set(self._exact_words)
            self._plain_words.add(word)
            return result
        if len(self._fuzzy_cache) > 100_000:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[word] = result
        return result

    # -- scanning ------------------------------------------------------------
    def scan(self, fields: Sequence[tuple[str, NormText]]) -> list[Hit]:
        """Every mark in a listing's fields (each already folded with `textnorm.for_marks`).

        The fields are joined with line breaks (which folded text never holds) so the
        automaton and the word scan run once per listing, not once per field.
        """
        fields = [(name, norm) for name, norm in fields if norm.text]
        if not fields or not self._has_patterns:
            return []
        joined = "\n".join(norm.text for _, norm in fields)
        starts: list[int] = []
        pos = 0
        for _, norm in fields:
            starts.append(pos)
            pos += len(norm.text) + 1
        found: list[list[Hit]] = [[] for _ in fields]

        for end_idx, (length, whole_word, forms) in self._automaton.iter(joined):
            start = end_idx - length + 1
            end = end_idx + 1
            if whole_word and not is_word_boundary(joined, start, end):
                continue
            i = bisect_right(starts, start) - 1
            name, norm = fields[i]
            start -= starts[i]
            end -= starts[i]
            o_start, o_end = norm.span(start, end)
            written = norm.original[o_start:o_end]
            # Written differently from the pattern (leetspeak, spacing, look-alike letters): a disguised spelling.
            written_plainly = _plain(written) == norm.text[start:end]
            for idx, form in forms:
                exact_forms = self._case_exact.get(idx)
                if exact_forms is not None and end - start <= 3 and written not in exact_forms:
                    continue
                kind = form if written_plainly else "fuzzy"
                found[i].append(Hit(idx, name, o_start, o_end, start, end, kind, kind))

        # Misspellings: only words never seen before are looked up, and most are ordinary words.
        words = set(_WORD_RE.findall(joined))
        words.difference_update(self._plain_words)
        suspects = {w: c for w in words if (c := self.fuzzy_candidates(w))}
        if suspects:
            for i, (name, norm) in enumerate(fields):
                for m in _WORD_RE.finditer(norm.text):
                    for idx in suspects.get(m.group(), ()):
                        o_start, o_end = norm.span(m.start(), m.end())
                        found[i].append(Hit(idx, name, o_start, o_end, m.start(), m.end(), "fuzzy", "fuzzy"))

        hits: list[Hit] = []
        for i, field_hits in enumerate(found):
            if field_hits:
                field_hits = _drop_contained(field_hits)
                self._classify(fields[i][1], field_hits)
                hits.extend(field_hits)
        return hits

    def _classify(self, norm: NormText, hits: list[Hit]) -> None:
        text = norm.text
        taint = _FIELD_TAINT.search(text)
        hits.sort(key=lambda h: h.norm_start)
        for i, hit in enumerate(hits):
            before = text[max(0, hit.norm_start - 30): hit.norm_start]
            after = text[hit.norm_end: hit.norm_end + 20]
            m_after = _DISGUISE_AFTER.search(after)
            m_before = _DISGUISE_BEFORE.search(before)
            if m_after or m_before or taint:
                hit.match = "disguised"
                if m_after:
                    s, e = hit.norm_end + m_after.start(), hit.norm_end + m_after.end()
                elif m_before:
                    s, e = hit.norm_start - len(before) + m_before.start(), hit.norm_start - len(before) + m_before.end()
                else:
                    assert taint is not None
                    s, e = taint.start(), taint.end()
                raw = text[s:e].strip(" -:")
                shift = text[s:e].find(raw) if raw else 0
                hit.cue = raw
                hit.cue_start, hit.cue_end = norm.span(s + shift, s + shift + len(raw))
                continue
            m_nom = _NOMINATIVE_BEFORE.search(before)
            if m_nom:
                hit.match = "nominative"
                hit.cue = m_nom.group().strip()
                continue
            # "for Samsung Galaxy": a mark right after a nominative mark of the same owner.
            if i and hits[i - 1].match == "nominative" and hit.norm_start - hits[i - 1].norm_end <= 1:
                prev = self.marks[hits[i - 1].mark]
                mark = self.marks[hit.mark]
                if prev.owner == mark.owner or mark.parent == prev.name or prev.parent == mark.name:
                    hit.match = "nominative"
                    hit.cue = hits[i - 1].cue


def _plain(text: str) -> str:
    """Case, accents, entities and spacing folded, but no look-alike or leetspeak folding."""
    text = unicodedata.normalize("NFD", html.unescape(text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


def _deletions(word: str) -> set[str]:
    keys = {word}
    for i in range(len(word)):
        keys.add(word[:i] + word[i + 1:])
    return keys


def _drop_contained(hits: list[Hit]) -> list[Hit]:
    """Keep the longest hit where hits overlap ("Air Jordan" over "Jordan"), all marks of equal spans."""
    hits.sort(key=lambda h: (h.norm_start, -(h.norm_end - h.norm_start), -FORM_RANK[h.form]))
    kept: list[Hit] = []
    seen: set[tuple[int, int, int]] = set()
    for hit in hits:
        if any(k.norm_start <= hit.norm_start and hit.norm_end <= k.norm_end
               and (k.norm_end - k.norm_start) > (hit.norm_end - hit.norm_start) for k in kept):
            continue
        key = (hit.mark, hit.norm_start, hit.norm_end)
        if key in seen:
            continue
        seen.add(key)
        kept.append(hit)
    return kept
