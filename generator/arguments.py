"""The command line's grammar: `python -m generator COMMAND ...` parsed into a namespace.

Apart from the commands (`cli`), so that parsing costs no heavy import: `__main__`
reads the command line and starts validating the spec before the rest of the
generator loads (see `child`).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The parsed command line; `command` names the command. Exits 2 on bad arguments."""
    return _parser().parse_args(argv)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Generate API clients from an OpenAPI spec."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("validate", help="check a spec and print what is wrong with it")
    check.add_argument("spec", type=Path)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.set_defaults(command="validate")

    gen = commands.add_parser("generate", help="generate a client package from a spec")
    gen.add_argument("spec", type=Path)
    gen.add_argument("--lang", required=True, help="template pack name (see `languages`)")
    gen.add_argument("--out", required=True, type=Path, help="output folder")
    gen.add_argument("--package", help="package name (overrides the spec's config)")
    gen.add_argument(
        "--templates", type=Path, action="append", default=[], help="extra pack folder (repeatable)"
    )
    gen.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 listing what would change"
    )
    gen.add_argument(
        "--force", action="store_true", help="overwrite generated files that were edited by hand"
    )
    gen.add_argument("--strict", action="store_true", help="treat warnings as errors")
    gen.set_defaults(command="generate")

    changes = commands.add_parser(
        "diff",
        help="list the API changes between two versions of a spec; exit 3 if any breaks",
    )
    changes.add_argument("old", type=Path, help="the previous spec")
    changes.add_argument("new", type=Path, help="the new spec")
    changes.add_argument("--json", action="store_true", help="print the report as JSON")
    changes.set_defaults(command="diff")

    langs = commands.add_parser("languages", help="list the template packs")
    langs.add_argument("--templates", type=Path, action="append", default=[])
    langs.set_defaults(command="languages")

    mock = commands.add_parser("mock", help="serve the spec's examples over HTTP on loopback")
    mock.add_argument("spec", type=Path)
    mock.add_argument("--host", default="127.0.0.1")
    mock.add_argument("--port", type=_port, default=4010, help="0 picks a free port")
    mock.add_argument(
        "--no-validate",
        dest="validate",
        action="store_false",
        help="answer every request, even one that does not match the spec",
    )
    mock.set_defaults(command="mock")
    return parser


def _port(text: str) -> int:
    port = int(text)
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port (0 to 65535)")
    return port
