from __future__ import annotations

from types import ModuleType

import pytest

TABLE = {"404": "exact", "4XX": "range", "default": "fallback"}


@pytest.mark.parametrize(
    ("status", "table", "expected"),
    [
        (404, TABLE, "404"),
        (400, TABLE, "4XX"),
        (499, TABLE, "4XX"),
        (500, TABLE, "default"),
        (302, TABLE, "default"),
        (500, {"404": 1, "4XX": 2}, None),
        (200, {}, None),
        (201, {"200": 1, "2XX": 2}, "2XX"),
        (200, {"200": None}, "200"),  # a None value still matches
        (204, {"default": None, "204": None}, "204"),
    ],
)
def test_match_status_prefers_exact_then_range_then_default(
    rt: ModuleType, status: int, table: dict[str, object], expected: str | None
) -> None:
    assert rt._operation.match_status(status, table) == expected


def test_operation_spec_is_frozen_with_empty_defaults(rt: ModuleType) -> None:
    op = rt._operation.OperationSpec(operation_id="op", method="GET", path="/x")
    assert (op.security, dict(op.responses), dict(op.errors)) == ((), {}, {})
    assert op.request_content_type is None and op.accept is None
    with pytest.raises(AttributeError):
        op.method = "POST"


def test_generic_specs_can_be_subscripted_when_constructed(rt: ModuleType) -> None:
    # `Cls[X](...)` sets `__orig_class__` on the instance, which these immutable classes refuse.
    op = rt._operation.OperationSpec[int](operation_id="op", method="GET", path="/x")
    response = rt._response.ApiResponse[int](
        status_code=200, reason_phrase="OK", headers={}, raw_body=b"", data=1
    )
    assert (op.path, response.data) == ("/x", 1)
