"""The static description of one API operation, and how a status picks its handling."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from ._errors import ApiException
from ._record import Frozen

T = TypeVar("T")
V = TypeVar("V")

Decoder = Callable[[Any], Any]
"""Turns a parsed JSON value into the documented type, e.g. ``Model.from_dict``."""


class ErrorSpec(Frozen):
    """How a documented error status is raised.

    Attributes:
        exception: the class to raise; built with the keyword arguments of
            :class:`ApiException`.
        reason: the API's description of the status, e.g. ``"Bad request."``.
    """

    __slots__ = ("exception", "reason")

    exception: type[ApiException]
    reason: str

    def __init__(self, exception: type[ApiException], reason: str) -> None:
        object.__setattr__(self, "exception", exception)
        object.__setattr__(self, "reason", reason)


class OperationSpec(Frozen, Generic[T]):
    """Everything the client needs to call one operation, fixed when the package
    is generated. ``T`` is the type of ``ApiResponse.data`` and is given
    explicitly, e.g. ``ASSIGN: OperationSpec[SecuritySuccessResult] = OperationSpec(...)``.

    Attributes:
        operation_id: the operation's id, used in error messages.
        method: the HTTP method, upper case.
        path: the path template, e.g. ``"/v1/items/{itemId}"``.
        security: the alternatives of scheme names that authorize the call
            (see ``Requirements`` in ``_auth``); ``()`` means no credentials.
        responses: decoders for success statuses, keyed by code (``"200"``),
            range (``"2XX"``) or ``"default"``; a ``None`` decoder means the
            response has no body and ``data`` is ``None``.
        errors: how error statuses are raised, keyed the same way.
        request_content_type: the media type of the request body, or ``None``
            when the operation takes no body.
        accept: the ``accept`` header to send, or ``None`` to send none.
        server: the operation's own base URL when the API serves it elsewhere
            (e.g. uploads on another host), else ``None``; a client given an
            explicit ``base_url`` sends every operation there.
        response_kinds: how success bodies are read, keyed like ``responses``:
            ``"bytes"`` (``data`` is the body as received, e.g. a download) or
            ``"text"`` (``data`` is the body decoded as text); any other key is
            JSON, passed through its decoder.
    """

    __slots__ = (
        "operation_id",
        "method",
        "path",
        "security",
        "responses",
        "errors",
        "request_content_type",
        "accept",
        "response_kinds",
        "server",
    )

    operation_id: str
    method: str
    path: str
    security: tuple[tuple[str, ...], ...]
    responses: Mapping[str, Decoder | None]
    errors: Mapping[str, ErrorSpec]
    request_content_type: str | None
    accept: str | None
    response_kinds: Mapping[str, str]
    server: str | None

    def __init__(
        self,
        operation_id: str,
        method: str,
        path: str,
        security: tuple[tuple[str, ...], ...] = (),
        responses: Mapping[str, Decoder | None] | None = None,
        errors: Mapping[str, ErrorSpec] | None = None,
        request_content_type: str | None = None,
        accept: str | None = None,
        response_kinds: Mapping[str, str] | None = None,
        server: str | None = None,
    ) -> None:
        object.__setattr__(self, "operation_id", operation_id)
        object.__setattr__(self, "method", method)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "security", security)
        object.__setattr__(self, "responses", {} if responses is None else responses)
        object.__setattr__(self, "errors", {} if errors is None else errors)
        object.__setattr__(self, "request_content_type", request_content_type)
        object.__setattr__(self, "accept", accept)
        object.__setattr__(self, "response_kinds", {} if response_kinds is None else response_kinds)
        object.__setattr__(self, "server", server)


def match_status(status: int, table: Mapping[str, V]) -> str | None:
    """Return the key of ``table`` that handles ``status``, or ``None`` if none does.

    The exact code (``"404"``) wins over its range (``"4XX"``, upper-case ``X``
    as in OpenAPI), which wins over ``"default"``.
    """
    for key in (str(status), f"{status // 100}XX", "default"):
        if key in table:
            return key
    return None
