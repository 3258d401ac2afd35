"""Shared test set-up: headless Qt, the small fixture data set, paths to real files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SSC_NO_DIALOG_BLOCK", "1")
# Rule-pack updates installed on this machine are not the tests' business: the bundled packs only.
os.environ["SSC_RULE_PACKS_DIR"] = os.path.join(tempfile.gettempdir(), f"ssc-tests-no-rule-packs-{os.getpid()}")

import pytest  # noqa: E402

from app.core.checker import Checker, SellerLists  # noqa: E402
from app.core.marks import load_bundled_marks  # noqa: E402
from app.core.rules import load_rulebook  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMPLE = ROOT / "resources" / "samples" / "sample_catalogue.xlsx"


def shared_file(*parts: str) -> Path:
    """A file from ../shared/data, or skip: a user's fresh clone has no ../shared (CI has it)."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here: ../shared/data exists beside the project only in CI and dev machines")
    return path


@pytest.fixture(scope="session")
def fixture_marks():
    return load_bundled_marks(FIXTURES / "marks")


@pytest.fixture(scope="session")
def fixture_rulebook():
    return load_rulebook(FIXTURES / "rules")


@pytest.fixture(scope="session")
def checker(fixture_marks, fixture_rulebook) -> Checker:
    return Checker(fixture_marks, fixture_rulebook)


@pytest.fixture
def make_checker(fixture_marks, fixture_rulebook):
    def make(seller: SellerLists | None = None) -> Checker:
        return Checker(fixture_marks, fixture_rulebook, seller=seller)

    return make


@pytest.fixture(scope="session", autouse=True)
def _mark_cache_in_tmp(tmp_path_factory):
    """The bundled-mark SQLite cache goes to a temporary folder, never the tester's own cache."""
    os.environ["SSC_DATA_CACHE"] = str(tmp_path_factory.mktemp("mark-cache"))
    yield
    os.environ.pop("SSC_DATA_CACHE", None)
