"""Rule-pack updates against a real HTTP server on 127.0.0.1: a good update, every kind of failure, roll-back.

In every failure case the app keeps the rules it had: the installed set, the
bundle's versions and a real check are the same before and after.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.core.bundle import load_bundle
from app.core.checker import CheckCancelled, Checker
from app.core.i18n import set_ui_language
from app.core.installed_rules import PackStore, book_version
from app.core.models import Listing
from app.core.rules import bundled_rulebook
from app.io.rule_updates import FORMAT, RuleUpdater, UpdateError, load_public_key, ui_updater
from app.paths import resource

ROOT = Path(__file__).resolve().parent.parent
NEW = "2026.12.01"
MARKER = "UPDATED-RULE-TEXT"


# -- a real server -----------------------------------------------------------------------------------
@dataclass
class Server:
    base: str
    routes: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    stall: set[str] = field(default_factory=set)  # paths whose handler waits until the test ends
    release: threading.Event = field(default_factory=threading.Event)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def server() -> Iterator[Server]:
    state: Server

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            if self.path in state.stall:
                state.release.wait(10)  # far beyond the client's timeout; released at teardown
            status, body = state.routes.get(self.path, (404, b"not found"))
            try:
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state = Server(f"http://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    state.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join()


# -- publishing ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def packs_with(tmp: Path, version: str, *, marker: str = MARKER) -> Path:
    """The bundled packs with a new version and one rule's message changed."""
    folder = tmp / f"packs-{version}"
    shutil.copytree(resource("rules"), folder)
    us = folder / "US.toml"
    text = us.read_text(encoding="utf-8").replace('version = "2026.11.23"', f'version = "{version}"', 1)
    start = text.index('id = "us_fda_approved_claim"')
    cut = text.index('message = { en = "', start) + len('message = { en = "')
    us.write_text(text[:cut] + marker + " " + text[cut:], encoding="utf-8")
    return folder


def publish(server: Server, key: Ed25519PrivateKey, folder: Path, version: str, *, prefix: str = "/v",
            files: dict[str, bytes] | None = None, hashes: dict[str, str] | None = None) -> str:
    """Serve a signed manifest for the folder's packs; `files` replaces what is served, `hashes` what is listed."""
    entries = []
    for path in sorted(folder.glob("*.toml")):
        data = path.read_bytes()
        sha = (hashes or {}).get(path.name, hashlib.sha256(data).hexdigest())
        entries.append({"name": path.name, "sha256": sha, "url": f"files/{path.name}"})
        server.routes[f"{prefix}/files/{path.name}"] = (200, (files or {}).get(path.name, data))
    manifest = json.dumps({"format": FORMAT, "version": version, "files": entries}).encode()
    server.routes[f"{prefix}/manifest.json"] = (200, manifest)
    server.routes[f"{prefix}/manifest.json.sig"] = (200, base64.b64encode(key.sign(manifest)))
    return f"{server.base}{prefix}/manifest.json"


def updater(url: str, key: Ed25519PrivateKey, store: PackStore, timeout: float = 5.0) -> RuleUpdater:
    session = requests.Session()
    session.trust_env = False  # no proxy from the environment between us and 127.0.0.1
    return RuleUpdater(url, key.public_key(), store=store, timeout=timeout, session=session)


# -- what "the app keeps working" means ------------------------------------------------------------------
@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PackStore]:
    root = tmp_path / "user-data" / "rule-packs"
    monkeypatch.setenv("SSC_RULE_PACKS_DIR", str(root))
    load_bundle.cache_clear()
    yield PackStore(root)
    load_bundle.cache_clear()


def app_state() -> tuple[str, str]:
    """The rules version the app reports and the message a real check gives for an FDA claim."""
    load_bundle.cache_clear()
    bundle = load_bundle()
    checker = Checker((), bundle.rulebook)  # the rule in question needs no trademarks
    result = checker.check(Listing({"title": "FDA Approved forehead thermometer"}), ["US"], on=date(2026, 11, 23))
    finding = next(f for f in result.findings if f.rule_id == "us_fda_approved_claim")
    return bundle.versions.rules, finding.message["en"]


def installed_files(store: PackStore) -> dict[str, bytes]:
    current = store.current()
    return {} if current is None else {p.name: p.read_bytes() for p in sorted(current.folder.iterdir())}


def no_staging_left(store: PackStore) -> bool:
    return not store.packs.exists() or not any(p.name.startswith(".") for p in store.packs.iterdir())


# -- the good update, and roll-back -----------------------------------------------------------------
def test_good_update_is_installed_used_and_can_be_rolled_back(server: Server, key, store: PackStore,
                                                               tmp_path: Path) -> None:
    bundled_version, bundled_message = app_state()
    assert MARKER not in bundled_message
    url = publish(server, key, packs_with(tmp_path, NEW), NEW)
    steps: list[tuple[int, int]] = []
    installed = updater(url, key, store).check(lambda done, total: steps.append((done, total)))
    assert installed is not None and installed.version == NEW
    assert steps[-1][0] == steps[-1][1] and len(steps) > 5
    version, message = app_state()
    assert MARKER in message and version != bundled_version
    assert updater(url, key, store).check() is None  # up to date now
    # a second update keeps the first as the previous set
    newer = "2026.12.15"
    url2 = publish(server, key, packs_with(tmp_path, newer, marker="SECOND"), newer, prefix="/v2")
    assert updater(url2, key, store).check().version == newer
    assert "SECOND" in app_state()[1]
    assert store.previous() is not None and store.previous().version == NEW
    assert len([p for p in store.packs.iterdir()]) == 2  # older sets are pruned
    assert store.roll_back().version == NEW
    assert app_state() == (version, message)
    assert store.roll_back() is None  # nothing before that: the bundled packs
    assert app_state() == (bundled_version, bundled_message)


def test_an_older_or_equal_release_is_not_installed(server: Server, key, store: PackStore,
                                                   tmp_path: Path) -> None:
    before = app_state()
    url = publish(server, key, packs_with(tmp_path, "2026.11.23"), "2026.11.23")
    assert updater(url, key, store).check() is None
    url = publish(server, key, packs_with(tmp_path, "2025.1.1"), "2025.1.1", prefix="/old")
    assert updater(url, key, store).check() is None
    assert store.current() is None and app_state() == before
    assert not any("/files/" in r for r in server.requests)  # the manifest said enough


# -- failures: the app keeps the rules it had -----------------------------------------------------------
@pytest.fixture
def with_installed(server: Server, key, store: PackStore, tmp_path: Path) -> tuple[PackStore, dict[str, bytes],
                                                                                       tuple[str, str]]:
    """A store with one good update installed: failures must leave exactly this."""
    url = publish(server, key, packs_with(tmp_path, NEW), NEW, prefix="/good")
    assert updater(url, key, store).check() is not None
    return store, installed_files(store), app_state()


def assert_unchanged(store: PackStore, files: dict[str, bytes], state: tuple[str, str]) -> None:
    assert store.current() is not None and store.current().version == NEW
    assert installed_files(store) == files
    assert app_state() == state and MARKER in state[1]
    assert no_staging_left(store)


def test_corrupt_pack_is_refused(server: Server, key, with_installed, tmp_path: Path) -> None:
    store, files, state = with_installed
    folder = packs_with(tmp_path, "2027.1.1")
    (folder / "JP.toml").write_text('[pack]\nid = "JP"\nkind = "market"\n[[rule]\nid = ', encoding="utf-8")
    url = publish(server, key, folder, "2027.1.1", prefix="/corrupt")  # signed and hashed as served
    with pytest.raises(UpdateError, match="JP.toml") as err:
        updater(url, key, store).check()
    assert "not valid" in err.value.message("en")
    assert_unchanged(store, files, state)


def test_pack_failing_the_schema_is_refused(server: Server, key, with_installed, tmp_path: Path) -> None:
    store, files, state = with_installed
    folder = packs_with(tmp_path, "2027.1.2")
    us = folder / "US.toml"
    us.write_text(us.read_text(encoding="utf-8").replace('topic = "regulatory_claim"', 'topic = "anything"', 1),
                  encoding="utf-8")
    url = publish(server, key, folder, "2027.1.2", prefix="/schema")
    with pytest.raises(UpdateError, match="US.toml: rule/"):
        updater(url, key, store).check()
    assert_unchanged(store, files, state)


def test_wrong_hash_is_refused(server: Server, key, with_installed, tmp_path: Path) -> None:
    store, files, state = with_installed
    folder = packs_with(tmp_path, "2027.2.1")
    served = (folder / "EU.toml").read_bytes().replace(b"eco-friendly", b"eco-friendlx")
    url = publish(server, key, folder, "2027.2.1", prefix="/hash", files={"EU.toml": served})
    with pytest.raises(UpdateError, match="EU.toml does not match"):
        updater(url, key, store).check()
    assert_unchanged(store, files, state)


def test_unsigned_or_foreign_signed_manifest_is_refused(server: Server, key, with_installed,
                                                       tmp_path: Path) -> None:
    store, files, state = with_installed
    url = publish(server, Ed25519PrivateKey.generate(), packs_with(tmp_path, "2027.3.1"), "2027.3.1", prefix="/k")
    with pytest.raises(UpdateError, match="not signed"):
        updater(url, key, store).check()
    # the right key's signature over a manifest changed afterwards
    url = publish(server, key, packs_with(tmp_path, "2027.3.2"), "2027.3.2", prefix="/tamper")
    status, manifest = server.routes["/tamper/manifest.json"]
    server.routes["/tamper/manifest.json"] = (status, manifest.replace(b"2027.3.2", b"2099.1.1"))
    with pytest.raises(UpdateError, match="not signed"):
        updater(url, key, store).check()
    assert_unchanged(store, files, state)


def test_timeout_is_reported_and_changes_nothing(server: Server, key, with_installed, tmp_path: Path) -> None:
    store, files, state = with_installed
    url = publish(server, key, packs_with(tmp_path, "2027.4.1"), "2027.4.1", prefix="/slow")
    server.stall.add("/slow/files/UK.toml")  # the manifest comes, one pack never does
    with pytest.raises(UpdateError, match="did not answer in time"):
        updater(url, key, store, timeout=0.5).check()
    assert_unchanged(store, files, state)


def test_server_error_is_reported_and_changes_nothing(server: Server, key, with_installed, tmp_path: Path) -> None:
    store, files, state = with_installed
    url = publish(server, key, packs_with(tmp_path, "2027.5.1"), "2027.5.1", prefix="/err")
    server.routes["/err/files/FR.toml"] = (500, b"Internal Server Error")
    with pytest.raises(UpdateError, match="answered 500"):
        updater(url, key, store).check()
    server.routes["/err/manifest.json"] = (500, b"Internal Server Error")
    with pytest.raises(UpdateError, match="answered 500"):
        updater(url, key, store).check()
    assert_unchanged(store, files, state)


def test_offline_is_reported_and_changes_nothing(key, with_installed) -> None:
    store, files, state = with_installed
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(UpdateError, match="No connection"):
        updater(f"http://127.0.0.1:{port}/manifest.json", key, store).check()
    assert_unchanged(store, files, state)


def test_incomplete_set_and_bad_manifest_are_refused(server: Server, key, with_installed, tmp_path: Path) -> None:
    store, files, state = with_installed
    folder = packs_with(tmp_path, "2027.6.1")
    (folder / "JP.toml").unlink()
    url = publish(server, key, folder, "2027.6.1", prefix="/part")
    with pytest.raises(UpdateError, match="lacks the rule packs JP"):
        updater(url, key, store).check()
    manifest = json.dumps({"format": FORMAT, "version": "2027.6.2",
                           "files": [{"name": "../evil.toml", "sha256": "0" * 64, "url": "x"}]}).encode()
    server.routes["/bad/manifest.json"] = (200, manifest)
    server.routes["/bad/manifest.json.sig"] = (200, base64.b64encode(key.sign(manifest)))
    with pytest.raises(UpdateError, match="evil"):
        updater(f"{server.base}/bad/manifest.json", key, store).check()
    assert_unchanged(store, files, state)


def test_cancel_changes_nothing(server: Server, key, with_installed, tmp_path: Path) -> None:
    store, files, state = with_installed
    url = publish(server, key, packs_with(tmp_path, "2027.7.1"), "2027.7.1", prefix="/cancel")
    with pytest.raises(CheckCancelled):
        updater(url, key, store).check(cancelled=lambda: True)
    assert_unchanged(store, files, state)


def test_damaged_pointer_or_installed_set_falls_back_to_the_bundle(with_installed) -> None:
    store, _files, _state = with_installed
    (store.current().folder / "US.toml").write_text("not toml [", encoding="utf-8")
    assert store.load_current(book_version(bundled_rulebook())) is None
    assert MARKER not in app_state()[1]
    (store.root / "current.json").write_text("{broken", encoding="utf-8")
    assert store.current() is None and MARKER not in app_state()[1]


# -- the release script ------------------------------------------------------------------------------------
def test_release_script_signs_what_the_app_installs(server: Server, store: PackStore, tmp_path: Path) -> None:
    private, public = tmp_path / "keys" / "release.key", tmp_path / "keys" / "release.pub"
    script = ROOT / "build_scripts" / "rule_pack_release.py"
    subprocess.run([sys.executable, str(script), "keygen", "--private", str(private), "--public", str(public)],
                   check=True, capture_output=True)
    out = tmp_path / "site"
    subprocess.run([sys.executable, str(script), "sign", "--private", str(private), "--packs",
                    str(packs_with(tmp_path, NEW)), "--version", NEW, "--out", str(out)],
                   check=True, capture_output=True)
    for path in out.iterdir():
        server.routes[f"/site/{path.name}"] = (200, path.read_bytes())
    public_key = load_public_key(public)
    assert public_key is not None
    session = requests.Session()
    session.trust_env = False
    installed = RuleUpdater(f"{server.base}/site/manifest.json", public_key, store=store, session=session).check()
    assert installed is not None and installed.version == NEW and MARKER in app_state()[1]
    key = serialization.load_pem_private_key(private.read_bytes(), password=None)
    assert isinstance(key, Ed25519PrivateKey)


# -- the window's job ------------------------------------------------------------------------------------
def test_ui_updater_says_what_happened(server: Server, key, store: PackStore, tmp_path: Path) -> None:
    set_ui_language("en")
    url = publish(server, key, packs_with(tmp_path, NEW), NEW)
    job = ui_updater(updater(url, key, store))
    assert f"updated to {NEW}" in job(lambda d, t: None, lambda: False)
    assert f"up to date ({NEW})" in job(lambda d, t: None, lambda: False)
    server.routes["/v/manifest.json"] = (500, b"")
    message = job(lambda d, t: None, lambda: False)
    assert "answered 500" in message and f"rules you had ({NEW})" in message


def test_check_for_updates_in_the_window(qtbot, server: Server, key, store: PackStore, tmp_path: Path) -> None:
    """Settings > Check for updates runs in the background, says what happened and shows the new rules version."""
    from app.core.rules import load_rulebook
    from app.store.workspace import Workspace
    from app.ui.main_window import MainWindow

    set_ui_language("en")
    url = publish(server, key, packs_with(tmp_path, NEW), NEW)
    ws = Workspace(tmp_path / "workspace.sqlite3")
    book = load_rulebook(resource("rules"))
    window = MainWindow(ws, checker_factory=lambda seller: Checker((), book, seller=seller),
                        updater=ui_updater(updater(url, key, store)))
    qtbot.addWidget(window)
    window.show()
    try:
        dialog = window.open_settings()
        before = dialog.versions_label.text()
        assert dialog.update_button.isEnabled()
        with qtbot.waitSignal(window.session.updated, timeout=30_000) as blocker:
            dialog.update_button.click()
        assert f"updated to {NEW}" in blocker.args[0]
        assert f"updated to {NEW}" in window.statusBar().currentMessage()
        qtbot.waitUntil(lambda: dialog.versions_label.text() != before)
        assert load_bundle().versions.rules in dialog.versions_label.text()
        server.routes["/v/manifest.json"] = (500, b"")
        with qtbot.waitSignal(window.session.updated, timeout=30_000) as blocker:
            dialog.update_button.click()
        assert "answered 500" in blocker.args[0] and window.isVisible()
        dialog.reject()
    finally:
        window.close()
        ws.close()
