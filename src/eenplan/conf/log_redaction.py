# SPDX-License-Identifier: EUPL-1.2
"""A log formatter that keeps tracebacks but leaves out exception messages.

An exception's message can quote personal data: PostgreSQL's unique violation
says `Key (bsn)=(...) already exists`, a validation error repeats what a user
typed. The traceback's frames (file, line, code) say where it broke; the
exception's type says what broke. Both stay; the message does not.
"""

import logging
import traceback

WITHHELD = "(message withheld: it may contain personal data)"


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and the ones it was raised from or during, oldest first."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        chain.append(current)
        seen.add(id(current))
        if current.__cause__ is not None:
            current = current.__cause__
        elif not current.__suppress_context__:
            current = current.__context__
        else:
            current = None
    return list(reversed(chain))


def format_exception_without_messages(exc: BaseException) -> str:
    parts = []
    for position, error in enumerate(_chain(exc)):
        if position:
            parts.append("\nDuring handling, another exception occurred:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_list(traceback.extract_tb(error.__traceback__)))
        name = f"{type(error).__module__}.{type(error).__qualname__}"
        parts.append(f"{name}: {WITHHELD}\n")
    return "".join(parts).rstrip("\n")


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # Another formatter may have cached the full traceback on the record.
        cached, record.exc_text = record.exc_text, None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
        _type, value, _tb = ei
        if value is None:
            return super().formatException(ei)
        return format_exception_without_messages(value)
