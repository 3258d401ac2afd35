"""Headless front door: `python -m app check INPUT... [--market ...] [--out PATH] [--format ...] [--lang ...]`,
and `python -m app data info|import-uspto|import-marks` for the trademark data.

Exit codes: 0 no listing is high risk, 1 at least one is, 2 usage or input error
(one clear line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from app import __version__
from app.core.bundle import load_bundle
from app.core.checker import Checker
from app.core.i18n import LANGUAGES, N_, normalize_language, system_language, translator
from app.core.markets import DEFAULT_MARKETS, parse_markets
from app.core.report import build_report
from app.io.columns import parse_mapping_option
from app.io.errors import InputError
from app.io.importer import import_catalogue
from app.io.reports import FORMATS, write_report

EXIT_OK, EXIT_HIGH, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m app", description="Seller Self-Check: trademark and market-rule self-check.")
    parser.add_argument("--version", action="version", version=f"Seller Self-Check {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    check = sub.add_parser("check", help="check catalogue files and write a report")
    check.add_argument("inputs", nargs="+", metavar="INPUT", help=".xlsx/.xlsm/.xls/.ods/.csv/.tsv/.txt files")
    check.add_argument("--market", default=",".join(DEFAULT_MARKETS),
                       help="target markets, e.g. US,EU,UK,JP (a Market column overrides this per row)")
    check.add_argument("--channel", default="",
                       help="marketplace: amazon, temu, tiktok, ebay (default: the one the file's layout shows, "
                            "e.g. an Amazon flat file; else all)")
    check.add_argument("--out", type=Path, help="report file (default: print a summary only)")
    check.add_argument("--format", choices=FORMATS, help="report format (default: from --out's extension)")
    check.add_argument("--lang", default=None, help="report language: zh_CN or en (default: system)")
    check.add_argument("--map", dest="mapping", default="",
                       help="column mapping, e.g. title=商品名称,brand=品牌 (or a column letter: title=B)")
    check.add_argument("--sheet", default=None, help="sheet to read (default: the one that looks like listings)")
    check.add_argument("--only-open", action="store_true",
                       help="report only findings and checklist items nobody has reviewed yet")
    data = sub.add_parser("data", help="trademark and rule data: versions, counts, imports")
    data_sub = data.add_subparsers(dest="data_command", required=True, parser_class=_Parser)
    info = data_sub.add_parser("info", help="data versions and counts")
    info.add_argument("--json", action="store_true", help="print JSON")
    uspto = data_sub.add_parser("import-uspto", help="import live marks from a USPTO trademark XML file (.xml/.zip)")
    uspto.add_argument("file", type=Path)
    table = data_sub.add_parser("import-marks", help="import a CSV/Excel list of marks (name, owner, classes, ...)")
    table.add_argument("file", type=Path)
    table.add_argument("--map", dest="mapping", default="", help="column mapping, e.g. name=商标,owner=权利人")
    for p in (info, uspto, table):
        p.add_argument("--workspace", type=Path, default=None,
                       help="workspace file (default: the app's, or SSC_WORKSPACE)")
        p.add_argument("--lang", default=None, help="message language: zh_CN or en (default: system)")
    return parser


def _run_data(args: argparse.Namespace, lang: str) -> int:
    import json

    from app.core.data_info import data_info
    from app.store import mark_intake
    from app.store.workspace import Workspace

    t = translator(lang)
    with Workspace(args.workspace) as ws:
        if args.data_command == "info":
            info = data_info(load_bundle(), ws.imported_marks.marks())
            if args.json:
                print(json.dumps(info, ensure_ascii=False, indent=2))
            else:
                tm, rules = info["trademarks"], info["rules"]
                print(t("Trademark list: {version} ({marks} marks, {aliases} other names, {plaintiffs} frequent "
                        "plaintiffs)").format(version=info["versions"]["trademarks"], marks=tm["marks"],
                                              aliases=tm["aliases"], plaintiffs=tm["frequent_plaintiffs"]))
                print(t("Market rules: {version} ({rules} rules, {requirements} checklist items)").format(
                    version=info["versions"]["rules"], rules=rules["rules"], requirements=rules["requirements"]))
                print(t("Imported marks in the workspace: {count}").format(count=info["imported"]["marks"]))
            return EXIT_OK
        if args.data_command == "import-uspto":
            batch, summary = mark_intake.import_uspto(ws, args.file)
            print(t("{file}: {live} live marks imported ({dead} dead and {design} without words skipped).").format(
                file=args.file.name, live=batch.mark_count, dead=summary.skipped_dead,
                design=summary.skipped_no_words))
            return EXIT_OK
        try:
            mapping = parse_mapping_option(args.mapping) if args.mapping else None
        except ValueError as exc:
            raise UsageError(t("bad --map entry: {entry} (use field=header)").format(entry=exc)) from None
        batch = mark_intake.import_marks_table(ws, args.file, mapping)
        print(t("{file}: {count} marks imported.").format(file=args.file.name, count=batch.mark_count))
        return EXIT_OK


def _run_check(args: argparse.Namespace, lang: str) -> int:
    t = translator(lang)
    markets, unknown = parse_markets(args.market)
    if unknown or not markets:
        raise UsageError(t("unknown market: {market}").format(market=", ".join(unknown) or args.market))
    try:
        mapping = parse_mapping_option(args.mapping) if args.mapping else None
    except ValueError as exc:
        raise UsageError(t("bad --map entry: {entry} (use field=header)").format(entry=exc)) from None
    if args.out is not None and args.format is None and args.out.suffix.lstrip(".").lower() not in (*FORMATS, "htm"):
        raise UsageError(t("cannot tell the report format from {file}; add --format").format(file=args.out))
    bundle = load_bundle()
    checker = Checker(bundle.marks, bundle.rulebook, fuzzy_ignore=bundle.fuzzy_ignore)
    results = []
    for name in args.inputs:
        catalogue = import_catalogue(Path(name), sheet_name=args.sheet, mapping_option=mapping)
        for w in catalogue.warnings[:20]:
            print(t(w.text).format(**w.params), file=sys.stderr)
        results.extend(checker.check_all(catalogue.listings, markets, channel=args.channel or catalogue.channel))
    report = build_report(results, markets=markets, versions=bundle.versions, lang=lang, only_open=args.only_open)
    if args.out is not None:
        write_report(report, args.out, args.format)
    s = report["summary"]
    print(t("{listings} listings checked: {high} high, {medium} medium, {low} low risk, {none} without findings.")
          .format(**s))
    if args.out is not None:
        print(t("Report written to {file}").format(file=args.out))
    return EXIT_HIGH if s["high"] else EXIT_OK


def _fail(lang: str, text: str) -> None:
    label = translator(lang)(N_("error"))
    print(f"{label}: {text}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = system_language()
    try:
        args = build_parser().parse_args(argv)
        if getattr(args, "lang", None):
            try:
                lang = normalize_language(args.lang)
            except ValueError:
                raise UsageError(f"--lang must be one of {', '.join(LANGUAGES)}") from None
        if args.command == "check":
            return _run_check(args, lang)
        if args.command == "data":
            return _run_data(args, lang)
    except UsageError as exc:
        _fail(lang, str(exc))
    except InputError as exc:
        _fail(lang, exc.message(lang))
    except OSError as exc:
        _fail(lang, f"{exc.filename or ''}: {exc.strerror or exc}")
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
