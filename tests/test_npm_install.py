"""``nodespec install``: npm ci into the per-user folder of the lock, once; a checkout's node_modules links there.

npm itself is replaced by a script on PATH that records each call and makes a node_modules the way npm ci
does (the real one would unpack 1.2 GB)."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from nodespec import npm

FAKE_NPM = """#!/bin/sh
echo "$@" >> "$NPM_CALLS"
prefix=$(echo "$@" | sed 's/.*--prefix //')
[ -f "$prefix/package-lock.json" ] || exit 1
rm -rf "$prefix/node_modules" && mkdir -p "$prefix/node_modules/node26/bin" && echo node > "$prefix/node_modules/node26/bin/node"
exit ${NPM_STATUS:-0}
"""


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "checkout"
    root.mkdir()
    for name in npm.LOCK_FILES:
        (root / name).write_text(f'{{"name": "{name}"}}')
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "npm").write_text(FAKE_NPM)
    (bin_dir / "npm").chmod(stat.S_IRWXU)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("NPM_CALLS", str(tmp_path / "calls"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("NODESPEC_NODE_MODULES", raising=False)
    monkeypatch.setattr(npm, "PROJECT_ROOT", root)
    monkeypatch.setattr(npm, "IN_CHECKOUT", True)
    return root


def calls(checkout: Path) -> list[str]:
    file = checkout.parent / "calls"
    return file.read_text().splitlines() if file.exists() else []


def test_the_first_install_runs_npm_ci_into_the_cache_and_links_node_modules_there(checkout: Path) -> None:
    assert npm.install(quiet=True) == 0
    folder = npm.prefix()
    assert folder.parent == checkout.parent / "cache" / "nodespec" and folder.name.startswith("npm-")
    assert calls(checkout) == [f"ci --prefer-offline --no-audit --no-fund --loglevel=error --prefix {folder}"]
    link = checkout / "node_modules"
    assert link.is_symlink() and link.resolve() == (folder / "node_modules").resolve()
    assert (npm.node_modules() / "node26" / "bin" / "node").read_text() == "node\n"


def test_a_second_checkout_of_the_same_lock_installs_nothing(checkout: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert npm.install(quiet=True) == 0
    second = tmp_path / "second"
    second.mkdir()
    for name in npm.LOCK_FILES:
        (second / name).write_text((checkout / name).read_text())
    monkeypatch.setattr(npm, "PROJECT_ROOT", second)
    assert npm.install(quiet=True) == 0
    assert len(calls(checkout)) == 1
    assert (second / "node_modules").resolve() == (checkout / "node_modules").resolve()


def test_another_lock_gets_its_own_folder(checkout: Path) -> None:
    assert npm.install(quiet=True) == 0
    first = npm.prefix()
    (checkout / "package-lock.json").write_text('{"name": "another lock"}')
    assert npm.install(quiet=True) == 0
    assert npm.prefix() != first and len(calls(checkout)) == 2
    assert (checkout / "node_modules").resolve() == (npm.prefix() / "node_modules").resolve()
    assert (first / "node_modules").is_dir()  # the other lock's folder is left for the checkouts that use it


def test_a_failed_npm_ci_is_tried_again_and_leaves_node_modules_alone(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (checkout / "node_modules").mkdir()
    (checkout / "node_modules" / "mine").write_text("the developer's")
    monkeypatch.setenv("NPM_STATUS", "1")
    assert npm.install(quiet=True) == 1
    assert (checkout / "node_modules" / "mine").exists()
    monkeypatch.delenv("NPM_STATUS")
    assert npm.install(quiet=True) == 0
    assert len(calls(checkout)) == 2 and (checkout / "node_modules").is_symlink()


def test_installs_at_once_run_npm_ci_once(checkout: Path) -> None:
    codes: list[int] = []
    threads = [threading.Thread(target=lambda: codes.append(npm.install(quiet=True))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [0, 0, 0, 0] and len(calls(checkout)) == 1


def test_without_npm_it_says_so_in_one_line(checkout: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PATH", str(checkout / "nowhere"))
    assert npm.install(quiet=True) == 3
    assert capsys.readouterr().err.strip() == "nodespec install: npm was not found on PATH (install Node.js, which includes npm)"
