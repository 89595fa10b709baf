"""Ruby spelling of the IR: names, literals, comments, types for docs, example code.

Every string that comes from the spec reaches generated Ruby through one of the
literal/comment filters here (`literal`, `comment`, `comments`), and every
string that reaches a markdown page through `prose`, `heading` or `cell`, so a
description holding `'`, `#{`, a backslash, a line break or a Jinja delimiter
can never turn into code.
"""

from __future__ import annotations

import json
import math
import re
import textwrap
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

# Ruby's keywords: never usable as a local variable or parameter name.
_KEYWORDS = frozenset(
    "__ENCODING__ __LINE__ __FILE__ BEGIN END alias and begin break case class def defined do"
    " else elsif end ensure false for if in module next nil not or redo rescue retry return self"
    " super then true undef unless until when while yield".split()
)
# Methods every model, controller or exception relies on (Object's, Kernel's that the runtime
# calls without a receiver, and the runtime's own): a field, parameter or accessor may not
# take their names, or it would replace them.
_RESERVED = _KEYWORDS | frozenset(
    "object_id send public_send hash method methods display freeze dup clone itself tap"
    " initialize instance_variables extend inspect to_s to_h to_hash to_json from_hash"
    " field_set additional_properties options body raise format lambda proc loop require"
    " puts print p sleep allocate new fields instance_variable_get instance_variable_set"
    " respond_to equal eql is_a kind_of nil_a load_hash close".split()
)
# What an exception already answers to: an error schema field of the same name is read
# through `exception.model` instead of a reader on the exception.
_EXCEPTION_METHODS = frozenset(
    "status_code reason headers raw_body body json model message cause backtrace full_message"
    " exception detailed_message backtrace_locations set_backtrace".split()
)
# Constants of the package module (the runtime's) and core classes the runtime names:
# a model or exception from the spec may not take them.
_RESERVED_CLASSES = frozenset(
    "Client ApiError ApiException ApiConnectionError ApiTimeoutError ApiDecodeError"
    " TooManyRedirects MissingCredentialError OAuthProviderException ApiResponse RequestOptions"
    " RetryPolicy Timeouts Environment Headers JsonCodec Convert BaseModel OperationSpec"
    " ErrorSpec Params ApiKeyScheme BearerScheme BasicScheme AuthParts Authenticator Transport"
    " RawResponse Request Redirect RequestLog ClientCredentialsTokenSource CallableTokenSource"
    " SessionTokenSource Core UNSET VERSION String Integer Float Hash Array Object Comparable"
    " Kernel JSON URI Net OpenSSL Logger Base64 SecureRandom Monitor Time Random Process Thread"
    " Struct Regexp Encoding StandardError Exception TypeError ArgumentError KeyError"
    " NoMethodError RuntimeError IOError EOFError SystemCallError Errno SocketError Zlib Timeout"
    " Numeric Symbol NilClass TrueClass FalseClass Proc Method Module Class Set Range Math Gem"
    " BEGIN END".split()
)
_PRIMITIVE_TYPES = {
    TypeKind.STRING: "String",
    TypeKind.INTEGER: "Integer",
    TypeKind.NUMBER: "Float",
    TypeKind.BOOLEAN: "TrueClass | FalseClass",
    TypeKind.ANY: "Object",
}
_WIDTH = 100


# -- names ---------------------------------------------------------------------


def _ascii(text: str) -> str:
    """`text` with every character outside [A-Za-z0-9_] spelled as `u<hex>` (stays distinct)."""
    return "".join(c if c.isascii() and (c.isalnum() or c == "_") else f"u{ord(c):x}" for c in text)


def snake(name: Name) -> str:
    """`assignLicenseToDevices` -> `assign_license_to_devices`; reserved words end in `_`."""
    text = _ascii("_".join(w.lower() for w in name.words))
    if not text or text[0].isdigit():
        text = "n_" + text
    return text + "_" if text in _RESERVED else text


def file_name(name: Name) -> str:
    """A file name: snake case, no reserved-word suffix needed."""
    return snake(name).rstrip("_") or "n"


def pascal(name: Name) -> str:
    """`assign license` -> `AssignLicense`; `IoT` stays `IoT`. Always starts with A-Z."""
    text = _ascii("".join(w[:1].upper() + w[1:] for w in name.words))
    if not text or not ("A" <= text[0] <= "Z"):
        text = "N" + text
    return text


def upper_snake(name: Name) -> str:
    """`Production` -> `PRODUCTION` (constants)."""
    text = _ascii("_".join(w.upper() for w in name.words))
    if not text or not ("A" <= text[0] <= "Z"):
        text = "N_" + text
    return text + "_" if text in _KEYWORDS else text


def module_name(api: Api) -> str:
    """The package module, `ThingSpaceM2M`."""
    return pascal(api.client_name)


def gem_name(api: Api) -> str:
    """The gem and its require path, `thingspace_m2m`."""
    return file_name(api.package_name)


def gem_version(version: str) -> str:
    """The spec's version when RubyGems accepts it, else 0.0.0."""
    return version if re.fullmatch(r"[0-9]+(\.[0-9a-zA-Z]+)*", version) else "0.0.0"


# -- literals and comments ---------------------------------------------------------

_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f", "\v": "\\v", "\a": "\\a"}
_ESCAPES.update({"\b": "\\b", "\x1b": "\\e", "\\": "\\\\", '"': '\\"', "#": "\\#"})


def _string(text: str) -> str:
    """A Ruby string literal: single-quoted when every character is printable, else a
    double-quoted one with every special character escaped (`#` too, so no `#{`)."""
    if all(c.isprintable() for c in text):
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    out = []
    for c in text:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif 0xD800 <= ord(c) <= 0xDFFF:  # a lone surrogate has no UTF-8 spelling
            out.append("\\u{fffd}")
        elif not c.isprintable():
            out.append(f"\\u{{{ord(c):x}}}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def literal(value: Any) -> str:
    """A Ruby literal for a JSON value."""
    if value is None:
        return "nil"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "Float::NAN"
        if math.isinf(value):
            return "-Float::INFINITY" if value < 0 else "Float::INFINITY"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return (
            "{ " + ", ".join(f"{literal(str(k))} => {literal(v)}" for k, v in value.items()) + " }"
        )
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _clean(text: str) -> str:
    """Printable text on one line: every kind of line break and control character folded."""
    text = "".join(c if c.isprintable() else " " for c in text)
    return " ".join(text.split())


def comment(text: str) -> str:
    """One line of comment text: spec text cannot start a new line of code."""
    return _clean(text)


def comments(text: str, indent: int = 0, width: int = _WIDTH) -> str:
    """`# `-prefixed lines of wrapped text, paragraphs kept; the first line has no indent
    (the template puts it at its place), the others are indented by `indent`."""
    pad = " " * indent
    paragraphs = [_clean(p) for p in re.split(r"\n\s*\n", text.strip()) if _clean(p)]
    lines: list[str] = []
    for paragraph in paragraphs:
        if lines:
            lines.append("#")
        wrapped = textwrap.wrap(
            paragraph,
            max(width - indent - 2, 20),
            break_long_words=False,
            break_on_hyphens=False,
        )
        lines.extend("# " + line for line in wrapped)
    return ("\n" + pad).join(lines) if lines else "#"


def tagged(text: str, lead: str, indent: int = 0, width: int = _WIDTH) -> str:
    """A YARD tag comment, `# @param name [Type] text…`, continuation lines under `#   `."""
    body = " ".join(_clean(p) for p in re.split(r"\n\s*\n", text.strip()) if _clean(p))
    wrapped = textwrap.wrap(
        f"{_clean(lead)} {body}".strip(),
        max(width - indent - 4, 20),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return ("\n" + " " * indent + "#   ").join(wrapped)


def one_line(text: str) -> str:
    """The first paragraph of a description, on one line."""
    return _clean(text.strip().split("\n\n")[0])


# -- what the templates look up by id ------------------------------------------------

_CLASS_NAMES: dict[str, str] = {}
_ERROR_NAMES: dict[str, str] = {}
_MODELS: dict[str, Model] = {}
_AUTH_PAGES: dict[str, str] = {}
_MODULE: list[str] = []


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
    taken = {module_name(api)} | {controller_class(c) for c in api.controllers}
    _MODULE[:] = [module_name(api)]
    _ERROR_NAMES.clear()
    _ERROR_NAMES.update({e.id: _unreserved(pascal(e.name), taken) for e in api.errors})
    _MODELS.clear()
    _MODELS.update({m.id: m for m in api.models})
    _CLASS_NAMES.clear()
    _CLASS_NAMES.update({m.id: _unreserved(pascal(m.name), taken) for m in api.models})
    _CLASS_NAMES.update({e.id: _unreserved(pascal(e.name), taken) for e in api.enums})
    _AUTH_PAGES.clear()
    titles = [auth_title(s) for s in api.security_schemes]
    for scheme, title_ in zip(api.security_schemes, titles, strict=True):
        page = _slug_text(title_)
        if titles.count(title_) > 1:
            page += "-" + file_name(scheme.name).replace("_", "-")
        _AUTH_PAGES[scheme.key] = page


def class_name(model_id: str) -> str:
    return _CLASS_NAMES[model_id]


def error_name(error_id: str) -> str:
    return _ERROR_NAMES[error_id]


def error_class(mapping: ErrorMapping) -> str:
    return "ApiException" if mapping.error is None else _ERROR_NAMES[mapping.error]


def model_of(model_id: str) -> Model:
    return _MODELS[model_id]


def controller_attr(controller: Controller) -> str:
    return snake(controller.name)


def controller_class(controller: Controller) -> str:
    return pascal(controller.name) + "Controller"


def constructor_fields(model: Model) -> list[Field]:
    """The constructor's positional parameters: required fields, then optional ones, each
    in the spec's order."""
    return [f for f in model.fields if f.required] + [f for f in model.fields if not f.required]


def exception_fields(model: Model) -> list[Field]:
    """The error schema fields an exception reads out itself (see `_EXCEPTION_METHODS`)."""
    return [f for f in model.fields if snake(f.name) not in _EXCEPTION_METHODS]


def is_secret(field: Field) -> bool:
    """A field whose value stays out of `inspect` (a password)."""
    return field.type.format == "password" or field.write_only


# -- types ---------------------------------------------------------------------------


def rb_type(type_: TypeRef) -> str:
    """The Ruby spelling of a type, for docs: `String`, `Array<LicenseDeviceList>`."""
    if type_.kind is TypeKind.ARRAY and type_.item is not None:
        return f"Array<{rb_type(type_.item)}>"
    if type_.kind is TypeKind.MAP and type_.item is not None:
        return f"Hash<String, {rb_type(type_.item)}>"
    if type_.kind in (TypeKind.MODEL, TypeKind.ENUM) and type_.ref in _CLASS_NAMES:
        return _CLASS_NAMES[type_.ref]
    # an unknown kind (one a newer IR may add) is plain JSON
    return _PRIMITIVE_TYPES.get(type_.kind, "Object")


def decode(type_: TypeRef, expr: str, depth: int = 0) -> str | None:
    """A Ruby expression turning the (non-null) JSON value `expr` into `type_`, or None when
    the JSON value is already right (primitives, enums, plain JSON)."""
    var = f"v{depth}"
    if type_.kind is TypeKind.MODEL and type_.ref in _CLASS_NAMES:
        return f"{_CLASS_NAMES[type_.ref]}.from_hash({expr})"
    if type_.kind in (TypeKind.ARRAY, TypeKind.MAP) and type_.item is not None:
        item = decode(type_.item, var, depth + 1)
        if item is None:
            return None
        helper = "array" if type_.kind is TypeKind.ARRAY else "map"
        return f"Convert.{helper}({expr}) {{ |{var}| {item} }}"
    return None


def decoder(type_: TypeRef | None) -> str:
    """A lambda (source) decoding a JSON value as `type_`, or `nil` when none is needed."""
    inner = decode(type_, "value") if type_ is not None else None
    return "nil" if inner is None else f"->(value) {{ {inner} }}"


def response_decoder(type_: TypeRef | None) -> str:
    """What an OperationSpec decodes a success body with: nil for no body."""
    if type_ is None:
        return "nil"
    inner = decode(type_, "data")
    return f"->(data) {{ {inner or 'data'} }}"


# -- operations ----------------------------------------------------------------------


def signature_params(operation: Operation) -> list[dict[str, Any]]:
    """Method parameters in call order: required body, required params (positional), then
    optional body and optional params (keywords, default nil)."""
    params: list[dict[str, Any]] = []
    body = operation.body
    if body is not None and body.required:
        params.append({"name": "body", "kind": "body", "keyword": False})
    for param in operation.parameters:
        if param.required:
            params.append(
                {"name": snake(param.name), "kind": "param", "keyword": False, "param": param}
            )
    if body is not None and not body.required:
        params.append({"name": "body", "kind": "body", "keyword": True})
    for param in operation.parameters:
        if not param.required:
            params.append(
                {"name": snake(param.name), "kind": "param", "keyword": True, "param": param}
            )
    return params


def _spelled(params: list[dict[str, Any]]) -> list[str]:
    return [p["name"] + (": nil" if p["keyword"] else "") for p in params]


def signature(operation: Operation) -> str:
    """The method's `def` line as the reference pages show it: one parameter per line,
    aligned under the first, without the `options:` every method also takes."""
    name = snake(operation.name)
    spelled = _spelled(signature_params(operation))
    if not spelled:
        return f"def {name}"
    pad = " " * (len(name) + 5)
    return f"def {name}(" + (",\n" + pad).join(spelled) + ")"


def method_params(operation: Operation) -> str:
    """The method's parameter list in code, `options:` included."""
    return ", ".join([*_spelled(signature_params(operation)), "options: nil"])


def params_in(operation: Operation, location: str) -> list[Parameter]:
    return [p for p in operation.parameters if p.location.value == location]


def wire_value(param: Parameter) -> str:
    """A Ruby expression for a parameter's wire value (String or nil; pairs for a query)."""
    name = snake(param.name)
    if param.location is ParamLocation.QUERY:
        explode = "true" if param.explode else "false"
        return f"Params.query({literal(param.wire_name)}, {name}, explode: {explode})"
    return f"Params.simple({name})"


def accept(operation: Operation) -> str | None:
    """The `accept` header: the first media type among the operation's responses."""
    types = [r.content_type for r in operation.responses] + [
        e.content_type for e in operation.errors
    ]
    return next((t for t in types if t), None)


# -- security ------------------------------------------------------------------------


def _is_bearer(scheme: SecurityScheme) -> bool:
    return scheme.kind not in (SchemeKind.API_KEY, SchemeKind.HTTP_BASIC)


def credential_arg(scheme: SecurityScheme, api: Api) -> str:
    """The client argument that supplies a scheme's secret (`access_token`, `vz_m2m_token`)."""
    bearer = [s for s in api.security_schemes if _is_bearer(s)]
    if _is_bearer(scheme):
        return "access_token" if len(bearer) == 1 else snake(scheme.name) + "_access_token"
    if scheme.kind is SchemeKind.HTTP_BASIC:
        return snake(scheme.name) + "_credentials"
    return snake(scheme.name)


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
            body, result = operation.body, operation.result
            if body is None or body.type.ref not in _MODELS or result is None:
                return None
            if result.type is None or result.type.ref not in _MODELS:
                return None
            body_model = _MODELS[body.type.ref or ""]
            fields = [f for f in constructor_fields(body_model) if f.required]
            tokens = [
                f
                for f in _MODELS[result.type.ref or ""].fields
                if f.json_key == scheme.login.token_field
            ]
            if not fields or not tokens:
                return None
            return {
                "controller": controller_attr(controller),
                "method": snake(operation.name),
                "body_class": _CLASS_NAMES[body_model.id],
                "body_keyword": not body.required,
                "fields": fields,
                "token": snake(tokens[0].name),
                "token_key": tokens[0].json_key,
            }
    return None


def scheme_constructor(scheme: SecurityScheme, api: Api) -> str:
    """The runtime's description of a scheme, as Ruby source."""
    arg = credential_arg(scheme, api)
    also = []
    if _is_bearer(scheme) and scheme is oauth_scheme(api):
        also.append("oauth_client_id: and oauth_client_secret:, or token_provider:")
    login = session_login(scheme, api)
    if login is not None:
        also.append(" and ".join(snake(f.name) + ":" for f in login["fields"]))
    extra = f", also: {literal('; or '.join(also))}" if also else ""
    common = f"name: {literal(scheme.key)}, credential: {literal(arg)}{extra}"
    if _is_bearer(scheme):
        return f"BearerScheme.new({common})"
    if scheme.kind is SchemeKind.HTTP_BASIC:
        return f"BasicScheme.new({common})"
    location = scheme.location.value if scheme.location else "header"
    parameter = scheme.parameter or scheme.key
    return (
        f"ApiKeyScheme.new({common}, location: {literal(location)}, "
        f"parameter: {literal(parameter)})"
    )


def scheme_help(scheme: SecurityScheme) -> str:
    """What a credential argument is, for docs and comments."""
    if _is_bearer(scheme):
        what = f"Bearer token for `{scheme.key}`, sent as `Authorization: Bearer …`."
    elif scheme.kind is SchemeKind.HTTP_BASIC:
        what = f"[user, password] for `{scheme.key}` (HTTP Basic)."
    else:
        where = scheme.location.value if scheme.location else "header"
        what = f"Value of the `{scheme.parameter}` {where} (`{scheme.key}`)."
    return f"{what} {one_line(scheme.description)}".strip()


def auth_title(scheme: SecurityScheme) -> str:
    """The auth page's title, named like the reference SDK's pages."""
    if scheme.kind is SchemeKind.OAUTH2_CLIENT_CREDENTIALS:
        return "OAuth 2 Client Credentials Grant"
    if scheme.kind is SchemeKind.API_KEY:
        where = {"query": "Query Parameter", "cookie": "Cookie"}
        return "Custom " + where.get(
            scheme.location.value if scheme.location else "", "Header Signature"
        )
    if scheme.kind is SchemeKind.HTTP_BASIC:
        return "Basic Authentication"
    return "OAuth 2 Bearer Token"


def auth_page(scheme: SecurityScheme) -> str:
    """The auth page's file name, without `.md`."""
    return _AUTH_PAGES[scheme.key]


def server_url(server: Server) -> str:
    """The server's URL with each variable at its default."""
    url = server.url
    for variable in server.variables:
        url = url.replace("{" + variable.name.original + "}", variable.default)
    return url


def enum_member(name: Name) -> str:
    return upper_snake(name)


# -- docs ------------------------------------------------------------------------------


def title(name: Name) -> str:
    """`AssignLicenseRequest` -> `Assign License Request`, for page headings."""
    return " ".join(w[:1].upper() + w[1:] for w in name.words)


def _slug_text(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


def slug(name: Name) -> str:
    """A doc file name: `assign-license-request`."""
    return file_name(name).replace("_", "-")


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
    """Text safe inside a markdown table cell: pipes escaped, paragraphs joined by <br>."""
    paragraphs = [" ".join(p.split()) for p in prose(text).strip().split("\n\n")]
    return "<br>".join(p for p in paragraphs if p).replace("|", "\\|")


def doc_type(type_: TypeRef) -> str:
    """A type for a docs table, linking model pages: [`Array<Foo>`](../../doc/models/foo.md)."""
    spelled = "`" + cell(rb_type(type_)) + "`"
    ref = type_
    while ref.item is not None:
        ref = ref.item
    model = _MODELS.get(ref.ref or "") if ref.kind is TypeKind.MODEL else None
    if model is None:
        return spelled
    return f"[{spelled}](../../doc/models/{slug(model.name)}.md)"


def class_page(class_: str) -> str:
    """The docs page of a model or exception class, from its name."""
    return "-".join(w.lower() for w in split_words(class_)) + ".md"


def constraints_text(item: Field | Parameter) -> str:
    c = item.constraints
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
    return "**Constraints**: " + ", ".join(
        f"*{label}*: `{cell(str(value))}`" for label, value in parts
    )


def json_block(value: Any) -> str:
    """Pretty JSON for a docs page; DEL and C1 controls escaped too (JSON only escapes < 0x20)."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return "".join(ch if ch.isprintable() or ch == "\n" else f"\\u{ord(ch):04x}" for ch in text)


def example_code(type_: TypeRef | None, value: Any, indent: int = 0) -> str:
    """Ruby source building the example JSON `value` as `type_`, laid out like the reference
    pages: positional constructors (fields left out of the example are UNSET), one argument
    per line, two-space indents, no trailing commas."""
    pad, inner = " " * indent, " " * (indent + 2)
    prefix = _MODULE[0] + "::" if _MODULE else ""
    if type_ is not None and type_.kind is TypeKind.MODEL and isinstance(value, dict):
        model = _MODELS.get(type_.ref or "")
        if model is not None:
            fields = constructor_fields(model)
            args = [
                example_code(f.type, value[f.json_key], indent + 2)
                if f.json_key in value
                else prefix + "UNSET"
                for f in fields
            ]
            while args and args[-1] == prefix + "UNSET":
                args.pop()
            known = {f.json_key for f in fields}
            extra = {k: v for k, v in value.items() if k not in known}
            if extra and model.extra is not None:
                args.append(f"additional_properties: {literal(extra)}")
            cls = prefix + _CLASS_NAMES[model.id]
            if not args:
                return f"{cls}.new"
            return f"{cls}.new(\n" + ",\n".join(inner + a for a in args) + f"\n{pad})"
    if type_ is not None and type_.kind is TypeKind.ARRAY and isinstance(value, list):
        if not value:
            return "[]"
        items = [inner + example_code(type_.item, v, indent + 2) for v in value]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    if type_ is not None and type_.kind is TypeKind.MAP and isinstance(value, dict) and value:
        items = [
            f"{inner}{literal(str(k))} => {example_code(type_.item, v, indent + 2)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    return literal(value)


def sample(param: Parameter) -> str:
    """A value for a parameter in example code: its spec example, else a placeholder."""
    if param.has_example:
        return literal(param.example)
    placeholders = {TypeKind.INTEGER: "0", TypeKind.NUMBER: "0.0", TypeKind.BOOLEAN: "false"}
    return placeholders.get(param.type.kind, literal(param.wire_name))


def credential_sample(scheme: SecurityScheme, api: Api) -> str:
    """A placeholder credential value for example code."""
    if scheme.kind is SchemeKind.HTTP_BASIC:
        return "['user', 'password']"
    return literal(scheme.key if scheme.kind is SchemeKind.API_KEY else "AccessToken")


FILTERS = {
    "snake": snake,
    "file_name": file_name,
    "pascal": pascal,
    "upper_snake": upper_snake,
    "module_name": module_name,
    "gem_name": gem_name,
    "gem_version": gem_version,
    "literal": literal,
    "comment": comment,
    "comments": comments,
    "tagged": tagged,
    "one_line": one_line,
    "rb_type": rb_type,
    "decoder": decoder,
    "response_decoder": response_decoder,
    "signature": signature,
    "method_params": method_params,
    "wire_value": wire_value,
    "controller_attr": controller_attr,
    "controller_class": controller_class,
    "class_name": class_name,
    "error_name": error_name,
    "model_of": model_of,
    "auth_page": auth_page,
    "auth_title": auth_title,
    "title": title,
    "slug": slug,
    "anchor": anchor,
    "cell": cell,
    "prose": prose,
    "heading": heading,
    "json_block": json_block,
    "doc_type": doc_type,
    "class_page": class_page,
}

TESTS = {"is_secret": is_secret}

GLOBALS = {
    "error_class": error_class,
    "signature_params": signature_params,
    "params_in": params_in,
    "accept": accept,
    "constructor_fields": constructor_fields,
    "exception_fields": exception_fields,
    "credential_arg": credential_arg,
    "oauth_scheme": oauth_scheme,
    "session_login": session_login,
    "scheme_constructor": scheme_constructor,
    "scheme_help": scheme_help,
    "server_url": server_url,
    "enum_member": enum_member,
    "constraints_text": constraints_text,
    "example_code": example_code,
    "sample": sample,
    "credential_sample": credential_sample,
}
