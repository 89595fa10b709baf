"""Every example snippet of the generated Python docs runs against the mock server.

Each ```python block of generated/python/doc/** is executed after a prelude that builds
`client` (credentials that look real, `base_url` at the mock) and the controller variable
the page's first block defines; an `Example Usage` snippet's `result.data` must equal the
page's `Example Response`. Signature blocks are not run: they are compared with the real
method's signature instead, so the docs cannot drift from the code.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from typing import Any

import pytest
from support.doc_snippets import (
    ACCESS_TOKEN,
    REPO_ROOT,
    VZ_M2M_TOKEN,
    Block,
    blocks,
    class_name,
    controller_prelude,
    example_response,
    runnable,
)
from support.mock_process import MockProcess

GENERATED = REPO_ROOT / "generated" / "python"
PAGES = sorted((GENERATED / "doc").rglob("*.md"))
if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))

SNIPPETS = [block for page in PAGES for block in runnable(page, "python")]
SIGNATURES = [b for page in PAGES for b in blocks(page, "python") if b.is_signature]

PRELUDE = """\
from thingspace_m2m import ThingSpaceM2MClient

client = ThingSpaceM2MClient(
    access_token={access_token!r},
    vz_m2m_token={vz_m2m_token!r},
    base_url={base_url!r},
    timeout=5,
    max_retries=0,
)
"""


def test_the_docs_have_snippets() -> None:
    assert len(SNIPPETS) >= 6, [b.id for b in SNIPPETS]
    assert any(example_response(b) is not None for b in SNIPPETS)


@pytest.mark.parametrize("block", SNIPPETS, ids=[b.id for b in SNIPPETS])
def test_snippet_runs(block: Block, docs_mock: MockProcess) -> None:
    prelude = PRELUDE.format(
        access_token=ACCESS_TOKEN, vz_m2m_token=VZ_M2M_TOKEN, base_url=docs_mock.url
    )
    namespace: dict[str, Any] = {"__name__": "snippet"}
    exec(compile(prelude + controller_prelude(block.page, "python"), "prelude", "exec"), namespace)
    docs_mock.clear()

    exec(compile(block.code, f"{block.page}:{block.line}", "exec"), namespace)

    expected = example_response(block)
    if block.heading == "Example Usage":
        assert len(docs_mock.requests()) == 1, "an example makes exactly one call"
    if expected is not None:
        assert namespace["result"].status_code == 200
        assert namespace["result"].data.to_dict() == expected
    namespace["client"].close()


@pytest.mark.parametrize("block", SIGNATURES, ids=[b.id for b in SIGNATURES])
def test_signature_matches_the_method(block: Block) -> None:
    match = re.fullmatch(r"\s*def (\w+)\((.*)\)\s*", block.code, re.S)
    assert match, block.code
    name, shown = match.group(1), [p.strip() for p in match.group(2).split(",") if p.strip()]
    controllers = importlib.import_module("thingspace_m2m.controllers")
    cls = getattr(controllers, class_name(block.page) or "")
    method = inspect.signature(getattr(cls, name))
    actual = [
        p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
        for p in method.parameters.values()
        if p.kind is not inspect.Parameter.KEYWORD_ONLY
    ]
    assert shown == actual
