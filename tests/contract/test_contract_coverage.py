"""The case lists cover every example of the spec: a new example cannot be skipped silently."""

from __future__ import annotations

from contract_cases import (
    ERROR_CASES,
    OPERATIONS,
    REQUEST_CASES,
    RESPONSE_CASES,
    ROOT,
    count_examples,
)


def test_every_operation_has_cases() -> None:
    operation_ids = {
        node["operationId"]
        for item in ROOT["paths"].values()
        for node in item.values()
        if isinstance(node, dict) and "operationId" in node
    }
    assert len(OPERATIONS) == len(operation_ids) == 5
    assert {case.op.operation_id for case in REQUEST_CASES} == operation_ids
    assert {case.op.operation_id for case in RESPONSE_CASES} == operation_ids


def test_one_request_case_per_body_example() -> None:
    counted = count_examples()["request"]
    with_body = {operation_id for operation_id, _, _ in counted}
    without_body = [op.operation_id for op in OPERATIONS if op.operation_id not in with_body]
    expected = [f"{op_id}-{name}" for op_id, _, name in counted]
    expected += [f"{op_id}-no-body" for op_id in without_body]
    assert sorted(case.id for case in REQUEST_CASES) == sorted(expected)
    assert len(REQUEST_CASES) >= 7  # the spec today: 5 request-body examples, 2 bodiless calls


def test_one_case_per_success_response_example() -> None:
    counted = count_examples()["success"]
    expected = [f"{op_id}-{key}-{name}" for op_id, key, name in counted]
    assert sorted(case.id for case in RESPONSE_CASES) == sorted(expected)
    assert len(RESPONSE_CASES) >= len(OPERATIONS)


def test_one_case_per_error_example() -> None:
    counted = count_examples()["error"]
    expected = [f"{op_id}-{key}-{name}" for op_id, key, name in counted]
    assert sorted(case.id for case in ERROR_CASES) == sorted(expected)
    assert len(set(expected)) == len(expected)
    assert len(ERROR_CASES) >= 16  # the spec's error examples today
