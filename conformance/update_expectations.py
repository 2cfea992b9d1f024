"""``nodespec expectations update RESULTS --dir DIR``: expectation entries from a results file (the
idea of ``wpt update-expectations``).

* a failing cell (fail, timeout, crash) without an entry gets one, in ``DIR/IMPL.MODULE.toml``, with
  the failure's signature filled in (its error code, else its step) and ``reason = ""``: the run refuses
  an entry without a reason, so every expected failure is explained by a person before it counts;
* an unexpected pass removes its entry;
* a failure whose cause changed gets the new signature, and its reason is emptied for a person to
  check it again.

Entries are edited in place, one ``[[expected]]`` block at a time: the rest of a file (comments,
order, other entries) is kept as written. Entries that cover several scenarios (``[expected.scenarios]``
tables, ``feature =`` defaults) are reported, not edited.
"""

from __future__ import annotations

import fnmatch
import functools
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nodespec import results
from nodespec.status import EXPECTATIONS, NodespecError

_BLOCK = re.compile(r"^\[\[expected\]\]\s*$", re.MULTILINE)
FAILING = ("fail", "timeout", "crash")


def signature_of(failure: dict[str, Any] | None, status: str) -> str:
    """What the entry will match: the error code, else the diverging step, else the status."""
    failure = failure or {}
    return failure.get("code") or failure.get("step_text") or failure.get("step") or status


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@dataclass
class Change:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    untouched: list[str] = field(default_factory=list)
    files: set[Path] = field(default_factory=set)

    def summary(self) -> list[str]:
        lines = []
        for what, ids in (("added (write their reasons)", self.added), ("removed (they pass now)", self.removed),
                          ("signature updated (check their reasons)", self.updated),
                          ("left as they are (entries that cover several scenarios; edit by hand)", self.untouched)):
            if ids:
                lines.append(f"{len(ids)} {what}:")
                lines += [f"  {i}" for i in ids]
        lines.append("files: " + (", ".join(str(f) for f in sorted(self.files)) if self.files else "none changed"))
        return lines


@functools.lru_cache(maxsize=4096)
def _parse_block(block: str) -> dict[str, Any]:
    return tomllib.loads(block).get("expected", [{}])[0]


class _File:
    """One expectations file as text: a head, then one text block per ``[[expected]]`` entry."""

    def __init__(self, path: Path) -> None:
        self.path = path
        text = path.read_text() if path.exists() else ""
        starts = [m.start() for m in _BLOCK.finditer(text)]
        self.head = text[: starts[0]] if starts else text
        self.blocks = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=False)]
        self.changed = False

    def entry(self, block: str) -> dict[str, Any]:
        try:
            return _parse_block(block)
        except tomllib.TOMLDecodeError as error:
            raise NodespecError(f"{self.path}: {error}", EXPECTATIONS) from None

    def find(self, scenario: str) -> int | None:
        for i, block in enumerate(self.blocks):
            entry = self.entry(block)
            if entry.get("scenario") == scenario:
                return i
        return None

    def covers_otherwise(self, scenario: str) -> bool:
        for block in self.blocks:
            entry = self.entry(block)
            if scenario in (entry.get("scenarios") or {}):
                return True
            if "feature" in entry:
                if fnmatch.fnmatchcase(scenario.split("::", 1)[0], entry["feature"]):
                    return True
        return False

    def write(self) -> None:
        if self.changed:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(self.head + "".join(self.blocks))


def _block(scenario: str, signature: str, status: str) -> str:
    return (f"[[expected]]\nscenario = {_string(scenario)}\ncategory = \"bug\"  # or missing-feature, by-design\n"
            f"reason = \"\"  # write why it fails ({status}); the run refuses an entry without a reason\n"
            f"signature = {_string(signature)}\n\n")


def update(results_file: str | Path, directory: str | Path, impls: list[str] | None = None) -> Change:
    data = results.load(results_file)
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise NodespecError(f"--dir {directory}: not a folder", EXPECTATIONS)
    names = [i["name"] for i in data["implementations"]]
    for impl in impls or []:
        if impl not in names:
            raise NodespecError(f"--impl {impl}: not in {results_file} (it has {', '.join(names) or 'none'})", EXPECTATIONS)
    change = Change()
    files: dict[Path, _File] = {}

    def file(path: Path) -> _File:
        if path not in files:
            files[path] = _File(path)
        return files[path]

    for scenario in data["scenarios"]:
        sid, module = scenario["id"], scenario.get("module") or "misc"
        for impl, result in scenario["results"].items():
            if impls and impl not in impls:
                continue
            own = sorted([*directory.glob(f"{impl}.toml"), *directory.glob(f"{impl}.*.toml")]) if directory.is_dir() else []
            holder = next((file(p) for p in own if file(p).find(sid) is not None), None)
            status, failure = result["status"], result.get("failure")
            if status in FAILING and holder is None:
                if any(file(p).covers_otherwise(sid) for p in own):
                    change.untouched.append(f"{impl}: {sid}")
                    continue
                target = file(directory / f"{impl}.{module}.toml")
                if not target.blocks and not target.head:
                    target.head = (f"# Expected failures of {impl} ({module}), written by `nodespec expectations update`:\n"
                                   "# each entry needs a reason before the run accepts it.\n\n")
                target.blocks.append(_block(sid, signature_of(failure, status), status))
                target.changed = True
                change.added.append(f"{impl}: {sid}")
            elif status == "unexpected-pass" and holder is not None:
                index = holder.find(sid)
                assert index is not None
                del holder.blocks[index]
                holder.changed = True
                change.removed.append(f"{impl}: {sid}")
            elif status in FAILING and holder is not None:  # the expectation did not match: the cause changed
                index = holder.find(sid)
                assert index is not None
                holder.blocks[index] = _block(sid, signature_of(failure, status), status)
                holder.changed = True
                change.updated.append(f"{impl}: {sid}")
            elif status == "unexpected-pass":
                change.untouched.append(f"{impl}: {sid}")
    for each in files.values():
        if each.changed:
            each.write()
            change.files.add(each.path)
    return change
