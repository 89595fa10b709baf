"""The intermediate representation: what the API is, with no target language in it.

The builder makes these from a spec; template packs read only these. Everything
is frozen, and names are carried as words (`Name`) so each pack spells them in
its own language's case and reserved-word rules.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

JsonValue = Any  # a value as JSON decodes it: dict, list, str, int, float, bool or None

# In ASCII, what `("_" + c).isidentifier()` rejects, for the fast path of `Name.key`.
_ASCII_NON_IDENTIFIER = re.compile(r"[^a-z0-9_]")


@dataclass(frozen=True, slots=True)
class Name:
    """An identifier as words, e.g. `assignLicenseToDevices` -> assign, License, To, Devices.

    `original` is the spelling in the spec (a JSON key, an operationId, a tag);
    packs join `words` in their own case style.
    """

    original: str
    words: tuple[str, ...]

    @property
    def key(self) -> str:
        """What two names must differ in to stay distinct in every case style.

        The words joined with no separator, lower case: PascalCase joins them so,
        and `FooBar` + (2) must not meet `FooBar2`. NFKC-normalised first, as
        identifiers are (`ﬁle` and `file` are one name to Python), and with the
        characters no identifier may hold made `_`, as packs spell them.
        """
        return _key(self.words)


# Name scopes ask for the key of the same field and value names over and over.
@functools.lru_cache(maxsize=16384)
def _key(words: tuple[str, ...]) -> str:
    text = "".join(words)
    if text.isascii():  # NFKC leaves ASCII as it is; names are almost always ASCII
        return _ASCII_NON_IDENTIFIER.sub("_", text.lower())
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(c if ("_" + c).isidentifier() else "_" for c in text)


class TypeKind(enum.StrEnum):
    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    ANY = "any"
    ARRAY = "array"
    MAP = "map"
    MODEL = "model"
    ENUM = "enum"
    UNION = "union"  # one of `variants` (oneOf / anyOf / a 3.1 type array)
    BINARY = "binary"  # raw bytes: a file upload or download, `format: binary`


@dataclass(frozen=True, slots=True)
class Discriminator:
    """How a union's value names its variant: the `property` holding a tag, and tag -> model id.

    `mapping` lists every tag the spec gives, explicit (`discriminator.mapping`) or
    implicit (the component name of each `$ref` variant), in document order.
    """

    property: str
    mapping: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class TypeRef:
    """A use of a type: a primitive, a container of another type, a named model/enum, or a union.

    `format` is the spec's format of a primitive (`date`, `date-time`, `uuid`, `byte`,
    `int64` ...); packs decide which formats get a type of their own.
    """

    kind: TypeKind
    format: str | None = None
    item: TypeRef | None = None  # ARRAY items and MAP values
    ref: str | None = None  # MODEL / ENUM: the id of the model or enum
    nullable: bool = False
    variants: tuple[TypeRef, ...] = ()  # UNION: the alternatives, in the spec's order
    discriminator: Discriminator | None = None  # UNION: when the value names its variant

    def walk(self) -> tuple[TypeRef, ...]:
        """This type and every type nested in it (items, map values, variants), depth first."""
        found: list[TypeRef] = []
        pending: list[TypeRef] = [self]
        while pending:
            current = pending.pop()
            found.append(current)
            pending.extend(reversed(current.variants))
            if current.item is not None:
                pending.append(current.item)
        return tuple(found)


@dataclass(frozen=True, slots=True)
class Constraints:
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_items: int | None = None
    max_items: int | None = None

    def any(self) -> bool:
        return any(getattr(self, f) is not None for f in self.__slots__)


@dataclass(frozen=True, slots=True)
class Example:
    name: str
    summary: str
    value: JsonValue


@dataclass(frozen=True, slots=True)
class Field:
    name: Name
    json_key: str
    type: TypeRef
    required: bool
    description: str
    constraints: Constraints = Constraints()
    read_only: bool = False
    write_only: bool = False
    has_default: bool = False
    default: JsonValue = None


@dataclass(frozen=True, slots=True)
class Model:
    id: str
    name: Name
    description: str
    fields: tuple[Field, ...]
    where: str  # JSON pointer of the schema
    examples: tuple[Example, ...] = ()
    extra: TypeRef | None = None  # type of additionalProperties values; ANY keeps unknown keys


@dataclass(frozen=True, slots=True)
class EnumValue:
    name: Name
    value: str | int


@dataclass(frozen=True, slots=True)
class Enum:
    id: str
    name: Name
    description: str
    base: TypeKind  # STRING or INTEGER
    values: tuple[EnumValue, ...]
    where: str


class ParamLocation(enum.StrEnum):
    PATH = "path"
    QUERY = "query"
    HEADER = "header"
    COOKIE = "cookie"


@dataclass(frozen=True, slots=True)
class Parameter:
    name: Name
    wire_name: str
    location: ParamLocation
    required: bool
    type: TypeRef
    description: str
    style: str
    explode: bool
    constraints: Constraints = Constraints()
    example: JsonValue = None
    has_example: bool = False
    deprecated: bool = False
    allow_reserved: bool = False  # QUERY: reserved characters (`/?:@...`) go unencoded
    content_type: str | None = None  # given by `content` (e.g. JSON): the value is serialised so
    has_default: bool = False
    default: JsonValue = None


class BodyKind(enum.StrEnum):
    """How a request body is put on the wire, decided from its media type."""

    JSON = "json"
    FORM = "form"  # application/x-www-form-urlencoded
    MULTIPART = "multipart"  # multipart/form-data (and other multipart/*)
    TEXT = "text"  # text/*: a string sent as UTF-8
    BINARY = "binary"  # anything else: raw bytes


@dataclass(frozen=True, slots=True)
class Encoding:
    """How one property of a form or multipart body is encoded (the spec's `encoding` map)."""

    property: str  # JSON key of the property
    style: str  # form, spaceDelimited, pipeDelimited or deepObject
    explode: bool
    content_type: str | None = None  # multipart: the part's media type when the spec gives one
    allow_reserved: bool = False


@dataclass(frozen=True, slots=True)
class RequestBody:
    content_type: str
    type: TypeRef
    required: bool
    description: str
    examples: tuple[Example, ...] = ()
    kind: BodyKind = BodyKind.JSON
    encodings: tuple[Encoding, ...] = ()  # FORM / MULTIPART: per-property encoding


@dataclass(frozen=True, slots=True)
class Response:
    """A success response: a status key ("200", "2XX" or "default") and what it carries."""

    status: str
    description: str
    content_type: str | None
    type: TypeRef | None
    examples: tuple[Example, ...] = ()
    kind: BodyKind = BodyKind.JSON  # how the body is read: JSON, TEXT or BINARY


@dataclass(frozen=True, slots=True)
class ErrorType:
    """An exception class, one per error schema; `model` is that schema's model id."""

    id: str
    name: Name
    model: str | None
    description: str


@dataclass(frozen=True, slots=True)
class ErrorMapping:
    """An error status key ("404", "4XX" or "default") -> exception type and description."""

    status: str
    description: str
    error: str | None  # ErrorType id; None: the base exception (no schema to parse)
    content_type: str | None
    examples: tuple[Example, ...] = ()


class SchemeKind(enum.StrEnum):
    API_KEY = "api_key"
    HTTP_BEARER = "http_bearer"
    HTTP_BASIC = "http_basic"
    OAUTH2_CLIENT_CREDENTIALS = "oauth2_client_credentials"
    OAUTH2_OTHER = "oauth2_other"
    OPENID_CONNECT = "openid_connect"


@dataclass(frozen=True, slots=True)
class SessionLogin:
    """How a client obtains an API-key scheme's value by itself (the `x-session-login` extension).

    It calls `operation` (whose request body holds the credentials, e.g. username and
    password) and reads the key from `token_field` of the response.
    """

    operation: str  # operationId of the login operation
    token_field: str  # JSON key of the token in the login response


@dataclass(frozen=True, slots=True)
class SecurityScheme:
    key: str  # the name under components/securitySchemes
    name: Name
    kind: SchemeKind
    description: str
    location: ParamLocation | None = None  # API_KEY: where the key goes
    parameter: str | None = None  # API_KEY: header/query/cookie name
    token_url: str | None = None  # OAUTH2_CLIENT_CREDENTIALS
    scopes: tuple[tuple[str, str], ...] = ()
    login: SessionLogin | None = None  # API_KEY: how the client can obtain the key itself


@dataclass(frozen=True, slots=True)
class SecurityRequirement:
    """All of `schemes` at once (AND); an operation's requirements are alternatives (OR)."""

    schemes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ServerVariable:
    name: Name
    default: str
    enum: tuple[str, ...]
    description: str


@dataclass(frozen=True, slots=True)
class Server:
    url: str
    name: Name
    description: str
    variables: tuple[ServerVariable, ...] = ()


class HttpMethod(enum.StrEnum):
    GET = "GET"
    PUT = "PUT"
    POST = "POST"
    DELETE = "DELETE"
    OPTIONS = "OPTIONS"
    HEAD = "HEAD"
    PATCH = "PATCH"
    TRACE = "TRACE"


@dataclass(frozen=True, slots=True)
class Operation:
    id: str
    name: Name
    summary: str
    description: str
    method: HttpMethod
    path: str
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    responses: tuple[Response, ...]
    errors: tuple[ErrorMapping, ...]
    security: tuple[SecurityRequirement, ...]
    where: str
    deprecated: bool = False
    # The operation's own servers (`servers` on it or its path) when they differ from the
    # API's: e.g. Stripe's file uploads go to files.stripe.com. Empty: the API's servers.
    servers: tuple[Server, ...] = ()

    @property
    def result(self) -> Response | None:
        """The response a call returns as its data: the first declared success."""
        return self.responses[0] if self.responses else None


@dataclass(frozen=True, slots=True)
class Controller:
    name: Name
    description: str
    operations: tuple[Operation, ...]


@dataclass(frozen=True, slots=True)
class Api:
    title: str
    version: str
    description: str
    client_name: Name
    package_name: Name
    servers: tuple[Server, ...]
    security_schemes: tuple[SecurityScheme, ...]
    controllers: tuple[Controller, ...]
    models: tuple[Model, ...]
    enums: tuple[Enum, ...]
    errors: tuple[ErrorType, ...]
    spec_sha256: str = ""
