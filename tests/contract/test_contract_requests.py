"""Every request-body example of the spec, sent by the generated client to the mock:
the request on the wire must be the example, the decoded response the example response."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable

import pytest
from contract_calls import assert_request, call, first_body, headers_named, model_class
from contract_cases import (
    ACCESS_TOKEN,
    JSON,
    OPERATIONS,
    REQUEST_CASES,
    RESPONSE_CASES,
    Op,
    RequestCase,
    ResponseCase,
    auth_headers,
    call_arguments,
)
from contract_servers import Mock
from thingspace_m2m import ThingSpaceM2MClient
from thingspace_m2m.exceptions import MissingCredentialError


@pytest.mark.parametrize("case", REQUEST_CASES, ids=[case.id for case in REQUEST_CASES])
def test_request_example(case: RequestCase, client: ThingSpaceM2MClient, mock: Mock) -> None:
    has_body = case.body_schema is not None
    body = (
        model_class(case.body_schema).from_dict(copy.deepcopy(case.body))
        if case.body_schema is not None
        else None
    )

    response = call(client, case.op, body, has_body)

    assert_request(mock.only_request(), case.op, case.body, has_body)
    assert response.status_code == case.response_status
    assert isinstance(response.data, model_class(case.response_schema))
    assert response.data.to_dict() == case.response_body
    assert json.loads(response.raw_body) == case.response_body
    assert response.headers["content-type"] == JSON


@pytest.mark.parametrize("case", RESPONSE_CASES, ids=[case.id for case in RESPONSE_CASES])
def test_response_example(
    case: ResponseCase,
    prefer_proxy: Callable[[str], str],
    make_client: Callable[[str], ThingSpaceM2MClient],
    mock: Mock,
) -> None:
    """Each named success example, chosen with `Prefer`, decodes to itself."""
    body, has_body = first_body(case.op)
    client = make_client(prefer_proxy(f"code={case.status}, example={case.example}"))

    response = call(client, case.op, body, has_body)

    assert mock.only_request()["operationId"] == case.op.operation_id
    assert response.status_code == case.status
    assert isinstance(response.data, model_class(case.schema))
    assert response.data.to_dict() == case.body


def test_optional_header_left_out(client: ThingSpaceM2MClient, mock: Mock) -> None:
    """An optional header parameter that is not given is not sent."""
    cases = [
        case
        for case in REQUEST_CASES
        if any(p.location == "header" and not p.required for p in case.op.params)
    ]
    assert cases, "the spec has an operation with an optional header"
    for case in cases:
        mock.clear()
        optional = {p.argument for p in case.op.params if p.location == "header" and not p.required}
        body = None
        if case.body_schema is not None:
            body = model_class(case.body_schema).from_dict(copy.deepcopy(case.body))
        args, kwargs = call_arguments(case.op, body, case.body_schema is not None)
        method = getattr(getattr(client, case.op.names.controller), case.op.names.method)
        method(*args, **{k: v for k, v in kwargs.items() if k not in optional})
        record = mock.only_request()
        for param in case.op.params:
            if param.location == "header" and not param.required:
                assert headers_named(record, param.name) == [], param.name


def test_optional_body_left_out(client: ThingSpaceM2MClient, mock: Mock) -> None:
    """An optional request body that is not given: no body and no Content-Type are sent."""
    ops = {
        case.op.operation_id: case.op
        for case in REQUEST_CASES
        if case.body_schema is not None
        and not (case.op.node.get("requestBody") or {}).get("required", False)
    }
    assert ops, "the spec has an operation with an optional body"
    for op in ops.values():
        mock.clear()
        response = call(client, op, None, has_body=False)
        assert_request(mock.only_request(), op, None, has_body=False)
        assert response.status_code == 200


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.operation_id for op in OPERATIONS])
def test_only_the_access_token(op: Op, mock: Mock) -> None:
    """A client given only the access token calls the operations whose security needs
    nothing else, and refuses the others before sending anything."""
    bearer = {key for key, (name, _) in auth_headers().items() if name == "Authorization"}
    case = next(c for c in REQUEST_CASES if c.op is op)
    body, has_body = first_body(op)
    with ThingSpaceM2MClient(access_token=ACCESS_TOKEN, base_url=mock.url, timeout=5) as client:
        if set(op.security) <= bearer:
            assert call(client, op, body, has_body).status_code == 200
            assert_request(mock.only_request(), op, case.body, has_body)
        else:
            with pytest.raises(MissingCredentialError):
                call(client, op, body, has_body)
            assert mock.requests() == []
