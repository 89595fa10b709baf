"""Support for the generality tests: generate a package from a small spec, import it, and
talk to it over loopback HTTP (the spec's own mock server, or a scripted server of the test's).

Every test spec gets its own package name, so packages never meet in `sys.modules`.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml
from support import specs
from support.loopback import LoopbackHTTPServer, QuietHandler, serving
from support.ruff_lint import assert_lints_clean

from generator.cli import main
from generator.loader import load_document
from generator.mock import MockServer

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Generated:
    """A generated package: where it is, its top module, and what the generator printed."""

    out: Path
    package: str
    module: ModuleType
    stderr: str
    spec: Path

    def sub(self, name: str) -> ModuleType:
        """A submodule, e.g. `models` or `controllers.pets`."""
        return importlib.import_module(f"{self.package}.{name}")

    def models(self) -> ModuleType:
        return self.sub("models")


def write_spec(folder: Path, spec: str | dict[str, Any], name: str = "api.yaml") -> Path:
    return specs.write_spec(folder / name, spec, indent=1)


def run_generator(*argv: str) -> tuple[int, str]:
    """`python -m generator ARGV`, in-process: (exit code, stderr)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def generate(
    folder: Path, spec: str | dict[str, Any], package: str, *extra: str, name: str = "api.yaml"
) -> Generated:
    """Generate `spec` as package `package` under `folder` and import it."""
    path = write_spec(folder, spec, name)
    out = folder / "out"
    code, err = run_generator(
        "generate", str(path), "--lang", "python", "--out", str(out), "--package", package, *extra
    )
    assert code == 0, err
    assert_lints_clean(out)  # every shape these specs make, held to ruff
    if str(out) not in sys.path:
        sys.path.insert(0, str(out))
    for loaded in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
        del sys.modules[loaded]
    importlib.invalidate_caches()
    return Generated(out, package, importlib.import_module(package), err, path)


@contextlib.contextmanager
def mock_server(spec: Path) -> Iterator[MockServer]:
    """The spec's mock server (`python -m generator mock`), on a free loopback port."""
    with MockServer(load_document(spec)) as server:
        yield server


def load_yaml(text: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(text)
    return data


# -- a scripted loopback server -----------------------------------------------------------------


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = None


@dataclass
class Scripted:
    """A loopback server answering each path with a scripted reply, recording raw requests."""

    url: str
    replies: dict[str, Reply] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)

    def last(self) -> Received:
        return self.received[-1]


@contextlib.contextmanager
def scripted_server() -> Iterator[Scripted]:
    """Start a `Scripted` server; set `replies[path]` before each call."""
    state = Scripted(url="")

    class Handler(QuietHandler):
        def _any(self) -> None:
            body = self.read_body()
            state.received.append(
                Received(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body
                )
            )
            reply = state.replies.get(
                self.path.split("?")[0], Reply(404, b"{}", "application/json")
            )
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            if reply.status not in (204, 304):
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.status not in (204, 304):
                self.wfile.write(reply.body)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _any

    with serving(LoopbackHTTPServer(Handler)) as server:
        state.url = f"http://127.0.0.1:{server.server_address[1]}"
        yield state
