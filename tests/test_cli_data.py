"""`python -m app data info|import-uspto|import-marks`: real processes, a real workspace file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.core.bundle import load_bundle
from tests.conftest import ROOT
from tests.test_seller_data import SAMPLE_CASES, _uspto_file


def run(ws: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8", "SSC_WORKSPACE": str(ws),
           "SSC_DATA_CACHE": os.environ.get("SSC_DATA_CACHE", "")}
    return subprocess.run([sys.executable, "-m", "app", "data", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=180, env=env)


def test_data_info_json_prints_versions_and_counts(tmp_path: Path) -> None:
    proc = run(tmp_path / "ws.sqlite3", "info", "--json")
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    bundle = load_bundle()
    assert info["versions"] == {"trademarks": bundle.versions.trademarks, "rules": bundle.versions.rules}
    tm = info["trademarks"]
    assert tm["marks"] == len(bundle.marks) and sum(tm["per_category"].values()) == tm["marks"]
    assert tm["frequent_plaintiffs"] == sum(m.plaintiff for m in bundle.marks) > 0
    assert tm["aliases"] > tm["marks"] // 2 and tm["date"] in info["versions"]["trademarks"]
    rules = info["rules"]
    assert rules["rules"] == len(bundle.rulebook.rules) and "US" in rules["per_market"]
    assert sum(rules["per_topic"].values()) == rules["rules"]
    assert rules["requirements"] == len(bundle.rulebook.requirements)
    assert info["imported"]["marks"] == 0


def test_imports_from_the_command_line_show_up_in_info(tmp_path: Path) -> None:
    ws = tmp_path / "ws.sqlite3"
    xml = _uspto_file(tmp_path / "apc.xml", SAMPLE_CASES)
    proc = run(ws, "import-uspto", xml, "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "2 live marks imported" in proc.stdout
    marks = tmp_path / "m.csv"
    marks.write_text("Words,Holder\nPlomvex,P Ltd\n", encoding="utf-8")
    proc = run(ws, "import-marks", marks, "--map", "name=Words,owner=Holder", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    info = json.loads(run(ws, "info", "--json").stdout)
    assert info["imported"] == {"marks": 3, "per_origin": {"import": 1, "uspto": 2}}


def test_a_malformed_uspto_file_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<trademark-applications-daily><case-file><serial-number>1</case-file>", encoding="utf-8")
    proc = run(tmp_path / "ws.sqlite3", "import-uspto", bad, "--lang", "en")
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "bad.xml" in proc.stderr and "line 1" in proc.stderr
