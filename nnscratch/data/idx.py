"""IDX files, the MNIST format: ``load_idx`` and ``load_mnist`` (article 000's ``LoadMNIST``)."""

import gzip
import sys
import zlib
from array import array
from collections import namedtuple
from pathlib import Path

from ..errors import DataError
from .tables import Dataset

__all__ = ["Idx", "load_idx", "load_mnist"]

#: The result of ``load_idx``: the dimensions, and one item per entry of the
#: first dimension (a number for 1-D files, a flat list of numbers otherwise).
Idx = namedtuple("Idx", "shape items")

#: IDX type byte -> (array typecode, bytes per value, name).
_IDX_TYPES = {
    0x08: ("B", 1, "unsigned byte"),
    0x09: ("b", 1, "signed byte"),
    0x0B: ("h", 2, "short"),
    0x0C: ("i", 4, "int"),
    0x0D: ("f", 4, "float"),
    0x0E: ("d", 8, "double"),
}
#: Refuse headers that claim more data than this many values (a corrupt header).
_IDX_MAX_VALUES = 2 ** 31


def load_idx(path, limit=None):
    """Read an IDX file (the MNIST format), raw or gzip-compressed.

    The header is two zero bytes, a type byte (0x08 for unsigned bytes), the
    number of dimensions, then each dimension as a 4-byte big-endian integer:
    magic 0x00000803 for MNIST images (n x 28 x 28), 0x00000801 for labels
    (n). The values follow, big-endian. ``limit`` reads only the first
    ``limit`` items.

    Returns ``Idx(shape, items)``: for labels a list of ints, for images one
    flat list of 784 ints (row by row) per image. Raises DataError for a bad
    magic number, a truncated file or a corrupt gzip stream.
    """
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as e:
            raise DataError("the gzip data is corrupt or truncated (%s)" % e, path) from None
    if len(raw) < 4:
        raise DataError("too short for an IDX file: %d bytes, the header alone needs 4" % len(raw), path)
    magic = int.from_bytes(raw[:4], "big")
    kind, ndim = raw[2], raw[3]
    if raw[:2] != b"\0\0" or kind not in _IDX_TYPES or ndim == 0:
        raise DataError(
            "not an IDX file: magic number 0x%08X; expected 0x00000803 (images) "
            "or 0x00000801 (labels)" % magic,
            path,
        )
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise DataError(
            "truncated IDX header: %d dimensions need %d bytes, the file has %d" % (ndim, header, len(raw)),
            path,
        )
    shape = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    per_item = 1
    for size in shape[1:]:
        per_item *= size
    if shape[0] * per_item > _IDX_MAX_VALUES:
        raise DataError("the IDX header claims %s values, more than nnscratch reads" % shape, path)
    typecode, width, name = _IDX_TYPES[kind]
    expected = shape[0] * per_item * width
    found = len(raw) - header
    if found != expected:
        raise DataError(
            "%s: shape %s of %ss needs %d bytes of data, the file has %d"
            % ("truncated" if found < expected else "trailing bytes", shape, name, expected, found),
            path,
        )
    count = shape[0] if limit is None else max(0, min(limit, shape[0]))
    values = array(typecode, raw[header: header + count * per_item * width])
    if width > 1 and sys.byteorder == "little":
        values.byteswap()  # IDX is big-endian
    if ndim == 1:
        return Idx(shape, values.tolist())
    values = values.tolist()
    return Idx(shape, [values[i: i + per_item] for i in range(0, count * per_item, per_item)])


def _find_mnist_file(folder, kind, part, idx_ndim):
    """Return the first existing MNIST file name variant for kind ('train'/'t10k') and part."""
    folder = Path(folder)
    names = []
    for sep in ("-", "."):
        base = "%s-%s%sidx%d-ubyte" % (kind, part, sep, idx_ndim)
        names += [base, base + ".gz"]
    for name in names:
        if (folder / name).is_file():
            return folder / name
    raise DataError(
        "no MNIST %s file for %r in %s; looked for %s" % (part, kind, folder, ", ".join(names))
    )


def load_mnist(folder, kind="train", limit=None):
    """Load MNIST (or Fashion-MNIST) IDX files from a folder into a ``Dataset``.

    Article 000's ``LoadMNIST``. ``kind`` is ``"train"`` (60000 rows) or
    ``"t10k"`` (10000); the files are ``<kind>-images-idx3-ubyte`` and
    ``<kind>-labels-idx1-ubyte``, optionally ``.gz``. Pixels are scaled from
    0-255 to [0, 1]; labels become one-hot rows over the classes "0" to "9".
    ``limit`` keeps the first ``limit`` rows.
    """
    if kind not in ("train", "t10k"):
        raise DataError("load_mnist: kind must be 'train' or 't10k', got %r" % (kind,))
    images_path = _find_mnist_file(folder, kind, "images", 3)
    labels_path = _find_mnist_file(folder, kind, "labels", 1)
    images = load_idx(images_path, limit)
    labels = load_idx(labels_path, limit)
    if len(images.shape) != 3 or images.items and len(images.items[0]) == 0:
        raise DataError("expected images (magic 0x00000803), found shape %s" % images.shape, images_path)
    if len(labels.shape) != 1:
        raise DataError("expected labels (magic 0x00000801), found shape %s" % labels.shape, labels_path)
    if images.shape[0] != labels.shape[0]:
        raise DataError(
            "%d images but %d labels in %s" % (images.shape[0], labels.shape[0], labels_path.name),
            images_path,
        )
    for i, label in enumerate(labels.items):
        if not 0 <= label <= 9:
            raise DataError("label %d is %d; MNIST labels are 0 to 9" % (i, label), labels_path)
    scale = [v / 255.0 for v in range(256)]  # shared float objects: 8 bytes a pixel, not 32
    inputs = [list(map(scale.__getitem__, image)) for image in images.items]
    one_hot_rows = [[1.0 if k == label else 0.0 for k in range(10)] for label in labels.items]
    rows, cols = images.shape[1], images.shape[2]
    columns = ["pixel_%d_%d" % (r, c) for r in range(rows) for c in range(cols)]
    return Dataset(inputs, one_hot_rows, [str(k) for k in range(10)], columns)

