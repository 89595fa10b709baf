"""Parameters in every location, style and explode combination OpenAPI defines, percent-encoded.

Expected spellings follow the OpenAPI style tables (RFC 6570 for `label`, where the
3.0 table disagrees with the RFC and 3.1.1 corrected it). Each call goes to the
spec's mock server, which records the raw request line and headers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pytest
from generality_support import Generated, generate, mock_server

ARRAY = {"type": "array", "items": {"type": "string"}}
OBJECT = {
    "type": "object",
    "properties": {"R": {"type": "integer"}, "G": {"type": "integer"}},
}
COLOR = {"R": 100, "G": 200}


def _op(op_id: str, params: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "operationId": op_id,
        "tags": ["styles"],
        "parameters": params,
        "responses": {"204": {"description": "done"}},
    }


def _spec() -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for style in ("simple", "label", "matrix"):
        for explode in (False, True):
            for kind, schema in (("prim", {"type": "integer"}), ("arr", ARRAY), ("obj", OBJECT)):
                name = f"{style}_{kind}_{'x' if explode else 'n'}"
                paths[f"/path/{name}/{{color}}"] = {
                    "get": _op(
                        name,
                        [
                            {
                                "name": "color",
                                "in": "path",
                                "required": True,
                                "style": style,
                                "explode": explode,
                                "schema": schema,
                            }
                        ],
                    )
                }
    query: list[dict[str, Any]] = []
    for style, explode, kind in (
        ("form", True, "prim"),
        ("form", False, "arr"),
        ("form", True, "arr"),
        ("form", False, "obj"),
        ("form", True, "obj"),
        ("spaceDelimited", False, "arr"),
        ("spaceDelimited", False, "obj"),
        ("pipeDelimited", False, "arr"),
        ("pipeDelimited", False, "obj"),
        ("deepObject", True, "obj"),
    ):
        schema = {"prim": {"type": "string"}, "arr": ARRAY, "obj": OBJECT}[kind]
        query.append(
            {
                "name": f"{style}_{kind}_{'x' if explode else 'n'}",
                "in": "query",
                "style": style,
                "explode": explode,
                "schema": schema,
            }
        )
    paths["/query"] = {"get": _op("query", query)}
    paths["/deep"] = {
        "get": _op(
            "deep",
            [
                {
                    "name": "filter",
                    "in": "query",
                    "style": "deepObject",
                    "explode": True,
                    "schema": {
                        "type": "object",
                        "properties": {
                            "created": {
                                "type": "object",
                                "properties": {"gte": {"type": "integer"}},
                            },
                            "ids": ARRAY,
                        },
                    },
                },
                {
                    "name": "reserved",
                    "in": "query",
                    "allowReserved": True,
                    "schema": {"type": "string"},
                },
                {
                    "name": "json",
                    "in": "query",
                    "content": {"application/json": {"schema": OBJECT}},
                },
                {"name": "flag", "in": "query", "schema": {"type": "boolean"}},
                {"name": "when", "in": "query", "schema": {"type": "string", "format": "date"}},
            ],
        )
    }
    paths["/headers"] = {
        "get": _op(
            "headers",
            [
                {"name": "X-Prim", "in": "header", "schema": {"type": "integer"}},
                {"name": "X-Arr", "in": "header", "schema": ARRAY},
                {"name": "X-Obj", "in": "header", "schema": OBJECT},
                {"name": "X-Obj-X", "in": "header", "explode": True, "schema": OBJECT},
            ],
        )
    }
    paths["/cookies"] = {
        "get": _op(
            "cookies",
            [
                {"name": "prim", "in": "cookie", "schema": {"type": "string"}},
                {"name": "arr", "in": "cookie", "explode": False, "schema": ARRAY},
                {"name": "many", "in": "cookie", "schema": ARRAY},
            ],
        )
    }
    paths["/encode/{text}"] = {
        "get": _op(
            "encode",
            [
                {"name": "text", "in": "path", "required": True, "schema": {"type": "string"}},
                {"name": "q", "in": "query", "schema": {"type": "string"}},
                {"name": "list", "in": "query", "explode": False, "schema": ARRAY},
            ],
        )
    }
    return {"openapi": "3.0.3", "info": {"title": "Styles", "version": "1"}, "paths": paths}


@pytest.fixture(scope="module")
def styles(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("styles"), _spec(), "gen_styles", name="api.json")


@pytest.fixture(scope="module")
def wire(styles: Generated) -> Iterator[tuple[Any, Any]]:
    with mock_server(styles.spec) as mock:
        yield styles.module.StylesClient(base_url=mock.url).styles, mock


def _last(mock: Any) -> dict[str, Any]:
    record: dict[str, Any] = mock.received[-1]
    return record


# (style, explode, kind) -> the path segment, per OpenAPI / RFC 6570
PATH_CASES = [
    ("simple", False, "prim", "5"),
    ("simple", False, "arr", "blue,black"),
    ("simple", False, "obj", "R,100,G,200"),
    ("simple", True, "prim", "5"),
    ("simple", True, "arr", "blue,black"),
    ("simple", True, "obj", "R=100,G=200"),
    ("label", False, "prim", ".5"),
    ("label", False, "arr", ".blue,black"),
    ("label", False, "obj", ".R,100,G,200"),
    ("label", True, "prim", ".5"),
    ("label", True, "arr", ".blue.black"),
    ("label", True, "obj", ".R=100.G=200"),
    ("matrix", False, "prim", ";color=5"),
    ("matrix", False, "arr", ";color=blue,black"),
    ("matrix", False, "obj", ";color=R,100,G,200"),
    ("matrix", True, "prim", ";color=5"),
    ("matrix", True, "arr", ";color=blue;color=black"),
    ("matrix", True, "obj", ";R=100;G=200"),
]


@pytest.mark.parametrize(("style", "explode", "kind", "expected"), PATH_CASES)
def test_path_styles(
    wire: tuple[Any, Any], styles: Generated, style: str, explode: bool, kind: str, expected: str
) -> None:
    controller, mock = wire
    name = f"{style}_{kind}_{'x' if explode else 'n'}"
    models = styles.models()
    value: Any = {"prim": 5, "arr": ["blue", "black"]}.get(kind)
    if kind == "obj":
        value = getattr(models, f"{name.title().replace('_', '')}Color")(r=100, g=200)
    getattr(controller, name)(value)
    assert _last(mock)["path"] == f"/path/{name}/{expected}"


def test_query_styles(wire: tuple[Any, Any], styles: Generated) -> None:
    controller, mock = wire
    models = styles.models()

    def color(name: str) -> Any:
        return getattr(
            models, "Query" + name.title().replace("_", "").replace("Delimited", "Delimited")
        )

    arr = ["blue", "black"]
    kwargs: dict[str, Any] = {
        "form_prim_x": "blue",
        "form_arr_n": arr,
        "form_arr_x": arr,
        "space_delimited_arr_n": arr,
        "pipe_delimited_arr_n": arr,
    }
    for name in (
        "form_obj_n",
        "form_obj_x",
        "space_delimited_obj_n",
        "pipe_delimited_obj_n",
        "deep_object_obj_x",
    ):
        kwargs[name] = _model(models, name)(r=100, g=200)
    controller.query(**kwargs)
    assert _last(mock)["query"].split("&") == [
        "form_prim_x=blue",
        "form_arr_n=blue,black",
        "form_arr_x=blue",
        "form_arr_x=black",
        "form_obj_n=R,100,G,200",
        "R=100",
        "G=200",
        "spaceDelimited_arr_n=blue%20black",
        "spaceDelimited_obj_n=R%20100%20G%20200",
        "pipeDelimited_arr_n=blue%7Cblack",
        "pipeDelimited_obj_n=R%7C100%7CG%7C200",
        "deepObject_obj_x%5BR%5D=100",
        "deepObject_obj_x%5BG%5D=200",
    ]


def _model(models: Any, param: str) -> Any:
    """The inline class of a query parameter's object schema, e.g. QueryFormObjN."""
    wanted = "query" + param.replace("_", "")
    return next(getattr(models, n) for n in models.__all__ if n.lower() == wanted)


def test_none_sends_nothing(wire: tuple[Any, Any]) -> None:
    controller, mock = wire
    controller.query()
    assert _last(mock)["query"] == ""
    controller.headers()
    names = {name.lower() for name, _ in _last(mock)["headers"]}
    assert not {"x-prim", "x-arr", "x-obj", "cookie"} & names


def test_deep_object_nesting_reserved_json_content_and_scalars(
    wire: tuple[Any, Any], styles: Generated
) -> None:
    import datetime

    controller, mock = wire
    models = styles.models()
    filter_class = next(getattr(models, n) for n in models.__all__ if n == "DeepFilter")
    created = next(getattr(models, n) for n in models.__all__ if n == "DeepFilterCreated")
    json_class = next(getattr(models, n) for n in models.__all__ if n == "DeepJson")
    controller.deep(
        filter=filter_class(created=created(gte=10), ids=["a", "b c"]),
        reserved="/a/b?c=d",
        json=json_class(r=1),
        flag=True,
        when=datetime.date(2024, 1, 2),
    )
    assert [unquote(p) for p in _last(mock)["query"].split("&")] == [
        "filter[created][gte]=10",
        "filter[ids][0]=a",
        "filter[ids][1]=b c",
        "reserved=/a/b?c=d",
        'json={"R":1}',
        "flag=true",
        "when=2024-01-02",
    ]
    raw = _last(mock)["query"]
    assert "reserved=/a/b?c%3Dd&" in raw  # allowReserved keeps / and ? as they are
    assert "filter%5Bids%5D%5B1%5D=b%20c" in raw


def test_header_styles(wire: tuple[Any, Any], styles: Generated) -> None:
    controller, mock = wire
    models = styles.models()
    obj = next(getattr(models, n) for n in models.__all__ if n == "HeadersXObj")
    obj_x = next(getattr(models, n) for n in models.__all__ if n == "HeadersXObjX")
    controller.headers(x_prim=5, x_arr=["a", "b"], x_obj=obj(r=1, g=2), x_obj_x=obj_x(r=1, g=2))
    headers = {name.lower(): value for name, value in _last(mock)["headers"]}
    assert headers["x-prim"] == "5"
    assert headers["x-arr"] == "a,b"
    assert headers["x-obj"] == "R,1,G,2"
    assert headers["x-obj-x"] == "R=1,G=2"


def test_cookie_styles(wire: tuple[Any, Any]) -> None:
    controller, mock = wire
    controller.cookies(prim="a b;c", arr=["x", "y"], many=["1", "2"])
    headers = {name.lower(): value for name, value in _last(mock)["headers"]}
    assert headers["cookie"] == "prim=a%20b%3Bc; arr=x,y; many=1; many=2"


def test_reserved_and_non_ascii_characters_are_percent_encoded(wire: tuple[Any, Any]) -> None:
    controller, mock = wire
    nasty = "a b/c?d&e=f#g,h;i%é"
    controller.encode(nasty, q=nasty, list_=[nasty, "x"])  # `list` is a builtin
    record = _last(mock)
    escaped = "a%20b%2Fc%3Fd%26e%3Df%23g%2Ch%3Bi%25%C3%A9"
    assert record["path"] == f"/encode/{escaped}"
    # the delimiter comma stays a comma; the comma inside the value is escaped
    assert record["query"] == f"q={escaped}&list={escaped},x"


def test_path_values_that_would_be_dot_segments_stay_in_the_path(wire: tuple[Any, Any]) -> None:
    controller, mock = wire
    controller.encode("..")
    assert _last(mock)["path"] == "/encode/%2E%2E"
