"""A loopback HTTP server that answers a spec's operations with the spec's examples.

Contract tests point a generated client at it and compare what went over the
wire with the examples; people point curl at it to try an API without a backend.

    with MockServer(load_document("spec/thingspace-m2m.yaml")) as mock:
        urlopen(mock.url + "/v1/licenses/assign")   # the first 2xx example
        mock.received                              # what was asked, in order

Choosing the answer: the lowest declared 2xx response (then `2XX`, then
`default`, both as 200) unless the request carries `Prefer: code=404,
example=notFound` (RFC 7240 tokens, `,` or `;` separated): `code=N` picks the
response keyed `N`, else `NXX`, else `default`, and answers with status N;
`example=NAME` picks a named example of that response. Without a name the body
is the first named example, else `example`, else the schema's example. Every
request except those to the control endpoints below is recorded:

    GET    /__mock__/requests   the recorded requests, oldest first
    DELETE /__mock__/requests   forget them (204)
    GET    /__mock__/health     {"ok": true}

Before answering, the request is checked against the spec (`validate=False`,
or `--no-validate` on the command line, turns that off): its path, query,
header and cookie parameters (presence, type, enum, pattern ... through each
parameter's schema), its body against the request body schema, and the
credentials its security requirements ask for (any one alternative, all of its
schemes). A request that does not match is answered 400, or 401 when
credentials are missing, and is still recorded:

    {"mock": "request does not match the spec",
     "errors": [{"where": "header VZ-M2M-Token", "message": "..."}]}

`where` names the place: `path ID`, `query NAME`, `header NAME`, `cookie NAME`
(with a JSON pointer into a structured value), `body` or `body/devices/0/id`.

Problems of the mock itself (no such route, no such example) are JSON objects
with a `"mock"` key, so they cannot be mistaken for the API's own answers.

The parts, in the order a request meets them: `transport` (HTTP framing) →
`server` (`MockServer`: control endpoints, recording) → `routes` (which operation)
→ `checks` (with `rules`, `request`, `credentials`, `problems`: does the request
match the spec) → `answers` (which response and example); `replies` and `media`
are the small vocabulary they share.
"""

from __future__ import annotations

from .answers import parse_prefer
from .routes import HTTP_METHODS
from .server import CONTROL_PREFIX, MockServer, serve

__all__ = ["CONTROL_PREFIX", "HTTP_METHODS", "MockServer", "parse_prefer", "serve"]
