"""nnscratch.data: CSV loading and its errors, scaling, one-hot, splits, accuracy."""

import gzip
import os

import pytest

from nnscratch import DataError
from nnscratch.data import (
    MinMaxScaling,
    accuracy,
    argmax,
    load_csv,
    load_csv_columns,
    normalize,
    one_hot,
    train_test_split,
)

ARTICLE_HEADER = "sepal_length,sepal_width,petal_length,petal_width,setosa,virginica,versicolor\n"


class TestLoadCsv:
    def test_articles_one_hot_layout(self, write_csv):
        """one_hot=3 reads the articles' 7-column layout; class names come from the last 3 headers."""
        path = write_csv(ARTICLE_HEADER + "0.1,0.2,0.3,0.4,1.0,0.0,0.0\n0.5,0.6,0.7,0.8,0.0,0.0,1.0\n")
        data = load_csv(path, one_hot=3)
        assert data.inputs == [[0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8]]
        assert data.labels == [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
        assert data.classes == ["setosa", "virginica", "versicolor"]
        assert data.columns == ["sepal_length", "sepal_width", "petal_length", "petal_width"]

    def test_target_column_anywhere(self, write_csv):
        """target= reads a class-name column in any position; classes are sorted."""
        path = write_csv("a,kind,b\n1,zebra,2\n3,ant,4\n5,zebra,6\n")
        data = load_csv(path, target="kind")
        assert data.inputs == [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
        assert data.classes == ["ant", "zebra"]
        assert data.labels == [[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]]
        assert data.columns == ["a", "b"]

    def test_no_label_reads_every_column_as_input(self, write_csv):
        """With neither one_hot nor target, every column is an input."""
        data = load_csv(write_csv("a,b\n1,2\n"))
        assert data == ([[1.0, 2.0]], [], [], ["a", "b"])

    def test_blank_lines_bom_crlf_and_quotes(self, write_csv):
        """A BOM, CRLF line ends, quoted cells and blank lines are all fine."""
        path = write_csv('\ufeff"a",b,y\r\n\r\n" 1.5",2,x\r\n\r\n3,4,y\r\n\r\n')
        data = load_csv(path, target="y")
        assert data.inputs == [[1.5, 2.0], [3.0, 4.0]] and data.columns == ["a", "b"]

    def test_gzip_file_reads_like_the_plain_one(self, write_csv, tmp_path):
        """A name ending in .gz is decompressed as it is read: the same Dataset as the plain file."""
        text = "\ufeffa,kind,b\r\n1,zebra,2\r\n\r\n3,ant,4\r\n"
        packed = tmp_path / "data.csv.gz"
        packed.write_bytes(gzip.compress(text.encode("utf-8")))
        assert load_csv(packed, target="kind") == load_csv(write_csv(text), target="kind")
        shouting = tmp_path / "DATA.CSV.GZ"
        packed.rename(shouting)
        for path in (shouting, str(shouting), bytes(shouting), next(os.scandir(str(tmp_path)))):
            assert load_csv(path, target="kind").classes == ["ant", "zebra"], path
        packed = shouting.rename(packed)
        assert load_csv_columns(packed, ["b"], ["ant", "zebra"], "kind").inputs == [[2.0], [4.0]]


class TestLoadCsvErrors:
    """Every error names the file, the line and (where there is one) the column."""

    def check(self, path, message, **kwargs):
        with pytest.raises(DataError) as info:
            load_csv(path, **kwargs)
        separator = ", " if message.startswith("line ") else ": "
        assert str(info.value) == str(path) + separator + message
        return info.value

    def test_empty_file(self, write_csv):
        """An empty file (or only blank lines) says a header is expected."""
        self.check(write_csv("\n\n"), "the file is empty; expected a header line, then data lines", one_hot=3)

    def test_header_only(self, write_csv):
        """A header with no data lines is refused."""
        self.check(write_csv(ARTICLE_HEADER), "the file has a header but no data lines", one_hot=3)

    def test_wrong_field_count(self, write_csv):
        """A short row names its line and both counts."""
        path = write_csv(ARTICLE_HEADER + "0.1,0.2,0.3,0.4,1,0,0\n0.1,0.2,0.3,1,0,0\n")
        error = self.check(path, "line 3: expected 7 fields as in the header, found 6", one_hot=3)
        assert (error.line, error.column) == (3, None)

    def test_non_numeric_cell(self, write_csv):
        """A cell that is not a number names its line, column and header."""
        path = write_csv(ARTICLE_HEADER + "0.1,0.2,0.3,0.4,1,0,0\n0.1,abc,0.3,0.4,1,0,0\n")
        error = self.check(path, "line 3, column 2: 'abc' in column 'sepal_width' is not a number", one_hot=3)
        assert (error.line, error.column) == (3, 2)

    def test_empty_cell(self, write_csv):
        """An empty numeric cell is not a number."""
        path = write_csv("a,b,y\n1,,x\n")
        self.check(path, "line 2, column 2: '' in column 'b' is not a number", target="y")

    @pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-Infinity"])
    def test_nan_or_inf(self, write_csv, cell):
        """NaN and infinities are refused."""
        path = write_csv("a,b,y\n1,%s,x\n" % cell)
        self.check(
            path,
            "line 2, column 2: %r in column 'b' is not a finite number (NaN and infinity are not allowed)" % cell,
            target="y",
        )

    def test_one_hot_with_two_ones(self, write_csv):
        """A label row with two 1s is not one-hot."""
        path = write_csv(ARTICLE_HEADER + "0.1,0.2,0.3,0.4,1,0,1\n")
        self.check(path, "line 2, column 5: the one-hot label columns 5-7 hold 2 ones; exactly one must be 1",
                   one_hot=3)

    def test_one_hot_with_no_one(self, write_csv):
        """A label row of zeros is not one-hot."""
        path = write_csv(ARTICLE_HEADER + "0.1,0.2,0.3,0.4,1,0,0\n0.1,0.2,0.3,0.4,0,0,0\n")
        self.check(path, "line 3, column 5: the one-hot label columns 5-7 hold 0 ones; exactly one must be 1",
                   one_hot=3)

    def test_one_hot_value_not_zero_or_one(self, write_csv):
        """A label cell other than 0 or 1 names its column."""
        path = write_csv(ARTICLE_HEADER + "0.1,0.2,0.3,0.4,0.5,0.5,0\n")
        self.check(path, "line 2, column 5: one-hot label '0.5' in column 'setosa' must be 0 or 1", one_hot=3)

    def test_unknown_target(self, write_csv):
        """A target that is not a header lists the headers."""
        self.check(write_csv("a,b\n1,2\n"), "line 1: target='species' is not a column; the header has 'a', 'b'",
                   target="species")

    def test_one_hot_too_wide(self, write_csv):
        """one_hot must leave at least one input column."""
        self.check(write_csv("a,b\n1,0\n"),
                   "line 1: one_hot=2: expected the number of label columns, from 1 to 1 (the header has 2 columns)",
                   one_hot=2)

    def test_empty_class_name(self, write_csv):
        """An empty class name is refused."""
        self.check(write_csv("a,y\n1, \n"), "line 2, column 2: the class name in column 'y' is empty", target="y")

    def test_not_utf8(self, tmp_path):
        """Bytes that are not UTF-8 are reported, not a UnicodeDecodeError traceback."""
        path = tmp_path / "latin1.csv"
        path.write_bytes(b"a,y\n1,caf\xe9\n")
        self.check(path, "line 2: byte 6 of this line is not UTF-8 text; save the file as UTF-8 CSV", target="y")

    def test_both_one_hot_and_target(self, write_csv):
        """one_hot and target together are refused."""
        self.check(write_csv("a,y\n1,x\n"), "load_csv: give one_hot or target, not both", one_hot=1, target="y")

    GOOD_GZIP = gzip.compress(b"a,b,y\n" + b"1,2,x\n3,4,z\n" * 50)

    @pytest.mark.parametrize("data, reason", [
        (b"a,b,y\n1,2,x\n", "(Not a gzipped file"),
        (GOOD_GZIP[:30], "(Compressed file ended before the end-of-stream marker was reached)"),
        (GOOD_GZIP[:12] + bytes(b ^ 0xFF for b in GOOD_GZIP[12:20]) + GOOD_GZIP[20:], "(Error -3 while decompressing"),
        (GOOD_GZIP[:-8] + b"\0" * 8, "(CRC check failed"),
    ], ids=["not gzip", "truncated", "corrupt", "bad checksum"])
    def test_bad_gzip(self, tmp_path, data, reason):
        """A .gz file that is not valid gzip is a DataError naming the file, never a raw traceback."""
        path = tmp_path / "data.csv.gz"
        path.write_bytes(data)
        with pytest.raises(DataError) as info:
            load_csv(path, target="y")
        assert str(info.value).startswith("%s: the gzip data is corrupt or truncated %s" % (path, reason))

    def test_gzip_of_text_that_is_not_utf8(self, tmp_path):
        """Inside a .gz file too, the first byte that is not UTF-8 is located by line and offset."""
        path = tmp_path / "data.csv.gz"
        path.write_bytes(gzip.compress(b"a,y\n1,x\n2,caf\xe9\n"))
        self.check(path, "line 3: byte 6 of this line is not UTF-8 text; save the file as UTF-8 CSV", target="y")

    def test_missing_file(self, tmp_path):
        """A missing file raises FileNotFoundError naming it."""
        with pytest.raises(FileNotFoundError, match="nope.csv"):
            load_csv(tmp_path / "nope.csv")


class TestHelpers:
    def test_normalize_and_apply(self):
        """normalize scales to [0, 1] and the returned scaling maps new rows the same way."""
        scaled, scaling = normalize([[2.0, 10.0], [4.0, 30.0], [3.0, 20.0]])
        assert scaled == [[0.0, 0.0], [1.0, 1.0], [0.5, 0.5]]
        assert scaling == MinMaxScaling([2.0, 10.0], [4.0, 30.0])
        assert scaling.apply([[5.0, 0.0]]) == [[1.5, -0.5]]

    def test_normalize_constant_column(self):
        """A constant column maps to 0.0 instead of dividing by zero."""
        assert normalize([[7.0], [7.0]])[0] == [[0.0], [0.0]]

    def test_scaling_width_mismatch(self):
        """Applying a scaling to rows of another width is refused."""
        with pytest.raises(DataError, match="row 0 has 1 values; the scaling has 2 columns"):
            MinMaxScaling([0.0, 0.0], [1.0, 1.0]).apply([[0.5]])

    def test_one_hot_unknown_label(self):
        """A label outside the given classes is refused."""
        with pytest.raises(DataError, match="label 1 is 'c', which is not one of the classes"):
            one_hot(["a", "c"], classes=["a", "b"])

    def test_argmax_tie_goes_to_first(self):
        """Ties go to the lowest index."""
        assert argmax([0.2, 0.9, 0.9]) == 1

    def test_accuracy_counts_a_tie_once(self):
        """A tied prediction is a hit only for the first tied class, unlike article 001."""
        assert accuracy([[0.5, 0.5]], [[0.0, 1.0]]) == 0.0
        assert accuracy([[0.5, 0.5]], [[1.0, 0.0]]) == 1.0

    def test_accuracy_accepts_class_indexes(self):
        """Labels may be class indexes instead of one-hot rows."""
        assert accuracy([[0.1, 0.9], [0.8, 0.2]], [1, 1]) == 0.5

    def test_accuracy_errors(self):
        """Mismatched counts and empty input are refused."""
        with pytest.raises(DataError, match="2 predictions but 1 labels"):
            accuracy([[1.0], [1.0]], [[1.0]])
        with pytest.raises(DataError, match="no predictions"):
            accuracy([], [])

    def test_split_is_seeded_and_complete(self):
        """The same seed gives the same split; every row lands in exactly one part."""
        x = [[float(i)] for i in range(50)]
        y = list(range(50))
        a = train_test_split(x, y, test_fraction=0.2, seed=3)
        assert a == train_test_split(x, y, test_fraction=0.2, seed=3)
        assert a != train_test_split(x, y, test_fraction=0.2, seed=4)
        train_x, test_x, train_y, test_y = a
        assert len(test_x) == 10 and sorted(train_y + test_y) == y
        assert [[float(i)] for i in train_y] == train_x

    def test_split_errors(self):
        """A fraction outside (0, 1) or one that empties a part is refused."""
        with pytest.raises(DataError, match="between 0 and 1"):
            train_test_split([[1.0]] * 4, [0] * 4, test_fraction=1.5)
        with pytest.raises(DataError, match="leaves 0 test rows"):
            train_test_split([[1.0]] * 2, [0] * 2, test_fraction=0.1)
