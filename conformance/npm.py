"""What a wheel cannot carry: bun, deno, the pinned Node.js lines and the npm polyfills.

They are npm packages pinned by a ``package-lock.json`` (the checkout's, or the copy inside the wheel).
``nodespec install`` runs ``npm ci`` with that lock into a per-user cache, one folder per lock
(``~/.cache/nodespec/npm-<hash of the lock>``): two nodespec versions never share one, and every
checkout of the same lock shares it — a second clone, worktree or CI job on the machine installs
nothing (the tree is 1.2 GB: unpacking it took 16-40 s of each command here). A checkout's
``node_modules`` is a link to that folder, so its paths read as npm's own. ``NODESPEC_NODE_MODULES``
names another ``node_modules`` folder.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from nodespec import IN_CHECKOUT, PACKAGE_DIR, PROJECT_ROOT

INSTALL_COMMAND = "nodespec install"
LOCK_FILES = ("package.json", "package-lock.json")


def manifest_dir() -> Path:
    """Where package.json and package-lock.json are: the checkout's root, or the wheel's ``nodespec/npm``."""
    return PROJECT_ROOT if IN_CHECKOUT else PACKAGE_DIR / "npm"


def cache_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nodespec"


def prefix() -> Path:
    """The folder ``npm ci`` installs into (it holds ``node_modules``): one per lock."""
    lock = manifest_dir() / "package-lock.json"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()[:12] if lock.exists() else "unknown"
    return cache_home() / f"npm-{digest}"


def node_modules() -> Path:
    override = os.environ.get("NODESPEC_NODE_MODULES")
    if override:
        return Path(override).resolve()
    # A checkout's own node_modules: the link install() makes, or what the developer's npm put there.
    return PROJECT_ROOT / "node_modules" if IN_CHECKOUT else prefix() / "node_modules"


MARKER = ".nodespec-installed"  # written into the prefix once npm ci has finished there


def install(quiet: bool = False) -> int:
    """``npm ci`` with the lock into :func:`prefix`, unless an earlier install finished there (one at a
    time: a lock file serializes the installs of every checkout and process); in a checkout, its
    ``node_modules`` then links to it. The exit status of npm (0 when nothing was to do)."""
    target = prefix()
    target.mkdir(parents=True, exist_ok=True)
    with open(target.with_name(target.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        installed = (target / MARKER).exists()
        code = 0 if installed else _npm_ci(target, quiet)
        if code == 0 and IN_CHECKOUT:  # under the lock too: two threads of one process share the link's temporary name
            _link(PROJECT_ROOT / "node_modules", target / "node_modules")
    if code == 0 and not quiet:
        again = " (already: delete that folder to install it again)" if installed else ""
        print(f"installed: {target / 'node_modules'}{again}")
    return code


def _npm_ci(target: Path, quiet: bool) -> int:
    npm = shutil.which("npm")
    if npm is None:
        print("nodespec install: npm was not found on PATH (install Node.js, which includes npm)", file=sys.stderr)
        return 3
    for name in LOCK_FILES:
        shutil.copyfile(manifest_dir() / name, target / name)
    if not quiet:
        print(f"installing the pinned JavaScript implementations into {target} (npm ci)")
    # --prefer-offline: the lock pins every tarball by its integrity hash, so npm's cache needs no revalidation.
    argv = [npm, "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(target)]
    code = subprocess.run(argv, cwd=target).returncode
    if code == 0:
        (target / MARKER).write_text("npm ci finished\n")
    return code


def _link(link: Path, folder: Path) -> None:
    """``link`` becomes a symbolic link to ``folder``, whatever was there (npm ci too replaces a
    node_modules folder); the link is swapped in at once, so a run reading it meanwhile sees one or the other."""
    if link.is_symlink() and link.resolve() == folder.resolve():
        return
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    fresh = link.with_name(f".{link.name}.{os.getpid()}")
    fresh.unlink(missing_ok=True)
    fresh.symlink_to(folder)
    os.replace(fresh, link)
