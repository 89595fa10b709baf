"""`python -m generator`: the command line's entry point.

A spec's validation starts in a child process first (`child`), and only then does
this process import the rest of the generator (0.1 s in a cold run), so the two
overlap from the start.
"""

import sys

from .arguments import parse
from .child import spawn_validation

args = parse(sys.argv[1:])
child = spawn_validation(args.spec) if args.command in ("generate", "validate") else None

from .cli import run  # noqa: E402  (after the child has started, on purpose)

sys.exit(run(args, child))
