"""A pack's `finish` step (e.g. a code formatter), run by each render process on its
share of the files, with its results cached across runs (`finish_cache`).

`finish` promises that each file's result depends on its own path and text alone,
so the two render processes of a large output (see `render`) can each finish their
own files beside the other, instead of one process finishing all of them after both
have rendered. A file an earlier run finished from the same text is taken from the
cache; the pack's `finish` sees only the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from . import finish_cache
from .packs import Pack, PackError


class Finished(NamedTuple):
    """One file as finished (UTF-8: encoded in the process that finished it, as the cache
    and the output want it), and what the cache needs to know of it."""

    data: bytes
    key: str | None  # its cache entry's key; None when the cache is off
    unchanged: bool  # finish left its text as it was
    fresh: bool  # finished in this run (not taken from the cache)


class Finisher:
    """Finishes parts of one output with one pack; made before the render processes
    part, so each inherits the cache entries read once."""

    def __init__(self, pack: Pack, paths: Iterable[str]) -> None:
        """`paths`: every file of the output, which names its cache bundle."""
        self._pack = pack.name
        self._finish: Callable[[dict[str, str]], dict[str, str]] | None = pack.finish
        self._bundle = None
        if pack.finish is not None and pack.finish_key is not None:
            try:
                # The pack's folder too: a pack of the same name from --templates has
                # other code, and so other results.
                self._bundle = finish_cache.open_bundle(
                    f"{pack.name} {pack.folders[-1]}", pack.finish_key, paths
                )
            except Exception as error:  # e.g. the formatter is missing: the pack's failure
                raise PackError(
                    f"pack {pack.name!r} could not name its finish step: {error}"
                ) from error

    def __call__(self, files: Mapping[str, str]) -> list[Finished]:
        """Each of `files` finished, in their order."""
        if self._finish is None:
            return [Finished(text.encode(), None, True, False) for text in files.values()]
        bundle = self._bundle
        keys = {path: bundle.key(path, text) for path, text in files.items()} if bundle else {}
        recorded = bundle.recorded if bundle else {}
        missing = {path: text for path, text in files.items() if keys.get(path) not in recorded}
        done = self._run(missing) if missing else {}
        finished: list[Finished] = []
        for path, text in files.items():
            key = keys.get(path)
            if path in done:
                result = done[path]
                finished.append(Finished(result.encode(), key, result == text, True))
            else:
                entry = recorded[key]  # type: ignore[index]  # a hit has a key
                data = text.encode() if entry is None else entry
                finished.append(Finished(data, key, entry is None, False))
        return finished

    def record(self, finished: Iterable[Finished]) -> None:
        """Keep what this run finished for the next one (when it finished anything anew)."""
        if self._bundle is None:
            return
        every = list(finished)
        if any(f.fresh for f in every):
            finish_cache.record(
                self._bundle,
                ((f.key, None if f.unchanged else f.data) for f in every if f.key is not None),
            )
        elif every:
            finish_cache.touch(self._bundle)

    def _run(self, files: dict[str, str]) -> dict[str, str]:
        assert self._finish is not None
        try:
            done = self._finish(dict(files))
        except Exception as error:  # a pack's own failure, reported without a traceback
            raise PackError(f"pack {self._pack!r} could not finish its output: {error}") from error
        if (
            not isinstance(done, dict)
            or done.keys() != files.keys()
            or not all(isinstance(text, str) for text in done.values())
        ):
            raise PackError(
                f"pack {self._pack!r}: finish must return each file it is given, as text"
            )
        return done
