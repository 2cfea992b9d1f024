"""Expected failures of third-party implementations (``conformance/expectations/IMPL[.PART].toml``).

Each entry names a scenario id, a category from a closed set, a reason, an optional link, and the
failure's signature — the error code or the first diverging step — so that a failure that changes its
cause is caught. An expected failure still runs: if it passes, the run fails and names the entry to
delete; an entry naming no existing scenario is an error.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nodespec import PACKAGE_DIR

EXPECTATIONS_DIR = PACKAGE_DIR / "expectations"
CATEGORIES = ("bug", "missing-feature", "by-design")
FAILING_STATUSES = ("fail", "timeout", "crash")


@dataclass(frozen=True)
class Expectation:
    impl: str
    scenario: str
    category: str
    reason: str
    signature: str
    link: str | None
    file: str

    def as_json(self) -> dict[str, Any]:
        return {"category": self.category, "reason": self.reason, "link": self.link, "signature": self.signature,
                "file": self.file}

    def matches(self, failure: dict[str, Any]) -> bool:
        """Does this failure have the cause the entry records?"""
        sig = self.signature.strip()
        if sig in ("*", ""):
            return True
        candidates = {failure.get("code"), failure.get("status"), failure.get("step"), failure.get("step_text")}
        return sig in candidates or (failure.get("step") or "").endswith(sig)


class ExpectationError(Exception):
    pass


def files_for(impl: str, directory: Path = EXPECTATIONS_DIR) -> list[Path]:
    return sorted([*directory.glob(f"{impl}.toml"), *directory.glob(f"{impl}.*.toml")])


def load(impl: str, directory: Path = EXPECTATIONS_DIR) -> dict[str, Expectation]:
    found: dict[str, Expectation] = {}
    for file in files_for(impl, directory):
        try:
            data = tomllib.loads(file.read_text())
        except tomllib.TOMLDecodeError as error:
            raise ExpectationError(f"{file}: {error}") from None
        for i, entry in enumerate(data.get("expected", []), 1):
            where = f"{file.name} entry {i}"
            missing = [k for k in ("scenario", "category", "reason", "signature") if not entry.get(k)]
            if missing:
                raise ExpectationError(f"{where}: missing {', '.join(missing)}")
            if entry["category"] not in CATEGORIES:
                raise ExpectationError(f"{where}: category {entry['category']!r} is not one of {', '.join(CATEGORIES)}")
            if entry["scenario"] in found:
                raise ExpectationError(f"{where}: {entry['scenario']!r} is listed twice")
            found[entry["scenario"]] = Expectation(impl, entry["scenario"], entry["category"], entry["reason"],
                                                   entry["signature"], entry.get("link"), file.name)
    return found


def stale(expectations: dict[str, Expectation], scenario_ids: set[str]) -> list[str]:
    hint = " (ids of the project's own features start with their folder: 'events/x.feature::Title')"
    return [f"{e.file}: {e.scenario!r} names no existing scenario" + ("" if "/" in e.scenario.split("::")[0] else hint)
            for e in expectations.values() if e.scenario not in scenario_ids]


def verdict(passed: bool, failure: dict[str, Any] | None, expectation: Expectation | None) -> tuple[str, str | None]:
    """(status, problem): the cell's status given what happened and what was expected.

    ``problem`` is set when the result does not match its expectation (the run must fail)."""
    if passed:
        if expectation is None:
            return "pass", None
        return "unexpected-pass", f"unexpected pass: delete the entry for {expectation.scenario!r} in {expectation.file}"
    status = (failure or {}).get("status", "fail")
    if expectation is None:
        return status, f"{status}"
    if expectation.matches(failure or {}):
        return "expected-fail", None
    got = (failure or {}).get("code") or (failure or {}).get("step") or status
    return status, f"expected failure changed its cause: {expectation.file} says {expectation.signature!r}, got {got!r}"
