"""Text tables (.csv, .tsv, .txt) whatever Excel, an ERP or a website saved them as.

The encoding is taken from a byte-order mark, else from the first megabyte:
UTF-8 when it is valid UTF-8, else the legacy code page that reads best (GB18030
covers GBK and GB2312; Big5; Shift-JIS; cp1252). UTF-16 ("Unicode text" from
Excel) is recognised with or without a mark. Lines are then decoded one by one,
so a file that mixes encodings (UTF-8 rows pasted into a GBK file, or one
damaged byte) keeps its good rows and says which rows were read differently.
The delimiter is the one of , ; tab | that splits the first records most evenly.
Records stream: the file is never held in memory whole.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from app.core.i18n import N_
from app.io.errors import InputError

SAMPLE_BYTES = 1024 * 1024
MAX_LINE_BYTES = 16 * 1024 * 1024
DELIMITERS = (",", ";", "\t", "|")
RUNAWAY_LINES = 500  # a record spanning more lines than this has an unclosed quote
LEGACY_ENCODINGS = ("gb18030", "big5", "shift_jis", "cp1252")
_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "gb18030": "GB18030/GBK",
    "big5": "Big5",
    "shift_jis": "Shift-JIS",
    "cp1252": "Windows-1252",
}

csv.field_size_limit(MAX_LINE_BYTES)


def encoding_label(encoding: str) -> str:
    return _LABELS.get(encoding, encoding)


def _plausibility(text: str) -> float:
    """Share of the non-ASCII characters that a seller's file would hold: CJK ideographs and punctuation,
    kana, full-width forms, accented Latin letters, common symbols, emoji. Text decoded with the wrong code
    page is full of half-width katakana, box drawing and rare blocks instead."""
    good = total = 0
    for ch in text:
        cp = ord(ch)
        if cp < 0x80:
            continue
        total += 1
        if (
            0x4E00 <= cp <= 0x9FFF
            or 0x3000 <= cp <= 0x30FF
            or 0xFF01 <= cp <= 0xFF5E
            or 0xA0 <= cp <= 0x24F
            or 0x2000 <= cp <= 0x2BFF
            or 0x3400 <= cp <= 0x4DBF
            or 0xFE30 <= cp <= 0xFE4F
            or cp >= 0x1F000
        ):
            good += 1
    return good / total if total else 1.0


def _plausible(text: str) -> bool:
    return _plausibility(text) >= 0.9


def guess_legacy(data: bytes) -> str:
    """The legacy code page `data` (non-UTF-8 bytes) reads best in.

    Code pages that cannot decode the bytes, or decode them into implausible
    characters, are out; charset-normalizer's language model picks among the rest.
    """
    sample = data[: 256 * 1024]
    sample = sample[: sample.rfind(b"\n") + 1] or sample
    scores: dict[str, float] = {}
    for encoding in LEGACY_ENCODINGS:
        try:
            scores[encoding] = _plausibility(sample.decode(encoding))
        except UnicodeDecodeError:
            continue
    if not scores:
        return "cp1252"
    top = max(scores.values())
    candidates = [e for e in LEGACY_ENCODINGS if scores.get(e, -1.0) >= top - 0.02]
    if len(candidates) > 1:
        best = from_bytes(sample, cp_isolation=candidates).best()
        if best is not None:
            name = codecs.lookup(best.encoding).name
            name = "gb18030" if name in ("gbk", "gb2312") else name
            if name in candidates:
                return name
    return candidates[0]


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL, as in Excel's BOM-less Unicode text."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _binary(head: bytes) -> bool:
    """Control bytes all over: an image, a PDF, an executable, not text (a stray NUL in a CSV is allowed)."""
    return len(head.translate(None, _CONTROL)) < len(head) * 0.95


@dataclass(slots=True)
class TextFormat:
    encoding: str  # Python codec for the file's main encoding
    delimiter: str
    bom: bytes = b""
    newline_cr: bool = False  # old Mac files: records end in CR only
    fallback: str | None = None  # encoding for lines that are not in the main one


@dataclass(slots=True)
class DecodeReport:
    """Rows (1-based records) that were not plain text in the file's main encoding."""

    other_encoding: list[int] = field(default_factory=list)
    other_label: str = ""
    replaced: list[int] = field(default_factory=list)
    nul: list[int] = field(default_factory=list)
    unclosed: list[tuple[int, int]] = field(
        default_factory=list
    )  # (record, physical lines) of runaway quotes


class TextTable:
    """A delimited text file: its format, and its records streamed with progress in bytes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.size = path.stat().st_size
        self.bytes_read = 0
        self.report = DecodeReport()
        self._pending: set[str] = set()
        with path.open("rb") as fh:
            head = fh.read(SAMPLE_BYTES)
        self.format = self._detect(head)

    def restart(self) -> None:
        """Forget what an earlier pass over the records found (the head is read before the full pass)."""
        self.bytes_read = 0
        self.report = DecodeReport()
        self._pending.clear()

    # -- detection -------------------------------------------------------------------------------
    def _detect(self, head: bytes) -> TextFormat:
        name = self.path.name
        if head.startswith(codecs.BOM_UTF8):
            fmt = TextFormat("utf-8", ",", bom=codecs.BOM_UTF8)
        elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            fmt = TextFormat("utf-16", "\t")
        elif (utf16 := _utf16_without_bom(head)) is not None:
            fmt = TextFormat(utf16, "\t")
        else:
            if _binary(head[:4096]):
                raise InputError(N_("{file}: this is a binary file, not a text spreadsheet."), file=name)
            encoding, fallback = self._detect_8bit(head)
            fmt = TextFormat(encoding, ",", fallback=fallback)
        if not fmt.encoding.startswith("utf-16") and b"\n" not in head and b"\r" in head:
            fmt.newline_cr = True
        fmt.delimiter = self._sniff_delimiter(self._sample_text(head, fmt))
        return fmt

    @staticmethod
    def _detect_8bit(head: bytes) -> tuple[str, str | None]:
        """(main encoding, encoding for the odd line out) of a file without a byte-order mark."""
        complete = head if len(head) < SAMPLE_BYTES else head[: head.rfind(b"\n") + 1] or head
        try:
            complete.decode("utf-8")
            return "utf-8", None
        except UnicodeDecodeError:
            pass
        good, bad = 0, []
        for line in complete.splitlines():
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
                good += 1
            except UnicodeDecodeError:
                bad.append(line)
        legacy = guess_legacy(b"\n".join(bad))
        if good >= len(bad):  # valid UTF-8 lines are strong evidence: legacy text almost never is
            return "utf-8", legacy
        return legacy, "utf-8"

    def _sample_text(self, head: bytes, fmt: TextFormat) -> str:
        data = head[len(fmt.bom) :]
        if fmt.encoding == "utf-16":
            return data.decode("utf-16", errors="replace")
        if fmt.encoding.startswith("utf-16"):
            return data[: len(data) // 2 * 2].decode(fmt.encoding, errors="replace")
        if fmt.newline_cr:
            data = data.replace(b"\r", b"\n")
        return data.decode(fmt.encoding, errors="replace")

    @staticmethod
    def _sniff_delimiter(sample: str) -> str:
        """The delimiter that gives the first records the same number of cells (and more than one)."""
        lines = sample.splitlines(keepends=True)[:200]
        if len(lines) > 1:
            lines = lines[:-1]  # the last line of a sample may be cut short
        best, best_score = ",", (0.0, 0)
        for delimiter in DELIMITERS:
            try:
                counts = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)]
            except csv.Error:
                continue
            if not counts:
                continue
            modal = max(set(counts), key=counts.count)
            if modal < 2:
                continue
            score = (round(counts.count(modal) / len(counts), 2), modal)
            if score > best_score:
                best, best_score = delimiter, score
        return best

    # -- reading -----------------------------------------------------------------------------------
    def records(self) -> Iterator[list[str]]:
        """Every record of the file, as cells (not stripped); progress in `bytes_read`."""
        name = self.path.name
        with self.path.open("rb") as fh:
            if self.format.encoding.startswith("utf-16"):
                lines: Iterator[str] = self._utf16_lines(fh)
            elif self.format.newline_cr:
                lines = self._lines(io.BytesIO(fh.read().replace(b"\r", b"\n")))
            else:
                lines = self._lines(fh)
            reader = csv.reader(lines, delimiter=self.format.delimiter)
            number = 0
            line_num = 0
            while True:
                try:
                    record = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise InputError(
                        N_("{file}, row {row}: the text cannot be read as a table ({detail})."),
                        file=name,
                        row=number + 1,
                        detail=str(exc),
                    ) from None
                number += 1
                if self._pending:
                    self._flag(number)
                if reader.line_num - line_num > RUNAWAY_LINES:
                    self.report.unclosed.append((number, reader.line_num - line_num))
                line_num = reader.line_num
                yield record

    def _flag(self, record: int) -> None:
        for kind in self._pending:
            getattr(self.report, kind).append(record)
        self._pending.clear()

    def _utf16_lines(self, fh: BinaryIO) -> Iterator[str]:
        encoding = self.format.encoding
        text = io.TextIOWrapper(fh, encoding=encoding, errors="replace", newline="")
        for line in text:
            self.bytes_read = fh.tell()
            if "\ufffd" in line:
                self._pending.add("replaced")
            yield line

    def _lines(self, fh: BinaryIO) -> Iterator[str]:
        primary = self.format.encoding
        legacy_primary = primary != "utf-8"
        readline = fh.readline
        first = True
        while True:
            line = readline(MAX_LINE_BYTES)
            if not line:
                return
            self.bytes_read += len(line)
            if len(line) >= MAX_LINE_BYTES and not line.endswith(b"\n"):
                raise InputError(
                    N_("{file}: one line is longer than 16 MB; this is not a catalogue table."),
                    file=self.path.name,
                )
            if first:
                first = False
                if self.format.bom and line.startswith(self.format.bom):
                    line = line[len(self.format.bom) :]
            if line.isascii():
                text = line.decode("ascii")
            elif legacy_primary:
                text = self._decode_in_legacy_file(line)
            else:
                try:
                    text = line.decode("utf-8")
                except UnicodeDecodeError:
                    text = self._decode_in_utf8_file(line)
            if "\x00" in text:
                text = text.replace("\x00", "")
                self._pending.add("nul")
            yield text

    def _decode_in_legacy_file(self, line: bytes) -> str:
        try:
            text = line.decode("utf-8")
            if _plausible(text):
                self._other("utf-8")
                return text
        except UnicodeDecodeError:
            pass
        try:
            return line.decode(self.format.encoding)
        except UnicodeDecodeError:
            self._pending.add("replaced")
            return line.decode(self.format.encoding, errors="replace")

    def _decode_in_utf8_file(self, line: bytes) -> str:
        """A line that is not UTF-8: a whole line in another encoding, or a few damaged bytes."""
        high = sum(1 for b in line if b >= 0x80)
        valid = len(line.decode("utf-8", errors="ignore").encode("utf-8")) - (len(line) - high)
        if (high - valid) * 2 >= high:
            fallback = self.format.fallback or guess_legacy(line)
            self.format.fallback = fallback
            try:
                text = line.decode(fallback)
                self._other(fallback)
                return text
            except UnicodeDecodeError:
                pass
        self._pending.add("replaced")
        return line.decode("utf-8", errors="replace")

    def _other(self, encoding: str) -> None:
        self._pending.add("other_encoding")
        self.report.other_label = encoding_label(encoding)
