"""Two session-login schemes in one client: each logs in with its own credentials."""

from __future__ import annotations

import json

import pytest
from generality_support import Generated, Reply, Scripted, generate

SPEC = """\
openapi: 3.0.3
info: {title: Two Logins, version: "1"}
paths:
  /login-a:
    post:
      operationId: logInA
      tags: [session]
      security: []
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/LoginA'}
      responses:
        '200': {$ref: '#/components/responses/Token'}
  /login-b:
    post:
      operationId: logInB
      tags: [session]
      security: []
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/LoginB'}
      responses:
        '200': {$ref: '#/components/responses/Token'}
  /data:
    get:
      operationId: getData
      tags: [data]
      security: [{A: [], B: []}]
      responses:
        '200': {description: ok}
components:
  responses:
    Token:
      description: the session token
      content:
        application/json:
          schema: {$ref: '#/components/schemas/Token'}
  securitySchemes:
    A:
      type: apiKey
      in: header
      name: X-A
      x-session-login: {operationId: logInA, tokenField: token}
    B:
      type: apiKey
      in: header
      name: X-B
      x-session-login: {operationId: logInB, tokenField: token}
  schemas:
    LoginA:
      type: object
      required: [userA, passA]
      properties: {userA: {type: string}, passA: {type: string}}
    LoginB:
      type: object
      required: [userB, passB]
      properties: {userB: {type: string}, passB: {type: string}}
    Token:
      type: object
      properties: {token: {type: string}}
"""


@pytest.fixture(scope="module")
def two_logins(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("logins"), SPEC, "gen_two_logins")


def test_each_scheme_logs_in_with_its_own_credentials(
    two_logins: Generated, scripted: Scripted
) -> None:
    scripted.replies["/login-a"] = Reply(200, b'{"token": "token-a"}', "application/json")
    scripted.replies["/login-b"] = Reply(200, b'{"token": "token-b"}', "application/json")
    scripted.replies["/data"] = Reply(200)
    client = two_logins.module.TwoLoginsClient(
        base_url=scripted.url, user_a="ua", pass_a="pa", user_b="ub", pass_b="pb"
    )
    client.data.get_data()
    bodies = {r.path: json.loads(r.body) for r in scripted.received if r.path.startswith("/login")}
    assert bodies == {
        "/login-a": {"userA": "ua", "passA": "pa"},
        "/login-b": {"userB": "ub", "passB": "pb"},
    }
    sent = scripted.last().headers
    assert (sent["x-a"], sent["x-b"]) == ("token-a", "token-b")
