"""``python -m generator.site.sphinx_run ARGS``: sphinx-build, tuned for one build and leaving without the teardown.

Two costs of a Python process that builds once and ends are set aside here:

* The cyclic garbage collector. A Sphinx build allocates millions of small objects
  (doctrees, the plan's views) that live until the end; with the default thresholds
  the collector walks them again and again. Collecting less often
  (:func:`collecting_less_often`) took the English rebuild after one duty's edit from
  2.5 to 2.0 CPU seconds at x1 (measured with ``tests/benchmark.py --rebuild``'s probe).
* The teardown. When a build is over, the interpreter frees every object of the build
  environment one by one before the process ends. At fifty times the data that took
  3 of the 5.6 seconds of a build with nothing to read (measured: 5.6 s with
  ``python -m sphinx``, 2.5 s with this). Here the output is flushed and the process
  ends at once. Sphinx closes every file it writes itself.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: Generation 0 is collected after this many net allocations (the default is 700 in
#: Python 3.11), and each older generation after 20 collections of the younger one:
#: cycles are still collected, so memory stays bounded on a large build.
GC_THRESHOLDS = (50_000, 20, 20)


@contextmanager
def collecting_less_often() -> Iterator[None]:
    """Collect cycles less often while building (see the module's docstring); the
    thresholds are put back afterwards, for a caller that goes on (the tests)."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def collect_all() -> None:
    """A whole collection, of what is frozen too; then all that lives is frozen again.

    A long-lived build process (a build server, the live preview) holds millions of
    objects (the environment, the plan, the views). Python's collector walked them during
    the builds, in collections that took 0.3-2.1 s of a one-edit build at x50
    (BENCHMARKS.md, eleventh session). So after each build they are frozen
    (``gc.freeze``), out of its walks; what they leave in cycles is collected here, when
    the process is idle."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def run(argv: list[str]) -> None:
    gc.set_threshold(*GC_THRESHOLDS)  # this process builds once and ends
    from sphinx.cmd.build import main

    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run(sys.argv[1:])
