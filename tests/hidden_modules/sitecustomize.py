"""Makes packages look uninstalled in a test's subprocess.

A test puts this folder first on ``PYTHONPATH`` and lists top-level module names
in ``HIDDEN_MODULES`` (space-separated); importing any of them, or asking
``importlib.util.find_spec`` for one, then fails as it would if the package
were not installed. Subprocesses the command starts (Sphinx, the handbook
workers) inherit the environment, so the packages are hidden there too.
"""

import os
import sys

HIDDEN = frozenset(os.environ.get("HIDDEN_MODULES", "").split())


class _Hide:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.partition(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


if HIDDEN:
    sys.meta_path.insert(0, _Hide())
