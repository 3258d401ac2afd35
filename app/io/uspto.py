"""USPTO trademark bulk XML (daily / annual "applications" files), streamed: live word marks with classes and owners.

Layout (USPTO Trademark Daily XML, DTD `trademark-applications-daily`):

    <trademark-applications-daily><application-information><file-segments><action-keys>
      <case-file>
        <serial-number>…</serial-number> <registration-number>…</registration-number>
        <case-file-header> <mark-identification>…</mark-identification> <status-code>…</status-code>
                           <registration-date>YYYYMMDD</registration-date> <abandonment-date>…
                           <cancellation-date>… </case-file-header>
        <case-file-statements><case-file-statement><type-code>GS0251</type-code><text>goods…</text>…
        <case-file-owners><case-file-owner><party-type>…</party-type><party-name>…</party-name>…
        <classifications><classification><international-code>025</international-code>…
      </case-file> …

The file is read with `iterparse`, one <case-file> at a time, and each is
dropped from the tree once read, so memory stays flat whatever the file size
(build_scripts/bench_uspto_import.py measures it). A .zip as downloaded from
the USPTO is read without unpacking it to disk.

Which marks are live (`is_live`): the USPTO calls a case "dead" when it was
abandoned, cancelled or expired, and its three-digit status codes (USPTO
"Trademark Status Codes" table, as used by TSDR and the bulk-data
documentation) name these: 600-615 and 618 ABANDONED (616 is REVIVED -
AWAITING FURTHER ACTION), 710-715 CANCELLED, 900-999 EXPIRED and other dead
states. Registered (700-708, 800) and revived cases are live. Any other code
(pending: new, examined, published, allowed, extensions) is live unless the
case carries an abandonment or cancellation date, which also decides a case
without a status code.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from app.core.i18n import N_
from app.core.models import Mark
from app.io.errors import ImportCancelled, InputError

ROOT_TAGS = ("trademark-applications-daily", "trademark-applications-annual", "trademark-applications")
_WORD = re.compile(r"[a-z]{4,}")
# Words of goods statements that say nothing about the goods.
_STOP = frozenset("""
namely including featuring other others same similar thereof therefor used with for from that this these
those their being such like sold separately unit units parts part products product goods services service
related accessories items made field fields purposes purpose provided providing retail store stores online
sale sales
""".split())
MAX_GOODS_WORDS = 40
CANCEL_EVERY = 200


_DEAD_CODES = frozenset([*range(600, 616), 618, *range(710, 716), *range(900, 1000)])
_LIVE_CODES = frozenset([616, *range(700, 709), 800])


def is_live(status_code: str, abandonment_date: str = "", cancellation_date: str = "") -> bool:
    """Whether a case is a live application or registration (rule and source in the module docstring)."""
    code = int(status_code) if status_code.strip().isdigit() else None
    if code in _DEAD_CODES:
        return False
    if code in _LIVE_CODES:
        return True
    return not (_has_date(abandonment_date) or _has_date(cancellation_date))


def _has_date(text: str) -> bool:
    return bool(text.strip().strip("0"))


@dataclass(slots=True)
class UsptoCase:
    """The parts of one <case-file> a check needs."""

    serial: str
    name: str
    status: str
    registration_date: str
    owners: list[tuple[int, str]] = field(default_factory=list)  # (party-type, party-name)
    classes: list[int] = field(default_factory=list)
    goods: list[str] = field(default_factory=list)
    abandonment_date: str = ""
    cancellation_date: str = ""

    @property
    def live(self) -> bool:
        return is_live(self.status, self.abandonment_date, self.cancellation_date)

    @property
    def owner(self) -> str:
        """The current owner: the party with the highest party-type (10 applicant, 20+ later owners)."""
        return max(self.owners)[1] if self.owners else ""


@dataclass(slots=True)
class UsptoSummary:
    cases: int = 0
    live: int = 0
    skipped_dead: int = 0
    skipped_no_words: int = 0  # design-only marks have no <mark-identification>


def _text(elem: ET.Element | None, path: str) -> str:
    found = elem.find(path) if elem is not None else None
    return (found.text or "").strip() if found is not None else ""


def read_case(elem: ET.Element) -> UsptoCase:
    header = elem.find("case-file-header")
    case = UsptoCase(serial=_text(elem, "serial-number"), name=_text(header, "mark-identification"),
                     status=_text(header, "status-code"), registration_date=_text(header, "registration-date"),
                     abandonment_date=_text(header, "abandonment-date"),
                     cancellation_date=_text(header, "cancellation-date"))
    for owner in elem.iterfind("case-file-owners/case-file-owner"):
        name = _text(owner, "party-name")
        if name:
            party = _text(owner, "party-type")
            case.owners.append((int(party) if party.isdigit() else 0, name))
    for code in elem.iterfind("classifications/classification/international-code"):
        text = (code.text or "").strip()
        if text.isdigit() and 1 <= int(text) <= 45 and int(text) not in case.classes:
            case.classes.append(int(text))
    for statement in elem.iterfind("case-file-statements/case-file-statement"):
        if _text(statement, "type-code").startswith("GS"):
            case.goods.append(_text(statement, "text"))
    return case


def goods_words(statements: list[str]) -> tuple[str, ...]:
    """The distinct product words of the goods statements, in order: 'shirts', 'tumblers', 'bottles'."""
    words: dict[str, None] = {}
    for text in statements:
        for word in _WORD.findall(text.lower()):
            if word not in _STOP:
                words.setdefault(word, None)
                if len(words) >= MAX_GOODS_WORDS:
                    return tuple(words)
    return tuple(words)


def case_mark(case: UsptoCase, ordinary_words: frozenset[str] = frozenset()) -> Mark:
    """A live case as a Mark. A name made only of ordinary words ("SUNRISE") is reported only next to
    words of its goods, as for the bundled ordinary-word marks."""
    goods = goods_words(case.goods)
    name_words = re.findall(r"[a-z]+", case.name.lower())
    generic = bool(goods) and bool(name_words) and all(w in ordinary_words for w in name_words)
    return Mark(name=case.name, owner=case.owner or case.name, category="uspto", nice_classes=tuple(case.classes),
                keywords=goods, markets=("US",), tier=3, generic=generic, context=goods if generic else (),
                source=f"USPTO serial {case.serial}", origin="uspto")


class _Counting:
    """A binary stream that counts the bytes read, for progress."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.done = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.done += len(data)
        return data


@contextmanager
def _open_xml(path: Path) -> Iterator[tuple[IO[bytes], int]]:
    """The XML stream and its size: the file itself, or the first .xml inside a .zip."""
    if not path.exists():
        raise InputError(N_("{file}: file not found."), file=str(path))
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [i for i in zf.infolist() if i.filename.lower().endswith(".xml")]
            if not members:
                raise InputError(N_("{file}: the archive holds no .xml file."), file=path.name)
            with zf.open(members[0]) as fh:
                yield fh, members[0].file_size
        return
    with path.open("rb") as fh:
        yield fh, path.stat().st_size


def iter_cases(path: Path, progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None) -> Iterator[UsptoCase]:
    """Every <case-file> of the file, in order, reading it as a stream.

    Raises InputError naming the file and line when the XML is damaged or is not
    a USPTO trademark file, and ImportCancelled when `cancelled()` turns true.
    """
    with _open_xml(path) as (raw, size):
        stream = _Counting(raw)
        stack: list[ET.Element] = []
        seen = 0
        try:
            for event, elem in ET.iterparse(stream, events=("start", "end")):
                if event == "start":
                    if not stack and elem.tag not in ROOT_TAGS:
                        raise InputError(N_("{file}: this is not a USPTO trademark XML file (it starts with "
                                            "<{tag}>, not <trademark-applications-daily>)."),
                                         file=path.name, tag=elem.tag)
                    stack.append(elem)
                    continue
                stack.pop()
                if elem.tag != "case-file":
                    continue
                yield read_case(elem)
                if stack:
                    stack[-1].remove(elem)  # drop what was read: memory stays flat
                seen += 1
                if seen % CANCEL_EVERY == 0:
                    if cancelled is not None and cancelled():
                        raise ImportCancelled()
                    if progress is not None:
                        progress(min(stream.done, size), size)
        except ET.ParseError as exc:
            line, column = exc.position
            raise InputError(N_("{file}: the XML is damaged at line {line}, column {column} ({detail}). Download "
                                "the file again."), file=path.name, line=line, column=column,
                             detail=str(exc).split(":")[0]) from None
        except zipfile.BadZipFile as exc:
            raise InputError(N_("{file}: the archive is damaged ({detail})."), file=path.name, detail=str(exc)) from None
    if seen == 0:
        raise InputError(N_("{file}: no <case-file> records were found; is this a USPTO trademark applications "
                            "file?"), file=path.name)
    if progress is not None:
        progress(size, size)


def read_uspto_marks(path: Path, ordinary_words: frozenset[str] = frozenset(), *,
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None,
                     summary: UsptoSummary | None = None) -> Iterator[Mark]:
    """The live word marks of a USPTO file as Marks (origin 'uspto'); counts go into `summary`."""
    summary = summary if summary is not None else UsptoSummary()
    for case in iter_cases(path, progress, cancelled):
        summary.cases += 1
        if not case.name:
            summary.skipped_no_words += 1
        elif not case.live:
            summary.skipped_dead += 1
        else:
            summary.live += 1
            yield case_mark(case, ordinary_words)
