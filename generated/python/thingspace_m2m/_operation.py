"""The static description of one API operation, and how a status picks its handling."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from ._errors import ApiException

T = TypeVar("T")
V = TypeVar("V")

Decoder = Callable[[Any], Any]
"""Turns a parsed JSON value into the documented type, e.g. ``Model.from_dict``."""


@dataclasses.dataclass(frozen=True, slots=True)
class ErrorSpec:
    """How a documented error status is raised.

    Attributes:
        exception: the class to raise; built with the keyword arguments of
            :class:`ApiException`.
        reason: the API's description of the status, e.g. ``"Bad request."``.
    """

    exception: type[ApiException]
    reason: str


# No slots: on Python 3.10, `OperationSpec[X](...)` fails on a frozen dataclass with slots.
@dataclasses.dataclass(frozen=True)
class OperationSpec(Generic[T]):
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

    operation_id: str
    method: str
    path: str
    security: tuple[tuple[str, ...], ...] = ()
    responses: Mapping[str, Decoder | None] = dataclasses.field(default_factory=dict)
    errors: Mapping[str, ErrorSpec] = dataclasses.field(default_factory=dict)
    request_content_type: str | None = None
    accept: str | None = None
    response_kinds: Mapping[str, str] = dataclasses.field(default_factory=dict)
    server: str | None = None


def match_status(status: int, table: Mapping[str, V]) -> str | None:
    """Return the key of ``table`` that handles ``status``, or ``None`` if none does.

    The exact code (``"404"``) wins over its range (``"4XX"``, upper-case ``X``
    as in OpenAPI), which wins over ``"default"``.
    """
    for key in (str(status), f"{status // 100}XX", "default"):
        if key in table:
            return key
    return None
