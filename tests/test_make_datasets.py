"""datasets/make_datasets.py: the shipped files are exactly what the maintainer's script writes."""

import gzip
import importlib.util
import shutil
import subprocess
import sys

from conftest import DATASETS, ROOT

_spec = importlib.util.spec_from_file_location("make_datasets", str(DATASETS / "make_datasets.py"))
make_datasets = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_datasets)

PACKAGE_DATA = ROOT / "nnscratch" / "data" / "builtin"


def test_the_shipped_files_are_up_to_date():
    """--check from another folder: every built-in .csv.gz and derived CSV is what the script writes."""
    result = subprocess.run([sys.executable, str(DATASETS / "make_datasets.py"), "--check"],
                            cwd=str(ROOT.parent), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("ok ") == 5 and "DIFFERS" not in result.stdout


def fresh_copy(tmp_path):
    """The two source tables in a scratch datasets folder, and an empty scratch package folder."""
    root, package = tmp_path / "datasets", tmp_path / "package"
    for source in make_datasets.COMPRESSED:
        (root / source).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(str(DATASETS / source), str(root / source))
    package.mkdir()
    return root, package


def test_main_writes_into_fresh_folders(tmp_path, capsys):
    """main writes every file; --check then reports them all ok, and a changed file as DIFFERS (exit 1)."""
    root, package = fresh_copy(tmp_path)
    folders = ["--root", str(root), "--package", str(package)]
    assert make_datasets.main(folders) == 0
    assert capsys.readouterr().out.count("written ") == 5
    assert gzip.decompress((package / "iris.csv.gz").read_bytes()) == (root / "iris" / "iris.csv").read_bytes()
    assert (root / "iris" / "test.csv").read_bytes() == (DATASETS / "iris" / "test.csv").read_bytes()
    assert make_datasets.main(folders + ["--check"]) == 0
    assert capsys.readouterr().out.count("ok ") == 5
    (root / "iris" / "test.csv").write_text("changed\n")
    assert make_datasets.main(folders + ["--check"]) == 1
    assert "DIFFERS  %s" % (root / "iris" / "test.csv") in capsys.readouterr().out


def test_derived_files_follow_the_sources_given(tmp_path, capsys):
    """With --root, train.csv and test.csv come from that folder's iris.csv, not from the package's copy."""
    root, package = fresh_copy(tmp_path)
    iris = root / "iris" / "iris.csv"
    iris.write_text(iris.read_text().replace("5.1,3.5,1.4,0.2,setosa", "5.0,3.5,1.4,0.2,setosa", 1))
    assert make_datasets.main(["--root", str(root), "--package", str(package)]) == 0
    assert gzip.decompress((package / "iris.csv.gz").read_bytes()) == iris.read_bytes()
    train_test = (root / "iris" / "train.csv").read_bytes() + (root / "iris" / "test.csv").read_bytes()
    assert train_test != (DATASETS / "iris" / "train.csv").read_bytes() + (DATASETS / "iris" / "test.csv").read_bytes()


def test_a_corrupt_built_in_file_is_written_again(tmp_path, capsys):
    """A damaged .csv.gz is reported as DIFFERS by --check, and rewritten without it."""
    root, package = fresh_copy(tmp_path)
    folders = ["--root", str(root), "--package", str(package)]
    make_datasets.main(folders)
    packed = bytearray((package / "iris.csv.gz").read_bytes())
    packed[12:32] = bytes(b ^ 0xFF for b in packed[12:32])
    (package / "iris.csv.gz").write_bytes(bytes(packed))
    capsys.readouterr()
    assert make_datasets.main(folders + ["--check"]) == 1
    assert "DIFFERS  %s" % (package / "iris.csv.gz") in capsys.readouterr().out
    assert make_datasets.main(folders) == 0 and make_datasets.main(folders + ["--check"]) == 0


def test_compression_is_repeatable(tmp_path):
    """On one Python the same table compresses to the same bytes (mtime=0: no time stamp in the gzip header)."""
    root, package = fresh_copy(tmp_path)
    make_datasets.main(["--root", str(root), "--package", str(package)])
    first = (package / "digits.csv.gz").read_bytes()
    (package / "digits.csv.gz").unlink()
    make_datasets.main(["--root", str(root), "--package", str(package)])
    assert (package / "digits.csv.gz").read_bytes() == first


def test_missing_source_is_reported(tmp_path, capsys):
    """Without the source tables, main exits 2 with a message naming the file."""
    assert make_datasets.main(["--root", str(tmp_path), "--package", str(tmp_path), "--check"]) == 2
    assert "iris.csv" in capsys.readouterr().err


def test_iris_table_has_the_errata_corrections():
    """Samples 35 and 38 are Fisher's values, as corrected in the UCI errata."""
    lines = (DATASETS / "iris" / "iris.csv").read_text(encoding="utf-8").splitlines()
    assert lines[35] == "4.9,3.1,1.5,0.2,setosa"
    assert lines[38] == "4.9,3.6,1.4,0.1,setosa"
