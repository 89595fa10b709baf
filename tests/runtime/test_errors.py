from __future__ import annotations

import pickle
from types import ModuleType
from typing import Any

import pytest


def _exception(rt: ModuleType, body: bytes = b'{"errorCode": "E1"}') -> Any:
    return rt._errors.ApiException(
        status_code=400,
        reason="Bad request.",
        headers={"Content-Type": "application/json"},
        body=body,
    )


def test_hierarchy_has_one_root_and_keeps_transport_errors_apart(rt: ModuleType) -> None:
    e = rt._errors
    for cls in (e.ApiException, e.ApiConnectionError, e.ApiDecodeError, e.MissingCredentialError):
        assert issubclass(cls, e.ApiError)
    assert issubclass(e.ApiTimeoutError, e.ApiConnectionError)
    assert not issubclass(e.ApiConnectionError, e.ApiException)
    assert not issubclass(e.ApiDecodeError, e.ApiException)


def test_api_exception_exposes_status_reason_headers_and_body(rt: ModuleType) -> None:
    exc = _exception(rt)
    assert exc.status_code == 400
    assert exc.reason == "Bad request."
    assert exc.headers["content-type"] == "application/json"
    assert exc.raw_body == b'{"errorCode": "E1"}'
    assert exc.body == '{"errorCode": "E1"}'
    assert exc.json() == {"errorCode": "E1"}


def test_api_exception_headers_are_a_copy(rt: ModuleType) -> None:
    headers = {"X-A": "1"}
    exc = rt._errors.ApiException(status_code=500, reason="r", headers=headers, body=b"")
    headers["X-A"] = "2"
    assert exc.headers["x-a"] == "1"


@pytest.mark.parametrize("body", [b"", b"not json", b"\xff\xfe\x00garbage", b"[" * 100_000])
def test_api_exception_json_is_none_for_bodies_that_are_not_json(
    rt: ModuleType, body: bytes
) -> None:
    assert _exception(rt, body).json() is None


def test_api_exception_body_replaces_invalid_utf8(rt: ModuleType) -> None:
    assert _exception(rt, b"caf\xe9").body == "caf\ufffd"


def test_api_exception_str_names_class_status_reason_and_body_excerpt(rt: ModuleType) -> None:
    assert (
        str(_exception(rt))
        == 'ApiException(status_code=400, reason=\'Bad request.\'): {"errorCode": "E1"}'
    )
    assert str(_exception(rt, b"")) == "ApiException(status_code=400, reason='Bad request.')"
    long = str(_exception(rt, b"x" * 10_000))
    assert len(long) < 300 and long.endswith("\u2026")
    assert "\n" not in str(_exception(rt, b"line 1\nline 2"))


def test_generated_style_subclass_parses_its_fields_and_names_itself(
    security_result_exception: Any,
) -> None:
    exc = security_result_exception(
        status_code=400, reason="Bad request.", headers={}, body=b'{"errorCode":"E1"}'
    )
    assert exc.error_code == "E1"
    assert str(exc).startswith("SecurityResultException(status_code=400, reason='Bad request.')")


def test_exceptions_survive_pickling(rt: ModuleType) -> None:
    e = rt._errors
    api = pickle.loads(pickle.dumps(_exception(rt)))
    assert (type(api), api.status_code, api.reason, api.raw_body) == (
        e.ApiException,
        400,
        "Bad request.",
        b'{"errorCode": "E1"}',
    )
    assert api.headers["CONTENT-TYPE"] == "application/json"
    decode = pickle.loads(
        pickle.dumps(e.ApiDecodeError("bad", status_code=200, headers={"A": "b"}, body=b"x"))
    )
    assert (str(decode), decode.headers["a"]) == ("bad (status_code=200): x", "b")
    missing = pickle.loads(
        pickle.dumps(e.MissingCredentialError("need a key", missing=(("key",),)))
    )
    assert (str(missing), missing.missing) == ("need a key", (("key",),))


def test_decode_error_keeps_the_response(rt: ModuleType) -> None:
    exc = rt._errors.ApiDecodeError(
        "not JSON", status_code=201, headers={"X-Id": "7"}, body=b"<html>"
    )
    assert (exc.status_code, exc.headers["x-id"], exc.raw_body, exc.body) == (
        201,
        "7",
        b"<html>",
        "<html>",
    )
    assert str(exc) == "not JSON (status_code=201): <html>"
