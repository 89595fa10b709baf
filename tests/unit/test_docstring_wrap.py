"""The Python pack's own line wrapping gives what textwrap gives, on any text."""

from __future__ import annotations

import importlib
import textwrap
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.packs import load_pack


@pytest.fixture(scope="module")
def text() -> ModuleType:
    return importlib.import_module(load_pack("python").prepare.__module__ + ".text")


def _textwrap(words: str, width: int, first: str, pad: str) -> list[str]:
    return textwrap.wrap(
        words,
        width,
        initial_indent=first,
        subsequent_indent=pad,
        break_long_words=False,
        break_on_hyphens=False,
    )


# Words of any length (some longer than a line), spaces single and double, the other
# whitespace textwrap breaks on, and characters it does not (a no-break space).
_WORD = st.text(alphabet="ab-.\u00e9\u00a0", min_size=1, max_size=30)
_PLAIN_WORD = st.text(alphabet="ab-.\u00e9", min_size=1, max_size=30)
_GAP = st.sampled_from([" ", " ", " ", "  ", "\t", "\n", "\x0b"])


@st.composite
def _texts(draw: st.DrawFn) -> str:
    if draw(st.booleans()):  # a paragraph as `docstring` makes them: the fast path's text
        return " ".join(draw(st.lists(_PLAIN_WORD, max_size=40)))
    words = draw(st.lists(_WORD, max_size=40))
    gaps = draw(st.lists(_GAP, min_size=len(words), max_size=len(words)))
    edge = draw(st.sampled_from(["", " ", "\t"]))
    return edge + "".join(w + g for w, g in zip(words, gaps, strict=True)).rstrip(" ") + edge


@settings(derandomize=True, max_examples=400, deadline=None)
@given(
    words=_texts(),
    width=st.integers(min_value=1, max_value=60),
    first=st.sampled_from(["", "   ", "       ", " " * 70]),
    pad=st.sampled_from(["", "    ", "        "]),
)
def test_wrap_is_textwraps(text: ModuleType, words: str, width: int, first: str, pad: str) -> None:
    assert text._wrap(words, width, first, pad) == _textwrap(words, width, first, pad)


@pytest.mark.parametrize(
    ("words", "width"),
    [
        ("short", 88),
        ("a b c d e f g h i j k l m n o p q r s t u v w x y z", 9),
        ("averyveryverylongword that does not fit anywhere", 8),
        ("two words", 9),  # exactly the width: one line
        ("two words", 8),
    ],
)
def test_wrap_on_plain_paragraphs(text: ModuleType, words: str, width: int) -> None:
    assert text._wrap(words, width, "   ", "    ") == _textwrap(words, width, "   ", "    ")
