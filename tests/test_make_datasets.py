"""The shipped datasets match what nnscratch.make_datasets regenerates."""

import pytest

from nnscratch import make_datasets
from nnscratch.data import load_csv

from conftest import DATASETS


@pytest.mark.parametrize("relative", ["perceptron/toy.csv", "iris/train.csv", "iris/test.csv"])
def test_shipped_file_is_regenerated_byte_for_byte(relative):
    """Each derived file equals the script's output, so anyone can rebuild it."""
    files = make_datasets.generated_files(DATASETS)
    assert (DATASETS / relative).read_text(encoding="utf-8") == files[DATASETS / relative]


def test_main_writes_into_a_fresh_folder(tmp_path, capsys):
    """main --root writes every file; --check then reports them all ok."""
    (tmp_path / "iris").mkdir()
    (tmp_path / "iris" / "iris.csv").write_bytes((DATASETS / "iris" / "iris.csv").read_bytes())
    assert make_datasets.main(["--root", str(tmp_path)]) == 0
    assert make_datasets.main(["--root", str(tmp_path), "--check"]) == 0
    assert capsys.readouterr().out.count("ok ") == 3
    (tmp_path / "iris" / "test.csv").write_text("changed\n")
    assert make_datasets.main(["--root", str(tmp_path), "--check"]) == 1


def test_iris_split_layout():
    """train/test are an 80/20 split of all 150 rows, features in [0, 1], articles' class order."""
    train = load_csv(DATASETS / "iris" / "train.csv", one_hot=3)
    test = load_csv(DATASETS / "iris" / "test.csv", one_hot=3)
    assert (len(train.inputs), len(test.inputs)) == (120, 30)
    assert train.classes == test.classes == ["setosa", "virginica", "versicolor"]
    rows = train.inputs + test.inputs
    for j in range(4):
        column = [row[j] for row in rows]
        assert min(column) == 0.0 and max(column) == 1.0


def test_iris_table_has_the_errata_corrections():
    """Samples 35 and 38 are Fisher's values, as corrected in the UCI errata."""
    lines = (DATASETS / "iris" / "iris.csv").read_text(encoding="utf-8").splitlines()
    assert lines[35] == "4.9,3.1,1.5,0.2,setosa"
    assert lines[38] == "4.9,3.6,1.4,0.1,setosa"


def test_missing_source_is_reported(tmp_path, capsys):
    """Without iris.csv, main exits 2 with a message naming the file."""
    assert make_datasets.main(["--root", str(tmp_path)]) == 2
    assert "iris.csv" in capsys.readouterr().err
