"""``python -m nnscratch.playground``: serve the playground page (see ``nnscratch.playground``)."""

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
