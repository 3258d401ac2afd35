"""A process killed while saving decisions loses none it acknowledged, and the file opens cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.store.workspace import Workspace
from tests.conftest import ROOT

WRITER = """
import sys
from pathlib import Path
from app.store.workspace import Workspace

ws = Workspace(Path(sys.argv[1]))
catalogue_id = int(sys.argv[2])
start = int(sys.argv[3])
i = start
while True:
    ws.reviews.decide(catalogue_id, f"SKU-{i}", "trademark\\x1fNike\\x1fUS\\x1ftitle\\x1fnike", "false_alarm",
                      by="writer", note=f"decision {i}")
    print(i, flush=True)  # acknowledged: decide() returned
    i += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_while_saving_decisions_loses_no_acknowledged_one(tmp_path: Path) -> None:
    path = tmp_path / "ws.sqlite3"
    with Workspace(path) as ws:
        catalogue_id = ws.catalogues.create("c.xlsx", "/tmp/c.xlsx", ["US"])
    acknowledged: list[int] = []
    for round_no, wanted in enumerate((150, 40, 300)):
        start = round_no * 100_000
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(catalogue_id), str(start)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert proc.stdout is not None
        got = 0
        while got < wanted:
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "writer exited"
            acknowledged.append(int(line))
            got += 1
        proc.send_signal(signal.SIGKILL)  # mid-loop: it is writing the next decision right now
        rest, _err = proc.communicate()
        acknowledged.extend(int(x) for x in rest.split())
        assert proc.returncode == -signal.SIGKILL
    with Workspace(path) as ws:
        assert ws.integrity() == "ok"
        decisions = ws.reviews.decisions(catalogue_id)
        saved = {int(key[0].removeprefix("SKU-")) for key in decisions}
        missing = set(acknowledged) - saved
        assert not missing, f"{len(missing)} acknowledged decisions lost"
        note = decisions[(f"SKU-{acknowledged[-1]}", "trademark\x1fNike\x1fUS\x1ftitle\x1fnike")].note
        assert note == f"decision {acknowledged[-1]}"
