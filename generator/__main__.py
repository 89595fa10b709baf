"""`python -m generator`: the command line's entry point.

A spec's validation starts in a child process first (`child`), and only then does
this process import the rest of the generator (0.1 s in a cold run), so the two
overlap from the start.
"""

import gc
import sys

from .arguments import parse
from .child import spawn_validation

args = parse(sys.argv[1:])
if args.command in ("generate", "validate", "diff"):
    # These runs are short, and what they build (the spec, the IR, the rendered text)
    # lives to their end: the cyclic collector would walk it again and again for
    # nothing. Off, a cold run of the Stripe spec takes 5 % less time and the same peak
    # memory. (`mock` serves until stopped, and keeps it.)
    gc.disable()
child = spawn_validation(args.spec) if args.command in ("generate", "validate") else None

from .cli import run  # noqa: E402  (after the child has started, on purpose)

sys.exit(run(args, child))
