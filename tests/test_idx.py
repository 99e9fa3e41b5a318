"""MNIST's IDX files: load_idx and load_mnist on tiny files made here, and on Fashion-MNIST if installed."""

import gzip
import struct
from pathlib import Path

import pytest

from nnscratch import DataError
from nnscratch.data import load_idx, load_mnist
from nnscratch.network import Network

FASHION = Path("/usr/share/datasets/fashion-mnist")


def idx_bytes(kind, shape, values):
    """Return an IDX file: two zero bytes, a type byte, the dimension count, big-endian sizes, data."""
    header = bytes([0, 0, kind, len(shape)]) + b"".join(struct.pack(">I", n) for n in shape)
    formats = {0x08: "B", 0x09: "b", 0x0B: "h", 0x0C: "i", 0x0D: "f", 0x0E: "d"}
    return header + struct.pack(">%d%s" % (len(values), formats[kind]), *values)


def write(path, data, compress=False):
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


@pytest.fixture
def mnist_folder(tmp_path):
    """A 3-image, 2x2-pixel MNIST folder: train files gzipped, t10k files raw."""
    images = [0, 255, 128, 64, 1, 2, 3, 4, 255, 255, 0, 0]
    labels = [7, 0, 9]
    write(tmp_path / "train-images-idx3-ubyte.gz", idx_bytes(0x08, [3, 2, 2], images), compress=True)
    write(tmp_path / "train-labels-idx1-ubyte.gz", idx_bytes(0x08, [3], labels), compress=True)
    write(tmp_path / "t10k-images-idx3-ubyte", idx_bytes(0x08, [3, 2, 2], images))
    write(tmp_path / "t10k-labels-idx1-ubyte", idx_bytes(0x08, [3], labels))
    return tmp_path


class TestLoadIdx:
    def test_images_raw(self, tmp_path):
        """Magic 0x00000803: one flat row of pixels per image, row by row."""
        path = write(tmp_path / "i", idx_bytes(0x08, [2, 2, 3], list(range(12))))
        assert load_idx(path) == ([2, 2, 3], [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]])

    def test_labels_gzip(self, tmp_path):
        """Magic 0x00000801, gzip-compressed: a list of ints."""
        path = write(tmp_path / "l.gz", idx_bytes(0x08, [4], [3, 1, 4, 1]), compress=True)
        assert load_idx(path) == ([4], [3, 1, 4, 1])

    @pytest.mark.parametrize("kind, values", [(0x09, [-3, 5]), (0x0B, [-300, 300]), (0x0C, [-70000, 70000]),
                                              (0x0D, [0.5, -2.25]), (0x0E, [1e-300, -3.5])])
    def test_other_types_are_big_endian(self, tmp_path, kind, values):
        """Signed bytes, shorts, ints, floats and doubles are read big-endian."""
        path = write(tmp_path / "v", idx_bytes(kind, [2], values))
        assert load_idx(path).items == values

    def test_limit(self, tmp_path):
        """limit reads only the first items."""
        path = write(tmp_path / "i", idx_bytes(0x08, [3, 1, 2], [1, 2, 3, 4, 5, 6]))
        assert load_idx(path, limit=2).items == [[1, 2], [3, 4]]

    def test_bad_magic(self, tmp_path):
        """A file that does not start with an IDX magic number says what it found and expected."""
        path = write(tmp_path / "x", b"\x12\x34\x08\x03" + bytes(20))
        with pytest.raises(DataError, match=r"not an IDX file: magic number 0x12340803; expected 0x00000803"):
            load_idx(path)

    def test_unknown_type(self, tmp_path):
        path = write(tmp_path / "x", b"\x00\x00\x07\x01" + bytes(8))
        with pytest.raises(DataError, match="magic number 0x00000701"):
            load_idx(path)

    def test_truncated_data(self, tmp_path):
        """Fewer bytes than the header promises is reported with both counts."""
        path = write(tmp_path / "x", idx_bytes(0x08, [2, 2, 2], list(range(8)))[:-3])
        with pytest.raises(DataError, match=r"truncated: shape \[2, 2, 2\] of unsigned bytes needs 8 bytes "
                                            r"of data, the file has 5"):
            load_idx(path)

    def test_trailing_bytes(self, tmp_path):
        path = write(tmp_path / "x", idx_bytes(0x08, [2], [1, 2]) + b"\x00")
        with pytest.raises(DataError, match="trailing bytes"):
            load_idx(path)

    def test_truncated_header(self, tmp_path):
        path = write(tmp_path / "x", b"\x00\x00\x08\x03\x00\x00\x00\x02")
        with pytest.raises(DataError, match="truncated IDX header: 3 dimensions need 16 bytes, the file has 8"):
            load_idx(path)

    def test_too_short(self, tmp_path):
        with pytest.raises(DataError, match="too short for an IDX file: 2 bytes"):
            load_idx(write(tmp_path / "x", b"\x00\x00"))

    def test_corrupt_gzip(self, tmp_path):
        """A damaged gzip stream is a DataError naming the file, not a zlib traceback."""
        data = gzip.compress(idx_bytes(0x08, [100], list(range(100))))
        path = write(tmp_path / "bad.gz", data[:-12])
        with pytest.raises(DataError, match=r"bad\.gz: the gzip data is corrupt or truncated"):
            load_idx(path)


class TestLoadMnist:
    def test_scaled_inputs_and_one_hot_labels(self, mnist_folder):
        """Pixels become floats in [0, 1]; labels one-hot over "0".."9"."""
        data = load_mnist(mnist_folder, "train")
        assert data.inputs[0] == [0.0, 1.0, 128 / 255, 64 / 255]
        assert data.labels[0] == [0.0] * 7 + [1.0, 0.0, 0.0]
        assert data.classes == [str(k) for k in range(10)]
        assert data.columns == ["pixel_0_0", "pixel_0_1", "pixel_1_0", "pixel_1_1"]

    def test_raw_and_gzip_read_alike(self, mnist_folder):
        """The raw t10k files and the gzipped train files hold the same data here."""
        assert load_mnist(mnist_folder, "t10k") == load_mnist(mnist_folder, "train")

    def test_limit(self, mnist_folder):
        assert len(load_mnist(mnist_folder, "train", limit=2).inputs) == 2

    def test_count_mismatch(self, mnist_folder):
        """Images and labels must match in number."""
        write(mnist_folder / "t10k-labels-idx1-ubyte", idx_bytes(0x08, [2], [1, 2]))
        with pytest.raises(DataError, match="3 images but 2 labels in t10k-labels-idx1-ubyte"):
            load_mnist(mnist_folder, "t10k")

    def test_label_out_of_range(self, mnist_folder):
        write(mnist_folder / "t10k-labels-idx1-ubyte", idx_bytes(0x08, [3], [1, 2, 12]))
        with pytest.raises(DataError, match="label 2 is 12; MNIST labels are 0 to 9"):
            load_mnist(mnist_folder, "t10k")

    def test_images_and_labels_swapped(self, mnist_folder):
        write(mnist_folder / "t10k-images-idx3-ubyte", idx_bytes(0x08, [3], [1, 2, 3]))
        with pytest.raises(DataError, match=r"expected images \(magic 0x00000803\), found shape \[3\]"):
            load_mnist(mnist_folder, "t10k")

    def test_missing_files(self, tmp_path):
        with pytest.raises(DataError, match="no MNIST images file for 'train'.*looked for train-images-idx3-ubyte"):
            load_mnist(tmp_path)

    def test_bad_kind(self, mnist_folder):
        with pytest.raises(DataError, match="kind must be 'train' or 't10k'"):
            load_mnist(mnist_folder, "test")


@pytest.mark.slow
@pytest.mark.skipif(not FASHION.is_dir(),
                    reason="Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)")
def test_fashion_mnist_trains_a_784_128_10_network():
    """Real IDX files: Fashion-MNIST loads, and Network([784, 128, 10]) learns from 2000 rows in one epoch."""
    train = load_mnist(FASHION, "train", limit=2000)
    test = load_mnist(FASHION, "t10k", limit=500)
    assert len(train.inputs) == 2000 and len(train.inputs[0]) == 784
    assert min(min(r) for r in train.inputs) == 0.0 and max(max(r) for r in train.inputs) == 1.0
    net = Network([784, 128, 10], seed=0)
    before = net.evaluate(test.inputs, test.labels)
    net.train(train.inputs, train.labels, epochs=1, learning_rate=0.002, batch_size=32, optimizer="adam")
    after = net.evaluate(test.inputs, test.labels)
    assert before < 0.3 and after > 0.6, (before, after)
