"""What changed between two versions of an API, and what each change means (`diff`).

    _, old = load_and_build(Path("/tmp/old.yaml"), strict=False)
    _, new = load_and_build(Path("spec/thingspace-m2m.yaml"), strict=False)
    report = compare(old, new)
    report.bump          # Bump.MAJOR when anything breaks
    print(report.text())

Both sides are IRs (`generator.ir.Api`), not YAML. Schemas are matched where
they are used (a parameter, a request body, a response, a field of a matched
model), not by their component names, so a `$ref` target renamed with the same
shape is no change at all. Operations are matched by operationId; one that
kept its method and path under a new operationId is reported as renamed.

Every change has an impact: `breaking` (an existing caller or client can fail),
`compatible` (something was added or relaxed) or `docs` (descriptions,
summaries, examples). The bump is the semver part that
must grow: `major` for anything breaking, else `minor` for compatible changes,
else `patch` for documentation, `none` when both versions describe the same API.

A value a client sends (parameter, request body) breaks callers when it gets
stricter; a value a client receives (success or error body) breaks clients when
it gets looser. A model used both ways takes the stricter rule of each.

| change                                                  | sent by clients | received |
|---------------------------------------------------------|-----------------|----------|
| operation removed, renamed, moved (method, path, tag)   | breaking        | breaking |
| operation added or deprecated                           | compatible      | -        |
| parameter, field or enum value removed                  | breaking        | breaking |
| required parameter or field added                       | breaking        | compat.  |
| optional parameter or field, enum value added           | compatible      | compat.  |
| parameter, field or body became required                | breaking        | compat.  |
| field became optional                                   | compatible      | breaking |
| type narrowed (number -> integer, nullable -> not, ...) | breaking        | compat.  |
| type widened (integer -> number, X -> any, new variant) | compatible      | breaking |
| type changed otherwise (string -> integer, ...)         | breaking        | breaking |
| constraint tightened (maxLength down, pattern added)    | breaking        | compat.  |
| constraint loosened                                     | compatible      | compat.  |
| default changed                                         | breaking        | docs     |
| parameter serialization (style, explode, content)       | breaking        | -        |
| content type changed                                    | breaking        | breaking |
| success status removed, or the call's result status     | -               | breaking |
| success status added                                    | -               | compat.  |
| error status removed or raising another exception       | -               | breaking |
| error status added (raising what it raised before)      | -               | compat.  |
| auth: an old credential set no longer suffices          | breaking        | -        |
| auth: alternative added, requirement relaxed            | compatible      | -        |
| security scheme or server removed or changed            | breaking        | -        |
| security scheme or server added                         | compatible      | -        |
| component schema removed / added (its class)            | breaking / compatible      |
| description, summary, example, title                    | docs            | docs     |

`info.version` is not a change: the report shows it beside the bump it calls for.

The parts: `comparison` (the walk, in order) → `servers`, `security`, `operations`
(with `errors`) → `types` (how one `TypeRef` relates to another; pairs models and
enums) → `schemas` (each model and enum pair). `relations` holds the rules that
turn a relation and a direction of use into an impact; `changelog` collects the
changes and `report` is the result.
"""

from __future__ import annotations

from .comparison import compare
from .report import Bump, Change, Impact, Report

__all__ = ["Bump", "Change", "Impact", "Report", "compare"]
