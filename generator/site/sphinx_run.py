"""``python -m generator.site.sphinx_run ARGS``: sphinx-build, leaving without the teardown.

When a Sphinx build is over, the interpreter frees every object of the build
environment one by one before the process ends. At fifty times the data that took
3 of the 5.6 seconds of a build with nothing to read (measured: 5.6 s with
``python -m sphinx``, 2.5 s with this). The build command runs each language's
build through this module: the same ``sphinx.cmd.build.main``, then the output is
flushed and the process ends at once. Sphinx closes every file it writes itself.
"""

from __future__ import annotations

import os
import sys


def run(argv: list[str]) -> None:
    from sphinx.cmd.build import main

    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run(sys.argv[1:])
