"""One type for "this input is wrong, and here is everything wrong with it".

``Problems`` holds ``(path, message)`` items: the path names where the problem is (a form field
such as ``contributors-1-actor``, a JSON path such as ``$.events[0].start``, a file line such as
``line 3``, or "" for the input as a whole). Every entry path raises it with every problem found
in one pass; the CLI group catches it once (exit 1, one line per problem), views map it onto
form fields with :func:`tracker.views.forms.apply_problems`, and the API answers 400 with the
list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Item = tuple[str, str]


def say(path: str, message: str) -> str:
    """One problem as a line: 'path: message' (or the message alone when there is no path)."""
    return f"{path}: {message}" if path else message


class Problems(ValueError):
    """Input refused for reasons the user can act on; nothing was changed."""

    def __init__(self, items: Iterable[Item] = (),
                 choices: dict[str, list[dict[str, Any]]] | None = None) -> None:
        self.items: list[Item] = list(items)
        # "Is it one of these?": path -> the matcher's candidates for a typed name.
        self.choices: dict[str, list[dict[str, Any]]] = choices or {}
        super().__init__("; ".join(self.messages))

    @classmethod
    def one(cls, message: str, path: str = "") -> Problems:
        """A Problems with one item."""
        return cls([(path, message)])

    @property
    def messages(self) -> list[str]:
        """Every problem as a 'path: message' line."""
        return [say(p, m) for p, m in self.items]

    @property
    def paths(self) -> list[str]:
        """The path of every problem, in order."""
        return [p for p, _ in self.items]

    def __str__(self) -> str:
        return "; ".join(self.messages)


class Collector:
    """Gather problems while checking, then raise them all at once."""

    def __init__(self) -> None:
        self.items: list[Item] = []

    def add(self, path: str, message: str) -> None:
        """Record one problem."""
        self.items.append((path, message))

    def extend(self, problems: Problems | Iterable[Item]) -> None:
        """Record every problem of another check."""
        self.items.extend(problems.items if isinstance(problems, Problems) else problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_any(self, choices: dict[str, list[dict[str, Any]]] | None = None) -> None:
        """Raise Problems (with the matcher's `choices`, if any) if anything was recorded."""
        if self.items:
            raise Problems(self.items, choices)
