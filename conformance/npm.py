"""What a wheel cannot carry: bun, deno, the pinned Node.js lines and the npm polyfills.

They are npm packages pinned by the ``package-lock.json`` that ships inside nodespec. ``nodespec
install`` runs ``npm ci`` with that lock into a per-user cache (one folder per lock, so two nodespec
versions never share one); a source checkout uses its own ``node_modules`` (``npm ci`` at its root).
``NODESPEC_NODE_MODULES`` names another ``node_modules`` folder.
"""

from __future__ import annotations

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
    """The folder ``npm ci`` installs into (it holds ``node_modules``)."""
    if IN_CHECKOUT:
        return PROJECT_ROOT
    lock = manifest_dir() / "package-lock.json"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()[:12] if lock.exists() else "unknown"
    return cache_home() / f"npm-{digest}"


def node_modules() -> Path:
    override = os.environ.get("NODESPEC_NODE_MODULES")
    return Path(override).resolve() if override else prefix() / "node_modules"


def install(quiet: bool = False) -> int:
    """``npm ci`` with the shipped lock into :func:`prefix`; the exit status of npm."""
    npm = shutil.which("npm")
    if npm is None:
        print("nodespec install: npm was not found on PATH (install Node.js, which includes npm)", file=sys.stderr)
        return 3
    target = prefix()
    source = manifest_dir()
    if not IN_CHECKOUT:
        target.mkdir(parents=True, exist_ok=True)
        for name in LOCK_FILES:
            shutil.copyfile(source / name, target / name)
    if not quiet:
        print(f"installing the pinned JavaScript implementations into {target} (npm ci)")
    argv = [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(target)]
    code = subprocess.run(argv, cwd=target).returncode
    if code == 0 and not quiet:
        print(f"installed: {target / 'node_modules'}")
    return code
