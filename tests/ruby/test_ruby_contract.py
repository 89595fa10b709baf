"""Contract tests of the generated Ruby client: the spec's examples over real HTTP.

The cases are those of tests/contract (derived from the spec, never listed by hand); the
Ruby names they call come from the Ruby pack's own filters applied to the IR, as the
templates name them. One Ruby process (contract_runner.rb) makes every call against the
mock server and reports the request the mock recorded and what the client returned or
raised; the assertions here are the same as for the Python client: the request on the wire
equals the example, the decoded response equals the example response, and each error
example raises its mapped exception with its fields.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from ruby_run import run_jobs
from support.mock_process import MockProcess

REPO_ROOT = Path(__file__).resolve().parents[2]
for _entry in (str(REPO_ROOT / "tests" / "contract"), str(REPO_ROOT)):
    if _entry not in sys.path:
        sys.path.insert(0, _entry)

from contract_cases import (  # noqa: E402
    DOCUMENT,
    ERROR_CASES,
    JSON,
    OPERATIONS,
    REQUEST_CASES,
    RESPONSE_CASES,
    SPEC_PATH,
    Op,
    auth_headers,
    expected_path,
    expected_query,
    undeclared_status,
)

from generator.build import build_api  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.packs import load_pack  # noqa: E402

ACCESS_TOKEN = "ruby-contract-access-token-5e0b"
VZ_M2M_TOKEN = "ruby-contract-vz-m2m-token-91c3"
# Headers the HTTP stack adds on its own; any other header must be one the case expects.
_FRAMING = {"host", "user-agent", "content-length", "accept-encoding", "connection"}

# -- Ruby names, as the Ruby pack spells them -------------------------------------------

_PACK = load_pack("ruby")
_API = build_api(DOCUMENT, load_config(SPEC_PATH))[0]
assert _PACK.prepare is not None
_PACK.prepare(_API)
_F = _PACK.filters
RUBY: dict[str, tuple[str, str, dict[tuple[str, str], str]]] = {
    op.id: (
        _F["controller_attr"](controller),
        _F["snake"](op.name),
        {(str(p.location), p.wire_name): _F["snake"](p.name) for p in op.parameters},
    )
    for controller in _API.controllers
    for op in controller.operations
}
CLASS = {model.id: _F["class_name"](model.id) for model in _API.models}
ERROR_CLASS = {error.model: _F["error_name"](error.id) for error in _API.errors}
FIELDS = {m.id: {f.json_key: _F["snake"](f.name) for f in m.fields} for m in _API.models}


def _first_body(op: Op) -> dict[str, Any] | None:
    case = next(c for c in REQUEST_CASES if c.op is op)
    return None if case.body_schema is None else {"schema": case.body_schema, "json": case.body}


def _body_required(op: Op) -> bool:
    return bool((op.node.get("requestBody") or {}).get("required", False))


def _job(
    job_id: str,
    op: Op,
    url: str,
    body: dict[str, Any] | None,
    *,
    prefer: str | None = None,
    optional: bool = True,
    client: dict[str, Any] | None = None,
    schema: str | None = None,
) -> dict[str, Any]:
    controller, method, names = RUBY[op.operation_id]
    args = [p.example for p in op.params if p.required]
    kwargs = {
        names[(p.location, p.name)]: p.example for p in op.params if optional and not p.required
    }
    return {
        "id": job_id,
        "mock": url,
        "client": client
        or {
            "access_token": ACCESS_TOKEN,
            "vz_m2m_token": VZ_M2M_TOKEN,
            "base_url": url,
            "timeout": 5,
            "max_retries": 0,
        },
        "controller": controller,
        "method": method,
        "args": args,
        "kwargs": kwargs,
        "body": body,
        "body_keyword": not _body_required(op),
        "prefer": prefer,
        "fields": FIELDS.get(schema or "", {}),
    }


# Model semantics, written as a Ruby user writes them (DESIGN.md §5 and §6).
ASSIGN = next(op for op in OPERATIONS if op.operation_id == "assignLicenseToDevices")
M = "ThingSpaceM2M::"
MODEL_CASES: dict[str, tuple[str, str]] = {
    "reference-call": (
        f"{M}AssignLicenseRequest.new('0000123456-00001', [{M}LicenseDeviceList.new("
        f"[{M}LicenseDeviceId.new('864508030109877', 'IMEI')])], 'SIMSec-IoT-Lt')",
        '{"accountName":"0000123456-00001","devices":[{"deviceIds":[{"id":"864508030109877",'
        '"kind":"IMEI"}]}],"skuNumber":"SIMSec-IoT-Lt"}',
    ),
    "unset-left-out": (
        f"{M}AssignLicenseRequest.new({M}UNSET, [{M}LicenseDeviceList.new("
        f"[{M}LicenseDeviceId.new('89148000000800784259')])], 'SIMSec-IoT')",
        '{"devices":[{"deviceIds":[{"id":"89148000000800784259"}]}],"skuNumber":"SIMSec-IoT"}',
    ),
    "empty-model": (f"{M}AssignLicenseRequest.new", "{}"),
    "nil-is-null": (
        f"{M}AssignLicenseRequest.new(nil, [{M}LicenseDeviceList.new("
        f"[{M}LicenseDeviceId.new('864508030109877', nil)])], 'SIMSec-IoT-Lt')",
        '{"accountName":null,"devices":[{"deviceIds":[{"id":"864508030109877","kind":null}]}],'
        '"skuNumber":"SIMSec-IoT-Lt"}',
    ),
    "additional-properties": (
        f"{M}AssignLicenseRequest.new({M}UNSET, {M}UNSET, 'SIMSec-IoT', "
        "additional_properties: { 'futureField' => { 'nested' => [1, nil, 'x'] } })",
        '{"futureField":{"nested":[1,null,"x"]},"skuNumber":"SIMSec-IoT"}',
    ),
}
NO_DEFAULT = [op for op in OPERATIONS if "default" not in op.responses]
OPTIONAL_HEADER = [
    c for c in REQUEST_CASES if any(p.location == "header" and not p.required for p in c.op.params)
]
OPTIONAL_BODY = [op for op in OPERATIONS if op.node.get("requestBody") and not _body_required(op)]


@pytest.fixture(scope="module")
def reports(ruby: str, ruby_mock: MockProcess, tmp_path_factory: pytest.TempPathFactory) -> Any:
    url = ruby_mock.url
    jobs = []
    for case in REQUEST_CASES:
        body = None if case.body_schema is None else {"schema": case.body_schema, "json": case.body}
        jobs.append(_job(f"request:{case.id}", case.op, url, body))
    for rcase in RESPONSE_CASES:
        prefer = f"code={rcase.status}, example={rcase.example}"
        jobs.append(
            _job(f"response:{rcase.id}", rcase.op, url, _first_body(rcase.op), prefer=prefer)
        )
    for ecase in ERROR_CASES:
        prefer = f"code={ecase.status}, example={ecase.example}"
        jobs.append(
            _job(
                f"error:{ecase.id}",
                ecase.op,
                url,
                _first_body(ecase.op),
                prefer=prefer,
                schema=ecase.schema,
            )
        )
    for op in NO_DEFAULT:
        prefer = f"code={undeclared_status(op)}"
        jobs.append(_job(f"undeclared:{op.operation_id}", op, url, _first_body(op), prefer=prefer))
    for case in OPTIONAL_HEADER:
        body = None if case.body_schema is None else {"schema": case.body_schema, "json": case.body}
        jobs.append(_job(f"no-optional-header:{case.id}", case.op, url, body, optional=False))
    for op in OPTIONAL_BODY:
        jobs.append(_job(f"no-body:{op.operation_id}", op, url, None))
    for op in OPERATIONS:
        only = {"access_token": ACCESS_TOKEN, "base_url": url, "timeout": 5, "max_retries": 0}
        jobs.append(_job(f"only-token:{op.operation_id}", op, url, _first_body(op), client=only))
    for name, (code, _) in MODEL_CASES.items():
        jobs.append(_job(f"model:{name}", ASSIGN, url, {"code": code}, optional=False))
    # DESIGN.md §6 passes the optional header as `x_request_id: nil`: it is then not sent.
    jobs[-len(MODEL_CASES)]["kwargs"] = {"x_request_id": None}
    return run_jobs(ruby, "contract_runner.rb", jobs, tmp_path_factory.mktemp("contract"))


def _headers(record: dict[str, Any], name: str) -> list[str]:
    return [value for key, value in record["headers"] if key.lower() == name.lower()]


def _only_request(report: dict[str, Any]) -> dict[str, Any]:
    assert len(report["requests"]) == 1, report
    record: dict[str, Any] = report["requests"][0]
    return record


def _assert_request(record: dict[str, Any], op: Op, body: Any, has_body: bool) -> None:
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
        expected[name.lower()] = (
            value.replace("contract-access-token", ACCESS_TOKEN)
            if name == "Authorization"
            else VZ_M2M_TOKEN
        )
    for name, value in expected.items():
        assert _headers(record, name) == [value], name
    for key, (name, _) in schemes.items():
        if key not in op.security:
            assert _headers(record, name) == [], f"{name} sent without being required"
    assert not set(names) - set(expected) - _FRAMING, record["headers"]
    if has_body:
        assert json.loads(record["body"]) == body
    else:
        assert record["body"] == ""


def test_ruby_names_follow_design() -> None:
    """The public names DESIGN.md §6 pins, as the pack spells them."""
    controller, method, names = RUBY["assignLicenseToDevices"]
    assert (controller, method) == ("sim_secure_for_iot_licenses", "assign_license_to_devices")
    assert names[("header", "X-Request-ID")] == "x_request_id"
    assert RUBY["unassignLicenseToDevices"][1] == "unassign_license_to_devices"
    assert ERROR_CLASS["SecurityResult"] == "SecurityResultException"


@pytest.mark.parametrize("case", REQUEST_CASES, ids=[c.id for c in REQUEST_CASES])
def test_request_example(case: Any, reports: dict[str, Any]) -> None:
    report = reports[f"request:{case.id}"]
    assert "error" not in report, report
    _assert_request(_only_request(report), case.op, case.body, case.body_schema is not None)
    response = report["response"]
    assert response["status"] == case.response_status
    assert response["data_class"] == CLASS[case.response_schema]
    assert response["data"] == case.response_body
    assert json.loads(response["raw_body"]) == case.response_body
    assert response["content_type"] == JSON


@pytest.mark.parametrize("case", RESPONSE_CASES, ids=[c.id for c in RESPONSE_CASES])
def test_response_example(case: Any, reports: dict[str, Any]) -> None:
    report = reports[f"response:{case.id}"]
    assert _only_request(report)["operationId"] == case.op.operation_id
    response = report["response"]
    assert response["status"] == case.status
    assert response["data_class"] == CLASS[case.schema]
    assert response["data"] == case.body


@pytest.mark.parametrize("case", ERROR_CASES, ids=[c.id for c in ERROR_CASES])
def test_error_example(case: Any, reports: dict[str, Any]) -> None:
    report = reports[f"error:{case.id}"]
    assert _only_request(report)["operationId"] == case.op.operation_id
    error = report["error"]
    assert error["exception"] == ERROR_CLASS[case.schema]
    assert error["status_code"] == case.status
    assert error["reason"] == case.description
    assert json.loads(error["body"]) == case.body
    assert error["raw_body_is_binary"]
    assert error["content_type"] == JSON
    assert error["model_class"] == CLASS[case.schema]
    assert error["model"] == case.body
    for key, value in case.body.items():
        assert error["fields"][key] == value, key


@pytest.mark.parametrize("op", NO_DEFAULT, ids=[op.operation_id for op in NO_DEFAULT])
def test_undeclared_status_without_default(op: Op, reports: dict[str, Any]) -> None:
    report = reports[f"undeclared:{op.operation_id}"]
    assert report["error"]["exception"] == "ApiException"
    assert report["error"]["status_code"] == undeclared_status(op)
    assert _only_request(report)["operationId"] == op.operation_id


def test_optional_header_left_out(reports: dict[str, Any]) -> None:
    assert OPTIONAL_HEADER, "the spec has an operation with an optional header"
    for case in OPTIONAL_HEADER:
        record = _only_request(reports[f"no-optional-header:{case.id}"])
        for param in case.op.params:
            if param.location == "header" and not param.required:
                assert _headers(record, param.name) == [], param.name


def test_optional_body_left_out(reports: dict[str, Any]) -> None:
    assert OPTIONAL_BODY, "the spec has an operation with an optional body"
    for op in OPTIONAL_BODY:
        report = reports[f"no-body:{op.operation_id}"]
        _assert_request(_only_request(report), op, None, has_body=False)
        assert _headers(_only_request(report), "content-type") == []
        assert report["response"]["status"] == 200


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.operation_id for op in OPERATIONS])
def test_only_the_access_token(op: Op, reports: dict[str, Any]) -> None:
    """A client given only the access token calls the operations whose security needs
    nothing else, and refuses the others, naming the missing scheme, before sending."""
    report = reports[f"only-token:{op.operation_id}"]
    bearer = {key for key, (name, _) in auth_headers().items() if name == "Authorization"}
    if set(op.security) <= bearer:
        assert report["response"]["status"] == 200
        _assert_request(
            _only_request(report), op, (_first_body(op) or {}).get("json"), bool(_first_body(op))
        )
    else:
        assert report["error"]["exception"] == "MissingCredentialError"
        for key in set(op.security) - bearer:
            assert repr(key).replace("'", '"') in report["error"]["message"]
        assert "vz_m2m_token:" in report["error"]["message"]
        assert report["requests"] == []


@pytest.mark.parametrize("name", list(MODEL_CASES))
def test_model_semantics_on_the_wire(name: str, reports: dict[str, Any]) -> None:
    report = reports[f"model:{name}"]
    record = _only_request(report)
    assert record["body"] == MODEL_CASES[name][1]
    assert _headers(record, "X-Request-ID") == []
    if name == "nil-is-null":
        # null where the schema has a string: a validating mock may refuse it; the wire
        # body above is what this case is about.
        return
    assert "error" not in report, report
    assert report["response"]["data"] == {"requestId": "c3f3d17c-79ff-4b35-82df-94446785b6e0"}
