import gc
import sys

from .cli import main

status = main()
# On the way out Python collects garbage once more, walking every object still alive:
# at x50 the plan's records and the pages' views, 1.1-1.7 s after the command was done
# (BENCHMARKS.md, ninth session). None of them needs collecting; frozen, they are skipped.
gc.freeze()
sys.exit(status)
