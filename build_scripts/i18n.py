"""Translation catalogues: extract strings from the code, merge them into the .po files, compile .mo.

    python build_scripts/i18n.py update    # extract + merge new strings into locales/*/LC_MESSAGES/app.po
    python build_scripts/i18n.py compile   # .po -> .mo (the app reads the .mo files)
    python build_scripts/i18n.py check     # fail when a string is untranslated or a .mo is stale

Strings are marked in the code with `_()` (UI language), `N_()` (deferred),
`both()` (every language) and `t()` (a translator chosen per call, e.g. the
report language). English is the source language.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
TRANSLATED = ("zh_CN",)
KEYWORDS = {"_": None, "N_": None, "both": (1,), "t": None}


def extract() -> Catalog:
    template = Catalog(project="Seller Self-Check", domain="app", charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "app"), method_map=method_map, keywords=KEYWORDS, strip_comment_tags=True
    ):
        if isinstance(message, tuple):
            message = message[0]
        if message:
            template.add(message, locations=[(f"app/{filename}", lineno)], auto_comments=comments, context=context)
    return template


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "app.po"


def read(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain="app", project="Seller Self-Check", charset="utf-8")
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain="app")


def render_po(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=0, omit_header=False, sort_output=True, ignore_obsolete=True, include_lineno=False)
    return buf.getvalue()


def render_mo(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def update() -> None:
    template = extract()
    for lang in TRANSLATED:
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True)
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_po(catalog))
        missing = [m.id for m in catalog if m.id and not m.string]
        print(f"{path.relative_to(ROOT)}: {len(catalog)} strings, {len(missing)} untranslated")


def compile_all() -> None:
    for lang in TRANSLATED:
        mo = po_path(lang).with_suffix(".mo")
        mo.write_bytes(render_mo(read(lang)))
        print(f"wrote {mo.relative_to(ROOT)}")


_HIDDEN_CALL = re.compile(r"""\{[^{}]*\b(?:_|t|N_)\(\s*["']""")


def hidden_strings() -> list[str]:
    """Marked strings inside f-string braces, which the extractor cannot see."""
    out = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"""\bf["']""", line) and _HIDDEN_CALL.search(line):
                out.append(f"{path.relative_to(ROOT)}:{lineno}: translated string inside an f-string")
    return out


def problems() -> list[str]:
    """What is wrong with the catalogues; empty when everything is translated and compiled."""
    out: list[str] = hidden_strings()
    wanted = {m.id for m in extract() if m.id}
    for lang in TRANSLATED:
        catalog = read(lang)
        have = {m.id: m for m in catalog if m.id}
        for msgid in sorted(wanted - set(have)):
            out.append(f"{lang}: not in app.po (run build_scripts/i18n.py update): {msgid!r}")
        for msgid in sorted(wanted & set(have)):
            if not have[msgid].string or have[msgid].fuzzy:
                out.append(f"{lang}: untranslated: {msgid!r}")
        for msgid in sorted(set(have) - wanted):
            out.append(f"{lang}: no longer used (run update): {msgid!r}")
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != render_mo(catalog):
            out.append(f"{lang}: {mo.name} is stale (run build_scripts/i18n.py compile)")
    return out


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
