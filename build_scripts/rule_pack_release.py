"""Publish rule packs for "Check for updates": make the signing key once, then sign each release.

    python build_scripts/rule_pack_release.py keygen --private ~/keys/rule-packs.key [--public resources/keys/rule-packs.pub]
    python build_scripts/rule_pack_release.py sign --private ~/keys/rule-packs.key --version 2026.12.01 \\
        [--packs resources/rules] --out dist/rule-packs

`keygen` writes the private key (keep it out of the repository and safe: whoever
holds it can change every seller's rules) and the public key the app bundles.
`sign` validates the packs exactly as the app will, then writes the packs,
`manifest.json` (version, file names, SHA-256) and `manifest.json.sig` into
`--out`; upload that folder as it is and point the app at `<base>/manifest.json`
(setting "rules_update_url" or SSC_RULES_UPDATE_URL). See app/io/rule_updates.py
for the trust model.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from app.core.installed_rules import version_key  # noqa: E402
from app.core.rules import load_rulebook  # noqa: E402
from app.io.rule_updates import FORMAT  # noqa: E402


def keygen(private: Path, public: Path) -> None:
    if private.exists():
        raise SystemExit(f"{private} exists; refusing to overwrite a signing key")
    key = Ed25519PrivateKey.generate()
    private.parent.mkdir(parents=True, exist_ok=True)
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    private.chmod(0o600)
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    public.parent.mkdir(parents=True, exist_ok=True)
    public.write_text(base64.b64encode(raw).decode() + "\n", encoding="ascii")
    print(f"private key: {private}\npublic key:  {public}")


def manifest_bytes(packs: Path, version: str) -> bytes:
    files = [{"name": p.name, "sha256": hashlib.sha256(p.read_bytes()).hexdigest(), "url": p.name}
             for p in sorted(packs.glob("*.toml"))]
    return json.dumps({"format": FORMAT, "version": version, "files": files}, indent=1).encode("utf-8")


def sign(private: Path, packs: Path, version: str, out: Path) -> None:
    if not version_key(version):
        raise SystemExit(f"version {version!r} must be dotted numbers, e.g. 2026.12.01")
    book = load_rulebook(packs)  # refuses an invalid pack, as the app would
    key = serialization.load_pem_private_key(private.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise SystemExit(f"{private} is not an Ed25519 private key")
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(packs.glob("*.toml")):
        shutil.copyfile(path, out / path.name)
    data = manifest_bytes(out, version)
    (out / "manifest.json").write_bytes(data)
    (out / "manifest.json.sig").write_text(base64.b64encode(key.sign(data)).decode() + "\n", encoding="ascii")
    print(f"{len(book.rules)} rules, {len(book.requirements)} checklist items, version {version} -> {out}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    k = sub.add_parser("keygen")
    k.add_argument("--private", type=Path, required=True)
    k.add_argument("--public", type=Path, default=ROOT / "resources" / "keys" / "rule-packs.pub")
    s = sub.add_parser("sign")
    s.add_argument("--private", type=Path, required=True)
    s.add_argument("--packs", type=Path, default=ROOT / "resources" / "rules")
    s.add_argument("--version", required=True)
    s.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "keygen":
        keygen(args.private, args.public)
    else:
        sign(args.private, args.packs, args.version, args.out)


if __name__ == "__main__":
    main()
