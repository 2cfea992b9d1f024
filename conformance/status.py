"""The exit statuses of ``nodespec`` (docs/your-implementation.md lists them for CI jobs).

A verdict on an implementation (0, 1) is never confused with a mistake in what was asked (2–5)."""

OK = 0  # every result matches its expectation
MISMATCH = 1  # some result does not match its expectation: a failure, an unexpected pass, a timeout, a crash
USAGE = 2  # the command line: an unknown option or implementation, a missing path, a bad --tags or --impl
SPECIFICATION = 3  # the specification: a Gherkin syntax error, a step that no definition matches, two scenarios of one name
EXPECTATIONS = 4  # an expectations file: unreadable, an entry without a reason, an entry naming no scenario
BAD_RESULTS = 5  # a results file that is missing, truncated or not nodespec's
INTERRUPTED = 130  # interrupted (Ctrl-C): the results written so far are marked incomplete

MEANINGS = {
    OK: "every result matches its expectation",
    MISMATCH: "some result does not match its expectation (fail, unexpected pass, timeout, crash)",
    USAGE: "a command-line error (unknown option or implementation, missing path, bad --tags or --impl)",
    SPECIFICATION: "a specification error (Gherkin syntax, a step no definition matches, two scenarios of one name)",
    EXPECTATIONS: "an expectations error (unreadable file, entry without reason, entry naming no scenario)",
    BAD_RESULTS: "a results file that is missing, truncated or not a nodespec results file",
    INTERRUPTED: "interrupted; the results file is marked incomplete",
}


class NodespecError(Exception):
    """A mistake in what was asked, with its exit status: reported in one line, never as a verdict."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status
