"""Packaging that pyproject.toml cannot express statically.

* Every folder of the four source trees is a package, data folders included (the features and the
  programs beside them, the drivers, the expectations): computed here, so a folder added later ships
  without a change to this file and setuptools has no "package would be ignored" to warn about.
* The npm manifest and lock, which live at the checkout's root (``npm ci`` runs there), ship inside the
  wheel as ``nodespec/npm/``, so ``nodespec install`` installs exactly the pinned JavaScript
  implementations anywhere.
* The reference's views in C (``reference/_views.c``), crypto's hot path in C (``reference/_digests.c``)
  and emit's (``reference/_events.c``), built where a C compiler and Python's headers are; where they are not, the
  install goes on without them: the reference uses the same API in ctypes (``_views_ctypes.py``) and
  crypto.py's own path, slower, with the same behaviour.
"""

import shutil
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
TREES = {"nodespec": "conformance", "nodespec.reference": "reference", "nodespec.steps": "steps",
         "nodespec.features": "features"}
DATA = ["*.feature", "*.toml", "*.md", "*.mjs", "*.cjs", "*.js", "*.json", "*.txt", "*.ini", "*.html", "*.css",
        "*.py", "*.pyi", "*.typed", "*.svg"]


def packages() -> dict[str, str]:
    found = {}
    for package, folder in TREES.items():
        base = ROOT / folder
        for directory in [base, *sorted(p for p in base.rglob("*") if p.is_dir())]:
            parts = directory.relative_to(base).parts
            if any(part.startswith((".", "__")) or part == "node_modules" for part in parts):
                continue
            found[".".join([package, *parts])] = directory.relative_to(ROOT).as_posix()
    return found


class BuildPyWithLock(build_py):
    def run(self) -> None:
        # An in-tree build reuses build/lib: start from nothing, so a file deleted from the source tree
        # does not live on in the next wheel.
        shutil.rmtree(Path(self.build_lib) / "nodespec", ignore_errors=True)
        super().run()
        target = Path(self.build_lib) / "nodespec" / "npm"
        target.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(ROOT / name, target / name)


PACKAGES = packages()
setup(
    packages=list(PACKAGES),
    package_dir=PACKAGES,
    package_data={"": DATA},
    cmdclass={"build_py": BuildPyWithLock},
    # _digests finds OpenSSL with dlopen: libdl on a Linux whose glibc is older than 2.34 (a stub after)
    ext_modules=[Extension(f"nodespec.reference.{name}", [f"reference/{name}.c"],
                           depends=["reference/_shortcut.h", "reference/_views_capi.h"],
                           libraries=["dl"] if name == "_digests" and sys.platform.startswith("linux") else [],
                           optional=True) for name in ("_views", "_digests", "_events")],
)
