from __future__ import annotations

import base64
from types import ModuleType
from typing import Any

import pytest
from support.runtime_schemes import security_schemes

SECRET = "s3cr3t-value"


def schemes(rt: ModuleType) -> dict[str, Any]:
    return {
        **security_schemes(rt),
        "basic": rt._auth.BasicScheme(name="basic", credential="basic_auth"),
    }


def authenticator(rt: ModuleType, **credentials: object) -> Any:
    return rt._auth.Authenticator(schemes(rt), credentials)


def test_no_requirement_applies_nothing_even_with_credentials(rt: ModuleType) -> None:
    parts = authenticator(rt, oauth2=SECRET).resolve((), operation="op")
    assert parts == rt._auth.AuthParts()


def test_and_requirement_applies_every_scheme(rt: ModuleType) -> None:
    parts = authenticator(rt, oauth2="tok", **{"VZ-M2M-Token": "sess"}).resolve(
        (("oauth2", "VZ-M2M-Token"),), operation="op"
    )
    assert parts.headers == (("Authorization", "Bearer tok"), ("VZ-M2M-Token", "sess"))


def test_or_picks_the_first_alternative_whose_credentials_are_all_given(rt: ModuleType) -> None:
    auth = authenticator(rt, queryKey="q", **{"VZ-M2M-Token": "sess"})
    requirements = (("oauth2", "VZ-M2M-Token"), ("queryKey",), ("VZ-M2M-Token",))
    parts = auth.resolve(requirements, operation="op")
    assert (parts.headers, parts.query) == ((), (("api_key", "q"),))


def test_optional_auth_sends_the_credential_when_given_and_nothing_otherwise(
    rt: ModuleType,
) -> None:
    requirements = ((), ("oauth2",))
    assert authenticator(rt, oauth2="tok").resolve(requirements, operation="op").headers == (
        ("Authorization", "Bearer tok"),
    )
    assert authenticator(rt).resolve(requirements, operation="op") == rt._auth.AuthParts()


def test_none_credential_counts_as_not_given(rt: ModuleType) -> None:
    with pytest.raises(rt._errors.MissingCredentialError):
        authenticator(rt, oauth2=None).resolve((("oauth2",),), operation="op")


def test_missing_credentials_name_schemes_and_arguments_per_alternative(rt: ModuleType) -> None:
    auth = authenticator(rt, oauth2=SECRET)
    with pytest.raises(rt._errors.MissingCredentialError) as info:
        auth.resolve((("oauth2", "VZ-M2M-Token"), ("basic",)), operation="assignLicense")
    assert info.value.missing == (("VZ-M2M-Token",), ("basic",))
    assert str(info.value) == (
        "operation 'assignLicense' needs credentials the client was not given: "
        "pass vz_m2m_token (security scheme 'VZ-M2M-Token'); "
        "or pass basic_auth (security scheme 'basic')"
    )
    assert SECRET not in str(info.value) and SECRET not in repr(info.value)


def test_api_key_in_cookie_and_basic_auth(rt: ModuleType) -> None:
    auth = authenticator(rt, cookieKey="abc", basic=("user", "pa:ss"))
    parts = auth.resolve((("cookieKey", "basic"),), operation="op")
    assert parts.cookies == (("sid", "abc"),)
    assert parts.headers == (
        ("Authorization", "Basic " + base64.b64encode(b"user:pa:ss").decode()),
    )


def test_token_source_is_asked_on_every_request(rt: ModuleType) -> None:
    class Counter:
        calls = 0

        def token(self) -> str:
            self.calls += 1
            return f"t{self.calls}"

    auth = authenticator(rt, oauth2=Counter())
    seen = [auth.resolve((("oauth2",),), operation="op").headers for _ in range(2)]
    assert seen == [(("Authorization", "Bearer t1"),), (("Authorization", "Bearer t2"),)]


@pytest.mark.parametrize(
    ("credentials", "message"),
    [
        ({"oauth2": 123}, "access_token must be a str or a TokenSource, not int"),
        ({"basic": SECRET}, "basic_auth must be a (user, password) tuple of str, not str"),
        ({"basic": (SECRET,)}, "basic_auth must be a (user, password) tuple of str, not tuple"),
    ],
)
def test_wrong_credential_types_fail_at_construction_without_the_value(
    rt: ModuleType, credentials: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError) as info:
        authenticator(rt, **credentials)
    assert str(info.value) == message


def test_unknown_scheme_names_are_rejected(rt: ModuleType) -> None:
    with pytest.raises(ValueError, match="unknown security schemes: nope"):
        authenticator(rt, nope="x")
    with pytest.raises(ValueError, match="requires unknown security scheme 'nope'"):
        authenticator(rt).resolve((("nope",),), operation="op")


def test_a_line_break_in_a_credential_is_rejected_without_echoing_it(rt: ModuleType) -> None:
    auth = authenticator(rt, oauth2=SECRET + "\r\nX-Injected: 1")
    with pytest.raises(ValueError) as info:
        auth.resolve((("oauth2",),), operation="op")
    assert "access_token" in str(info.value) and SECRET not in str(info.value)


def test_reprs_hold_no_secret(rt: ModuleType) -> None:
    auth = authenticator(rt, oauth2=SECRET)
    assert SECRET not in repr(auth)
    assert SECRET not in repr(auth.resolve((("oauth2",),), operation="op"))
