"""Operations matched by operationId (or by route when renamed), and everything they hold."""

from __future__ import annotations

import re

from ..ir import Api, Operation, Parameter, ParamLocation, RequestBody, Response
from .errors import compare_errors
from .relations import Use, default_change
from .report import Impact
from .security import compare_security
from .types import TypeComparison

_PATH_PARAM = re.compile(r"\{[^{}/]*\}")


def compare_operations(types: TypeComparison, old_api: Api, new_api: Api) -> None:
    log = types.log
    old_ops, new_ops = _operations_of(old_api), _operations_of(new_api)
    added = {op_id: new_ops[op_id] for op_id in new_ops if op_id not in old_ops}
    added_by_route = {_route(op): op_id for op_id, (op, _) in added.items()}
    matched: list[tuple[Operation, str, Operation, str]] = []
    for op_id, (op, tag) in old_ops.items():
        if op_id in new_ops:
            matched.append((op, tag, *new_ops[op_id]))
        elif _route(op) in added_by_route:  # same method and path, new operationId
            renamed = added.pop(added_by_route.pop(_route(op)))
            log.breaking(
                "operation-renamed",
                _spell(op),
                f"operationId {op.id} -> {renamed[0].id}: the client method is renamed",
            )
            matched.append((op, tag, *renamed))
        else:
            log.breaking("operation-removed", _spell(op), "operation removed")
    for old, old_tag, new, new_tag in matched:
        _operation(types, old, old_tag, new, new_tag)
    for op, _ in added.values():
        log.compatible("operation-added", _spell(op), "operation added")


def _operation(
    types: TypeComparison, old: Operation, old_tag: str, new: Operation, new_tag: str
) -> None:
    log = types.log
    where = new.id
    if _route(old) != _route(new):
        log.breaking(
            "operation-moved",
            where,
            f"{old.method.value} {old.path} -> {new.method.value} {new.path}",
        )
    if old_tag != new_tag:
        log.breaking(
            "operation-moved",
            where,
            f"tag {old_tag!r} -> {new_tag!r}: the method moves to another controller",
        )
    if old.deprecated != new.deprecated:
        log.compatible(
            "operation-deprecated",
            where,
            "deprecated" if new.deprecated else "no longer deprecated",
        )
    compare_security(log, where, old, new)
    _parameters(types, where, old.parameters, new.parameters)
    _body(types, where, old.body, new.body)
    _responses(types, where, old, new)
    compare_errors(types, where, old.errors, new.errors)
    log.docs(
        where,
        summary=(old.summary, new.summary),
        description=(old.description, new.description),
    )


def _parameters(
    types: TypeComparison, op_where: str, old: tuple[Parameter, ...], new: tuple[Parameter, ...]
) -> None:
    log = types.log

    def key(p: Parameter) -> tuple[str, str]:
        name = p.wire_name.lower() if p.location is ParamLocation.HEADER else p.wire_name
        return p.location.value, name

    def spell(p: Parameter) -> str:
        return f"{op_where} {p.location.value} {p.wire_name}"

    old_by, new_by = {key(p): p for p in old}, {key(p): p for p in new}
    for k, param in old_by.items():
        if k not in new_by:
            log.breaking("parameter-removed", spell(param), "parameter removed")
    for k, param in new_by.items():
        if k not in old_by:
            impact = Impact.BREAKING if param.required else Impact.COMPATIBLE
            which = "required" if param.required else "optional"
            log.add(impact, "parameter-added", spell(param), f"{which} parameter added")
    for k, a in old_by.items():
        if k in new_by:
            _parameter(types, spell(new_by[k]), a, new_by[k])


def _parameter(types: TypeComparison, where: str, old: Parameter, new: Parameter) -> None:
    log = types.log
    if old.required != new.required:
        log.required("parameter", where, new.required, Use.REQUEST)
    types.type("parameter", where, old.type, new.type, Use.REQUEST)
    types.constraints("parameter", where, old.constraints, new.constraints, Use.REQUEST)
    before, after = _serialization(old), _serialization(new)
    if before != after:
        log.breaking("parameter-style", where, f"serialized as {before}, now {after}")
    if (old.has_default, old.default) != (new.has_default, new.default):
        # A caller leaving the parameter out now gets another behaviour.
        log.breaking("parameter-default", where, default_change(old, new))
    if old.deprecated != new.deprecated:
        log.compatible(
            "parameter-deprecated",
            where,
            "deprecated" if new.deprecated else "no longer deprecated",
        )
    log.docs(
        where,
        description=(old.description, new.description),
        example=((old.has_example, old.example), (new.has_example, new.example)),
    )


def _body(
    types: TypeComparison, op_where: str, old: RequestBody | None, new: RequestBody | None
) -> None:
    log = types.log
    where = f"{op_where} request body"
    if old is None and new is None:
        return
    if old is None or new is None:
        if new is None:
            log.breaking("body-removed", where, "request body removed")
        else:
            which = "required" if new.required else "optional"
            impact = Impact.BREAKING if new.required else Impact.COMPATIBLE
            log.add(impact, "body-added", where, f"{which} request body added")
        return
    if old.required != new.required:
        log.required("body", where, new.required, Use.REQUEST)
    if old.content_type != new.content_type:
        log.breaking(
            "body-content-type", where, f"content type {old.content_type} -> {new.content_type}"
        )
    if old.encodings != new.encodings:
        log.breaking("body-content-type", where, "the encoding of form fields changed")
    types.type("body", where, old.type, new.type, Use.REQUEST)
    log.docs_and_examples(where, old, new)


def _responses(types: TypeComparison, op_where: str, old: Operation, new: Operation) -> None:
    log = types.log

    def spell(response: Response) -> str:
        return f"{op_where} response {response.status}"

    for a, b in log.matched("response", old.responses, new.responses, lambda r: r.status, spell):
        _response(types, spell(b), a, b)
    if old.result is not None and new.result is not None:
        if old.result.status != new.result.status:
            log.breaking(
                "response-status",
                op_where,
                f"the call's result is the {new.result.status} response, "
                f"not the {old.result.status} one",
            )


def _response(types: TypeComparison, where: str, old: Response, new: Response) -> None:
    log = types.log
    if old.content_type != new.content_type and old.type and new.type:
        log.breaking(
            "response-content-type",
            where,
            f"content type {old.content_type} -> {new.content_type}",
        )
    if old.type is None and new.type is not None:
        log.compatible("response-type", where, "now has a body")
    elif old.type is not None and new.type is None:
        log.breaking("response-type", where, "no longer has a body")
    elif old.type is not None and new.type is not None:
        types.type("response", where, old.type, new.type, Use.RESPONSE)
    log.docs_and_examples(where, old, new)


def _operations_of(api: Api) -> dict[str, tuple[Operation, str]]:
    """operationId -> the operation and its tag (the controller it belongs to)."""
    return {op.id: (op, c.name.original) for c in api.controllers for op in c.operations}


def _route(operation: Operation) -> tuple[str, str]:
    """Method and path with parameter names left out: `{id}` -> `{thingId}` is the same URL."""
    return operation.method.value, _PATH_PARAM.sub("{}", operation.path)


def _spell(operation: Operation) -> str:
    """An operation that has no counterpart: its id with its method and path."""
    return f"{operation.id} ({operation.method.value} {operation.path})"


def _serialization(param: Parameter) -> str:
    """How a parameter's value is spelled on the wire."""
    if param.content_type is not None:
        return f"{param.content_type} content"
    text = param.style + (" exploded" if param.explode else "")
    return text + (" with reserved characters" if param.allow_reserved else "")
