"""``python -m nnscratch``: the command line (see ``nnscratch.cli``)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
