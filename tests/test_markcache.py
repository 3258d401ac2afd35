"""The bundled marks built into a SQLite file on first run, read back afterwards, rebuilt when the CSVs change."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.core.bundle import files_digest, load_bundle, load_marks
from app.core.markcache import cache_path, cached_marks
from app.core.marks import load_bundled_marks, mark_files
from tests.conftest import FIXTURES


def _setup(tmp_path: Path) -> tuple[Path, Path, list[int]]:
    data = tmp_path / "marks"
    shutil.copytree(FIXTURES / "marks", data)
    return data, tmp_path / "cache", []


def _load(data: Path, cache: Path, parses: list[int]):
    def parse():
        parses.append(1)
        return load_bundled_marks(data)
    return cached_marks(files_digest(mark_files(data)), parse, cache)


def test_first_run_builds_the_cache_and_the_next_run_reads_it(tmp_path: Path) -> None:
    data, cache, parses = _setup(tmp_path)
    first = _load(data, cache, parses)
    assert cache_path(cache).exists() and len(parses) == 1
    again = _load(data, cache, parses)
    assert len(parses) == 1, "the second start must not parse the CSVs"
    assert again == first == load_bundled_marks(data)


def test_a_changed_csv_rebuilds_the_cache(tmp_path: Path) -> None:
    data, cache, parses = _setup(tmp_path)
    before = _load(data, cache, parses)
    csv = next(data.glob("*.csv"))
    with csv.open("a", encoding="utf-8") as fh:
        fh.write("Zorbilux,Zorbilux Ltd,,,,,9,gadgets,US,2,0,0,,https://example.com\n")
    after = _load(data, cache, parses)
    assert len(parses) == 2
    assert len(after) == len(before) + 1 and after[-1].name == "Zorbilux"
    assert _load(data, cache, parses) == after and len(parses) == 2


def test_a_damaged_cache_file_is_rebuilt_not_fatal(tmp_path: Path) -> None:
    data, cache, parses = _setup(tmp_path)
    cache.mkdir()
    cache_path(cache).write_bytes(b"this is not a database" * 100)
    assert _load(data, cache, parses) == load_bundled_marks(data)
    assert len(parses) == 1
    assert _load(data, cache, parses) == load_bundled_marks(data) and len(parses) == 1


def test_the_app_loads_the_bundled_marks_through_the_cache() -> None:
    marks = load_marks()
    assert cache_path().exists()  # SSC_DATA_CACHE points at a temporary folder in tests
    assert marks == tuple(load_bundled_marks())
    version = load_bundle().versions.trademarks
    assert version.startswith("marks-2") and f"-{len(marks)}-" in version
