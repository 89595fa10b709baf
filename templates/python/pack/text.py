"""Spec text spelled for where it lands: Python literals, docstrings, comments, markdown.

Every string that comes from the spec reaches generated code through one of
the literal/docstring/comment filters here, so a description holding `\"\"\"`,
a backslash or a Jinja delimiter can never turn into code.
"""

from __future__ import annotations

import functools
import json
import math
import re
import textwrap
from typing import Any

from generator.ir import Server


def literal(value: Any) -> str:
    """A Python literal for a JSON value; `repr` of str/int/float/bool/None never breaks out."""
    if isinstance(value, float) and math.isinf(value):
        return "-1e999" if value < 0 else "1e999"  # repr would be the bare name `inf`
    if isinstance(value, float) and math.isnan(value):
        return 'float("nan")'  # no literal spells NaN
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(str(k))}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, (str, int, float, bool)) or value is None:
        return repr(value)
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _printable_lines(text: str) -> bool:
    """Every character printable but newlines: checked whole, so clean text skips a char loop."""
    return text.replace("\n", "").isprintable()


def _clean(text: str) -> str:
    """Text for docstrings/comments: printable, with backslashes and triple quotes defused."""
    text = text.replace("\t", "    ")
    if not _printable_lines(text):
        text = "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in text)
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


# Cached: descriptions repeat (shared fields, a class and its module docstring), and
# textwrap is the costliest step of rendering a model. Bounded: a long-lived process
# may render many APIs.
@functools.lru_cache(maxsize=16384)
def docstring(text: str, indent: int = 4, lead: int = 3, width: int = 88) -> str:
    """A safe docstring body, wrapped to `width` and indented for its place.

    `indent` is the column of continuation lines; `lead` counts what stands
    before the text on the first line after the indent (the opening quotes, or
    an `Args:` entry's name). The result never ends with a quote character.
    """
    pad = " " * indent
    paragraphs = [p.strip() for p in _clean(text.strip()).split("\n\n") if p.strip()]
    lines: list[str] = []
    for paragraph in paragraphs:
        joined = " ".join(part.strip() for part in paragraph.splitlines())
        first = " " * (indent + lead) if not lines else pad
        if lines:
            lines.append("")
        lines.extend(_wrap(joined, width, first, pad))
    body = "\n".join(lines)[indent + lead :] if lines else ""
    return body + " " if body.endswith('"') else body


def _wrap(text: str, width: int, first: str, pad: str) -> list[str]:
    """`textwrap.wrap(text, width, initial_indent=first, subsequent_indent=pad,
    break_long_words=False, break_on_hyphens=False)`, faster for text whose only
    whitespace is single spaces between words (what `docstring` makes of a paragraph);
    other text goes to textwrap itself.

    Greedy, as textwrap is: a word joins the line when it fits with its space, a word
    longer than a whole line stands alone on one.
    """
    # Printable: no whitespace but " " (str.isprintable rules out tabs, newlines and every
    # other space textwrap or str.strip would take for whitespace).
    if not text.isprintable() or "  " in text or text[:1] in ("", " ") or text[-1] == " ":
        return textwrap.wrap(
            text,
            width,
            initial_indent=first,
            subsequent_indent=pad,
            break_long_words=False,
            break_on_hyphens=False,
        )
    if len(first) + len(text) <= width:
        return [first + text]
    lines: list[str] = []
    line: list[str] = []
    room = width - len(first)
    used = -1  # the space before the first word of a line is not written
    for word in text.split(" "):
        if line and used + 1 + len(word) > room:
            lines.append((pad if lines else first) + " ".join(line))
            line, used, room = [], -1, width - len(pad)
        line.append(word)
        used += 1 + len(word)
    lines.append((pad if lines else first) + " ".join(line))
    return lines


def entry(text: str, name: str, indent: int) -> str:
    """An `Args:`/`Attributes:` entry `name: text`, continuation lines 4 deeper."""
    return docstring(text, indent + 4, len(name) + 2 - 4)


def comment(text: str) -> str:
    """One line of comment text: newlines folded, so spec text cannot start a new line of code."""
    return " ".join(_clean(text).split())


def one_line(text: str) -> str:
    """The first sentence-ish line of a description, for summaries."""
    first = text.strip().split("\n\n")[0]
    return " ".join(first.split())


def prose(text: str) -> str:
    """Spec text for a markdown page: control characters (ESC, BEL, CR, ...) removed."""
    text = text.replace("\r\n", "\n").replace("\t", " ")
    if _printable_lines(text):
        return text
    return "".join(ch for ch in text if ch.isprintable() or ch == "\n")


def heading(text: str) -> str:
    """Spec text on one markdown line (a heading, a list item)."""
    return " ".join(prose(text).split())


@functools.lru_cache(maxsize=16384)  # a shared field's description lands in many tables
def cell(text: str) -> str:
    """Text safe inside a markdown table cell: pipes escaped, line breaks as <br>."""
    paragraphs = [" ".join(p.split()) for p in prose(text).strip().split("\n\n")]
    return "<br>".join(p for p in paragraphs if p).replace("|", "\\|")


def anchor(text: str) -> str:
    """The anchor a markdown renderer gives a heading (GitHub style)."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def json_block(value: Any) -> str:
    """Pretty JSON for a docs page; DEL and C1 controls escaped too (JSON only escapes < 0x20)."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    if _printable_lines(text):
        return text
    return "".join(ch if ch.isprintable() or ch == "\n" else f"\\u{ord(ch):04x}" for ch in text)


def pep440(version: str) -> str:
    """A spec version as a PEP 440 version (`2020-08-27` -> `2020.8.27`), for pyproject.toml."""
    if re.fullmatch(r"\d+(\.\d+)*", version):
        return version
    numbers = [str(int(n)) for n in re.findall(r"\d+", version)]
    return ".".join(numbers) if numbers else "0.0.0"


def server_url(server: Server) -> str:
    """The server's URL with each variable at its default."""
    url = server.url
    for variable in server.variables:
        url = url.replace("{" + variable.name.original + "}", variable.default)
    return url
