"""Naming: how spec strings split into words, and how the Python pack spells them.

`generator.naming` is language-neutral (words only); the Python pack's `snake`,
`pascal` and `upper_snake` filters turn words into identifiers. Every result
must be a valid, non-keyword identifier, whatever the spec holds.
"""

from __future__ import annotations

import importlib.util
import keyword
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator.ir import Name
from generator.naming import NameScope, make_name, split_words, with_suffix

PACK_DIR = Path(__file__).resolve().parents[2] / "templates" / "python" / "pack"


def _load_pack_module(name: str) -> ModuleType:
    """The Python pack's `names` module, loaded afresh as part of a package called `name`."""
    spec = importlib.util.spec_from_file_location(
        name, PACK_DIR / "__init__.py", submodule_search_locations=[str(PACK_DIR)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return importlib.import_module(f"{name}.names")


pack = _load_pack_module("_test_naming_python_pack")
snake: Callable[[Name], str] = pack.snake
pascal: Callable[[Name], str] = pack.pascal
upper_snake: Callable[[Name], str] = pack.upper_snake

# spec string -> (words, snake_case, PascalCase)
CASES: list[tuple[str, tuple[str, ...], str, str]] = [
    ("connectionID", ("connection", "ID"), "connection_id", "ConnectionID"),
    ("S3Config", ("S3", "Config"), "s3_config", "S3Config"),
    ("HTTPResponse", ("HTTP", "Response"), "http_response", "HTTPResponse"),
    ("HTTPSConnection", ("HTTPS", "Connection"), "https_connection", "HTTPSConnection"),
    ("getURLForID", ("get", "URL", "For", "ID"), "get_url_for_id", "GetURLForID"),
    ("VZ-M2M-Token", ("VZ", "M2M", "Token"), "vz_m2m_token", "VZM2MToken"),
    (
        "assignLicenseToDevices",
        ("assign", "License", "To", "Devices"),
        "assign_license_to_devices",
        "AssignLicenseToDevices",
    ),
    ("X-Request-ID", ("X", "Request", "ID"), "x_request_id", "XRequestID"),
    ("v1Users", ("v1", "Users"), "v1_users", "V1Users"),
    ("404Error", ("404", "Error"), "n_404_error", "N404Error"),
    ("2XX", ("2XX",), "n_2xx", "N2XX"),
    ("123", ("123",), "n_123", "N123"),
    ("class", ("class",), "class_", "Class"),
    ("import", ("import",), "import_", "Import"),
    ("self", ("self",), "self_", "Self"),
    ("None", ("None",), "none", "None_"),
    ("True", ("True",), "true", "True_"),
    ("async", ("async",), "async_", "Async"),
    # Soft keywords are valid identifiers: `match = 1` is fine Python.
    ("match", ("match",), "match", "Match"),
    # A class named Exception is renamed where classes are named (pack.unreserved), not here.
    ("Exception", ("Exception",), "exception", "Exception"),
    ("naïveCafé", ("naïveCafé",), "naïvecafé", "NaïveCafé"),
    ("日本語", ("日本語",), "日本語", "日本語"),
    ("foo.bar", ("foo", "bar"), "foo_bar", "FooBar"),
    ("foo-bar", ("foo", "bar"), "foo_bar", "FooBar"),
    ("foo bar baz", ("foo", "bar", "baz"), "foo_bar_baz", "FooBarBaz"),
    ("snake_case_name", ("snake", "case", "name"), "snake_case_name", "SnakeCaseName"),
    ("UPPER_CASE", ("UPPER", "CASE"), "upper_case", "UPPERCASE"),
    ("__init__", ("init",), "init", "Init"),
    ("$ref", ("ref",), "ref", "Ref"),
    ("@type", ("type",), "type", "Type"),
    ("", (), "value", "Value"),
    ("...", (), "value", "Value"),
    ("_", (), "value", "Value"),
]


@pytest.mark.parametrize(("text", "words", "_snake", "_pascal"), CASES, ids=[c[0] for c in CASES])
def test_split_words(text: str, words: tuple[str, ...], _snake: str, _pascal: str) -> None:
    assert split_words(text) == words


@pytest.mark.parametrize(
    ("text", "_words", "expected", "_pascal"), CASES, ids=[c[0] for c in CASES]
)
def test_snake(text: str, _words: tuple[str, ...], expected: str, _pascal: str) -> None:
    assert snake(make_name(text)) == expected


@pytest.mark.parametrize(("text", "_words", "_snake", "expected"), CASES, ids=[c[0] for c in CASES])
def test_pascal(text: str, _words: tuple[str, ...], _snake: str, expected: str) -> None:
    assert pascal(make_name(text)) == expected


# Spec strings that must never yield a broken identifier, in any case style.
ODD = [c[0] for c in CASES] + [
    "def",
    "lambda",
    "case",
    "body",
    "timeout",
    "cls",
    "1st",
    "0",
    "-1",
    "ÄpfelBirnen",
    "é",
    "ß",
    "Ω",
    "٣",
    "ⅷ",
    "a·b",
    "x\u0301",
    "iOSVersion",
    "IPv4Address",
    "a1B2c3",
    "foo/../bar",
    "../../etc/passwd",
    "C:\\Windows",
    "\t\n",
    "{{ x }}",
    "__import__('os')",
]
STYLES = {"snake": snake, "pascal": pascal, "upper_snake": upper_snake}


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("text", ODD)
def test_every_spelling_is_a_safe_identifier(text: str, style: str) -> None:
    spelled = STYLES[style](make_name(text))
    assert spelled.isidentifier(), spelled
    assert not keyword.iskeyword(spelled), spelled
    # Python compares identifiers after NFKC; the spelling must survive that too.
    assert unicodedata.normalize("NFKC", spelled).isidentifier(), spelled


@pytest.mark.parametrize("style", sorted(STYLES))
def test_superscript_digits_give_identifiers(style: str) -> None:
    for text in ("x²", "area_m²", "²"):
        assert STYLES[style](make_name(text)).isidentifier()


def test_reserved_names_are_escaped_in_snake_case() -> None:
    # Generated methods and models use `self`, `cls` and `body` themselves.
    lower_keywords = [k for k in keyword.kwlist if k.islower()]
    for word in ("self", "cls", "body", *lower_keywords):
        assert snake(Name(word, (word,))) == word + "_"
    for word in sorted(w for w in pack._RESERVED if w.islower()):
        assert snake(Name(word, (word,))) == word + "_"


def test_pascal_keeps_inner_capitals_and_classes_avoid_reserved_names() -> None:
    assert (
        pascal(Name("x", ("SIM", "Secure", "for", "IoT", "Licenses"))) == "SIMSecureForIoTLicenses"
    )
    assert pascal(Name("x", ("list",))) == "List"
    assert pascal(Name("x", ("type",))) == "Type"
    assert pack.unreserved("Exception", set()) == "ExceptionModel"
    assert pack.unreserved("ApiResponse", {"ApiResponseModel"}) == "ApiResponseModel2"
    assert pack.unreserved("Pet", set()) == "Pet"
    assert pack.unreserved("ValueError", set()) == "ValueErrorModel"


@pytest.fixture
def pack_as_on_python_312(monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The pack as Python 3.12+ loads it: `type` became a soft keyword there."""
    monkeypatch.setattr(keyword, "softkwlist", ["_", "case", "match", "type"])
    module = _load_pack_module("_test_naming_python_pack_312")
    yield module
    for name in [m for m in sys.modules if m.startswith("_test_naming_python_pack_312")]:
        sys.modules.pop(name)


def test_spelling_does_not_depend_on_the_interpreter(pack_as_on_python_312: ModuleType) -> None:
    for text in ("type", "match", "case", "class", "typeName"):
        name = make_name(text)
        assert pack_as_on_python_312.snake(name) == snake(name)


# -- make_name and pins ---------------------------------------------------------------


def test_pins_override_splitting() -> None:
    pins = {"SIM-Secure for IoT Licenses": ("SIM", "Secure", "for", "IoT", "Licenses")}
    unpinned = make_name("SIM-Secure for IoT Licenses")
    assert unpinned.words == ("SIM", "Secure", "for", "Io", "T", "Licenses")
    assert snake(unpinned) == "sim_secure_for_io_t_licenses"
    pinned = make_name("SIM-Secure for IoT Licenses", pins)
    assert pinned.words == ("SIM", "Secure", "for", "IoT", "Licenses")
    assert pinned.original == "SIM-Secure for IoT Licenses"
    assert snake(pinned) == "sim_secure_for_iot_licenses"
    assert pascal(pinned) == "SIMSecureForIoTLicenses"
    # A pin applies to that exact string only.
    assert make_name("SIM-Secure for IoT", pins).words == ("SIM", "Secure", "for", "Io", "T")


def test_make_name_keeps_the_original_and_never_returns_no_words() -> None:
    assert make_name("--").words == ("value",)
    assert make_name("--").original == "--"
    assert with_suffix(make_name("getPet"), "Request").words == ("get", "Pet", "Request")


def test_name_key_ignores_case() -> None:
    assert make_name("fooBar").key == make_name("FOO_BAR").key == "foobar"


# -- NameScope --------------------------------------------------------------------------


def _claim_all(originals: list[str]) -> list[tuple[Name, bool]]:
    scope = NameScope()
    return [scope.claim(make_name(original)) for original in originals]


def test_name_scope_gives_distinct_names_in_document_order() -> None:
    claimed = _claim_all(["fooBar", "foo_bar", "FooBar"])
    names = [name for name, _ in claimed]
    assert [renamed for _, renamed in claimed] == [False, True, True]
    assert [snake(n) for n in names] == ["foo_bar", "foo_bar_2", "foo_bar_3"]
    assert [pascal(n) for n in names] == ["FooBar", "FooBar2", "FooBar3"]
    assert [n.original for n in names] == ["fooBar", "foo_bar", "FooBar"]


def test_name_scope_is_stable() -> None:
    originals = ["fooBar", "foo_bar", "FooBar", "other", "OTHER"]
    assert _claim_all(originals) == _claim_all(originals)


def test_name_scope_respects_names_taken_beforehand() -> None:
    scope = NameScope(["body"])
    name, renamed = scope.claim(make_name("Body"))
    assert renamed and name.words == ("Body", "2")


def test_name_scope_names_stay_distinct_in_pascal_case() -> None:
    names = [name for name, _ in _claim_all(["FooBar", "foo_bar", "FooBar2"])]
    spelled = [pascal(n) for n in names]
    assert len(set(spelled)) == len(spelled), spelled


@pytest.mark.parametrize("style", sorted(STYLES))
def test_name_scope_names_stay_distinct_in_every_style_for_common_collisions(style: str) -> None:
    originals = ["userId", "user_id", "UserID", "user-id", "USER_ID", "id", "ID", "Id"]
    names = [name for name, _ in _claim_all(originals)]
    spelled = [STYLES[style](n) for n in names]
    assert len(set(spelled)) == len(spelled), spelled
