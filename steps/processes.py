"""Steps of the process, child_process and cluster specifications.

Almost every behaviour here exists only for a whole process (an exit code, a signal, a child, a pool
of workers), so the scenarios run programs: ``conformance/programs/{process,child,cluster}_*.mjs``
under node / bun / deno and their twins ``*.py`` on the reference. A program prints one observable
fact per line; the steps compare those lines, the exit code and the signal::

    When the processes program "child_cases" runs with "spawn-exit-code"
    Then the processes program exits with code 0
    And the processes program prints:
      \"\"\"
      exit 3 null
      close 3 null
      \"\"\"

Every phrase says "processes program", so it cannot collide with other modules' steps. A program's
arguments are split on spaces.
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import parsers, then, when

from nodespec.steps.common import Divergence, check

_KEY = "processes_program"


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _program(spec: Any) -> Any:
    result = spec.state.get(_KEY)
    if result is None:
        raise Divergence("program", "a finished program", None)
    return result


def _where(result: Any) -> str:
    return f"(stdout: {result.stdout[-600:]!r}; stderr: {result.stderr[-600:]!r})"


@when(
    parsers.re(
        r"^the processes program \"(?P<name>(?:process|child|cluster)_\w+)\" runs"
        r"(?: with \"(?P<args>[^\"]*)\")?"
        r"(?: and (?P<var>[A-Z_][A-Z0-9_]*)=\"(?P<value>[^\"]*)\")?$"
    )
)
def _run(spec: Any, name: str, args: str | None, var: str | None, value: str | None) -> None:
    env = {var: value} if var else None
    # Every program ends within seconds on Node; 30 s is for a loaded machine, not for a hung program.
    spec.state[_KEY] = spec.run_program(name, args=(args or "").split(), timeout=30, env=env)


@then(parsers.re(r"^the processes program exits with code (?P<code>\d+)$"))
def _exits_with(spec: Any, code: str) -> None:
    result = _program(spec)
    check(result.timed_out, False, f"timed out {_where(result)}")
    check(result.signal, None, f"signal {_where(result)}")
    check(result.exit_code, int(code), f"exit code {_where(result)}")


@then(parsers.re(r"^the processes program is killed by (?P<signal>SIG[A-Z0-9]+)$"))
def _killed_by(spec: Any, signal: str) -> None:
    result = _program(spec)
    check(result.timed_out, False, f"timed out {_where(result)}")
    check(result.signal, signal, f"signal {_where(result)}")


@then("the processes program prints:")
def _prints(spec: Any, docstring: str) -> None:
    result = _program(spec)
    check(result.stdout.splitlines(), docstring.splitlines(), f"stdout lines {_where(result)}")


@then(parsers.re(r"^the processes program prints (?P<line>\".*\")$"))
def _prints_one(spec: Any, line: str) -> None:
    result = _program(spec)
    check(result.stdout.splitlines(), [_unquote(line)], f"stdout lines {_where(result)}")


@then(parsers.re(r"^the processes program prints either (?P<a>\".*\") or (?P<b>\".*\")$"))
def _prints_either(spec: Any, a: str, b: str) -> None:
    result = _program(spec)
    lines = result.stdout.splitlines()
    if lines not in ([_unquote(a)], [_unquote(b)]):
        raise Divergence("stdout lines", f"[{_unquote(a)!r}] or [{_unquote(b)!r}]", lines)


@then(parsers.re(r"^the processes program prints nothing$"))
def _prints_nothing(spec: Any) -> None:
    result = _program(spec)
    check(result.stdout, "", f"stdout {_where(result)}")



@then(parsers.re(r"^the processes program's stderr contains (?P<text>\".*\")$"))
def _stderr_contains(spec: Any, text: str) -> None:
    stderr = _program(spec).stderr
    if _unquote(text) not in stderr:
        raise Divergence("stderr", f"containing {_unquote(text)!r}", stderr[-2000:])


