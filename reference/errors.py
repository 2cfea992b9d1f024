"""Node.js's error codes, in one table, as ``lib/internal/errors.js`` keeps them.

Every error the reference raises on purpose comes from here: ``node_error(code, *args)`` builds an
exception whose ``code`` is Node's code, whose ``name`` is the JavaScript class Node uses, and whose
Python class is also the matching Python built-in (``TypeError``, ``RangeError`` → ``ValueError``), so
that Python callers can catch it naturally.

Modules own their section of the table; add a code to your module's section only.
"""

from __future__ import annotations

import errno as _errno
from typing import Any


class NodeError(Exception):
    """An error that Node.js would raise: carries Node's ``code`` and the JavaScript class ``name``."""

    name = "Error"

    def __init__(self, message: str, code: str | None = None, **props: Any) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        for key, value in props.items():
            setattr(self, key, value)

    def __str__(self) -> str:
        return f"{self.name} [{self.code}]: {self.message}" if self.code else f"{self.name}: {self.message}"


class NodeTypeError(NodeError, TypeError):
    name = "TypeError"


class NodeRangeError(NodeError, ValueError):
    name = "RangeError"


class NodeSyntaxError(NodeError, SyntaxError):
    name = "SyntaxError"


class AbortError(NodeError):
    """Node's AbortError (``events.once`` with an aborted signal): name 'AbortError', code ABORT_ERR."""

    name = "AbortError"


class NodeSystemError(NodeError, OSError):
    """Errors of the operating system (ENOENT…): Node gives them name 'Error' and an errno code."""

    name = "Error"


ERROR_CLASSES: dict[str, type[NodeError]] = {
    "Error": NodeError,
    "TypeError": NodeTypeError,
    "RangeError": NodeRangeError,
    "SyntaxError": NodeSyntaxError,
    "AbortError": AbortError,
}

# code -> (JavaScript class name, message template with str.format placeholders)
CODES: dict[str, tuple[str, str]] = {
    # -- shared validation (lib/internal/validators.js) --
    "ERR_INVALID_ARG_TYPE": ("TypeError", "{0}"),
    "ERR_INVALID_ARG_VALUE": ("TypeError", "{0}"),
    "ERR_OUT_OF_RANGE": ("RangeError", "{0}"),
    "ERR_MISSING_ARGS": ("TypeError", "{0}"),
    "ERR_INVALID_RETURN_VALUE": ("TypeError", "{0}"),
    # -- events --
    "ERR_UNHANDLED_ERROR": ("Error", "{0}"),
    "ERR_INVALID_THIS": ("TypeError", "Value of \"this\" must be of type {0}"),
    "ABORT_ERR": ("AbortError", "The operation was aborted"),
    "ERR_EVENT_RECURSION": ("Error", "{0}"),
    "ERR_ILLEGAL_CONSTRUCTOR": ("TypeError", "{0}"),
    # -- buffer --
    "ERR_UNKNOWN_ENCODING": ("TypeError", "Unknown encoding: {0}"),
    "ERR_BUFFER_OUT_OF_BOUNDS": ("RangeError", "{0}"),
    "ERR_INVALID_BUFFER_SIZE": ("RangeError", "{0}"),
    "ERR_STRING_TOO_LONG": ("Error", "{0}"),
    # -- crypto --
    "ERR_CRYPTO_HASH_FINALIZED": ("Error", "Digest already called"),
    "ERR_CRYPTO_HASH_UPDATE_FAILED": ("Error", "Hash update failed"),
    "ERR_CRYPTO_INVALID_STATE": ("Error", "{0}"),
    "ERR_CRYPTO_INVALID_KEYLEN": ("RangeError", "Invalid key length"),
    "ERR_CRYPTO_INVALID_IV": ("TypeError", "Invalid initialization vector"),
    "ERR_CRYPTO_UNKNOWN_CIPHER": ("Error", "Unknown cipher"),
    "ERR_CRYPTO_INVALID_AUTH_TAG": ("TypeError", "{0}"),
    "ERR_OSSL_EVP_UNSUPPORTED": ("Error", "{0}"),
    "ERR_OSSL_BAD_DECRYPT": ("Error", "{0}"),
    "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH": ("Error", "{0}"),
    "ERR_OSSL_DATA_NOT_MULTIPLE_OF_BLOCK_LENGTH": ("Error", "{0}"),
    "ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH": ("Error", "{0}"),
    "ERR_CRYPTO_INVALID_DIGEST": ("TypeError", "Invalid digest: {0}"),
    "ERR_INTERNAL_ASSERTION": ("Error", "{0}"),
    # -- process / child_process / cluster --
    "ERR_CHILD_PROCESS_STDIO_MAXBUFFER": ("RangeError", "{0} maxBuffer length exceeded"),
    "ERR_IPC_CHANNEL_CLOSED": ("Error", "Channel closed"),
    "ERR_IPC_DISCONNECTED": ("Error", "IPC channel is already disconnected"),
    "ERR_UNKNOWN_SIGNAL": ("TypeError", "Unknown signal: {0}"),
    "ERR_INVALID_HANDLE_TYPE": ("TypeError", "This handle type cannot be sent"),
    "ERR_CHILD_PROCESS_IPC_REQUIRED": ("Error", "{0}"),
    "ERR_STREAM_DESTROYED": ("Error", "Cannot call {0} after a stream was destroyed"),
    "ERR_ASSERTION": ("Error", "{0}"),
}


def node_error(code: str, *args: Any, **props: Any) -> NodeError:
    """Build the exception Node raises for ``code``; ``args`` fill the message template."""
    class_name, template = CODES[code]
    return ERROR_CLASSES[class_name](template.format(*args), code, **props)


def error_named(class_name: str, message: str, code: str | None = None) -> NodeError:
    """An Error object of the JavaScript class ``class_name`` (an unknown class is an ``Error``)."""
    return ERROR_CLASSES.get(class_name, NodeError)(message, code)


def v8_error(class_name: str, message: str) -> NodeError:
    """An error V8 itself throws, with no ``code`` (``TypeError: Cannot mix BigInt and other types``)."""
    return ERROR_CLASSES[class_name](message, None)


def errno_code(error: OSError) -> tuple[int, str]:
    """An OSError's errno and its name, Node's ``code`` of a system error (``UNKNOWN`` without one)."""
    number = error.errno or 0
    return number, _errno.errorcode.get(number, "UNKNOWN")


def system_error(errno_code: str, message: str, **props: Any) -> NodeSystemError:
    """An operating-system error as Node reports it (``code`` is the errno name, e.g. ``ENOENT``)."""
    return NodeSystemError(message, errno_code, **props)
