"""Whole programs: some behaviour exists only for a whole process (an exit code, a signal, a child, a pool
of workers, what reaches stderr). A program is a pair of twins, ``NAME.mjs`` for JavaScript runtimes
and ``NAME.py`` for Python implementations; it prints one observable fact per line::

    When the program "child_cases" runs with "spawn-exit-code"
    Then the program exits with code 0
    And the program prints:
      \"\"\"
      exit 3 null
      close 3 null
      \"\"\"

A program's arguments are split on spaces; ``and NAME="value"`` adds an environment variable.
"""

from __future__ import annotations

from typing import Any

from pytest_bdd import parsers, then, when

from nodespec.steps.common import Divergence, check
from nodespec.steps.expressions import unquote

_KEY = "program"


def _program(spec: Any) -> Any:
    result = spec.state.get(_KEY)
    if result is None:
        raise Divergence("program", "a finished program", None)
    return result


def _where(result: Any) -> str:
    return f"(stdout: {result.stdout[-600:]!r}; stderr: {result.stderr[-600:]!r})"


@when(parsers.re(r"^the program \"(?P<name>\w+)\" runs(?: with \"(?P<args>[^\"]*)\")?"
                 r"(?: and (?P<var>[A-Z_][A-Z0-9_]*)=\"(?P<value>[^\"]*)\")?$"))
def _run(spec: Any, name: str, args: str | None, var: str | None, value: str | None) -> None:
    env = {var: value} if var else None
    # Every program ends within seconds on Node; 60 s is for a loaded machine, not for a hung program.
    spec.state[_KEY] = spec.run_program(name, args=(args or "").split(), timeout=60, env=env)


@then(parsers.re(r"^the program exits with code (?P<code>\d+)$"))
def _exits_with(spec: Any, code: str) -> None:
    result = _program(spec)
    check(result.timed_out, False, f"timed out {_where(result)}")
    check(result.signal, None, f"signal {_where(result)}")
    check(result.exit_code, int(code), f"exit code {_where(result)}")


@then(parsers.re(r"^the program is killed by (?P<signal>SIG[A-Z0-9]+)$"))
def _killed_by(spec: Any, signal: str) -> None:
    result = _program(spec)
    check(result.timed_out, False, f"timed out {_where(result)}")
    check(result.signal, signal, f"signal {_where(result)}")


@then("the program prints:")
def _prints(spec: Any, docstring: str) -> None:
    result = _program(spec)
    check(result.stdout.splitlines(), docstring.splitlines(), f"stdout lines {_where(result)}")


@then("the program prints nothing")
def _prints_nothing(spec: Any) -> None:
    result = _program(spec)
    check(result.stdout, "", f"stdout {_where(result)}")


@then(parsers.re(r"^the program prints a line (?P<line>\".*\")$"))
def _prints_line(spec: Any, line: str) -> None:
    lines = _program(spec).stdout.splitlines()
    if unquote(line) not in lines:
        raise Divergence("stdout", f"a line {unquote(line)!r}", lines)


@then(parsers.re(r"^the program prints either (?P<a>\".*\") or (?P<b>\".*\")$"))
def _prints_either(spec: Any, a: str, b: str) -> None:
    lines = _program(spec).stdout.splitlines()
    if lines not in ([unquote(a)], [unquote(b)]):
        raise Divergence("stdout lines", f"[{unquote(a)!r}] or [{unquote(b)!r}]", lines)


@then(parsers.re(r"^the program's stderr (?P<verb>contains|does not contain)(?: (?P<n>\d+) lines? with)? "
                 r"(?P<text>\".*\")$"))
def _stderr(spec: Any, verb: str, n: str | None, text: str) -> None:
    stderr, wanted = _program(spec).stderr, unquote(text)
    if n is not None:
        count = len([line for line in stderr.splitlines() if wanted in line])
        check(count, int(n), f"stderr lines containing {wanted!r}")
    elif (wanted in stderr) != (verb == "contains"):
        raise Divergence("stderr", f"{'containing' if verb == 'contains' else 'without'} {wanted!r}", stderr[-2000:])


@then(parsers.re(r"^the program's report (?P<key>[\w.]+) is (?P<value>.+)$"))
def _report(spec: Any, key: str, value: str) -> None:
    """Programs print ``key=value`` lines; compare one (a quoted value is compared without its quotes)."""
    lines = _program(spec).stdout.splitlines()
    found = {ln.split("=", 1)[0]: ln.split("=", 1)[1] for ln in lines if "=" in ln}
    if key not in found:
        raise Divergence(f"report {key}", value, sorted(found))
    expected = value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"" else value
    check(found[key], expected, f"report {key}")
