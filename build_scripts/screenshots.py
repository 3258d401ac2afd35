"""Screenshots of the main screens for the README, taken under Xvfb.

    python build_scripts/screenshots.py [--lang en|zh_CN] [--fixtures] [--out docs/screenshots]

Runs itself under `xvfb-run` when there is no display, so the real X11 (xcb)
platform plugin draws the window. --fixtures checks with the small test data
set instead of the bundled trademark list and rules (useful while the bundled
data is being written). Chinese needs a CJK font installed (fc-list :lang=zh).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_BYTES = 200_000


def _relaunch_under_xvfb() -> int:
    xvfb = shutil.which("xvfb-run")
    if xvfb is None:
        sys.exit("no display and no xvfb-run: install xvfb (apt-get install xvfb)")
    env = {**os.environ, "SSC_SCREENSHOT_CHILD": "1", "QT_QPA_PLATFORM": "xcb"}
    cmd = [xvfb, "-a", "-s", "-screen 0 1400x900x24", sys.executable, *sys.argv]
    return subprocess.call(cmd, env=env)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=("en", "zh_CN"))
    parser.add_argument("--fixtures", action="store_true", help="check with tests/fixtures data, not the bundle")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--font-dir", type=Path, help="a folder with a Chinese font, used when the system has none")
    parser.add_argument("--suffix", default="", help="appended to each file name, e.g. -zh_CN")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("SSC_SCREENSHOT_CHILD"):
        return _relaunch_under_xvfb()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("SSC_NO_DIALOG_BLOCK", "1")

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtGui import QImage, QPixmap
    from PySide6.QtWidgets import QApplication, QWidget

    from app.core.checker import Checker
    from app.core.i18n import set_ui_language
    from app.core.marks import load_bundled_marks
    from app.core.models import DataVersions
    from app.core.rules import load_rulebook
    from app.store.settings import REVIEWER
    from app.store.workspace import Workspace
    from app.ui.listings_model import COL_TITLE
    from app.ui.fonts import ensure_chinese_font
    from app.ui.main_window import MainWindow
    from app.ui.session import bundle_checker, bundle_versions

    app = QApplication(sys.argv)
    app.setApplicationName("Seller Self-Check")
    set_ui_language(args.lang)
    if args.font_dir is not None:
        ensure_chinese_font(args.font_dir)
    args.out.mkdir(parents=True, exist_ok=True)

    def settle(ms: int = 150) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def save(widget: QWidget, name: str) -> None:
        settle()
        pixmap: QPixmap = widget.grab()
        path = args.out / f"{name}{args.suffix}.png"
        pixmap.save(str(path), "PNG", 9)
        if path.stat().st_size > MAX_BYTES:  # fewer colours: UI screenshots stay sharp at 256
            pixmap.toImage().convertToFormat(QImage.Format.Format_Indexed8).save(str(path), "PNG", 9)
        print(f"{path.relative_to(ROOT)}: {pixmap.width()}x{pixmap.height()}, {path.stat().st_size // 1024} KB")

    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp) / "workspace.sqlite3")
        ws.settings.set(REVIEWER, "Lin")
        if args.fixtures:
            marks = load_bundled_marks(ROOT / "tests" / "fixtures" / "marks")
            rulebook = load_rulebook(ROOT / "tests" / "fixtures" / "rules")
            window = MainWindow(ws, checker_factory=lambda seller: Checker(marks, rulebook, seller=seller),
                                versions=lambda: DataVersions("fixture marks", "fixture rules"))
        else:
            window = MainWindow(ws, checker_factory=bundle_checker, versions=bundle_versions)
        window.resize(1280, 800)
        window.show()
        loop = QEventLoop()
        window.check_finished.connect(loop.quit)
        window.open_sample()
        loop.exec()

        # results: English titles first (no CJK font here), a trademark finding open and one decision made
        page = window.results_page
        window.model.sort(COL_TITLE, Qt.SortOrder.AscendingOrder)
        page.table.horizontalHeader().setSortIndicator(COL_TITLE, Qt.SortOrder.AscendingOrder)
        target = next(i for i, r in enumerate(window.session.checked.results) if r.listing.sku == "SS-1002")
        page.select_listing(target)
        detail = page.detail
        if detail.current_finding() is not None:
            detail.note_edit.setText("our own Air range, licence on file")
            detail.decide("authorised")
            detail.step_finding(1)
        window.show_page("home")
        save(window, "welcome")
        window.show_page("results")
        save(window, "results")
        window.show_page("dashboard")
        save(window, "dashboard")
        dialog = window.open_settings()
        settle()
        save(dialog, "settings")
        dialog.reject()
        window.close()
        ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
