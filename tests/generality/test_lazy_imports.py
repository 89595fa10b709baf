"""Importing a generated package stays cheap: controllers and models load on first use.

Checked in a fresh interpreter, through `sys.modules` (times are for `make bench`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from generality_support import Generated, generate


def _spec() -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    for index in range(40):
        schemas[f"Thing{index}"] = {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "next": {"$ref": f"#/components/schemas/Thing{(index + 1) % 40}"},
            },
        }
    for tag in ("alpha", "beta", "gamma"):
        paths[f"/{tag}"] = {
            "get": {
                "operationId": f"get_{tag}",
                "tags": [tag],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Thing0"}}
                        },
                    }
                },
            }
        }
    schemas["Lonely"] = {"type": "object", "properties": {"x": {"type": "string"}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Lazy", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


@pytest.fixture(scope="module")
def lazy(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    return generate(tmp_path_factory.mktemp("lazy"), _spec(), "gen_lazy", name="api.json")


# "heavy": what `import gen_lazy` must leave for later, dataclasses (with inspect, ~15 ms),
# logging (~4 ms), urllib3, and the modules only some clients or the first request need.
SCRIPT = """
import sys
def loaded():
    return sorted(m for m in sys.modules if m.startswith("gen_lazy."))
steps = {}
import gen_lazy
steps["import"] = loaded()
heavy = ("dataclasses", "inspect", "logging", "json", "urllib.parse", "uuid", "random", "urllib3")
steps["heavy"] = sorted(m for m in heavy if m in sys.modules)
client = gen_lazy.LazyClient(base_url="http://127.0.0.1:9")
steps["client"] = loaded()
client.beta
steps["controller"] = loaded()
from gen_lazy.controllers.beta import _GET_BETA
_GET_BETA.responses["200"]({"id": 1, "next": {"id": 2}})
steps["decode"] = loaded()
from gen_lazy.models import Lonely
steps["model"] = loaded()
from gen_lazy.controllers import AlphaController
steps["controllers"] = loaded()
import gen_lazy.models as models
assert "Thing39" in dir(models) and models.Lonely is Lonely
import json
print(json.dumps(steps))
"""


def test_importing_the_package_loads_no_model_or_controller(lazy: Generated) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=lazy.out,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    steps = json.loads(done.stdout)
    assert steps["heavy"] == []
    # the runtime modules only a request (or a parameter to encode) needs
    assert not {"gen_lazy._log", "gen_lazy._params", "gen_lazy._values"} & set(steps["import"])
    for step in ("import", "client"):
        assert not [
            m for m in steps[step] if m.startswith(("gen_lazy.models.", "gen_lazy.controllers."))
        ]
    controller = set(steps["controller"]) - set(steps["client"])
    # the beta controller, not alpha's, and no model yet (Thing0 reaches all 40 Things)
    assert "gen_lazy.controllers.beta" in controller
    assert "gen_lazy.controllers.alpha" not in controller
    assert not [m for m in steps["controller"] if m.startswith("gen_lazy.models.")]
    # decoding loads the models the data holds (Thing0, Thing1) and those they name (Thing2),
    # not every model they could reach
    decoded = {m for m in set(steps["decode"]) - set(steps["controller"]) if ".models." in m}
    assert decoded == {f"gen_lazy.models.thing{n}" for n in (0, 1, 2)}
    assert set(steps["model"]) - set(steps["decode"]) == {"gen_lazy.models.lonely"}
    assert set(steps["controllers"]) - set(steps["model"]) == {"gen_lazy.controllers.alpha"}
