"""``python -m nnscratch.exercises``: the classroom exercises (see ``nnscratch.exercises``)."""

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
