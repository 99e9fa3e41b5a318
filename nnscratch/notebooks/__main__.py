"""``python -m nnscratch.notebooks DIR``: write the articles as notebooks (see ``nnscratch.notebooks``)."""

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
