"""The JSON report: the `compliance-report/1` contract itself, written one listing at a time.

The top level is indented for people; each listing is one line, which keeps a
100,000-listing file quick to write and easy to diff, and memory flat.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.io.reports.common import Cancelled, Progress, Ticker, atomic_write


def write_json(report: dict[str, Any], path: Path, progress: Progress | None = None,
               cancelled: Cancelled | None = None) -> None:
    listings = report["listings"]
    ticker = Ticker(len(listings), progress, cancelled)
    head = {key: value for key, value in report.items() if key != "listings"}

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            text = json.dumps(head, ensure_ascii=False, indent=2)
            fh.write(text[:-2] + ',\n  "listings": [')
            for i, item in enumerate(ticker.each(listings)):
                fh.write(("\n    " if i == 0 else ",\n    ") + json.dumps(item, ensure_ascii=False))
            fh.write("\n  ]\n}\n" if listings else "]\n}\n")

    atomic_write(path, write)
    ticker.finish()
