"""Splitting spec identifiers into words, and keeping names distinct.

Only the language-neutral half of naming lives here: how `connectionID`,
`VZ-M2M-Token` or `S3Config` break into words, and what to do when two names
would be the same words. Spelling words in a language's case, and escaping its
reserved words, is each template pack's job.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping

from .ir import Name

# Within an alphanumeric run: an acronym followed by a capitalised word
# ("HTTPResponse" -> HTTP, Response), a (capitalised) lower-case word with its
# digits ("v1", "Token"), or a bare acronym with digits ("M2M", "ID").
_WORD = re.compile(r"[A-Z0-9]+(?=[A-Z][a-z])|[A-Z]?[a-z][a-z0-9]*|[A-Z0-9]+|[a-z0-9]+")
_RUN = re.compile(r"[^\W_]+")


def split_words(text: str) -> tuple[str, ...]:
    """`assignLicenseToDevices` -> ("assign", "License", "To", "Devices").

    The text is NFKC-normalised first, as Python reads identifiers: `ﬁle` is `file`.
    """
    words: list[str] = []
    for run in _RUN.findall(unicodedata.normalize("NFKC", text)):
        if run.isascii():
            words.extend(_WORD.findall(run))
        else:  # no reliable case boundaries outside ASCII; keep the run whole
            words.append(run)
    return tuple(words)


def make_name(original: str, pins: Mapping[str, Iterable[str]] | None = None) -> Name:
    """A `Name` for `original`, using the configured words when it is pinned."""
    if pins and original in pins:
        return Name(original, tuple(pins[original]))
    return _unpinned_name(original)


# A spec repeats the same keys (`id`, `created`, `object` ...) thousands of times, and a
# `Name` is frozen: each is split once and shared.
@functools.lru_cache(maxsize=16384)
def _unpinned_name(original: str) -> Name:
    return Name(original, split_words(original) or ("value",))


def with_suffix(name: Name, *suffix: str) -> Name:
    return Name(name.original, name.words + suffix)


class NameScope:
    """Hands out names that stay distinct after case conversion, in call order.

    `fooBar` and `foo_bar` are both (foo, bar); the second one seen becomes
    (foo, bar, 2), unless `FooBar2` is taken too, then (foo, bar, 3). Call order
    is document order, so the result is stable.
    """

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken: set[str] = set(taken)

    def claim(self, name: Name) -> tuple[Name, bool]:
        """The name to use, and whether it had to be changed to stay distinct."""
        candidate, key, n = name, name.key, 2
        while key in self._taken:
            candidate = Name(name.original, name.words + (str(n),))
            key, n = candidate.key, n + 1
        self._taken.add(key)
        return candidate, candidate is not name
