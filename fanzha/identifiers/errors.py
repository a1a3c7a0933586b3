"""The one exception type that every parser in this package raises."""

from __future__ import annotations


class IdentifierError(ValueError):
    """An identifier failed validation.

    ``kind`` is one of ``KINDS``, ``code`` a stable English slug that APIs and tests can
    match on, ``message`` the Chinese sentence shown to the user. Messages never repeat
    the whole value: they reach logs, and the value is usually personal data.
    """

    def __init__(self, kind: str, code: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[IdentifierError], tuple[str, str, str]]:
        # The default pickling replays ``args`` (the message alone) into __init__ and
        # fails; Spark workers and multiprocessing pools need the error to cross processes.
        return (type(self), (self.kind, self.code, self.message))
