"""What every article notebook shares: its first code cell, which finds nnscratch."""

from ..files.ipynb import code

__all__ = ["find_nnscratch"]

FIND_NNSCRATCH = '''
# nnscratch: installed, or in this folder or a folder above it (a clone, or a copied folder).
import pathlib
import sys

try:
    import nnscratch
except ImportError:
    for folder in [pathlib.Path.cwd(), *pathlib.Path.cwd().parents]:
        if (folder / "nnscratch" / "__init__.py").is_file():
            sys.path.insert(0, str(folder))
            break
    import nnscratch
print("nnscratch", nnscratch.__version__)
'''


def find_nnscratch():
    """The first code cell of each notebook: import nnscratch from wherever it is near."""
    return code(FIND_NNSCRATCH)
