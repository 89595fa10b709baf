"""Names from the spec become valid, stable, distinct Python identifiers.

A table of spec strings -> identifiers (keywords, builtins, leading digits, dashes,
dots, non-ASCII, names that collide after conversion), checked on a generated package
that is imported and used: every JSON key still round-trips under its own name.
"""

from __future__ import annotations

import importlib.util
import keyword
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from generality_support import Generated, generate, mock_server, run_generator, write_spec

from generator.naming import make_name

PACK_DIR = Path(__file__).resolve().parents[2] / "templates" / "python" / "pack"


def _pack() -> ModuleType:
    """The Python pack's `names` module (snake, pascal, module)."""
    spec = importlib.util.spec_from_file_location(
        "_generality_python_pack",
        PACK_DIR / "__init__.py",
        submodule_search_locations=[str(PACK_DIR)],
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return importlib.import_module(f"{spec.name}.names")


pack = _pack()

# spec string -> (attribute / parameter name, class name)
TABLE: list[tuple[str, str, str]] = [
    ("class", "class_", "Class"),
    ("def", "def_", "Def"),
    ("None", "none", "None_"),
    ("list", "list_", "List"),  # a builtin the annotations use
    ("str", "str_", "Str"),
    ("dict", "dict_", "Dict"),
    ("datetime", "datetime_", "Datetime"),  # the module the annotations use
    ("classmethod", "classmethod_", "Classmethod"),  # decorates from_dict in the class body
    ("type", "type", "Type"),  # a builtin no generated annotation uses: kept readable
    ("id", "id", "Id"),
    ("123abc", "n_123_abc", "N123Abc"),
    ("2fa-code", "n_2_fa_code", "N2FaCode"),
    ("x-rate-limit", "x_rate_limit", "XRateLimit"),
    ("foo.bar", "foo_bar", "FooBar"),
    ("@odata.type", "odata_type", "OdataType"),
    ("naïve café", "naïve_café", "NaïveCafé"),
    ("ﬁle", "file", "File"),  # NFKC: Python reads the ligature as `fi`
    ("日本語", "日本語", "日本語"),
    ("", "value", "Value"),
]


@pytest.mark.parametrize(("text", "snake", "pascal"), TABLE)
def test_identifier_table(text: str, snake: str, pascal: str) -> None:
    name = make_name(text)
    assert pack.snake(name) == snake
    assert pack.pascal(name) == pascal
    for identifier in (pack.snake(name), pack.pascal(name), pack.module(name)):
        assert identifier.isidentifier() and not keyword.iskeyword(identifier)


def test_module_never_equals_the_class_name() -> None:
    name = make_name("日本語")
    assert pack.module(name) != pack.pascal(name)


NAMES = """\
openapi: 3.0.3
info: {title: Names, version: "1"}
paths:
  /things/{class}:
    get:
      operationId: get-thing.v2
      tags: [my-things]
      parameters:
        - {name: class, in: path, required: true, schema: {type: string}}
        - {name: list, in: query, schema: {type: string}}
        - {name: 2nd, in: query, schema: {type: string}}
        - {name: fooBar, in: query, schema: {type: string}}
        - {name: foo_bar, in: query, schema: {type: string}}
        - {name: X-Request-ID, in: header, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/class'}
              example:
                from: a
                import: b
                list: [1]
                self: c
                2fa: d
                x-y.z: e
                naïve: f
                fooBar: g
                foo_bar: h
                FooBar: i
                to_dict: j
                classmethod: k
                additional_properties: l
  /things:
    get:
      operationId: get_thing_v2
      tags: [my_things]
      responses: {'204': {description: none}}
    post:
      operationId: getThingV2
      tags: [My Things]
      responses: {'204': {description: none}}
components:
  schemas:
    class:
      type: object
      properties:
        from: {type: string}
        import: {type: string}
        list: {type: array, items: {type: integer}}
        self: {type: string}
        2fa: {type: string}
        x-y.z: {type: string}
        naïve: {type: string}
        fooBar: {type: string}
        foo_bar: {type: string}
        FooBar: {type: string}
        to_dict: {type: string}
        classmethod: {type: string}
        additional_properties: {type: string}
    foo-bar: {type: object, properties: {a: {type: string}}}
    foo_bar: {type: object, properties: {b: {type: string}}}
    fooBar: {type: object, properties: {c: {type: string}}}
    1st: {type: object, properties: {d: {type: string}}}
    Any: {type: object, properties: {e: {type: string}}}
    File: {type: object, properties: {f: {type: string}}}
    Record: {type: object, properties: {g: {type: string}}}
    holder: {type: object, properties: {record: {$ref: '#/components/schemas/Record'}}}
"""

FIELDS = {
    "from": "from_",
    "import": "import_",
    "list": "list_",
    "self": "self_",
    "2fa": "n_2_fa",
    "x-y.z": "x_y_z",
    "naïve": "naïve",
    "fooBar": "foo_bar",
    "foo_bar": "foo_bar_2",
    "FooBar": "foo_bar_3",
    "to_dict": "to_dict_",
    "classmethod": "classmethod_",
    "additional_properties": "additional_properties_",
}


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("names"), NAMES, "gen_names")


def test_fields_get_valid_distinct_names_and_keep_their_keys(names: Generated) -> None:
    model = names.models().Class
    assert list(model.__slots__)[: len(FIELDS)] == list(FIELDS.values())
    data: dict[str, Any] = {key: f"v-{key}" for key in FIELDS}
    data["list"] = [1, 2]
    decoded = model.from_dict(data)
    for key, attribute in FIELDS.items():
        assert getattr(decoded, attribute) == data[key]
    assert decoded.additional_properties == {}  # the field named additional_properties is a field
    assert decoded.to_dict() == data


def test_colliding_class_names_stay_distinct(names: Generated) -> None:
    models = names.models()
    assert [models.FooBar.__module__, models.FooBar2.__module__, models.FooBar3.__module__] == [
        "gen_names.models.foo_bar",
        "gen_names.models.foo_bar_2",
        "gen_names.models.foo_bar_3",
    ]
    assert "a" in models.FooBar.__slots__  # document order decides who keeps it
    assert models.N1St(d="x").to_dict() == {"d": "x"}
    # names the package uses itself are not taken from it
    assert models.AnyModel(e="x").to_dict() == {"e": "x"}
    assert models.FileModel(f="x").to_dict() == {"f": "x"}
    assert names.module.File is not models.FileModel


def test_a_model_named_like_a_runtime_module_does_not_shadow_it(names: Generated) -> None:
    """`Record` lives in `models/record.py`; a model using it loads it lazily, and the
    loader's name must not hide the runtime's `_record` module, every model's base."""
    holder = names.models().Holder.from_dict({"record": {"g": "x"}})
    assert holder.record.g == "x"
    assert holder.to_dict() == {"record": {"g": "x"}}


def test_operations_parameters_and_controllers(names: Generated) -> None:
    with mock_server(names.spec) as mock:
        client: Any = names.module.NamesClient(base_url=mock.url)
        result = client.my_things.get_thing_v2(
            "c/1", list_="l", n_2_nd="2", foo_bar="x", foo_bar_2="y", x_request_id="r"
        ).data
        record = mock.received[-1]
    assert record["path"] == "/things/c%2F1"
    assert record["query"] == "list=l&2nd=2&fooBar=x&foo_bar=y"
    assert result.from_ == "a"
    # three tags that are one name after conversion: three controllers
    assert [c for c in dir(type(client)) if c.startswith("my_things")] == [
        "my_things",
        "my_things_2",
        "my_things_3",
    ]
    assert hasattr(client.my_things_2, "get_thing_v2")
    assert hasattr(client.my_things_3, "get_thing_v2")


def test_names_are_stable(tmp_path: Path, names: Generated) -> None:
    spec = write_spec(tmp_path, NAMES)
    again = tmp_path / "again"
    code, err = run_generator(
        "generate", str(spec), "--lang", "python", "--out", str(again), "--package", "gen_names"
    )
    assert code == 0, err
    first = names.out / "gen_names"
    for path in sorted(first.rglob("*.py")):
        assert (again / "gen_names" / path.relative_to(first)).read_bytes() == path.read_bytes()
