"""Calling the generated client for a spec-derived case, and checking what the mock saw."""

from __future__ import annotations

import copy
import json
from typing import Any

import thingspace_m2m.models
from contract_cases import (
    JSON,
    REQUEST_CASES,
    Op,
    auth_headers,
    call_arguments,
    expected_path,
    expected_query,
)
from thingspace_m2m import ApiResponse, ThingSpaceM2MClient

Record = dict[str, Any]
"""A request as the mock recorded it: method, path, query, headers, body, operationId."""

# Headers the HTTP stack may add on its own; any other header must be one the case expects.
_FRAMING = {"host", "user-agent", "content-length", "accept-encoding", "connection"}


def model_class(schema: str) -> Any:
    """The generated model class of a component schema, found by the schema's name."""
    return getattr(thingspace_m2m.models, schema)


def headers_named(record: Record, name: str) -> list[str]:
    """The values of header `name` (case-insensitive) in a recorded request."""
    return [value for key, value in record["headers"] if key.lower() == name.lower()]


def first_body(op: Op) -> tuple[Any, bool]:
    """The body model of the operation's first request case, and whether it has a body."""
    case = next(c for c in REQUEST_CASES if c.op is op)
    if case.body_schema is None:
        return None, False
    return model_class(case.body_schema).from_dict(copy.deepcopy(case.body)), True


def call(client: ThingSpaceM2MClient, op: Op, body: Any, has_body: bool) -> ApiResponse[Any]:
    """Call the operation's method with the spec's parameter examples."""
    controller = getattr(client, op.names.controller)
    method = getattr(controller, op.names.method)
    args, kwargs = call_arguments(op, body, has_body)
    response: ApiResponse[Any] = method(*args, **kwargs)
    return response


def assert_request(record: Record, op: Op, body: Any, has_body: bool) -> None:
    """The recorded request is the operation's, with the example's parameters and body."""
    assert record["operationId"] == op.operation_id
    assert record["method"] == op.method
    assert record["path"] == expected_path(op)
    assert record["query"] == expected_query(op)

    names = [name.lower() for name, _ in record["headers"]]
    assert len(names) == len(set(names)), f"a header is repeated: {record['headers']}"
    expected: dict[str, str] = {"accept": JSON}
    if has_body:
        expected["content-type"] = JSON
    for param in op.params:
        if param.location == "header":
            expected[param.name.lower()] = str(param.example)
    schemes = auth_headers()
    for key in op.security:
        name, value = schemes[key]
        expected[name.lower()] = value
    for name, value in expected.items():
        assert headers_named(record, name) == [value], name
    for key, (name, _) in schemes.items():
        if key not in op.security:
            assert headers_named(record, name) == [], f"{name} sent without being required"
    unexpected = set(names) - set(expected) - _FRAMING
    assert not unexpected, f"unexpected headers: {unexpected}"

    if has_body:
        assert json.loads(record["body"]) == body
    else:
        assert record["body"] == ""
        assert headers_named(record, "content-type") == []
