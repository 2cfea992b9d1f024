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
# The order of the matrix's columns: the reference, the oracle, the other runtimes, then the rest.
PREFERRED = ["reference", "node", "bun", "deno"]


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


def select(spec: str) -> list[str]:
    """``--impl`` → implementation names: ``all``, or a comma list."""
    known = factories()
    if spec.strip() == "all":
        return list(known)
    names = [n.strip() for n in spec.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise KeyError(f"unknown implementation(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return names


_instances: dict[str, Implementation] = {}


def get(name: str) -> Implementation:
    """The one instance of an implementation in this process (bridges start once per process)."""
    if name not in _instances:
        _instances[name] = factories()[name]()
    return _instances[name]


def close_all() -> None:
    for impl in _instances.values():
        impl.close()
