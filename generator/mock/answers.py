"""The answer to an operation: which declared response, which example, and how it is encoded.

The lowest declared 2xx response (then `2XX`, then `default`, both as 200) unless
`Prefer: code=N` picks another; `Prefer: example=NAME` picks a named example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..loader import Document
from .media import essence, is_json
from .replies import NO_CONTENT, Reply, json_bytes, mock_problem

# Headers the mock computes itself; the spec's declarations of them are ignored.
_FRAMING_HEADERS = frozenset({"content-type", "content-length", "transfer-encoding", "connection"})
_STATUS = re.compile(r"[2-5][0-9][0-9]")
_PREFER_TOKEN = re.compile(r'([^\s=;,]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^;,]*))?')


def parse_prefer(values: Iterable[str]) -> dict[str, str]:
    """The preferences of `Prefer` header values (RFC 7240), names lower-cased.

    Tokens may be separated by `,` or `;`; a quoted value may contain either.
    The first occurrence of a preference wins, as the RFC says.
    """
    found: dict[str, str] = {}
    for text in values:
        for match in _PREFER_TOKEN.finditer(text):
            name, value = match.group(1).lower(), (match.group(2) or "").strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = re.sub(r"\\(.)", r"\1", value[1:-1])
            found.setdefault(name, value)
    return found


class Answers:
    """Builds replies from the responses and examples a spec declares."""

    def __init__(self, document: Document) -> None:
        self.document = document

    def answer(self, operation: dict[str, Any], prefer: dict[str, str]) -> Reply:
        """The reply for `operation` as the request's preferences ask; a 500 when the spec
        has nothing to answer them with."""
        responses = operation.get("responses")
        declared = responses if isinstance(responses, dict) else {}
        keyed = {_status_key(k): v for k, v in declared.items()}
        code = prefer.get("code")
        if code is None:
            chosen = _default_response(keyed)
            if chosen is None:
                return mock_problem(500, "no success response declared", declared=list(keyed))
            status, key = chosen
        elif not _STATUS.fullmatch(code):
            return mock_problem(500, f"unsupported Prefer code {code!r}")
        else:
            status = int(code)
            found = [k for k in (code, f"{code[0]}XX", "default") if k in keyed]
            if not found:
                return mock_problem(500, f"no response for code {status}")
            key = found[0]
        response, _ = self.document.resolve(keyed[key])
        if not isinstance(response, dict):
            response = {}
        headers = tuple(self._response_headers(response))
        media_type, media = self._media(response)
        name = prefer.get("example")
        examples = self._resolved(media.get("examples")) if media else None
        if name is not None and not (isinstance(examples, dict) and name in examples):
            names = list(examples) if isinstance(examples, dict) else []
            return mock_problem(500, f"no example named {name!r}", examples=names)
        has_value, value = self._example(media, name) if media else (False, None)
        if status in NO_CONTENT or not has_value or media_type is None:
            return Reply(status, headers=headers)
        body, content_type = _encode(media_type, value)
        return Reply(status, body, content_type, headers)

    def _media(self, response: dict[str, Any]) -> tuple[str | None, dict[str, Any] | None]:
        """The media type answered (JSON when declared, else the first) and its object."""
        content = response.get("content")
        if not isinstance(content, dict) or not content:
            return None, None
        media_type = "application/json" if "application/json" in content else None
        if media_type is None:
            media_type = str(next(iter(content)))
        media = self._resolved(content[media_type])
        return media_type, media if isinstance(media, dict) else {}

    def _example(self, holder: dict[str, Any], name: str | None) -> tuple[bool, Any]:
        """The example value of a media type or header object, if it has one."""
        examples = self._resolved(holder.get("examples"))
        if isinstance(examples, dict):
            picked = [examples[name]] if name is not None else list(examples.values())
            for example in picked:
                resolved = self._resolved(example)
                if isinstance(resolved, dict) and "value" in resolved:
                    return True, resolved["value"]
            if name is not None:  # an externalValue-only example: nothing to send
                return False, None
        if "example" in holder:
            return True, holder["example"]
        schema = self._resolved(holder.get("schema"))
        if isinstance(schema, dict):
            schema_examples = schema.get("examples")
            if isinstance(schema_examples, list) and schema_examples:
                return True, schema_examples[0]
            if "example" in schema:
                return True, schema["example"]
        return False, None

    def _response_headers(self, response: dict[str, Any]) -> Iterator[tuple[str, str]]:
        """The declared response headers that have an example, as header text."""
        declared = self._resolved(response.get("headers"))
        if not isinstance(declared, dict):
            return
        for name, header in declared.items():
            resolved = self._resolved(header)
            if str(name).lower() in _FRAMING_HEADERS or not isinstance(resolved, dict):
                continue
            has_value, value = self._example(resolved, None)
            text = _header_text(value) if has_value else None
            if text is not None:
                yield str(name), text

    def _resolved(self, node: Any) -> Any:
        return self.document.resolve(node)[0]


def _status_key(key: Any) -> str:
    """`200`, `"200"` → "200"; `4xx` → "4XX"; `Default` → "default"."""
    text = str(key).strip()
    return "default" if text.lower() == "default" else text.upper()


def _default_response(keyed: dict[str, Any]) -> tuple[int, str] | None:
    """The response answered without `Prefer: code`: lowest 2xx, then 2XX, then default."""
    success = sorted(key for key in keyed if key.startswith("2") and _STATUS.fullmatch(key))
    if success:
        return int(success[0]), success[0]
    for key in ("2XX", "default"):
        if key in keyed:
            return 200, key
    return None


def _encode(media_type: str, value: Any) -> tuple[bytes, str]:
    """The body and Content-Type for an example value of `media_type`."""
    if "*" in essence(media_type):  # a range like */* is not a valid Content-Type
        if isinstance(value, str):
            return value.encode("utf-8"), "text/plain; charset=utf-8"
        return json_bytes(value), "application/json"
    if isinstance(value, str) and not is_json(media_type):
        return value.encode("utf-8"), media_type
    return json_bytes(value), media_type


def _header_text(value: Any) -> str | None:
    """A header example as field text (simple style); None when it cannot be one."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = ",".join(str(item) for item in value)
    elif isinstance(value, dict):
        text = ",".join(f"{key},{item}" for key, item in value.items())
    elif value is None:
        return None
    else:
        text = str(value)
    return None if "\r" in text or "\n" in text else text
