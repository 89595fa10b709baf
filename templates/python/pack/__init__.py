"""Python spelling of the IR: names, types, literals, docstrings, (de)serialisation code.

The generator reads `FILTERS`, `TESTS`, `prepare`, `finish` and `finish_key` from here; each
concept lives in a module of its own:

- `names`: identifiers (snake, Pascal, UPPER case), reserved words, colliding class names;
- `text`: spec text as Python literals, docstrings, comments and markdown;
- `index`: the per-render tables `prepare()` fills (class, module and union names by id);
- `types`: annotations, JSON decode/encode expressions, field defaults;
- `unions`: union decoders, their names and the variant a value fits;
- `operations`: method signatures, parameters' wire values, bodies, responses;
- `imports`: the import lines of generated modules;
- `auth`: credential arguments, security schemes, session login;
- `docs`: page titles, doc types, constraints, example code;
- `tidy_imports`: each module's import header without unused names, sorted as ruff sorts;
- `formatting`: the import and ruff passes over the generated files (the `finish` step).
"""

from __future__ import annotations

from generator.ir import Api

from . import index, unions
from .auth import (
    auth_imports,
    credential_arg,
    credential_type,
    is_secret,
    oauth_scheme,
    scheme_constructor,
    scheme_help,
    secret_fields,
    session_login,
)
from .docs import (
    constraints_text,
    doc_type,
    error_page,
    example_code,
    example_models,
    sample,
    slug,
    title,
)
from .formatting import finish, finish_key
from .imports import (
    controller_imports,
    decoded_classes,
    model_imports,
    runtime_imports,
    type_checking_imports,
)
from .index import (
    class_name,
    error_class,
    error_name,
    model_module,
    model_of,
    union_function,
)
from .names import (
    constant,
    controller_attr,
    controller_class,
    enum_member,
    error_field,
    module,
    pascal,
    snake,
    upper_snake,
)
from .operations import (
    accept,
    body_lines,
    decoder_sources,
    params_in,
    response_decoder,
    response_kinds,
    result_type,
    signature_params,
    wire_value,
)
from .text import (
    anchor,
    cell,
    comment,
    docstring,
    entry,
    heading,
    json_block,
    literal,
    one_line,
    pep440,
    prose,
    server_url,
)
from .types import (
    any_field,
    constructor_fields,
    decode,
    default_value,
    encode,
    field_type,
    is_required,
    model_types,
    py_type,
    slot_names,
)
from .unions import union_source, unions_in

__all__ = ["FILTERS", "TESTS", "finish", "finish_key", "prepare"]


def prepare(api: Api) -> None:
    """Called by the generator before rendering: index what the filters look up by id."""
    index.fill(api)
    unions.name_unions(api)


# Every helper is a filter, none a global: Jinja copies each global into every render's
# context (each file's, and its path's: a few ms per global on Stripe's 5,000 files) and
# calls a global through `Context.call`, while a filter is looked up once per template.
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
    "pep440": pep440,
    "title": title,
    "slug": slug,
    "anchor": anchor,
    "cell": cell,
    "prose": prose,
    "heading": heading,
    "json_block": json_block,
    "doc_type": doc_type,
    "model_module": model_module,
    "model_of": model_of,
    "error_field": error_field,
    "union_function": union_function,
    "error_page": error_page,
    "model_imports": model_imports,
    "decoded_classes": decoded_classes,
    "model_types": model_types,
    "constructor_fields": constructor_fields,
    "slot_names": slot_names,
    "any_field": any_field,
    "runtime_imports": runtime_imports,
    "type_checking_imports": type_checking_imports,
    "unions_in": unions_in,
    "union_source": union_source,
    "default_value": default_value,
    "body_lines": body_lines,
    "result_type": result_type,
    "response_decoder": response_decoder,
    "decoder_sources": decoder_sources,
    "response_kinds": response_kinds,
    "accept": accept,
    "error_class": error_class,
    "signature_params": signature_params,
    "params_in": params_in,
    "controller_imports": controller_imports,
    "credential_arg": credential_arg,
    "oauth_scheme": oauth_scheme,
    "session_login": session_login,
    "secret_fields": secret_fields,
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

TESTS = {"is_secret": is_secret, "is_required": is_required}
