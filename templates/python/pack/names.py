"""Python identifiers for spec names: snake_case, PascalCase, UPPER_SNAKE, reserved words.

Keywords, the names generated code defines or imports itself, leading digits, non-ASCII and
class names that collide are all decided here.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from generator.ir import Controller, Field, Name, Operation
from generator.naming import split_words

# Python's hard keywords, spelled out rather than read from `keyword` so that the output does
# not depend on the Python running the generator. Soft keywords (match, case, type) are valid
# identifiers and stay as they are.
_KEYWORDS = frozenset(
    "False None True and as assert async await break class continue def del elif else except"
    " finally for from global if import in is lambda nonlocal not or pass raise return try while"
    " with yield".split()
)
# Names a generated module defines or imports itself; a field or parameter may not shadow them
# (one named `list` would hide the builtin in the annotations after it, one named `datetime`
# the module). `field`, dataclasses.field when models were dataclasses, stays reserved so
# that the names of existing clients do not change.
_RESERVED = _KEYWORDS | {
    "classmethod",
    "staticmethod",
    "property",
    "cached_property",
    "str",
    "int",
    "float",
    "bool",
    "bytes",
    "list",
    "dict",
    "datetime",
    "uuid",
    "self",
    "cls",
    "options",
    "body",
    "field",
    "to_dict",
    "from_dict",
    "additional_properties",
    # runtime helpers a method body calls: a parameter of the same name would hide them
    "encode_cookie",
    "encode_form",
    "encode_multipart",
    "encode_path",
    "encode_query",
    "encode_simple",
    "file_body",
    "serialize",
    "open_enum",
}
# Class names the generated package uses itself (runtime classes, typing names, builtins its
# code catches): a model or exception from the spec may not take them.
_RESERVED_CLASSES = _KEYWORDS | {
    "Any",
    "Mapping",
    "TYPE_CHECKING",
    "ApiError",
    "ApiException",
    "ApiResponse",
    "ApiConnectionError",
    "ApiTimeoutError",
    "ApiDecodeError",
    "MissingCredentialError",
    "OAuthProviderException",
    "TooManyRedirects",
    "ClientCore",
    "OperationSpec",
    "ErrorSpec",
    "RequestOptions",
    "RetryPolicy",
    "Timeout",
    "Unset",
    "UNSET",
    "Environment",
    "File",
    "FileContent",
    "Encoded",
    "Exception",
    "BaseException",
    "AttributeError",
    "KeyError",
    "TypeError",
    "ValueError",
}


def _identifier_chars(text: str) -> str:
    """`text` NFKC-normalised as Python reads identifiers (`ﬁ` is `fi`), with every
    character that cannot stand in an identifier replaced by `_`."""
    text = unicodedata.normalize("NFKC", text)
    if ("_" + text).isidentifier():  # the usual case: no per-character pass
        return text
    return "".join(c if ("_" + c).isidentifier() else "_" for c in text)


@functools.cache
def snake(name: Name) -> str:
    """`assignLicenseToDevices` -> `assign_license_to_devices`; keywords get a trailing `_`."""
    text = _identifier_chars("_".join(w.lower() for w in name.words))
    if not text.isidentifier() or text[0].isdigit():
        text = "n_" + text
    return text + "_" if text in _RESERVED else text


def module(name: Name) -> str:
    """A module name: snake case, never a keyword (`class` -> `class_`).

    Never the same as the class name either (`日本語` has no case to tell them apart): a
    package's lazy `__getattr__` must not find the module where the class is meant.
    """
    text = snake(name)
    return text + "_" if text == pascal(name) else text


@functools.cache
def pascal(name: Name) -> str:
    """`assign license` -> `AssignLicense`; `IoT` stays `IoT` (only the first letter changes)."""
    text = _identifier_chars("".join(w[:1].upper() + w[1:] for w in name.words))
    if not text.isidentifier() or text[0].isdigit():
        text = "N" + text
    return text + "_" if text in _KEYWORDS else text


@functools.cache
def upper_snake(name: Name) -> str:
    """`Production` -> `PRODUCTION` (enum members, constants)."""
    text = _identifier_chars("_".join(w.upper() for w in name.words))
    if not text.isidentifier() or text[0].isdigit():
        text = "N_" + text
    return text + "_" if text in _KEYWORDS else text


def snake_text(text: str) -> str:
    """`SecurityResultException` -> `security_result_exception` (file names from class names)."""
    return "_".join(w.lower() for w in split_words(text))


def unreserved(name: str, taken: set[str]) -> str:
    """`name`, or `name` + "Model" (+ a number) when the package already uses it."""
    candidate, n = name, 2
    if candidate in _RESERVED_CLASSES or candidate in taken:
        candidate = name + "Model"
    while candidate in _RESERVED_CLASSES or candidate in taken:
        candidate, n = f"{name}Model{n}", n + 1
    taken.add(candidate)
    return candidate


# What an exception already has (ApiException's and BaseException's attributes): an error
# body's field of the same name is exposed with a trailing `_` instead (`reason_`).
_EXCEPTION_ATTRIBUTES = frozenset(
    "status_code reason headers raw_body body json model text args with_traceback add_note"
    " reason_phrase".split()
)


def error_field(field: Field) -> str:
    """The exception property for an error body's field: its name, unless the exception
    has an attribute of that name already."""
    name = snake(field.name)
    return name + "_" if name in _EXCEPTION_ATTRIBUTES else name


def constant(operation: Operation) -> str:
    return "_" + snake(operation.name).rstrip("_").upper()


def controller_attr(controller: Controller) -> str:
    return snake(controller.name)


def controller_class(controller: Controller) -> str:
    return pascal(controller.name) + "Controller"


def enum_member(value: Any, name: Name) -> str:
    return upper_snake(name)
