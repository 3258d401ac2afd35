""""Check for updates" of the rule packs: download, verify, validate, install atomically, keep the previous set.

What is published (one folder on any web server):

    manifest.json      {"format": "ssc-rule-packs/1", "version": "2026.12.01",
                        "files": [{"name": "US.toml", "sha256": "<hex>", "url": "US.toml"}, ...]}
    manifest.json.sig  the Ed25519 signature of manifest.json's exact bytes, base64

Trust model. The app trusts one thing: the Ed25519 public key bundled with it
(`resources/keys/rule-packs.pub`, base64 of the raw 32-byte key); the private
key stays with whoever publishes rule packs (`build_scripts/rule_pack_release.py`
makes the key pair and signs a release). The manifest is used only when its
signature verifies with that key, and each pack file only when its SHA-256 is
the one the signed manifest lists, so neither the server, the network (plain
HTTP included) nor a proxy can change a pack unnoticed. A manifest whose version
is not newer than the rules the app has is ignored, so an old signed release
cannot be replayed to roll the rules back. Not covered: someone holding back
updates (the seller simply keeps the rules they have). Packs are data, never
code, and are validated against the bundled schema before they are used, like
the bundled ones; a set must contain every pack the app ships (a pack is retired
by publishing it empty).

Every failure (no network, timeout, server error, bad signature, wrong hash,
invalid pack) leaves the installed rules untouched: files are written to a
staging folder that is only renamed into place after all checks pass
(`app.core.installed_rules.PackStore`). Nothing here runs unless the seller asks.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.core.checker import CheckCancelled
from app.core.i18n import N_, TranslatableError, _, ui_language
from app.core.installed_rules import Installed, PackStore, book_version, version_key
from app.core.rules import RulePackError, bundled_rulebook, load_rulebook
from app.paths import resource

FORMAT = "ssc-rule-packs/1"
URL_ENV_VAR = "SSC_RULES_UPDATE_URL"
PUBLIC_KEY_FILE = resource("keys", "rule-packs.pub")
MAX_MANIFEST_BYTES = 256 * 1024
MAX_PACK_BYTES = 4 * 1024 * 1024
MAX_FILES = 64
_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,40}\.toml$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_VERSION_RE = re.compile(r"^[0-9]{1,8}(\.[0-9]{1,8}){0,4}$")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class UpdateError(TranslatableError):
    """An update that could not be used; the rules in use stay as they were."""


@dataclass(slots=True, frozen=True)
class PackFile:
    name: str
    sha256: str
    url: str


@dataclass(slots=True, frozen=True)
class Manifest:
    version: str
    files: tuple[PackFile, ...]


def load_public_key(path: Path = PUBLIC_KEY_FILE) -> Ed25519PublicKey | None:
    """The bundled signing key, or None when this build has none (then updates are not offered)."""
    try:
        raw = base64.b64decode(path.read_text(encoding="ascii").strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (OSError, ValueError, binascii.Error):
        return None


def parse_manifest(data: bytes, base_url: str) -> Manifest:
    """The manifest's version and files, their URLs resolved against the manifest's own."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise UpdateError(N_("The update's list of files is damaged ({error})."), error=exc) from exc
    files = doc.get("files") if isinstance(doc, dict) else None
    version = doc.get("version") if isinstance(doc, dict) else None
    if (doc.get("format") if isinstance(doc, dict) else None) != FORMAT or not isinstance(files, list) \
            or not isinstance(version, str) or not _VERSION_RE.match(version) or not 0 < len(files) <= MAX_FILES:
        raise UpdateError(N_("The update's list of files is not in a format this version of the app reads."))
    out: list[PackFile] = []
    for entry in files:
        ok = isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("name", "sha256", "url"))
        if not ok or not _NAME_RE.match(entry["name"]) or not _SHA_RE.match(entry["sha256"]):
            raise UpdateError(N_("The update's list of files has an entry this app cannot use: {entry}"),
                              entry=json.dumps(entry, ensure_ascii=False)[:200])
        out.append(PackFile(entry["name"], entry["sha256"], urljoin(base_url, entry["url"])))
    if len({f.name.casefold() for f in out}) != len(out):
        raise UpdateError(N_("The update's list of files names a file twice."))
    return Manifest(version, tuple(out))


class RuleUpdater:
    """Checks one URL for a newer signed rule-pack set and installs it into a `PackStore`."""

    def __init__(self, url: str, public_key: Ed25519PublicKey, *, store: PackStore | None = None,
                 timeout: float = 15.0, session: requests.Session | None = None) -> None:
        self.url = url
        self.public_key = public_key
        self.store = store or PackStore()
        self.timeout = timeout
        self.session = session or requests.Session()

    # -- what the app has -----------------------------------------------------------------
    def bundled_version(self) -> str:
        return book_version(bundled_rulebook())

    def current_version(self) -> str:
        """The version of the rules in use: the installed set's when it is newer than the bundle's."""
        bundled = self.bundled_version()
        installed = self.store.current()
        if installed is not None and version_key(installed.version) > version_key(bundled):
            return installed.version
        return bundled

    # -- the update ------------------------------------------------------------------------
    def check(self, progress: Progress | None = None, cancelled: Cancelled | None = None) -> Installed | None:
        """Install a newer set if the server has one; None when the rules are up to date.

        Raises UpdateError (nothing changed) or CheckCancelled (nothing changed)."""
        progress = progress or (lambda done, total: None)
        manifest_bytes = self._get(self.url, MAX_MANIFEST_BYTES)
        signature = self._get(self.url + ".sig", 4096)
        try:
            self.public_key.verify(base64.b64decode(signature.strip(), validate=True), manifest_bytes)
        except (InvalidSignature, ValueError, binascii.Error) as exc:
            raise UpdateError(N_("The update is not signed by the publisher of this app's rules; it was not "
                                 "installed.")) from exc
        manifest = parse_manifest(manifest_bytes, self.url)
        if version_key(manifest.version) <= version_key(self.current_version()):
            return None
        total = len(manifest.files) + 1
        staging = self.store.stage()
        try:
            for i, entry in enumerate(manifest.files):
                if cancelled is not None and cancelled():
                    raise CheckCancelled()
                data = self._get(entry.url, MAX_PACK_BYTES)
                if hashlib.sha256(data).hexdigest() != entry.sha256:
                    raise UpdateError(N_("The downloaded file {name} does not match the update's list of files "
                                         "(a damaged or altered download)."), name=entry.name)
                self.store.write(staging, entry.name, data)
                progress(i + 1, total)
            self._validate(staging)
            installed = self.store.install(staging, manifest.version)
        except BaseException:
            self.store.discard(staging)
            raise
        progress(total, total)
        return installed

    def _validate(self, staging: Path) -> None:
        try:
            book = load_rulebook(staging)
        except RulePackError as exc:
            raise UpdateError(N_("The update contains a rule pack that is not valid: {error}"), error=exc) from exc
        missing = set(bundled_rulebook().packs) - set(book.packs)
        if missing or not book.rules:
            raise UpdateError(N_("The update is incomplete: it lacks the rule packs {packs}."),
                              packs=", ".join(sorted(missing)) or "(all)")

    def _get(self, url: str, limit: int) -> bytes:
        try:
            with self.session.get(url, timeout=self.timeout, stream=True) as response:
                if response.status_code != 200:
                    raise UpdateError(N_("The update server answered {status} for {url}."),
                                      status=response.status_code, url=url)
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > limit:
                        raise UpdateError(N_("The file {url} is larger than a rule pack can be."), url=url)
                    chunks.append(chunk)
                return b"".join(chunks)
        except requests.Timeout as exc:
            raise UpdateError(N_("The update server did not answer in time ({url})."), url=url) from exc
        except requests.ConnectionError as exc:
            raise UpdateError(N_("No connection to the update server ({url}); you may be offline."),
                              url=url) from exc
        except requests.RequestException as exc:
            raise UpdateError(N_("Could not download {url}: {error}"), url=url, error=exc) from exc


def configured_url(setting: str = "") -> str:
    """The update address: SSC_RULES_UPDATE_URL, else the one in the settings."""
    return os.environ.get(URL_ENV_VAR, "").strip() or setting.strip()


def updater_for(url_setting: str) -> Callable[[Progress, Cancelled], str] | None:
    """The window's updater when this build can update (a bundled key and an address), else None."""
    key, url = load_public_key(), configured_url(url_setting)
    return ui_updater(RuleUpdater(url, key)) if key is not None and url else None


def ui_updater(updater: RuleUpdater) -> Callable[[Progress, Cancelled], str]:
    """The window's "Check for updates" job: installs what is new and says what happened, in the UI language."""
    def run(progress: Progress, cancelled: Cancelled) -> str:
        try:
            installed = updater.check(progress, cancelled)
        except UpdateError as exc:
            return _("Rules not updated: {reason} You keep working with the rules you had ({version}).").format(
                reason=exc.message(ui_language.lang), version=updater.current_version())
        if installed is None:
            return _("Your market rules are up to date ({version}).").format(version=updater.current_version())
        return _("Market rules updated to {version}. The next check uses them.").format(version=installed.version)

    return run
