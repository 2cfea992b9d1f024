"""nodespec's living-documentation site: a static site written from one results file.

``build(results, out)`` writes plain HTML/CSS and a little vanilla JavaScript (no CDN, no network, no
build step); the site works from ``file://`` and from any static server. ``serve(out, port)`` serves a
built site on localhost for viewing.

Pages: ``index.html`` (modules × implementations matrix, and each module's features × implementations),
``features/*.html`` (one per feature: its Gherkin as prose, each scenario's result per implementation,
expectation reasons, rerun commands), ``implementations.html``, ``errata.html`` (claims of the source
document that Node.js contradicts, and the full claims index), ``search.html`` (filter by module,
implementation, status and text over ``assets/index.js``), and ``results.json`` (the input, verbatim).
"""

from __future__ import annotations

import http.server
import json
import shutil
import socketserver
from functools import partial
from pathlib import Path

from .model import STATUSES, Feature, Model, build_model
from .render import PROGRAM_STEP, Renderer

__all__ = ["build", "serve", "build_model", "Model", "STATUSES", "MARKER"]

MARKER = ".nodespec-site"
_OWNED_DIRS = ("features", "assets", "src")
_STATIC = Path(__file__).parent / "static"


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("nodespec")
    except Exception:  # noqa: BLE001 - not installed: the site still builds
        return ""


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise FileExistsError(
            f"{out} is not empty and is not a nodespec site; refusing to write into it (choose an empty or new directory)"
        )
    out.mkdir(parents=True, exist_ok=True)
    # a rebuild replaces what an earlier build wrote, so no stale feature page survives
    for d in _OWNED_DIRS:
        if (out / d).is_dir():
            shutil.rmtree(out / d)
    (out / MARKER).write_text("written by nodespec.site.build; this directory is rebuilt on each build\n")


def build(results: dict, out: Path, features_root: Path | None = None) -> Path:
    """Write the static site for ``results`` (a parsed nodespec-results/1 dict) into ``out``.

    ``features_root``: where the feature files live (e.g. the project's ``features/``); when given,
    each feature's Gherkin source is copied into the site and linked from its page. Feature paths
    outside it (brought with ``--features``) are looked up as given.

    Returns ``out`` (the site's directory; its entry page is ``out / "index.html"``).
    """
    out = Path(out)
    model = build_model(results)
    _prepare(out)
    r = Renderer(model, version=_version())

    def write(rel: str, text: str) -> None:
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        # a lone surrogate (a JavaScript string cut between its UTF-16 halves) shows as its \uXXXX escape
        p.write_text(text, encoding="utf-8", errors="backslashreplace")

    # static assets
    (out / "assets").mkdir(parents=True, exist_ok=True)
    for f in _STATIC.iterdir():
        if f.is_file():
            shutil.copyfile(f, out / "assets" / f.name)

    # feature sources (optional)
    if features_root is not None:
        root = Path(features_root)
        for f in model.features:
            cands = [root / f.path, Path(f.path)]
            if f.path.startswith("features/"):
                cands.insert(1, root / f.path[len("features/") :])
                cands.append(root.parent / f.path)
            src = next((c for c in cands if c.is_file()), None)
            if src is None:
                continue
            try:
                text = src.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            f.source_page = "src/" + f.page.split("/", 1)[1]
            write(f.source_page, r.source_page(f, text))
            _programs(f, src.parent / "programs")
            for name, page in f.program_pages.items():
                write(page, r.program_page(f, name))

    write("index.html", r.overview())
    write("implementations.html", r.implementations())
    write("errata.html", r.errata())
    write("changes.html", r.changes())
    write("search.html", r.search_page())
    write("assets/index.js", r.search_index())
    for f in model.features:
        write(f.page, r.feature_page(f))
    write("results.json", json.dumps(results, ensure_ascii=False, separators=(",", ":")))
    return out


_PROGRAM_SUFFIXES = (".mjs", ".cjs", ".py")


def _programs(f: Feature, folder: Path) -> None:
    """The programs ``f``'s scenarios run, read from the feature's ``programs/`` folder (both twins)."""
    names = {m.group("name") for s in f.scenarios for st in s.steps
             if (m := PROGRAM_STEP.match(str(st.get("text") or "")))}
    for name in sorted(names):
        files = []
        for suffix in _PROGRAM_SUFFIXES:
            path = folder / f"{name}{suffix}"
            try:
                files.append((path.name, path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                continue
        if files:
            f.programs[name] = files
            f.program_pages[name] = f"src/programs/{f.page.split('/', 1)[1].removesuffix('.html')}--{name}.html"


def site_size(out: Path) -> tuple[int, int]:
    """(bytes, files) of a built site."""
    files = [p for p in Path(out).rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_server(out: Path, port: int = 0, host: str = "127.0.0.1") -> http.server.HTTPServer:
    """An HTTP server for a built site (not yet serving); ``port=0`` picks a free port."""
    out = Path(out)
    if not (out / "index.html").is_file():
        raise FileNotFoundError(f"{out} has no index.html: build the site first")
    return _Server((host, port), partial(_Handler, directory=str(out)))


def serve(out: Path, port: int = 8000) -> None:
    """Serve a built site on http://127.0.0.1:PORT/ until interrupted (Ctrl-C)."""
    httpd = make_server(out, port)
    host, real_port = httpd.server_address[:2]
    print(f"Serving {Path(out).resolve()} at http://{host}:{real_port}/  (Ctrl-C to stop)", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
