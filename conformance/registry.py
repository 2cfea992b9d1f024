"""Finding implementations: the built-in adapters (every module of ``nodespec.adapters`` with an
``IMPLEMENTATIONS`` list), third-party ones (entry points in the group ``nodespec.adapters``, each a
factory returning an Implementation), and yours from the command line (``--impl js:events=PATH``,
``--impl py:events=DOTTED.NAME``: ``nodespec.adapters.yours``)."""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from importlib.metadata import entry_points

from nodespec import adapters
from nodespec.implementation import Implementation

Factory = Callable[[], Implementation]
# The order of the matrix's columns: the reference, the oracles, the other runtimes, then the rest.
PREFERRED = ["reference", "node", "node20", "node22", "node24", "node26", "bun", "deno"]
# ``all`` also runs the reference under each older line (``NAME@NN``: NAME judged against Node NN).
REFERENCE_LINES = ["reference@20", "reference@22", "reference@24"]


_registered: dict[str, Factory] = {}


def register(name: str, factory: Factory) -> None:
    """Add an implementation at run time (a conftest or plugin can do this)."""
    _registered[name] = factory


def factories() -> dict[str, Factory]:
    shipped, entries = _installed()
    found: dict[str, Factory] = {**_registered, **shipped}
    for name, factory in entries.items():
        found.setdefault(name, factory)
    order = {name: i for i, name in enumerate(PREFERRED)}
    return dict(sorted(found.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


@functools.cache
def _installed() -> tuple[dict[str, Factory], dict[str, Factory]]:
    """The shipped adapters and the entry points' adapters, found once per process: each shipped one is
    named by making an instance, and every implementation of a run asks for them."""
    shipped: dict[str, Factory] = {}
    for info in pkgutil.iter_modules(adapters.__path__):
        module = importlib.import_module(f"{adapters.__name__}.{info.name}")
        for factory in getattr(module, "IMPLEMENTATIONS", []):
            shipped[factory().name] = factory
    entries: dict[str, Factory] = {}
    for entry in entry_points(group="nodespec.adapters"):
        entries.setdefault(entry.name, entry.load())
    return shipped, entries


def split_target(name: str) -> tuple[str, int | None]:
    """``reference@22`` → ("reference", 22); ``bun`` → ("bun", None). ValueError for a bad line."""
    from nodespec.node_lines import parse_line

    base, at, line = name.partition("@")
    return base, (parse_line(line) if at else None)


class SelectionError(KeyError):
    """An ``--impl`` value that names nothing runnable: one line for the person who typed it (a KeyError,
    as an unknown name always was)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def split(spec: str) -> list[str | tuple[str, list[str]]]:
    """``--impl`` items: names, and ``(kind, [KEY=VALUE…])`` for ``js:``/``py:`` implementations, whose
    further modules and options follow after commas (``js:events=a.js,buffer=b.js,name=mine``)."""
    items: list[str | tuple[str, list[str]]] = []
    for raw in spec.split(","):
        part = raw.strip()
        if not part:
            continue
        kind, colon, rest = part.partition(":")
        if colon and kind in ("js", "py"):
            items.append((kind, [rest]))
        elif "=" in part and items and isinstance(items[-1], tuple):
            items[-1][1].append(part)
        elif "=" in part:
            raise SelectionError(f"--impl {part}: a module=PATH needs js: or py: before it (e.g. js:{part})")
        else:
            items.append(part)
    return items


def select(spec: str) -> list[str]:
    """``--impl`` → implementation names: ``all``, or a comma list of names (``NAME@NN`` judges NAME
    against Node NN: ``reference@22``) and of ``js:``/``py:`` implementations."""
    from nodespec.adapters import yours

    known = factories()
    if spec.strip() == "all":
        names = list(known)
        return names[:1] + [n for n in REFERENCE_LINES if "reference" in known] + names[1:]
    names: list[str] = []
    for item in split(spec):
        if isinstance(item, tuple):
            try:
                impl = yours.make(*item)
            except yours.SpecError as error:
                raise SelectionError(str(error)) from None
            if impl.name in known and impl.name not in _registered:
                raise SelectionError(f"--impl {item[0]}:…: the name {impl.name!r} is taken by a shipped implementation; add name=ANOTHER")
            impl.selector = f"{item[0]}:{','.join(item[1])}"  # how to name it again (a rerun command)
            impl.target_override = _target["line"]
            register(impl.name, lambda impl=impl: impl)
            _instances[impl.name] = impl
            known[impl.name] = _registered[impl.name]
            names.append(impl.name)
            continue
        try:
            base, _line = split_target(item)
        except ValueError as error:
            raise SelectionError(f"--impl {item}: {error}") from None
        if base not in known:
            raise SelectionError(f"--impl: unknown implementation {base!r}; known: {', '.join(known)}"
                                 " (yours: js:MODULE=PATH or py:MODULE=DOTTED.NAME)")
        names.append(item)
    return names


_instances: dict[str, Implementation] = {}
_target: dict[str, int | None] = {"line": None}


def set_target(line: int | None) -> None:
    """``--target NN``: judge every implementation of this process against Node NN (a ``NAME@NN``
    implementation keeps its own line)."""
    _target["line"] = line
    for name, impl in _instances.items():
        impl.target_override = split_target(name)[1] or line


def get(name: str) -> Implementation:
    """The one instance of an implementation in this process (bridges start once per process)."""
    if name not in _instances:
        base, line = split_target(name)
        impl = factories()[base]()
        if line is not None:
            impl.name = name
        impl.target_override = line or _target["line"]
        _instances[name] = impl
    return _instances[name]


def close_all() -> None:
    for impl in _instances.values():
        impl.close()
