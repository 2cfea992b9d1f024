"""crypto's hot path in C (``_digests.c``); crypto.py goes without it where it was not built."""

from collections.abc import Callable
from typing import Any

class Digest:
    _state: Any
    _spec: Any
    _finalized: bool
    def update(self, data: Any, input_encoding: Any = None) -> Any: ...
    def digest(self, output_encoding: Any = None) -> Any: ...

class CreateHash:
    def __init__(self, function: Callable[..., Any], table: dict[str, Any], cls: type[Digest], /) -> None: ...
    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...

def set_paths(update: Callable[..., Any], digest: Callable[..., Any], out: Callable[[bytes], Any],
              buffer_class: type, /) -> None: ...
