"""`python -m app` starts the desktop app; `python -m app check ...` runs the headless check."""

import sys


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] not in ("--gui",):
        from app.cli import main as cli_main

        return cli_main(sys.argv[1:])
    from app.ui.application import main as gui_main

    return gui_main()


if __name__ == "__main__":
    sys.exit(main())
