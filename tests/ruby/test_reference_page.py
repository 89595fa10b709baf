"""The generated Ruby page of the SIM-Secure controller against the reference page.

Both pages are cut into the same sections (title, controller accessor, class name, methods,
and per operation: title, description, signature, parameters, server, response type,
example usage, example response, errors). Each section of the generated page must equal the
reference's once the differences listed in ALLOWED are applied, and each of those must
still be needed: a difference that is not listed fails, and so does a listed one that no
longer occurs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
REFERENCE = REPO_ROOT.parent / "shared" / "reference" / "sim-securefor-io-t-licenses.md"
GENERATED = REPO_ROOT / "generated" / "ruby" / "doc" / "controllers"
PAGE = GENERATED / "sim-secure-for-iot-licenses.md"


@dataclass(frozen=True)
class Allowed:
    """In section(s) matching `section`, `pattern` (a regex over the generated page's text)
    is replaced by `replacement` before the comparison."""

    section: str  # a regex matched against the section's name
    pattern: str
    replacement: str
    reason: str


ALLOWED = [
    Allowed(
        r"title",
        r"^SIM-Secure for IoT Licenses$",
        "SIM Securefor Io T Licenses",
        "The reference's title is its generator's word split of the class name; ours is the "
        "spec's tag name.",
    ),
    Allowed(
        r"intro",
        r"^.+$",
        "",
        "Our page opens with the spec's tag description; the reference's spec had none.",
    ),
    Allowed(
        r"accessor|.*example usage",
        r"sim_secure_for_iot_licenses",
        "sim_securefor_io_t_licenses",
        "The controller accessor: DESIGN.md §6 names it `sim_secure_for_iot_licenses` (the "
        "spec's config pins the words SIM, Secure, for, IoT, Licenses); the reference page "
        "shows `sim_securefor_io_t_licenses`.",
    ),
    Allowed(
        r"op\d+ example usage",
        r"sim_securefor_io_t_licenses_controller",
        "sim_secure_for_io_t_licenses_controller",
        "The reference's own examples name the variable differently from its first block "
        "(`sim_secure_for_io_t_licenses_controller`); ours uses one name throughout.",
    ),
    Allowed(
        r"class name",
        r"SIMSecureForIoTLicensesController",
        "SIMSecureforIoTLicensesController",
        "The reference docs spell the class `SIMSecureforIoTLicensesController`, but the "
        "reference SDK's code names it `SIMSecureForIoTLicensesController` (thingspace-facts "
        "§1), as ours does.",
    ),
    Allowed(
        r"methods",
        r"sim-secure-for-iot-licenses\.md",
        "sim-securefor-io-t-licenses.md",
        "Page file names are the slug of the spec's tag.",
    ),
    Allowed(
        r"op\d+ description",
        r"\n\n.*",
        "",
        "The spec's descriptions open with the reference's sentence and add paragraphs of "
        "their own (the callback flow, which licenses can be removed, the missing DELETE body).",
    ),
    Allowed(
        r"op\d+ parameters",
        r"\| Transaction Id\. [^|]*\|$",
        "| Transaction Id. |",
        "X-Request-ID: the spec's description opens with the reference's `Transaction Id.`, "
        "explains the header and lists the constraints it documents (min/max length and "
        "pattern, which the reference SDK documents in its newer pages).",
    ),
    Allowed(
        r"op\d+ server",
        r"(?s)^\* `Environment::PRODUCTION`: `https://thingspace\.verizon\.com/api/m2m` "
        r"\(the default\)\n.*$",
        "`Server::M2M`",
        "The reference names a server group (`Server::M2M`) inside each environment; the spec "
        "has one server per environment, so the page lists the environments. Production's URL "
        "is the reference's M2M server.",
    ),
    Allowed(
        r"op\d+ response type",
        r"returns an `ApiResponse`",
        r"returns a `\\ApiResponse`",
        "The older reference page has a stray backslash (its newer pages drop it) and writes "
        "`a ApiResponse`; ours reads `an`.",
    ),
    Allowed(
        r"op\d+ example usage",
        r"ThingSpaceM2M::",
        "",
        "The module prefix: our examples name `ThingSpaceM2M::AssignLicenseRequest` so that they "
        "run as they are after `require 'thingspace_m2m'`.",
    ),
    Allowed(
        r"op1 example usage",
        r"x_request_id = '1-1234'",
        "x_request_id = 'X-Request-ID2'",
        "The reference's example value `X-Request-ID2` fails the pattern its own docs give "
        "(`^[0-9]-[0-9]{3,32}$`); the spec's example `1-1234` matches it.",
    ),
]


def sections(text: str) -> dict[str, str]:
    """The page cut into named sections (see the module docstring)."""
    head, *operations = re.split(r"\n\n\n(?=# )", text.strip("\n"))
    found: dict[str, str] = {}
    title, _, rest = head.partition("\n")
    found["title"] = title.removeprefix("# ")
    intro, _, rest = rest.strip("\n").partition("```ruby\n")
    found["intro"] = intro.strip()
    accessor, _, rest = rest.partition("```")
    found["accessor"] = accessor.strip()
    for name, body in _subsections(rest).items():
        found[name.lower()] = body
    for index, operation in enumerate(operations):
        title, _, rest = operation.partition("\n")
        found[f"op{index} title"] = title.removeprefix("# ")
        description, _, rest = rest.strip("\n").partition("```ruby\n")
        found[f"op{index} description"] = description.strip()
        signature, _, rest = rest.partition("```")
        found[f"op{index} signature"] = signature.strip()
        for name, body in _subsections(rest).items():
            found[f"op{index} {name.lower()}"] = body
    return found


def _subsections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {
        re.sub(r"\s*\*\(as JSON\)\*", "", name).strip(): _unfenced(body)
        for name, body in zip(parts[1::2], parts[2::2], strict=True)
    }


def _unfenced(body: str) -> str:
    body = body.strip()
    fenced = re.fullmatch(r"```\w*\n(.*)\n```", body, re.S)
    return fenced.group(1) if fenced else body


def normalized(ours: dict[str, str]) -> tuple[dict[str, str], set[int]]:
    """Our sections with the allowed differences applied, and which allowances applied."""
    used: set[int] = set()
    result = {}
    for name, text in ours.items():
        for index, allowed in enumerate(ALLOWED):
            if re.fullmatch(allowed.section, name):
                changed = re.sub(allowed.pattern, allowed.replacement, text, flags=re.M)
                if changed != text:
                    used.add(index)
                text = changed
        result[name] = text
    return result, used


OURS = sections(PAGE.read_text("utf-8"))
REFERENCE_SECTIONS = sections(REFERENCE.read_text("utf-8")) if REFERENCE.exists() else {}
pytestmark = pytest.mark.skipif(not REFERENCE.exists(), reason=f"{REFERENCE} is not here")


def test_the_pages_have_the_same_sections() -> None:
    assert list(OURS) == list(REFERENCE_SECTIONS)
    expected = {"title", "accessor", "class name", "methods", "op0 signature", "op1 errors"}
    assert expected <= set(OURS)
    for section in ("parameters", "server", "response type", "example usage", "errors"):
        assert f"op0 {section}" in OURS


@pytest.mark.parametrize("section", list(REFERENCE_SECTIONS))
def test_section_matches_the_reference(section: str) -> None:
    ours, _ = normalized(OURS)
    assert ours[section] == REFERENCE_SECTIONS[section]


def test_every_allowed_difference_is_still_needed() -> None:
    _, used = normalized(OURS)
    stale = [allowed.reason for index, allowed in enumerate(ALLOWED) if index not in used]
    assert not stale


def test_every_allowed_difference_has_a_reason() -> None:
    for allowed in ALLOWED:
        assert len(allowed.reason) > 40, allowed


def test_an_unlisted_difference_fails() -> None:
    """The comparison is not vacuous: a changed word in a table is caught."""
    changed = dict(OURS)
    changed["op0 errors"] = changed["op0 errors"].replace("Bad request.", "Bad Request.")
    ours, _ = normalized(changed)
    assert ours["op0 errors"] != REFERENCE_SECTIONS["op0 errors"]
