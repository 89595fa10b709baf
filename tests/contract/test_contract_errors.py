"""Every error example of the spec, answered by the mock (chosen with `Prefer` through the
loopback proxy): the generated client raises the exception its status is mapped to."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
import thingspace_m2m.exceptions
from contract_calls import call, first_body, model_class
from contract_cases import ERROR_CASES, FIELD_NAMES, OPERATIONS, ErrorCase, Op, undeclared_status
from contract_servers import Mock, PreferProxy
from thingspace_m2m import ThingSpaceM2MClient
from thingspace_m2m.exceptions import ApiException


@pytest.mark.parametrize("case", ERROR_CASES, ids=[case.id for case in ERROR_CASES])
def test_error_example(
    case: ErrorCase,
    prefer_proxy: Callable[[str], str],
    proxy_server: PreferProxy,
    make_client: Callable[[str], ThingSpaceM2MClient],
    mock: Mock,
) -> None:
    exception_class = getattr(thingspace_m2m.exceptions, case.schema + "Exception")
    assert issubclass(exception_class, ApiException)
    client = make_client(prefer_proxy(f"code={case.status}, example={case.example}"))
    body, has_body = first_body(case.op)

    with pytest.raises(ApiException) as caught:
        call(client, case.op, body, has_body)

    assert mock.only_request()["operationId"] == case.op.operation_id
    exc: Any = caught.value  # a generated subclass: its `model` and fields are checked below
    assert type(exc) is exception_class
    assert exc.status_code == case.status
    assert exc.reason == case.description
    assert proxy_server.last_body is not None
    assert exc.body == proxy_server.last_body.decode("utf-8")
    assert exc.raw_body == proxy_server.last_body
    assert json.loads(exc.body) == case.body
    assert exc.headers["content-type"] == "application/json"
    model = exc.model
    assert isinstance(model, model_class(case.schema))
    assert model.to_dict() == case.body
    for key, value in case.body.items():
        assert getattr(exc, FIELD_NAMES[case.schema][key]) == value, key


def test_default_examples_use_undeclared_statuses() -> None:
    """A `default` example is requested with a status nothing else maps, so that the
    exception proves the `default` mapping."""
    defaults = [case for case in ERROR_CASES if case.key == "default"]
    assert defaults, "the spec has a `default` error example"
    for case in defaults:
        assert not case.op.declares(case.status)


@pytest.mark.parametrize(
    "op",
    [op for op in OPERATIONS if "default" not in op.responses],
    ids=lambda op: f"{op.operation_id}-undeclared",
)
def test_undeclared_status_without_default(
    op: Op,
    prefer_proxy: Callable[[str], str],
    make_client: Callable[[str], ThingSpaceM2MClient],
    mock: Mock,
) -> None:
    """An error status the operation does not document, with no `default`: ApiException."""
    status = undeclared_status(op)
    client = make_client(prefer_proxy(f"code={status}"))
    body, has_body = first_body(op)

    with pytest.raises(ApiException) as caught:
        call(client, op, body, has_body)

    assert type(caught.value) is ApiException
    assert caught.value.status_code == status
    assert mock.only_request()["operationId"] == op.operation_id
