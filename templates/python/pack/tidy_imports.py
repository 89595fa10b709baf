"""A generated module's import header as ruff's import rules (I001, F401) would leave it.

Templates import what a module may need: a model imports `Unset` whether or not it
has an optional field. Ruff's `check --fix` used to drop the unused names and sort
the rest, but it costs more than formatting itself (0.3 s of the 0.65 s ruff took
on Stripe's 3,000 modules), so this pass does it in Python for the header, the only
place the templates put module-level imports: the docstring, then import lines,
then at most one `if TYPE_CHECKING:` block of imports (with its comment).

A name is kept when the rest of the module mentions it as a word. That can only keep
too much (a name mentioned in a docstring alone), never drop a used import; ruff
keeps the final say in the tests, which compare this pass with ruff's fixes on
every spec they generate. A header this pass does not understand (an alias, a star,
a second TYPE_CHECKING block) is left to ruff: `tidy` returns None.

Sorting follows ruff's isort defaults: sections (`__future__`, standard library,
third party, relative) one blank line apart; in each, `import x` lines before
`from x import` lines; modules case-insensitively in natural order (relative ones
furthest first); names constants first, then classes, then the rest.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable

_CHECKING = "if TYPE_CHECKING:"
_INDENT = "    "
_FROM = re.compile(r"from (\.*[\w.]*) import (.+)")
_LATE_IMPORT = re.compile(r"^(?:import|from) ", re.MULTILINE)
_IMPORT = re.compile(r"import ([\w.]+(?:, *[\w.]+)*)")
_DIGITS = re.compile(r"(\d+)")
_STDLIB = frozenset(sys.stdlib_module_names)
# Lines split off a module's text at first: more than a header has, most of the time.
_FIRST_LINES = 80

# (module, names): names is None for `import module`.
_Statement = tuple[str, tuple[str, ...] | None]


def tidy(text: str, *, package: bool = False) -> str | None:
    """`text` with unused header imports dropped and the rest sorted; None when its
    header is not one this pass understands.

    `package`: the text is a package's `__init__.py`, whose imports may be there for
    others to import (ruff does not remove them either): they are sorted, not dropped.
    """
    # The header is a few dozen lines of a module that may have thousands: split off
    # only the first ones, and all of them only when the header runs past those.
    lines = text.split("\n", _FIRST_LINES)
    header = _header(lines)
    if len(lines) > _FIRST_LINES and (header is None or header[4] >= _FIRST_LINES):
        lines = text.split("\n")
        header = _header(lines)
    if header is None:
        return None
    top, checking, comments, first_import, body_start = header
    if first_import is None:
        # No imports to tidy, unless some come after code, where this pass does not look.
        return None if _LATE_IMPORT.search(text) else text
    rest = "\n".join(lines[body_start:])
    if not package:
        checking = _keep_used(checking, rest)
        top = _keep_used(top, rest, keep="TYPE_CHECKING" if checking else "")
    out = lines[:first_import]
    out.extend(import_block(top))
    if checking:
        out.append("")
        out.extend(comments)
        out.append(_CHECKING)
        out.extend(import_block(checking, _INDENT))
    gap = body_start
    while gap > first_import and not lines[gap - 1].strip():
        gap -= 1
    out.extend([""] * (body_start - gap))
    out.extend(lines[body_start:])
    return "\n".join(out)


def import_block(statements: Iterable[_Statement], indent: str = "") -> list[str]:
    """Import lines for `statements`, merged and sorted as ruff's isort sorts them."""
    return list(_block(tuple(statements), indent))


@functools.lru_cache(maxsize=4096)  # models of one kind import alike
def _block(statements: tuple[_Statement, ...], indent: str) -> tuple[str, ...]:
    straight: dict[int, set[str]] = {}
    members: dict[int, dict[str, set[str]]] = {}
    for module, names in statements:
        section = _section(module)
        if names is None:
            straight.setdefault(section, set()).add(module)
        else:
            members.setdefault(section, {}).setdefault(module, set()).update(names)
    lines: list[str] = []
    for section in sorted({*straight, *members}):
        if lines:
            lines.append("")
        for module in sorted(straight.get(section, ()), key=_module_key):
            lines.append(f"{indent}import {module}")
        by_module = members.get(section, {})
        for module in sorted(by_module, key=_module_key):
            joined = ", ".join(sorted(by_module[module], key=_member_key))
            lines.append(f"{indent}from {module} import {joined}")
    return tuple(lines)


def _header(
    lines: list[str],
) -> tuple[list[_Statement], list[_Statement], list[str], int | None, int] | None:
    start = _after_docstring(lines)
    return None if start is None else _read_header(lines, start)


def _after_docstring(lines: list[str]) -> int | None:
    """The index of the first line after the leading comments and the module docstring."""
    at = 0
    while at < len(lines) and (lines[at].startswith("#") or not lines[at].strip()):
        at += 1
    if at < len(lines) and lines[at].lstrip("rRbBuUfF").startswith(("'", '"')):
        if not lines[at].startswith('"""'):
            return None  # a docstring in another quoting: left to ruff
    if at == len(lines) or not lines[at].startswith('"""'):
        return at
    if lines[at].count('"""') >= 2:
        return at + 1
    for end in range(at + 1, len(lines)):
        if '"""' in lines[end]:
            return end + 1 if lines[end].rstrip().endswith('"""') else None
    return None


def _read_header(
    lines: list[str], at: int
) -> tuple[list[_Statement], list[_Statement], list[str], int | None, int] | None:
    """(top-level imports, TYPE_CHECKING imports, that block's comments, index of the first
    import line, index of the body's first line), or None for a header not understood."""
    top: list[_Statement] = []
    checking: list[_Statement] = []
    comments: list[str] = []
    pending: list[int] = []  # comment lines not yet known to be the block's or the body's
    first: int | None = None
    seen_checking = False
    while at < len(lines):
        line = lines[at]
        if not line.strip():
            at += 1
            continue
        if line.startswith("#"):
            pending.append(at)
            at += 1
            continue
        if line == _CHECKING:
            if seen_checking or first is None:
                return None
            seen_checking = True
            comments = [lines[i] for i in pending]
            pending = []
            at += 1
            while True:
                # Blank lines part the block's sections (as ruff lays them out).
                ahead = at
                while ahead < len(lines) and not lines[ahead].strip():
                    ahead += 1
                if ahead == len(lines) or not lines[ahead].startswith(_INDENT):
                    break
                parsed = _statement(lines, ahead, _INDENT)
                if parsed is None:
                    return None
                checking.append(parsed[0])
                at = parsed[1]
            if ahead < len(lines) and lines[ahead].startswith(("else", "elif")):
                return None  # an `else:` branch to keep in step with the block
            continue
        parsed = _statement(lines, at, "")
        if parsed is None:
            if line.startswith(("import ", "from ")):
                return None  # an import of a form not read here
            break
        if pending or seen_checking:
            return None  # a comment among imports, or imports after the block
        if first is None:
            first = at
        top.append(parsed[0])
        at = parsed[1]
    return top, checking, comments, first, (pending[0] if pending else at)


def _statement(lines: list[str], at: int, indent: str) -> tuple[_Statement, int] | None:
    """The import statement starting at `lines[at]` and the index after it, or None."""
    line = lines[at][len(indent) :]
    parsed = _one_line(line)
    if parsed is not _WRAPPED:
        return None if parsed is None else (parsed, at + 1)
    end = at + 1
    names_text = ""
    while end < len(lines) and lines[end].strip() != ")":
        names_text += lines[end]
        end += 1
    if end == len(lines):
        return None
    names = _names(names_text)
    return None if names is None else ((line[5 : -len(" import (")], names), end + 1)


# `_one_line`'s answer for the first line of a wrapped `from x import (` statement.
_WRAPPED: _Statement = ("", ())


@functools.lru_cache(maxsize=8192)  # the same lines recur in file after file
def _one_line(line: str) -> _Statement | None:
    """The statement a one-line import is, `_WRAPPED` for a wrapped one's first line,
    None for anything else."""
    match = _IMPORT.fullmatch(line)
    if match is not None:
        return None if "," in line else (match.group(1), None)
    match = _FROM.fullmatch(line)
    if match is None:
        return None
    module, names_text = match.groups()
    if names_text == "(":
        return _WRAPPED
    names = _names(names_text)
    return None if names is None else (module, names)


def _names(text: str) -> tuple[str, ...] | None:
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    if not names or not all(n.isidentifier() for n in names):
        return None  # `*`, an alias, a comment
    return names


def _keep_used(statements: list[_Statement], rest: str, keep: str = "") -> list[_Statement]:
    """`statements` without the names `rest` never mentions (but `keep`, used elsewhere)."""
    kept: list[_Statement] = []
    for module, names in statements:
        if module == "__future__":
            kept.append((module, names))
        elif names is None:
            if _mentions(rest, module.split(".")[0]):
                kept.append((module, names))
        else:
            left = tuple(n for n in names if n == keep or _mentions(rest, n))
            if left:
                kept.append((module, left))
    return kept


def _mentions(text: str, name: str) -> bool:
    """Whether `name` occurs in `text` as a whole word (not inside another identifier)."""
    at = text.find(name)
    while at != -1:
        end = at + len(name)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        at = text.find(name, end)
    return False


def _section(module: str) -> int:
    if module.startswith("."):
        return 3
    top = module.split(".")[0]
    if top == "__future__":
        return 0
    return 1 if top in _STDLIB else 2


def _natural(text: str) -> str:
    """A key in ruff's natural order (the `natord` crate's): `v2` before `v10`.

    Each run of digits becomes "0" (so that against any other character it sorts as a
    digit would), then a character saying how to compare it: a run without leading
    zeros by value (its length, then its digits); a run with them, as `natord` does,
    digit by digit from the left, ended by a NUL so that a shorter run sorts first.
    """
    if _DIGITS.search(text) is None:
        return text  # most names
    parts = _DIGITS.split(text)
    for at in range(1, len(parts), 2):
        digits = parts[at]
        if digits.startswith("0"):
            parts[at] = "0\x01" + digits + "\x00"
        else:
            parts[at] = "0" + chr(1 + len(digits)) + digits
    return "".join(parts)


@functools.lru_cache(maxsize=8192)  # the same modules and names recur in every file
def _module_key(module: str) -> tuple[int, str, str]:
    name = module.lstrip(".")
    dots = len(module) - len(name)
    return (-dots, _natural(name.lower()), _natural(name))


@functools.lru_cache(maxsize=8192)
def _member_key(name: str) -> tuple[int, str, str]:
    if len(name) > 1 and name.isupper():
        kind = 0  # a constant
    elif name[:1].isupper():
        kind = 1  # a class
    else:
        kind = 2
    return (kind, _natural(name.lower()), _natural(name))
