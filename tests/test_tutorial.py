"""docs/your-implementation.md cannot rot: its files are written and its commands run, in order, in a
fresh folder, and each must end with the exit status the page gives it (``exit=N``; 0 otherwise).

Two kinds of block are not run, each with its reason in its info string: ``skip=installs-packages``
(creating a venv and installing from PyPI and npm; this test runs inside an installed nodespec) and
``slow`` (the whole events module, about a minute: the conformance environment runs it)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "your-implementation.md"
FENCE = re.compile(r"^```(?P<lang>\w+)(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
# The page's files are the tests' own fixtures, so what it shows is what the tests exercise.
FIXTURES = {"my-events.js": "events-reexport.js", "my-events-buggy.js": "events-bugged.js", "tiny_events.py": "tiny_events.py"}


def blocks() -> list[tuple[str, dict[str, str], str]]:
    found = []
    for match in FENCE.finditer(PAGE.read_text()):
        info = dict(item.partition("=")[::2] for item in match.group("info").split())
        found.append((match.group("lang"), info, match.group("body")))
    return found


def test_the_page_shows_the_fixtures_as_they_are():
    files = {info["file"]: body for _, info, body in blocks() if "file" in info}
    assert set(files) == set(FIXTURES)
    for name, fixture in FIXTURES.items():
        assert files[name] == (ROOT / "tests" / "data" / "yours" / fixture).read_text(), name


def test_the_tutorial_commands_run_as_the_page_says(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": ""}
    ran = 0
    for lang, info, body in blocks():
        if "file" in info:
            (tmp_path / info["file"]).write_text(body)
            continue
        if lang != "sh" or "skip" in info or "slow" in info:
            continue
        for line in body.splitlines():
            command = line.split("  #")[0].strip()
            if not command:
                continue
            proc = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True,
                                  timeout=300)
            expected = int(info.get("exit", "0"))
            assert proc.returncode == expected, f"{command}\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}"
            assert "Traceback" not in proc.stdout + proc.stderr, command
            ran += 1
    assert ran >= 8
    assert (tmp_path / "nodespec.xml").exists() and (tmp_path / "nodespec.cucumber.json").exists()


@pytest.mark.parametrize("status", ["0", "1", "2", "3", "4", "5", "130"])
def test_every_exit_status_is_documented(status: str) -> None:
    from nodespec import status as statuses

    assert int(status) in statuses.MEANINGS
    assert f"| {status} |" in PAGE.read_text()
