"""The reference's views, in C (``_views.c``, built where there is a compiler) and in ctypes
(``_views_ctypes.py``, what a machine without one gets): one API, one behaviour. The specification
runs on whichever the checkout built; the buffer specification runs here on the ctypes twin too."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from nodespec import results
from nodespec.reference import _views_ctypes
from nodespec.reference.typed_arrays import ArrayBuffer


def _c_views() -> ModuleType:
    try:
        return importlib.import_module("nodespec.reference._views")
    except ImportError:
        pytest.skip("the C views were not built here (no C compiler or no Python headers): the reference uses ctypes")


@pytest.fixture(params=["c", "ctypes"])
def views(request: pytest.FixtureRequest) -> ModuleType:
    module = _c_views() if request.param == "c" else _views_ctypes
    module.set_array_buffer(ArrayBuffer)
    return module


def _classes(views: ModuleType) -> tuple[type, type]:
    class Bytes(views.View):
        _format, _element_size = "B", 1

    class Shorts(views.View):
        _format, _element_size = "h", 2

    return Bytes, Shorts


def test_a_view_shares_its_array_buffers_memory(views: ModuleType) -> None:
    Bytes, _ = _classes(views)
    ab = ArrayBuffer(8)
    view = Bytes._lay(ab, 2, 4)
    view._raw[0] = 7
    ab._bytes[5] = 9
    assert (view._ab, view._off, view._len) == (ab, 2, 4)
    assert bytes(ab._bytes) == b"\0\0\x07\0\0\x09\0\0"
    assert bytes(memoryview(view)) == b"\x07\0\0\x09" == bytes(view._mv)
    exported = memoryview(view).cast("B")  # ctypes exports a structure: its bytes are a cast away
    assert not exported.readonly and exported.nbytes == 4
    exported[1] = 1
    assert ab._bytes[3] == 1


def test_a_view_of_elements_reads_them_in_the_machines_order(views: ModuleType) -> None:
    _, Shorts = _classes(views)
    ab = ArrayBuffer(bytes([1, 0, 0, 1, 255, 255]))
    view = Shorts._lay(ab, 2, 2)
    assert (view._len, len(view._raw), list(view._mv)) == (2, 4, [256, -1])


@pytest.mark.parametrize(("offset", "length"), [(-1, 1), (0, 9), (8, 1), (5, 4)])
def test_a_view_outside_its_array_buffer_is_refused(views: ModuleType, offset: int, length: int) -> None:
    Bytes, _ = _classes(views)
    with pytest.raises(ValueError, match="outside the array buffer"):
        Bytes._lay(ArrayBuffer(8), offset, length)


def test_lay_copy_holds_the_first_n_bytes(views: ModuleType) -> None:
    Bytes, _ = _classes(views)
    ab = ArrayBuffer(8)
    view = Bytes._lay_copy(ab, 4, b"abcdef", 3)
    assert (bytes(view), bytes(ab._bytes), view._off, view._len) == (b"abc", b"\0\0\0\0abc\0", 4, 3)
    with pytest.raises(ValueError):
        Bytes._lay_copy(ab, 0, b"ab", 3)


@pytest.mark.parametrize("data", [b"", b"x", bytes(range(256))])
def test_copy_of_is_a_whole_new_array_buffer(views: ModuleType, data: bytes) -> None:
    Bytes, _ = _classes(views)
    view = Bytes._copy_of(data)
    assert type(view._ab) is ArrayBuffer
    assert (bytes(view), view._off, view._len, view._ab.byte_length) == (data, 0, len(data), len(data))
    if data:
        view._raw[0] ^= 1
        assert view._ab._bytes[0] == data[0] ^ 1


def test_the_buffer_specification_passes_on_the_ctypes_views(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    program = (
        "import sys\n"
        "sys.modules['nodespec.reference._views'] = None  # as if it had not been built\n"
        "from nodespec.reference import typed_arrays\n"
        "assert typed_arrays.View.__module__.endswith('_views_ctypes'), typed_arrays.View\n"
        "from nodespec.cli import main\n"
        f"sys.exit(main(['run', '--impl', 'reference', '--features', 'buffer', '-n', '0', '--no-site', '--json', {str(out)!r}]))\n"
    )
    run = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 0, (run.stdout + run.stderr)[-20000:]
    statuses = [s["results"]["reference"]["status"] for s in results.load(out)["scenarios"]]
    assert statuses.count("pass") > 1000 and "fail" not in statuses
