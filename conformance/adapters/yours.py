"""Your own implementation, from the command line: ``--impl js:MODULE=PATH`` and ``--impl py:MODULE=NAME``.

``js:events=./my-events.js`` runs the driver under node with that file (or package folder) as Node's
``events``; ``py:events=mylib.emitter`` loads that Python module or object as ``events`` in process.
Several modules make one implementation (``js:events=a.js,buffer=b.js``); ``name=`` names it,
``target=`` gives the Node.js line it claims, and for JavaScript ``runtime=`` picks the runtime that
runs it (``node`` on PATH, the pinned ``bun`` or ``deno``, or the path of an executable). See
docs/your-implementation.md.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import re
import shutil
import sys
import types
import warnings
from pathlib import Path
from typing import Any

from nodespec import protocol
from nodespec.adapters.javascript import JavaScriptImplementation, _node_modules_bin
from nodespec.implementation import ALL_MODULES, Availability, InProcessImplementation
from nodespec.interpreter import PythonInterpreter, load_object
from nodespec.reference.loop import default_loop

KINDS = ("js", "py")
OPTIONS = ("name", "target", "runtime", "declines")
JS_GLOBALS = ("process", "Buffer", "Uint8Array", "ArrayBuffer", "Int8Array", "Uint8ClampedArray", "Int16Array",
              "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array",
              "BigUint64Array", "DataView", "SharedArrayBuffer", *protocol.WEB_GLOBALS)
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+-]*$")


class SpecError(ValueError):
    """An ``--impl js:…``/``py:…`` that cannot be understood: one line saying what and how to fix it."""


def parse(kind: str, pairs: list[str]) -> dict[str, Any]:
    """``["events=./x.js", "name=mine"]`` → ``{"modules": {...}, "name": ..., "target": ..., "runtime": ...}``."""
    spec: dict[str, Any] = {"kind": kind, "modules": {}, "name": None, "target": None, "runtime": None, "declines": None}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not value:
            raise SpecError(f"--impl {kind}:…: {pair!r} is not KEY=VALUE (e.g. {kind}:events={'./events.js' if kind == 'js' else 'mylib.events'})")
        if key in OPTIONS:
            if key == "runtime" and kind == "py":
                raise SpecError("--impl py:…: runtime= is for JavaScript implementations (py: runs in this Python)")
            spec[key] = value
        elif key in ALL_MODULES:
            if key in spec["modules"]:
                raise SpecError(f"--impl {kind}:…: module {key} is given twice")
            spec["modules"][key] = value
        else:
            raise SpecError(f"--impl {kind}:…: {key!r} is neither a module ({', '.join(ALL_MODULES)}) nor an option ({', '.join(OPTIONS)})")
    if not spec["modules"]:
        raise SpecError(f"--impl {kind}:…: no module given (e.g. {kind}:events=…)")
    if spec["name"] is not None and not NAME.match(spec["name"]):
        raise SpecError(f"--impl {kind}:…: name={spec['name']!r} may hold only letters, digits and _ . @ + -")
    if spec["target"] is not None:
        spec["target"] = _target(spec["target"])
    if spec["declines"] is not None:
        spec["declines"] = {c.strip(): "declined on the command line" for c in spec["declines"].split("+") if c.strip()}
    return spec


def _target(value: str) -> int:
    match = re.match(r"^v?(\d+)(?:\.\d+){0,2}$", value)
    if not match:
        raise SpecError(f"--impl …,target={value}: not a Node.js line (e.g. target=22)")
    return int(match.group(1))


# -- JavaScript ---------------------------------------------------------------------------------------


def package_entry(folder: Path) -> Path:
    """The file a package folder's ``import`` would load: ``exports`` ('.', import/node/default
    conditions), else ``module``, else ``main``, else ``index.js``."""
    manifest = folder / "package.json"
    data = json.loads(manifest.read_text()) if manifest.exists() else {}

    def pick(value: Any) -> str | None:
        if isinstance(value, str):
            return value
        if isinstance(value, dict):
            if "." in value:
                return pick(value["."])
            for condition in ("import", "node", "default", "require"):
                if condition in value:
                    return pick(value[condition])
        if isinstance(value, list):
            return next((p for p in (pick(v) for v in value) if p), None)
        return None

    for candidate in (pick(data.get("exports")), data.get("module"), data.get("main"), "index.js"):
        if candidate:
            path = (folder / candidate).resolve()
            for option in (path, path.with_suffix(".js"), path / "index.js"):
                if option.is_file():
                    return option
    raise SpecError(f"{folder}: found no entry file (package.json exports/module/main, or index.js)")


def _runtime(value: str | None) -> tuple[str, str | None]:
    """(runtime kind, executable)."""
    if value in (None, "node"):
        return "node", shutil.which("node")
    if value in ("bun", "deno"):
        return value, _node_modules_bin(value)
    path = Path(value).expanduser()
    executable = str(path.resolve()) if path.exists() else shutil.which(value)
    base = Path(value).name.lower()
    kind = "bun" if "bun" in base else "deno" if "deno" in base else "node"
    return kind, executable


def javascript(spec: dict[str, Any], cwd: Path) -> JavaScriptImplementation:
    modules: dict[str, str] = {}
    for module, given in spec["modules"].items():
        location, _, member = given.partition("#")  # PATH#Member: the module is one export (tseep's EventEmitter)
        path = (cwd / location).expanduser().resolve()
        if not path.exists():
            raise SpecError(f"--impl js:{module}={given}: no such file or folder ({path})")
        modules[module] = str(package_entry(path) if path.is_dir() else path) + (f"#{member}" if member else "")
    first = Path(next(iter(spec["modules"].values())).partition("#")[0])
    name = spec["name"] or (first.stem if first.stem not in ("index", "") else first.resolve().parent.name)
    runtime, executable = _runtime(spec["runtime"])
    install = {"node": "install Node.js (https://nodejs.org)", "bun": "nodespec install", "deno": "nodespec install"}[runtime]
    impl = JavaScriptImplementation(name, executable, modules, "polyfill",
                                    f"your JavaScript implementation of {', '.join(modules)} (under {runtime})",
                                    install, frozenset({"loop", "javascript"}))
    impl.runtime = runtime
    impl.target_line = spec["target"]  # the Node.js line it claims (None: the newest LTS)
    impl.lacks = dict(spec["declines"] or {})
    return impl


# -- Python -------------------------------------------------------------------------------------------


def load_python(name: str) -> Any:
    """``pkg.mod``, ``pkg.mod:Obj`` or ``pkg.mod.Obj``: a module, or an object in one."""
    if ":" in name:
        module, _, attribute = name.partition(":")
    else:
        module, attribute = name, ""
    parts = [p for p in module.split(".") if p]
    if not parts:
        raise SpecError(f"--impl py:…={name}: not a dotted Python name")
    tail: list[str] = attribute.split(".") if attribute else []
    while True:
        try:
            obj: Any = importlib.import_module(".".join(parts))
            break
        except ModuleNotFoundError as error:
            if error.name is not None and not ".".join(parts).startswith(error.name):
                raise SpecError(f"--impl py:…={name}: importing it needs {error.name!r}, which is not installed") from None
            if len(parts) == 1:
                raise SpecError(f"--impl py:…={name}: no module {parts[0]!r} on sys.path (the current folder is on it)") from None
            tail.insert(0, parts.pop())
    for part in tail:
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise SpecError(f"--impl py:…={name}: {type(obj).__name__} {getattr(obj, '__name__', obj)!s} has no attribute {part!r}") from None
    return obj


class YourPythonImplementation(InProcessImplementation):
    """A Python port given on the command line. It may declare, as a module attribute of the object it
    names (or of that object's module), ``NODESPEC = {"capabilities": [...], "declines": {capability: reason}}``."""

    kind = "port"
    python_warnings = True

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__()
        self.spec = spec
        self.objects: dict[str, Any] = {}
        for module, dotted in spec["modules"].items():
            obj = load_python(dotted)
            if module == "events" and isinstance(obj, types.ModuleType) and hasattr(obj, "EventEmitter"):
                obj = obj.EventEmitter  # Node's events module is its EventEmitter class
            self.objects[module] = obj
        self.modules = frozenset(self.objects)
        first = next(iter(spec["modules"].values()))
        self.name = spec["name"] or first.partition(":")[0].split(".")[0]
        self.description = f"your Python implementation of {', '.join(self.objects)} ({', '.join(spec['modules'].values())})"
        self.target_line = spec["target"]
        declared = _declaration(self.objects.values())
        self.capabilities = frozenset({"loop", *declared.get("capabilities", ())})
        # What the port declines (NODESPEC["declines"], and declines= on the command line): capability → why;
        # and JavaScript's globals, which a library does not have (a scenario that uses one: not applicable).
        self.lacks = {**{f"global-{g}": f"a Python library has no JavaScript global {g}" for g in JS_GLOBALS},
                      **dict(declared.get("declines", {})), **(spec["declines"] or {})}

    def version(self) -> str:
        for obj in self.objects.values():
            top = (getattr(obj, "__module__", None) or getattr(obj, "__name__", "")).split(".")[0]
            try:
                return importlib.metadata.version(top)
            except (importlib.metadata.PackageNotFoundError, ValueError):
                version = getattr(sys.modules.get(top), "__version__", None)
                if version:
                    return str(version)
        return "unknown"

    def availability(self) -> Availability:
        return Availability(True)

    def request(self, message: dict[str, Any], options: frozenset[str] = frozenset(), timeout: float | None = None) -> dict[str, Any]:
        if message.get("op") == "global" and f"global-{message.get('name')}" in self.lacks:
            raise protocol.NotCovered(f"global-{message.get('name')}")
        return super().request(message, options, timeout)

    def make_interpreter(self) -> PythonInterpreter:
        # The reference's loop model: the harness's deferrals (nextTick, setImmediate…) run on it, and so do
        # promises of a port built on nodespec.reference.loop; it is reset between scenarios.
        return PythonInterpreter(modules={m: _path_of(obj) for m, obj in self.objects.items()}, loop=default_loop)


def _path_of(obj: Any) -> str:
    """The ``module:attribute`` path that loads ``obj`` again (the interpreter loads by path)."""
    if isinstance(obj, types.ModuleType):
        return obj.__name__
    path = f"{obj.__module__}:{obj.__qualname__}"
    if load_object(path) is not obj:
        raise SpecError(f"--impl py:…: {obj!r} cannot be found again as {path}; name a module-level object")
    return path


def _declaration(objects: Any) -> dict[str, Any]:
    for obj in objects:
        for holder in (obj, sys.modules.get(getattr(obj, "__module__", "") or "")):
            declared = getattr(holder, "NODESPEC", None)
            if isinstance(declared, dict):
                return declared
    return {}


def python(spec: dict[str, Any], cwd: Path) -> YourPythonImplementation:
    if str(cwd) not in sys.path:
        sys.path.insert(0, str(cwd))
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        return YourPythonImplementation(spec)


def make(kind: str, pairs: list[str], cwd: Path | None = None) -> Any:
    spec = parse(kind, pairs)
    where = cwd or Path.cwd()
    return javascript(spec, where) if kind == "js" else python(spec, where)

