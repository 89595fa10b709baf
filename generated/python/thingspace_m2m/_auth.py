"""Security schemes, and choosing and applying an operation's security requirement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, Protocol, TypeAlias, runtime_checkable

from ._errors import MissingCredentialError
from ._record import Frozen

Requirements: TypeAlias = tuple[tuple[str, ...], ...]
"""An operation's security: alternatives (any one will do), each a set of
scheme names that must all be applied. ``()`` means the operation needs no
credentials; an empty alternative ``()`` inside means anonymous access is allowed."""


@runtime_checkable
class TokenSource(Protocol):
    """Anything that hands out a current token, e.g. an OAuth 2 token cache.

    ``token()`` is called each time a request that uses the credential is sent
    (retries included), so it may fetch or refresh the token as needed.
    """

    def token(self) -> str:
        """Return the token to send now."""
        ...


@runtime_checkable
class RefreshableTokenSource(TokenSource, Protocol):
    """A :class:`TokenSource` that can be told a token was rejected.

    When a response is ``401``, the client calls ``invalidate`` with the exact
    token that request sent, then resends the request once with a fresh
    ``token()``. A second ``401`` is raised as usual. Implementations should
    drop their cached token only if it is still ``token`` (another thread may
    have refreshed it already).
    """

    def invalidate(self, token: str) -> None:
        """Forget ``token``: the server rejected it."""
        ...


class ApiKeyScheme(Frozen):
    """An API key sent as a header, query parameter or cookie.

    Attributes:
        name: the scheme's name in the API description, e.g. ``"VZ-M2M-Token"``.
        location: where the key goes.
        parameter: the header, query parameter or cookie name.
        credential: the client argument that supplies the key, e.g. ``"vz_m2m_token"``;
            its value is a ``str`` or a :class:`TokenSource`.
    """

    __slots__ = ("name", "location", "parameter", "credential")

    name: str
    location: Literal["header", "query", "cookie"]
    parameter: str
    credential: str

    def __init__(
        self,
        name: str,
        location: Literal["header", "query", "cookie"],
        parameter: str,
        credential: str,
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "location", location)
        object.__setattr__(self, "parameter", parameter)
        object.__setattr__(self, "credential", credential)


class BearerScheme(Frozen):
    """A token sent as ``Authorization: Bearer <token>`` (HTTP bearer, OAuth 2, OpenID Connect).

    Attributes:
        name: the scheme's name in the API description, e.g. ``"oauth2"``.
        credential: the client argument that supplies the token, e.g. ``"access_token"``;
            its value is a ``str`` or a :class:`TokenSource`.
    """

    __slots__ = ("name", "credential")

    name: str
    credential: str

    def __init__(self, name: str, credential: str) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "credential", credential)


class BasicScheme(Frozen):
    """HTTP basic authentication: ``Authorization: Basic <base64(user:password)>``.

    Attributes:
        name: the scheme's name in the API description.
        credential: the client argument that supplies a ``(user, password)`` tuple.
    """

    __slots__ = ("name", "credential")

    name: str
    credential: str

    def __init__(self, name: str, credential: str) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "credential", credential)


SecurityScheme: TypeAlias = ApiKeyScheme | BearerScheme | BasicScheme


class AuthParts(Frozen):
    """What a security requirement adds to one request; ``repr`` hides the values.

    Attributes:
        headers: headers to send, e.g. ``("Authorization", "Bearer …")``.
        query: query parameters to append, e.g. ``("api_key", "…")``.
        cookies: cookies to send, joined into one ``Cookie`` header.
        refreshable: each :class:`RefreshableTokenSource` used, with the exact
            token it gave for this request.
    """

    __slots__ = ("headers", "query", "cookies", "refreshable")
    _unshown = frozenset(__slots__)

    headers: tuple[tuple[str, str], ...]
    query: tuple[tuple[str, str], ...]
    cookies: tuple[tuple[str, str], ...]
    refreshable: tuple[tuple[RefreshableTokenSource, str], ...]

    def __init__(
        self,
        headers: tuple[tuple[str, str], ...] = (),
        query: tuple[tuple[str, str], ...] = (),
        cookies: tuple[tuple[str, str], ...] = (),
        refreshable: tuple[tuple[RefreshableTokenSource, str], ...] = (),
    ) -> None:
        object.__setattr__(self, "headers", headers)
        object.__setattr__(self, "query", query)
        object.__setattr__(self, "cookies", cookies)
        object.__setattr__(self, "refreshable", refreshable)

    def invalidate(self) -> bool:
        """Tell every refreshable source that its token was rejected (a ``401``).

        Returns ``False`` when no refreshable source was used: resending would
        send the same credentials again.
        """
        for source, token in self.refreshable:
            source.invalidate(token)
        return bool(self.refreshable)


class Authenticator:
    """Holds the security schemes and the credentials a client was given, and
    applies an operation's security requirement to a request.

    ``credentials`` maps scheme names to values; a value of ``None`` means the
    credential was not given. Values are checked here, so a wrong type fails
    when the client is created, not on the first call.
    """

    __slots__ = ("_credentials", "_schemes")

    def __init__(
        self, schemes: Mapping[str, SecurityScheme], credentials: Mapping[str, object]
    ) -> None:
        unknown = sorted(set(credentials) - set(schemes))
        if unknown:
            raise ValueError(
                f"credentials given for unknown security schemes: {', '.join(unknown)}"
            )
        for name, value in credentials.items():
            if value is not None:
                _check_type(schemes[name], value)
        self._schemes = dict(schemes)
        self._credentials = {
            name: value for name, value in credentials.items() if value is not None
        }

    def resolve(self, requirements: Requirements, *, operation: str) -> AuthParts:
        """Apply the first alternative of ``requirements`` whose credentials were all given.

        An alternative that sends credentials is preferred over anonymous access
        (an empty alternative), so an optional credential is sent when given.

        Raises:
            MissingCredentialError: when no alternative can be met. Nothing is sent.
            ValueError: when ``requirements`` names a scheme the API does not
                define, or a credential contains a line break.
        """
        for alternative in requirements:
            for name in alternative:
                if name not in self._schemes:
                    raise ValueError(
                        f"operation {operation!r} requires unknown security scheme {name!r}"
                    )
        if not requirements:
            return AuthParts()
        met = [alt for alt in requirements if all(name in self._credentials for name in alt)]
        if not met:
            raise self._missing(requirements, operation)
        sending = [alt for alt in met if alt]
        return self._apply(sending[0] if sending else ())

    def _apply(self, alternative: tuple[str, ...]) -> AuthParts:
        headers: list[tuple[str, str]] = []
        query: list[tuple[str, str]] = []
        cookies: list[tuple[str, str]] = []
        refreshable: list[tuple[RefreshableTokenSource, str]] = []
        for name in alternative:
            scheme = self._schemes[name]
            value = self._credentials[name]
            if isinstance(scheme, BasicScheme):
                import base64  # only HTTP basic needs it: not imported with the package

                user, password = _basic_pair(scheme, value)
                token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
                headers.append(("Authorization", f"Basic {token}"))
                continue
            secret = _secret(scheme, value)
            # A plain string first: a runtime-checkable Protocol check costs ~14 us.
            if not isinstance(value, str) and isinstance(value, RefreshableTokenSource):
                refreshable.append((value, secret))
            if isinstance(scheme, BearerScheme):
                headers.append(("Authorization", f"Bearer {secret}"))
            elif scheme.location == "header":
                headers.append((scheme.parameter, secret))
            elif scheme.location == "query":
                query.append((scheme.parameter, secret))
            else:
                cookies.append((scheme.parameter, secret))
        return AuthParts(
            headers=tuple(headers),
            query=tuple(query),
            cookies=tuple(cookies),
            refreshable=tuple(refreshable),
        )

    def _missing(self, requirements: Requirements, operation: str) -> MissingCredentialError:
        missing = tuple(
            tuple(name for name in alt if name not in self._credentials) for alt in requirements
        )
        options = [
            " and ".join(
                f"{self._schemes[name].credential} (security scheme {name!r})" for name in names
            )
            for names in missing
        ]
        message = (
            f"operation {operation!r} needs credentials the client was not given: pass "
            + "; or pass ".join(options)
        )
        return MissingCredentialError(message, missing=missing)


def _check_type(scheme: SecurityScheme, value: object) -> None:
    if isinstance(scheme, BasicScheme):
        _basic_pair(scheme, value)
    elif not isinstance(value, (str, TokenSource)):
        raise TypeError(
            f"{scheme.credential} must be a str or a TokenSource, not {type(value).__name__}"
        )


def _basic_pair(scheme: BasicScheme, value: object) -> tuple[str, str]:
    if (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(part, str) for part in value)
    ):
        return (value[0], value[1])
    raise TypeError(
        f"{scheme.credential} must be a (user, password) tuple of str, not {type(value).__name__}"
    )


def _secret(scheme: ApiKeyScheme | BearerScheme, value: object) -> str:
    if isinstance(value, str):  # the common case, without the costly Protocol check
        secret: object = value
    else:
        secret = value.token() if isinstance(value, TokenSource) else value
    if not isinstance(secret, str):
        raise TypeError(
            f"the token for {scheme.credential} must be a str, not {type(secret).__name__}"
        )
    if "\r" in secret or "\n" in secret or "\0" in secret:
        raise ValueError(
            f"{scheme.credential} contains a line break or NUL, which HTTP cannot carry"
        )
    return secret
