import gc
import os
import sys

from . import cli

# What a command loaded (at x50 the plan's 23,500 records) is left to the operating system:
# freed one object at a time when the build returned, it took 0.35-0.4 s after the command
# was done, and Python's last garbage collection walked it all again (1.1-1.7 s; BENCHMARKS.md,
# ninth and eleventh sessions). Every file is written and closed, and every child process
# waited for, before main() returns; nothing is left for Python's own exit to do.
cli.LEFT_TO_EXIT = []
status = cli.main()
gc.freeze()
sys.stdout.flush()
sys.stderr.flush()
os._exit(status)
