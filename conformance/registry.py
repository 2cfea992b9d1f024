"""Finding implementations: the built-in adapters (every module of ``nodespec.adapters`` with an
``IMPLEMENTATIONS`` list) and third-party ones (entry points in the group ``nodespec.adapters``, each a
factory returning an Implementation)."""

from __future__ import annotations

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
    found: dict[str, Factory] = dict(_registered)
    for info in pkgutil.iter_modules(adapters.__path__):
        module = importlib.import_module(f"{adapters.__name__}.{info.name}")
        for factory in getattr(module, "IMPLEMENTATIONS", []):
            found[factory().name] = factory
    for entry in entry_points(group="nodespec.adapters"):
        found.setdefault(entry.name, entry.load())
    order = {name: i for i, name in enumerate(PREFERRED)}
    return dict(sorted(found.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))


def split_target(name: str) -> tuple[str, int | None]:
    """``reference@22`` → ("reference", 22); ``bun`` → ("bun", None). ValueError for a bad line."""
    from nodespec.node_lines import parse_line

    base, at, line = name.partition("@")
    return base, (parse_line(line) if at else None)


def select(spec: str) -> list[str]:
    """``--impl`` → implementation names: ``all``, or a comma list; ``NAME@NN`` judges NAME against
    Node NN (``reference@22``)."""
    known = factories()
    if spec.strip() == "all":
        names = list(known)
        return names[:1] + [n for n in REFERENCE_LINES if "reference" in known] + names[1:]
    names = [n.strip() for n in spec.split(",") if n.strip()]
    bad_lines = []
    for n in names:
        try:
            split_target(n)
        except ValueError as error:
            bad_lines.append(f"{n}: {error}")
    if bad_lines:
        raise KeyError("; ".join(bad_lines))
    unknown = [n for n in names if split_target(n)[0] not in known]
    if unknown:
        raise KeyError(f"unknown implementation(s) {', '.join(unknown)}; known: {', '.join(known)}")
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
