"""Smoke test of the PyInstaller build: the CLI checks the sample, the GUI starts and draws Chinese.

    python build_scripts/smoke_frozen.py [--dist dist] [--shot docs/screenshots/frozen-welcome-zh_CN.png]

Run after build_scripts/build.py; not part of the fast test suite. It
1. checks the bundle holds the rules, marks, schemas, sample, icons, the
   compiled catalogue and Qt's Chinese translation (and, on Linux, a font with
   its licence when one was bundled);
2. runs the frozen `seller-self-check-cli check` on the sample catalogue in
   both languages and validates each report against
   resources/schemas/compliance-report-1.schema.json;
3. starts the frozen GUI in Chinese (under xvfb-run when there is no display),
   which saves its window after the first paint (SSC_SCREENSHOT) and quits,
   and times that cold start;
4. prints the build's size.
Exits non-zero on the first failure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import relaunch_under_xvfb, time_start

ROOT = Path(__file__).resolve().parent.parent
NAME = "SellerSelfCheck"
EXE = ".exe" if sys.platform == "win32" else ""
SAMPLE_ROWS = 45
CJK = re.compile(r"[\u4e00-\u9fff]")


def fail(text: str) -> None:
    sys.exit(f"SMOKE FAILED: {text}")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def check_contents(bundle: Path) -> None:
    internal = bundle / "_internal"
    for rel in ("resources/rules/US.toml", "resources/marks/schedule_a.csv", "resources/samples/sample_catalogue.xlsx",
                "resources/schemas/compliance-report-1.schema.json", "resources/icons/app.png",
                "locales/zh_CN/LC_MESSAGES/app.mo"):
        if not (internal / rel).is_file():
            fail(f"{rel} is not in the bundle")
    if (internal / "locales/zh_CN/LC_MESSAGES/app.mo").read_bytes() != \
            (ROOT / "locales/zh_CN/LC_MESSAGES/app.mo").read_bytes():
        fail("the bundled app.mo differs from locales/ (rebuild)")
    if not list(internal.rglob("qtbase_zh_CN.qm")):
        fail("Qt's own Chinese translation (qtbase_zh_CN.qm) is not in the bundle")
    fonts = internal / "resources" / "fonts"
    if fonts.is_dir():
        files = [p.name for p in fonts.iterdir()]
        if not any(n.lower().endswith((".ttf", ".ttc", ".otf")) for n in files) or len(files) < 2:
            fail(f"resources/fonts must hold a font and its licence, has {files}")
        print(f"bundled font: {', '.join(sorted(files))}")
    print("bundle contents: ok")


def check_cli(bundle: Path) -> None:
    schema = json.loads((ROOT / "resources/schemas/compliance-report-1.schema.json").read_text(encoding="utf-8"))
    cli = bundle / f"seller-self-check-cli{EXE}"
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("zh_CN", "en"):
            out = Path(tmp) / f"report-{lang}.json"
            done = subprocess.run([str(cli), "check", str(ROOT / "resources/samples/sample_catalogue.xlsx"),
                                   "--market", "US,EU,UK", "--lang", lang, "--out", str(out)],
                                  capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
            if done.returncode not in (0, 1) or not out.exists():
                fail(f"frozen check ({lang}) exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
            report = json.loads(out.read_text(encoding="utf-8"))
            try:
                jsonschema.validate(report, schema)
            except jsonschema.ValidationError as exc:
                fail(f"the frozen report ({lang}) does not match the schema: {exc.message}")
            if report["summary"]["listings"] != SAMPLE_ROWS:
                fail(f"expected {SAMPLE_ROWS} listings, the report has {report['summary']['listings']}")
            first = next(f["message"] for item in report["listings"] for f in item["findings"])
            if (lang == "zh_CN") != bool(CJK.search(first + done.stdout)):  # translations found when frozen
                fail(f"the {lang} report is in the wrong language: {done.stdout} {first}")
            print(f"frozen check, {lang}: exit {done.returncode}, report valid; {done.stdout.strip()}")
        bad = subprocess.run([str(cli), "check", str(Path(tmp) / "missing.xlsx"), "--lang", "en"],
                             capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
        if bad.returncode != 2 or "Traceback" in bad.stderr or "missing.xlsx" not in bad.stderr:
            fail(f"a missing file must give exit 2 and one line naming it, got {bad.returncode}: {bad.stderr}")
        print(f"frozen check, missing file: exit 2, {bad.stderr.strip()}")


def check_gui(bundle: Path, shot: Path, runs: int) -> None:
    gui = bundle / f"{NAME}{EXE}"
    time_start([str(gui)], "zh_CN", shot)  # first start: OS file cache
    times = sorted(time_start([str(gui)], "zh_CN", shot) for _ in range(runs))
    print(f"frozen GUI cold start to first painted window and exit, zh_CN: median {times[len(times) // 2]:.2f} s "
          f"(min {times[0]:.2f}, max {times[-1]:.2f}, {runs} runs)")
    print(f"screenshot: {shot} ({shot.stat().st_size // 1024} KB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--shot", type=Path, default=ROOT / "docs" / "screenshots" / "frozen-welcome-zh_CN.png")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        return relaunch_under_xvfb()
    bundle = args.dist / NAME
    if not (bundle / f"{NAME}{EXE}").exists():
        fail(f"no build in {bundle}: run build_scripts/build.py first")
    check_contents(bundle)
    check_cli(bundle)
    check_gui(bundle, args.shot.resolve(), args.runs)
    print(f"build size: {folder_size(bundle) / 1e6:.0f} MB in {bundle}")
    print("SMOKE PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
