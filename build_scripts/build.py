"""Build the desktop app with PyInstaller: one folder for the current OS.

    python build_scripts/build.py [--font FILE --font-licence FILE...] [--no-font]

Compiles the translations first (so the bundle never ships a stale .mo), then
runs build_scripts/seller_self_check.spec. The result lands in
dist/SellerSelfCheck/ (Windows: SellerSelfCheck.exe and seller-self-check-cli.exe;
Linux: SellerSelfCheck and seller-self-check-cli) and, on macOS, also
dist/SellerSelfCheck.app. Check it with build_scripts/smoke_frozen.py.

Linux only: Chinese needs a font, and a bare Linux may have none (app/ui/fonts.py).
By default the build bundles WenQuanYi Micro Hei (Apache-2.0) with its licence
from the Debian/Ubuntu package fonts-wqy-microhei when it is installed; --font
names another file (its licence is required), --no-font bundles none. Windows
and macOS builds never bundle a font: their system fonts cover Chinese.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_scripts" / "seller_self_check.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
WQY_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
WQY_LICENCES = [Path("/usr/share/doc/fonts-wqy-microhei/copyright"), Path("/usr/share/common-licenses/Apache-2.0")]


def font_args(args: argparse.Namespace) -> list[str]:
    if args.no_font or not sys.platform.startswith("linux"):
        return []
    font, licences = args.font, args.font_licence
    if font is None:
        if not (WQY_FONT.exists() and all(p.exists() for p in WQY_LICENCES)):
            print("note: no Chinese font bundled (install fonts-wqy-microhei, or pass --font and --font-licence); "
                  "the app will use the system's fonts")
            return []
        font, licences = WQY_FONT, WQY_LICENCES
    if not licences:
        sys.exit("--font needs --font-licence: a font is shipped only with its licence")
    out = ["--font", str(font)]
    for path in licences:
        out += ["--font-licence", str(path)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", type=Path, help="Linux: a Chinese font file to bundle")
    parser.add_argument("--font-licence", type=Path, action="append", default=[], help="its licence file(s)")
    parser.add_argument("--no-font", action="store_true", help="Linux: bundle no font")
    parser.add_argument("--dist", type=Path, default=DIST)
    args = parser.parse_args()
    subprocess.run([sys.executable, str(ROOT / "build_scripts" / "i18n.py"), "compile"], check=True)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(args.dist),
               "--workpath", str(WORK), str(SPEC), "--", *font_args(args)]
    subprocess.run(command, check=True, cwd=ROOT)
    print(f"built {args.dist / 'SellerSelfCheck'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
