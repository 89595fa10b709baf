"""Python spelling of the IR: names, types, literals, docstrings, (de)serialisation code.

Every string that comes from the spec reaches generated code through one of
the literal/docstring/comment filters here, so a description holding `\"\"\"`,
a backslash or a Jinja delimiter can never turn into code.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

from generator.ir import (
    Api,
    Controller,
    ErrorMapping,
    Field,
    Model,
    Name,
    Operation,
    Parameter,
    ParamLocation,
    SchemeKind,
    SecurityScheme,
    Server,
    TypeKind,
    TypeRef,
)
from generator.naming import split_words

_PRIMITIVE_TYPES = {
    TypeKind.STRING: "str",
    TypeKind.INTEGER: "int",
    TypeKind.NUMBER: "float",
    TypeKind.BOOLEAN: "bool",
    TypeKind.ANY: "Any",
}
# Python's hard keywords, spelled out rather than read from `keyword` so that the output does
# not depend on the Python running the generator. Soft keywords (match, case, type) are valid
# identifiers and stay as they are.
_KEYWORDS = frozenset(
    "False None True and as assert async await break class continue def del elif else except"
    " finally for from global if import in is lambda nonlocal not or pass raise return try while"
    " with yield".split()
)
# Names a generated module defines or imports itself; a field or parameter may not shadow them
# (a model field named `field` would hide dataclasses.field inside the class body).
_RESERVED = _KEYWORDS | {
    "self",
    "cls",
    "options",
    "body",
    "field",
    "to_dict",
    "from_dict",
    "additional_properties",
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
    "Exception",
    "BaseException",
    "AttributeError",
    "KeyError",
    "TypeError",
    "ValueError",
}


# -- names ---------------------------------------------------------------------


def _identifier_chars(text: str) -> str:
    """`text` with every character that cannot stand in an identifier replaced by `_`."""
    return "".join(c if ("_" + c).isidentifier() else "_" for c in text)


def snake(name: Name) -> str:
    """`assignLicenseToDevices` -> `assign_license_to_devices`; keywords get a trailing `_`."""
    text = _identifier_chars("_".join(w.lower() for w in name.words))
    if not text.isidentifier() or text[0].isdigit():
        text = "n_" + text
    return text + "_" if text in _RESERVED else text


def module(name: Name) -> str:
    """A module name: snake case, never a keyword (`class` -> `class_`)."""
    return snake(name)


def pascal(name: Name) -> str:
    """`assign license` -> `AssignLicense`; `IoT` stays `IoT` (only the first letter changes)."""
    text = _identifier_chars("".join(w[:1].upper() + w[1:] for w in name.words))
    if not text.isidentifier() or text[0].isdigit():
        text = "N" + text
    return text + "_" if text in _KEYWORDS else text


def upper_snake(name: Name) -> str:
    """`Production` -> `PRODUCTION` (enum members, constants)."""
    text = _identifier_chars("_".join(w.upper() for w in name.words))
    if not text.isidentifier() or text[0].isdigit():
        text = "N_" + text
    return text + "_" if text in _KEYWORDS else text


def constant(operation: Operation) -> str:
    return "_" + snake(operation.name).rstrip("_").upper()


# -- literals and text ------------------------------------------------------------


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
    if isinstance(value, (str, int, float, bool)) or value is None:
        return repr(value)
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _clean(text: str) -> str:
    """Text for docstrings/comments: printable, with backslashes and triple quotes defused."""
    text = "".join(
        ch if ch.isprintable() or ch == "\n" else " " for ch in text.replace("\t", "    ")
    )
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


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
        wrapped = textwrap.wrap(
            joined,
            width,
            initial_indent=first,
            subsequent_indent=pad,
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend(wrapped)
    body = "\n".join(lines)[indent + lead :] if lines else ""
    return body + " " if body.endswith('"') else body


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


# -- types -------------------------------------------------------------------------


def py_type(type_: TypeRef, api: Api | None = None) -> str:
    """The annotation for a value of `type_` (without the Unset of optional fields)."""
    if type_.kind is TypeKind.ARRAY:
        assert type_.item is not None
        text = f"list[{py_type(type_.item)}]"
    elif type_.kind is TypeKind.MAP:
        assert type_.item is not None
        text = f"dict[str, {py_type(type_.item)}]"
    elif type_.kind in (TypeKind.MODEL, TypeKind.ENUM):
        text = _class_ref(type_)
        if type_.kind is TypeKind.ENUM:
            text += " | str"  # enums stay open on responses: an unknown value is kept as a string
    else:
        text = _PRIMITIVE_TYPES[type_.kind]
    return text + " | None" if type_.nullable and text != "Any" else text


_CLASS_NAMES: dict[str, str] = {}
_MODELS: dict[str, Model] = {}
_ERROR_NAMES: dict[str, str] = {}
_MODULE_NAMES: dict[str, str] = {}
_GRAPH: dict[str, set[str]] = {}


def _class_ref(type_: TypeRef) -> str:
    assert type_.ref is not None
    return _CLASS_NAMES[type_.ref]


def field_type(field: Field) -> str:
    text = py_type(field.type)
    return text if field.required else text + " | Unset"


def decode(type_: TypeRef, expr: str, depth: int = 0) -> str:
    """An expression turning JSON `expr` into a value of `type_`."""
    inner = _decode_non_null(type_, expr, depth)
    if inner == expr or not type_.nullable:
        return inner
    return f"None if {expr} is None else {inner}"


def _decode_non_null(type_: TypeRef, expr: str, depth: int) -> str:
    var = f"v{depth}"
    if type_.kind is TypeKind.MODEL:
        return f"{_class_ref(type_)}.from_dict({expr})"
    if type_.kind is TypeKind.ENUM:
        return f"open_enum({_class_ref(type_)}, {expr})"
    if type_.kind is TypeKind.ARRAY:
        assert type_.item is not None
        item = decode(type_.item, var, depth + 1)
        return expr if item == var else f"[{item} for {var} in {expr}]"
    if type_.kind is TypeKind.MAP:
        assert type_.item is not None
        item = decode(type_.item, var, depth + 1)
        return (
            expr if item == var else f"{{k{depth}: {item} for k{depth}, {var} in {expr}.items()}}"
        )
    return expr


def encode(type_: TypeRef, expr: str, depth: int = 0) -> str:
    """An expression turning `expr` (a value of `type_`) into JSON-ready data."""
    inner = _encode_non_null(type_, expr, depth)
    if inner == expr or not type_.nullable:
        return inner
    return f"None if {expr} is None else {inner}"


def _encode_non_null(type_: TypeRef, expr: str, depth: int) -> str:
    var = f"v{depth}"
    if type_.kind is TypeKind.MODEL:
        return f"{expr}.to_dict()"
    if type_.kind is TypeKind.ARRAY:
        assert type_.item is not None
        item = encode(type_.item, var, depth + 1)
        return expr if item == var else f"[{item} for {var} in {expr}]"
    if type_.kind is TypeKind.MAP:
        assert type_.item is not None
        item = encode(type_.item, var, depth + 1)
        return (
            expr if item == var else f"{{k{depth}: {item} for k{depth}, {var} in {expr}.items()}}"
        )
    return expr  # enum members are `str` subclasses: json writes their value


def referenced(type_: TypeRef | None) -> list[str]:
    """Ids of the models and enums a type mentions."""
    found: list[str] = []
    while type_ is not None:
        if type_.ref is not None:
            found.append(type_.ref)
        type_ = type_.item
    return found


# -- what templates need to know about the API ------------------------------------


def model_imports(model: Model, api: Api) -> list[tuple[str, str, bool]]:
    """(module, class, lazy) for each model/enum `model` uses; lazy where an eager import cycles."""
    modules, graph = _MODULE_NAMES, _GRAPH
    found: dict[str, bool] = {}
    for field in model.fields:
        for ref in referenced(field.type):
            if ref != model.id:
                found[ref] = found.get(ref, False) or _reaches(graph, ref, model.id)
    for ref in referenced(model.extra):
        if ref != model.id:
            found[ref] = found.get(ref, False) or _reaches(graph, ref, model.id)
    return sorted((modules[ref], _CLASS_NAMES[ref], lazy) for ref, lazy in found.items())


def uses_enum(model: Model) -> bool:
    """Whether a model's code needs `open_enum`."""
    types = [f.type for f in model.fields] + ([model.extra] if model.extra else [])
    return any(_mentions(t, TypeKind.ENUM) for t in types)


def _mentions(type_: TypeRef | None, kind: TypeKind) -> bool:
    while type_ is not None:
        if type_.kind is kind:
            return True
        type_ = type_.item
    return False


def _reference_graph(api: Api) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for model in api.models:
        refs = {r for f in model.fields for r in referenced(f.type)} | set(referenced(model.extra))
        graph[model.id] = refs
    return graph


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, stack = set(), [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return False


def _unreserved(name: str, taken: set[str]) -> str:
    """`name`, or `name` + "Model" (+ a number) when the package already uses it."""
    candidate, n = name, 2
    if candidate in _RESERVED_CLASSES or candidate in taken:
        candidate = name + "Model"
    while candidate in _RESERVED_CLASSES or candidate in taken:
        candidate, n = f"{name}Model{n}", n + 1
    taken.add(candidate)
    return candidate


def prepare(api: Api) -> None:
    """Called by the generator before rendering: index what the filters look up by id."""
    taken = {pascal(api.client_name) + "Client"}
    _ERROR_NAMES.clear()
    _ERROR_NAMES.update({e.id: _unreserved(pascal(e.name), taken) for e in api.errors})
    _MODELS.clear()
    _MODELS.update({m.id: m for m in api.models})
    _MODULE_NAMES.clear()
    _MODULE_NAMES.update({m.id: module(m.name) for m in api.models})
    _MODULE_NAMES.update({e.id: module(e.name) for e in api.enums})
    _GRAPH.clear()
    _GRAPH.update(_reference_graph(api))
    _CLASS_NAMES.clear()
    _CLASS_NAMES.update({m.id: _unreserved(pascal(m.name), taken) for m in api.models})
    _CLASS_NAMES.update({e.id: _unreserved(pascal(e.name), taken) for e in api.enums})


def class_name(model_id: str) -> str:
    return _CLASS_NAMES[model_id]


def error_class(mapping: ErrorMapping, api: Api) -> str:
    return "ApiException" if mapping.error is None else _ERROR_NAMES[mapping.error]


def error_name(error_id: str) -> str:
    return _ERROR_NAMES[error_id]


def signature_params(operation: Operation) -> list[dict[str, Any]]:
    """Method parameters in call order: required body, required params, then optional ones."""
    params: list[dict[str, Any]] = []
    body = operation.body
    if body is not None and body.required:
        params.append({"name": "body", "type": py_type(body.type), "default": None, "kind": "body"})
    for param in operation.parameters:
        if param.required:
            params.append(
                {
                    "name": snake(param.name),
                    "type": _param_type(param),
                    "default": None,
                    "kind": "param",
                    "param": param,
                }
            )
    if body is not None and not body.required:
        params.append(
            {
                "name": "body",
                "type": py_type(body.type) + " | None",
                "default": "None",
                "kind": "body",
            }
        )
    for param in operation.parameters:
        if not param.required:
            params.append(
                {
                    "name": snake(param.name),
                    "type": _param_type(param) + " | None",
                    "default": "None",
                    "kind": "param",
                    "param": param,
                }
            )
    return params


def _param_type(param: Parameter) -> str:
    return py_type(param.type)


def wire_value(param: Parameter) -> str:
    """An expression for the parameter's wire value (str, or (name, value) pairs for a query)."""
    name = snake(param.name)
    type_ = param.type
    if param.location is ParamLocation.QUERY:
        return f"encode_query({literal(param.wire_name)}, {name}, explode={param.explode})"
    if type_.kind is TypeKind.STRING and not type_.nullable:
        return name
    return f"encode_simple({name})"


def controller_imports(controller: Controller, api: Api) -> dict[str, Any]:
    """What a controller module imports: exception and model classes, runtime helpers."""
    exceptions: set[str] = set()
    models: set[str] = set()
    helpers: set[str] = set()
    unset = uses_any = False
    for op in controller.operations:
        exceptions.update(error_class(e, api) for e in op.errors)
        types = [r.type for r in op.responses] + [p.type for p in op.parameters]
        if op.body is not None:
            types.append(op.body.type)
            unset = unset or not op.body.required
        models.update(_CLASS_NAMES[ref] for t in types for ref in referenced(t))
        uses_any = uses_any or any(_mentions(t, TypeKind.ANY) for t in types)
        for param in op.parameters:
            value = wire_value(param)
            helpers.update(h for h in ("encode_query", "encode_simple") if value.startswith(h))
    return {
        "exceptions": sorted(exceptions),
        "models": sorted(models),
        "params": sorted(helpers),
        "unset": unset,
        "any": uses_any,
    }


def params_in(operation: Operation, location: str) -> list[Parameter]:
    return [p for p in operation.parameters if p.location.value == location]


def credential_arg(scheme: SecurityScheme, api: Api) -> str:
    """The client argument that supplies a scheme's secret (`access_token`, `vz_m2m_token`)."""
    bearer = [s for s in api.security_schemes if _is_bearer(s)]
    if _is_bearer(scheme):
        return "access_token" if len(bearer) == 1 else snake(scheme.name) + "_access_token"
    if scheme.kind is SchemeKind.HTTP_BASIC:
        return snake(scheme.name) + "_credentials"
    return snake(scheme.name)


def credential_type(scheme: SecurityScheme) -> str:
    return "tuple[str, str] | None" if scheme.kind is SchemeKind.HTTP_BASIC else "str | None"


def scheme_constructor(scheme: SecurityScheme, api: Api) -> str:
    arg = literal(credential_arg(scheme, api))
    if _is_bearer(scheme):
        return f"BearerScheme({literal(scheme.key)}, {arg})"
    if scheme.kind is SchemeKind.HTTP_BASIC:
        return f"BasicScheme({literal(scheme.key)}, {arg})"
    assert scheme.location is not None and scheme.parameter is not None
    location, parameter = literal(scheme.location.value), literal(scheme.parameter)
    return f"ApiKeyScheme({literal(scheme.key)}, {location}, {parameter}, {arg})"


def oauth_scheme(api: Api) -> SecurityScheme | None:
    """The scheme the client can fetch tokens for by itself (one client-credentials flow)."""
    flows = [s for s in api.security_schemes if s.kind is SchemeKind.OAUTH2_CLIENT_CREDENTIALS]
    return flows[0] if len(flows) == 1 else None


def session_login(scheme: SecurityScheme, api: Api) -> dict[str, Any] | None:
    """How the client logs in for `scheme`: controller, method, body class, credential fields."""
    if scheme.login is None:
        return None
    for controller in api.controllers:
        for operation in controller.operations:
            if operation.id != scheme.login.operation:
                continue
            body = operation.body
            result = operation.result
            if body is None or body.type.ref is None or result is None or result.type is None:
                return None
            body_model = _MODELS[body.type.ref]
            result_model = _MODELS[result.type.ref or ""]
            token = next(f for f in result_model.fields if f.json_key == scheme.login.token_field)
            return {
                "controller": controller_attr(controller),
                "method": snake(operation.name),
                "body_class": _CLASS_NAMES[body_model.id],
                "fields": [f for f in body_model.fields if f.required],
                "token": snake(token.name),
                "token_key": token.json_key,
            }
    return None


def is_secret(field: Field) -> bool:
    """A field whose value must stay out of reprs and logs (a password)."""
    return field.type.format == "password" or field.write_only


def auth_imports(api: Api) -> list[str]:
    names = {scheme_constructor(s, api).split("(")[0] for s in api.security_schemes}
    return sorted(names | {"SecurityScheme"})


def scheme_help(scheme: SecurityScheme) -> str:
    """What a credential argument is, for the client's docstring."""
    if _is_bearer(scheme):
        what = f"Bearer token for `{scheme.key}`, sent as `Authorization: Bearer …`."
    elif scheme.kind is SchemeKind.HTTP_BASIC:
        what = f"(user, password) for `{scheme.key}` (HTTP Basic)."
    else:
        assert scheme.location is not None
        what = f"Value of the `{scheme.parameter}` {scheme.location.value} (`{scheme.key}`)."
    return f"{what} {one_line(scheme.description)}".strip()


def server_url(server: Server) -> str:
    """The server's URL with each variable at its default."""
    url = server.url
    for variable in server.variables:
        url = url.replace("{" + variable.name.original + "}", variable.default)
    return url


def _is_bearer(scheme: SecurityScheme) -> bool:
    return scheme.kind not in (SchemeKind.API_KEY, SchemeKind.HTTP_BASIC)


def controller_attr(controller: Controller) -> str:
    return snake(controller.name)


def controller_class(controller: Controller) -> str:
    return pascal(controller.name) + "Controller"


def enum_member(value: Any, name: Name) -> str:
    return upper_snake(name)


# -- docs ------------------------------------------------------------------------


def title(name: Name) -> str:
    """`AssignLicenseRequest` -> `Assign License Request`, for page headings."""
    return " ".join(w[:1].upper() + w[1:] for w in name.words)


def slug(name: Name) -> str:
    """A doc file name: `assign-license-request`."""
    return snake(name).rstrip("_").replace("_", "-")


def anchor(text: str) -> str:
    """The anchor a markdown renderer gives a heading (GitHub style)."""
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")


def prose(text: str) -> str:
    """Spec text for a markdown page: control characters (ESC, BEL, CR, ...) removed."""
    text = text.replace("\r\n", "\n").replace("\t", " ")
    return "".join(ch for ch in text if ch.isprintable() or ch == "\n")


def heading(text: str) -> str:
    """Spec text on one markdown line (a heading, a list item)."""
    return " ".join(prose(text).split())


def cell(text: str) -> str:
    """Text safe inside a markdown table cell: pipes escaped, line breaks as <br>."""
    paragraphs = [" ".join(p.split()) for p in prose(text).strip().split("\n\n")]
    return "<br>".join(p for p in paragraphs if p).replace("|", "\\|")


def doc_type(type_: TypeRef) -> str:
    """A type for a docs table, linking model pages: [`list[Foo]`](../../doc/models/foo.md)."""
    spelled = f"`{py_type(type_)}`"
    refs = referenced(type_)
    if not refs:
        return spelled
    model = _MODELS.get(refs[-1])
    if model is None:  # enums have no page of their own
        return spelled
    return f"[{spelled}](../../doc/models/{slug(model.name)}.md)"


def constraints_text(field: Field | Parameter) -> str:
    c = field.constraints
    parts = [
        (label, value)
        for label, value in (
            ("Minimum Length", c.min_length),
            ("Maximum Length", c.max_length),
            ("Minimum", c.minimum),
            ("Maximum", c.maximum),
            ("Minimum Items", c.min_items),
            ("Maximum Items", c.max_items),
            ("Pattern", c.pattern),
        )
        if value is not None
    ]
    if not parts:
        return ""
    return "**Constraints**: " + ", ".join(f"*{label}*: `{value}`" for label, value in parts)


def example_code(type_: TypeRef | None, value: Any, indent: int = 0) -> str:
    """Python source that builds the example JSON `value` as `type_` (constructors, lists)."""
    pad, inner = " " * indent, " " * (indent + 4)
    if type_ is not None and type_.kind is TypeKind.MODEL and isinstance(value, dict):
        model = _MODELS[type_.ref or ""]
        by_key = {f.json_key: f for f in model.fields}
        args = [
            f"{inner}{snake(by_key[k].name)}={example_code(by_key[k].type, v, indent + 4)},"
            for k, v in value.items()
            if k in by_key
        ]
        return (
            f"{pascal(model.name)}(\n" + "\n".join(args) + f"\n{pad})"
            if args
            else f"{pascal(model.name)}()"
        )
    if type_ is not None and type_.kind is TypeKind.ARRAY and isinstance(value, list):
        items = [f"{inner}{example_code(type_.item, v, indent + 4)}," for v in value]
        return "[\n" + "\n".join(items) + f"\n{pad}]" if items else "[]"
    return literal(value)


def example_models(type_: TypeRef | None) -> list[str]:
    """Class names an example of `type_` may construct, for its import line."""
    found: list[str] = []
    pending = [type_]
    while pending:
        current = pending.pop()
        if current is None:
            continue
        if (
            current.kind is TypeKind.MODEL
            and current.ref
            and _CLASS_NAMES[current.ref] not in found
        ):
            found.append(_CLASS_NAMES[current.ref])
            pending.extend(f.type for f in _MODELS[current.ref].fields)
        pending.append(current.item)
    return sorted(found)


def sample(param: Parameter) -> str:
    """A value for a parameter in example code: its spec example, else a placeholder of its type."""
    if param.has_example:
        return literal(param.example)
    placeholders = {TypeKind.INTEGER: "0", TypeKind.NUMBER: "0.0", TypeKind.BOOLEAN: "False"}
    return placeholders.get(param.type.kind, literal(param.wire_name))


def snake_text(text: str) -> str:
    """`SecurityResultException` -> `security_result_exception` (file names from class names)."""
    return "_".join(w.lower() for w in split_words(text))


def json_block(value: Any) -> str:
    """Pretty JSON for a docs page; DEL and C1 controls escaped too (JSON only escapes < 0x20)."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(ch if ch.isprintable() or ch == "\n" else f"\\u{ord(ch):04x}" for ch in text)


# -- formatting -------------------------------------------------------------------


# The same settings the generated pyproject.toml gives ruff, so formatting here and
# `ruff format --check` there agree.
_RUFF_SETTINGS = 'line-length = 100\ntarget-version = "py310"\n'


def postprocess(files: dict[str, str]) -> dict[str, str]:
    """Format the Python files with ruff, the formatter the generated package is checked with.

    Templates already lay code out close to ruff's style; ruff settles line
    wrapping and import order, which templates cannot know in advance. It runs
    once over a temporary copy of all Python files, not once per file.
    """
    # ruff also formats the Python code blocks of markdown pages.
    python = {p: t for p, t in files.items() if p.endswith((".py", ".md"))}
    # The ruff installed beside this interpreter (the pinned one) wins over any on PATH.
    beside = Path(sys.executable).with_name("ruff")
    ruff = str(beside) if beside.exists() else shutil.which("ruff") or "ruff"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "ruff.toml").write_text(_RUFF_SETTINGS, "utf-8")
        for path, text in python.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, "utf-8")
        config = str(root / "ruff.toml")
        for command in (["check", "--select", "I", "--fix"], ["format"]):
            done = subprocess.run(
                [ruff, *command, "--quiet", "--config", config, str(root)],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(
                    f"ruff {command[0]} failed on the generated code:\n{done.stdout}{done.stderr}"
                )
        formatted = {p: (root / p).read_text("utf-8") for p in python}
    return {**files, **formatted}


FILTERS = {
    "snake": snake,
    "module": module,
    "pascal": pascal,
    "upper_snake": upper_snake,
    "constant": constant,
    "literal": literal,
    "docstring": docstring,
    "entry": entry,
    "comment": comment,
    "one_line": one_line,
    "py_type": py_type,
    "field_type": field_type,
    "decode": decode,
    "encode": encode,
    "wire_value": wire_value,
    "controller_attr": controller_attr,
    "controller_class": controller_class,
    "class_name": class_name,
    "error_name": error_name,
    "title": title,
    "slug": slug,
    "anchor": anchor,
    "cell": cell,
    "prose": prose,
    "heading": heading,
    "json_block": json_block,
    "doc_type": doc_type,
    "snake_text": snake_text,
}

TESTS = {"is_secret": is_secret}

GLOBALS = {
    "model_imports": model_imports,
    "uses_enum": uses_enum,
    "error_class": error_class,
    "signature_params": signature_params,
    "params_in": params_in,
    "controller_imports": controller_imports,
    "credential_arg": credential_arg,
    "oauth_scheme": oauth_scheme,
    "session_login": session_login,
    "auth_imports": auth_imports,
    "scheme_help": scheme_help,
    "server_url": server_url,
    "credential_type": credential_type,
    "scheme_constructor": scheme_constructor,
    "enum_member": enum_member,
    "constraints_text": constraints_text,
    "example_code": example_code,
    "example_models": example_models,
    "sample": sample,
}
