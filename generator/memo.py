"""Results kept from one build to the next while ``digest serve`` runs.

A rebuild after an edit calls the same pure functions as the build before it (read this
file, render that page, serialize this feed), and almost all of them with the same
arguments: an unchanged entry file gives back the very ``Entry`` object of the previous
build, so every view, page and feed item made from it is the same object too. A
:class:`Memo` returns the kept result of such a call instead of computing it again, and
that is what lets a rebuild write only the pages an edit touched.

Arguments are compared with ``==`` on a tuple, which tries identity first: equal-but-new
objects (a settings object read again from mkdocs.yml) still hit, just more slowly. Each
build keeps only what it used, so a memo never holds more than one build's results, and a
build that fails keeps the results of the last one that succeeded.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        self._kept: dict[Hashable, tuple[tuple[object, ...], object]] = {}
        self._used: dict[Hashable, tuple[tuple[object, ...], object]] = {}
        self.hits = 0
        self.misses = 0

    @contextmanager
    def build(self) -> Iterator[Memo]:
        """One build: on success, what it used is what the next build may reuse."""
        self.start()
        yield self
        self.commit()

    def start(self) -> None:
        """A build begins (one that fails before :meth:`commit` changes nothing kept)."""
        self._used, self.hits, self.misses = {}, 0, 0

    def commit(self) -> None:
        """The build succeeded: what it used is what the next build may reuse."""
        self._kept, self._used = self._used, {}

    def call(self, key: Hashable, function: Callable[..., T], *args: object) -> T:
        """``function(*args)``, or the result kept under ``key`` when that call had equal
        arguments. ``key`` names the call site and what varies (a page's URL, say)."""
        kept = self._kept.get(key)
        if kept is not None and kept[0] == args:
            self.hits += 1
            result = kept[1]
        else:
            self.misses += 1
            result = function(*args)
        self._used[key] = (args, result)
        return result  # type: ignore[return-value]

    def same(self, key: Hashable, value: T) -> T:
        """``value``, or the equal object kept under ``key``: later calls then see the same
        object as in the last build and compare it by identity alone."""
        kept = self._kept.get(key)
        if kept is not None and kept[1] == value:
            value = kept[1]  # type: ignore[assignment]
        self._used[key] = ((), value)
        return value

    def previous(self, key: Hashable) -> object | None:
        """What the last build kept under ``key`` with :meth:`keep`; None at first."""
        kept = self._kept.get(key)
        return kept[1] if kept is not None else None

    def keep(self, key: Hashable, value: object) -> None:
        """Keep ``value`` for the next build's :meth:`previous`."""
        self._used[key] = ((), value)


class NoMemo(Memo):
    """Computes everything (``digest build``, ``digest compile``): nothing is kept."""

    def call(self, key: Hashable, function: Callable[..., T], *args: object) -> T:
        return function(*args)


    def same(self, key: Hashable, value: T) -> T:
        return value

    def keep(self, key: Hashable, value: object) -> None:
        pass


NO_MEMO = NoMemo()
