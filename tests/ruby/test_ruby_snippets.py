"""Every example snippet of the generated Ruby docs runs, in real Ruby, against the mock.

Each ```ruby block of generated/ruby/doc/** is evaluated after a prelude that builds
`client` (credentials that look real, `base_url` at the mock) and the controller variable
the page's first block defines; an `Example Usage` snippet makes one call and its
`result.data` must equal the page's `Example Response`. Signature blocks are compared with
the real method's parameters. One Ruby process runs them all.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from ruby_run import run_jobs
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

PAGES = sorted((REPO_ROOT / "generated" / "ruby" / "doc").rglob("*.md"))
SNIPPETS = [block for page in PAGES for block in runnable(page, "ruby")]
SIGNATURES = [b for page in PAGES for b in blocks(page, "ruby") if b.is_signature]

PRELUDE = """\
client = ThingSpaceM2M::Client.new(
  access_token: '{access_token}',
  vz_m2m_token: '{vz_m2m_token}',
  base_url: '{base_url}',
  timeout: 5,
  max_retries: 0
)
"""


@pytest.fixture(scope="module")
def reports(ruby: str, ruby_mock: MockProcess, tmp_path_factory: pytest.TempPathFactory) -> Any:
    prelude = PRELUDE.format(
        access_token=ACCESS_TOKEN, vz_m2m_token=VZ_M2M_TOKEN, base_url=ruby_mock.url
    )
    jobs: list[dict[str, Any]] = [
        {
            "id": block.id,
            "kind": "run",
            "prelude": prelude + controller_prelude(block.page, "ruby"),
            "code": block.code,
            "path": str(block.page),
            "line": block.line + 1,
            "mock": ruby_mock.url,
        }
        for block in SNIPPETS
    ]
    for block in SIGNATURES:
        name = re.match(r"\s*def (\w+)", block.code)
        assert name, block.code
        jobs.append(
            {
                "id": block.id,
                "kind": "signature",
                "class": class_name(block.page),
                "method": name.group(1),
            }
        )
    return run_jobs(ruby, "snippet_runner.rb", jobs, tmp_path_factory.mktemp("snippets"))


def test_the_docs_have_snippets() -> None:
    pages = {b.page.parent.name for b in SNIPPETS}
    assert {"controllers", "auth", "doc"} <= pages, pages
    assert sum(example_response(b) is not None for b in SNIPPETS) >= 5
    assert len(SIGNATURES) >= 5


@pytest.mark.parametrize("block", SNIPPETS, ids=[b.id for b in SNIPPETS])
def test_snippet_runs(block: Block, reports: dict[str, Any]) -> None:
    report = reports[block.id]
    assert report["ok"], report.get("error")
    if block.heading == "Example Usage":
        assert report["requests"] == 1, "an example makes exactly one call"
        assert report["status"] == 200
    expected = example_response(block)
    if expected is not None:
        assert report["data"] == expected


@pytest.mark.parametrize("block", SIGNATURES, ids=[b.id for b in SIGNATURES])
def test_signature_matches_the_method(block: Block, reports: dict[str, Any]) -> None:
    """`def name(body,\\n x_request_id: nil)` lists the method's parameters, `options:` aside."""
    match = re.fullmatch(r"\s*def (\w+)(?:\((.*)\))?\s*", block.code, re.S)
    assert match, block.code
    shown = []
    for part in (match.group(2) or "").split(","):
        part = part.strip()
        if part:
            shown.append(["key", part[:-5]] if part.endswith(": nil") else ["req", part])
    actual = [p for p in reports[block.id]["parameters"] if p != ["key", "options"]]
    assert shown == actual


def test_client_page_first_block_builds_a_client() -> None:
    """The client page's example needs no prelude variable: it builds `client` itself."""
    page = REPO_ROOT / "generated" / "ruby" / "doc" / "client.md"
    assert controller_prelude(page, "ruby") == ""
    assert any("ThingSpaceM2M::Client.new(" in b.code for b in runnable(page, "ruby"))
