"""Repeated rows in a collaboration's lists: the one owner of the rule and its messages.

The event form applies it to what was typed or picked (feedback without a database round
trip); the event repository applies it again after names are resolved to ids, where a typed
name and a picked id can turn out to be the same actor.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

W = TypeVar("W")  # where a row is: a form field, or a problem path

#: The message for a repeated row of each list.
REPEATED = {
    "contributors": "This contributor is already listed with this role.",
    "attendance": "This organisation is already listed: put its whole count in one row.",
    "speakers": "This speaker is already listed.",
}


def repeated_rows(keyed: Iterable[tuple[W, Hashable]]) -> list[W]:
    """Where each row repeats the key of an earlier row, in order.

    >>> repeated_rows([("r0", "a"), ("r1", "b"), ("r2", "a"), ("r3", "a")])
    ['r2', 'r3']
    """
    seen: set[Hashable] = set()
    repeats = []
    for where, key in keyed:
        if key in seen:
            repeats.append(where)
        seen.add(key)
    return repeats
