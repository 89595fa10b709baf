"""Checking a request against its operation: credentials, parameters, then the body."""

from __future__ import annotations

import json

from ..loader import Document
from .credentials import Credentials
from .media import accepts, essence
from .problems import Problem, schema_problems
from .request import Request, read_parameter
from .routes import Found
from .rules import BodyRule, ParamRule, RuleBook

# Enough to fix a request by; a body with thousands of bad items is not listed in full.
_MAX_PROBLEMS = 50


class RequestChecker:
    """Checks requests against the operations of a spec."""

    def __init__(self, document: Document) -> None:
        self._rules = RuleBook(document)
        self._credentials = Credentials(document)

    def check(
        self, found: Found, query: str, headers: list[tuple[str, str]], body: bytes
    ) -> list[Problem]:
        """Every problem with the request, credentials first; empty when it matches."""
        rules = self._rules.rules_for(found)
        request = Request.parse(query, headers)
        problems = self._credentials.missing(rules.security, request)
        for rule in rules.params:
            problems += _parameter(rule, found.path_values, request)
        if rules.body is not None:
            problems += _body(rules.body, request, body)
        return problems[:_MAX_PROBLEMS]


def _parameter(rule: ParamRule, path_values: dict[str, str], request: Request) -> list[Problem]:
    present, value = read_parameter(rule, path_values, request)
    if not present:
        if rule.required:
            message = f"required {rule.location} parameter {rule.name!r} is missing"
            return [Problem(rule.where, message)]
        return []
    if rule.allow_empty and value == "":
        return []
    if rule.json_content:
        try:
            value = json.loads(value)
        except (TypeError, ValueError) as exc:
            return [Problem(rule.where, f"is not valid JSON: {exc}")]
    return schema_problems(rule.validator, value, rule.where)


def _body(rule: BodyRule, request: Request, body: bytes) -> list[Problem]:
    if not body:
        if rule.required:
            return [Problem("body", f"a request body is required ({rule.accepts()})")]
        return []
    if not rule.media:
        return []
    content_type = request.header("content-type")
    if not content_type:
        message = f"is missing; the body must be one of: {rule.accepts()}"
        return [Problem("header Content-Type", message)]
    sent = essence(content_type)
    declared = [(m, v) for m, v in rule.media if accepts(m, sent)]
    if not declared:
        message = f"{sent} is not accepted; the operation accepts {rule.accepts()}"
        return [Problem("header Content-Type", message)]
    validator = declared[0][1]
    if validator is None:
        return []
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return [Problem("body", f"is not valid JSON: {exc}")]
    return schema_problems(validator, value, "body")
