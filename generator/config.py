"""The generator settings that sit beside a spec: package and client names, naming pins.

`spec/foo.yaml` is configured by `spec/foo.config.yaml` when that file exists:

    client: ThingSpaceM2M          # words of the client's name (packs add "Client" etc.)
    package: thingspace_m2m        # words of the package name
    names:                         # spelling pins: a spec string -> its words
      SIM-Secure for IoT Licenses: [SIM, Secure, for, IoT, Licenses]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Level, SpecError, pointer
from .loader import parse_text


@dataclass(frozen=True, slots=True)
class Config:
    client: str | None = None
    package: str | None = None
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)


def config_path_for(spec_path: Path) -> Path:
    name = spec_path.name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return spec_path.with_name(stem + ".config.yaml")


def load_config(spec_path: Path, package: str | None = None) -> Config:
    """Read the config beside `spec_path` (if any); `package` overrides its package name."""
    path = config_path_for(spec_path)
    if not path.exists():
        return Config(package=package)
    data = parse_text(path.read_text(encoding="utf-8"), path.name) or {}
    problems: list[Diagnostic] = []
    if not isinstance(data, dict):
        raise SpecError([Diagnostic(Level.ERROR, "", f"{path.name}: expected a mapping")])
    for key in ("client", "package"):
        if key in data and not isinstance(data[key], str):
            problems.append(
                Diagnostic(Level.ERROR, pointer(key), f"{path.name}: {key} must be a string")
            )
    names: dict[str, tuple[str, ...]] = {}
    pins = data.get("names") or {}
    if not isinstance(pins, dict):
        raise SpecError(
            [Diagnostic(Level.ERROR, pointer("names"), f"{path.name}: names is a mapping")]
        )
    for original, words in pins.items():
        if not (
            isinstance(words, list)
            and words
            and all(isinstance(w, str) and w.isidentifier() for w in words)
        ):
            problems.append(
                Diagnostic(
                    Level.ERROR,
                    pointer("names", original),
                    f"{path.name}: a pin is a list of words",
                )
            )
            continue
        names[str(original)] = tuple(words)
    unknown = sorted(set(data) - {"client", "package", "names"})
    problems.extend(
        Diagnostic(Level.ERROR, pointer(k), f"{path.name}: unknown setting") for k in unknown
    )
    if problems:
        raise SpecError(problems)
    return Config(client=data.get("client"), package=package or data.get("package"), names=names)
