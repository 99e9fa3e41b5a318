"""The package as users meet it: its public names, its imports, its metadata, its README."""

import configparser
import fnmatch
import re
import subprocess
import sys
import textwrap

import pytest

import nnscratch

from conftest import ROOT, copy_package


def test_all_names_exist():
    """Every name in __all__ is importable from the package."""
    assert isinstance(nnscratch.__all__, tuple)
    for name in nnscratch.__all__:
        assert hasattr(nnscratch, name), name


def test_version_matches_setup_cfg():
    """setup.cfg takes the version from nnscratch.__version__ (one place to change)."""
    assert re.match(r"^\d+\.\d+\.\d+$", nnscratch.__version__)
    assert "version = attr: nnscratch._version.__version__" in (ROOT / "setup.cfg").read_text()


def test_installed_metadata_matches_version():
    """When nnscratch is installed (pip install .), its metadata carries __version__."""
    import importlib.util

    if importlib.util.find_spec("importlib.metadata") is None:  # Python 3.7
        return
    from importlib import metadata

    try:
        installed = metadata.version("nnscratch")
    except metadata.PackageNotFoundError:
        return  # running from a clone, not installed: nothing to compare
    assert installed == nnscratch.__version__


def test_import_uses_only_the_standard_library():
    """Importing nnscratch loads no module from outside the standard library, and prints nothing."""
    code = textwrap.dedent("""
        import sys, sysconfig, os
        before = set(sys.modules)
        import nnscratch
        roots = {os.path.realpath(sysconfig.get_paths()[k]) for k in ("stdlib", "platstdlib")}
        package = os.path.realpath(os.path.dirname(nnscratch.__file__))
        for name in sorted(set(sys.modules) - before):
            path = getattr(sys.modules[name], "__file__", None)
            if path is None:
                continue  # built into the interpreter
            path = os.path.realpath(path)
            if not any(path.startswith(r + os.sep) for r in roots | {package}):
                print("outside the standard library:", name, path)
    """)
    result = subprocess.run([sys.executable, "-S", "-c", code], cwd=str(ROOT),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_copied_folder_works_next_to_a_script(tmp_path):
    """Copying the nnscratch/ folder beside a script is enough to use it."""
    copy_package(tmp_path)
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent("""
        from nnscratch import NeuralNet, NeuralNetConfig
        x = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
        y = [[0.0], [1.0], [1.0], [1.0]]
        config = NeuralNetConfig(input_neurons=2, output_neurons=1, hidden_neurons=2,
                                 num_epochs=2000, learning_rate=0.5)
        net = NeuralNet(config, seed=0).train(x, y)
        print([round(row[0]) for row in net.predict(x)])
    """))
    result = subprocess.run([sys.executable, "-S", str(script)], cwd=str(tmp_path),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[0, 1, 1, 1]"


def package_files():
    """The files of the package folder, less caches, editor backups and hidden files (.DS_Store)."""
    return [p for p in (ROOT / "nnscratch").rglob("*") if p.is_file() and "__pycache__" not in p.parts
            and not p.name.startswith(".") and not p.name.endswith("~")]


def test_setup_cfg_ships_every_file_of_the_package():
    """pip install carries the whole folder: each subfolder is a listed package, each other file its package data."""
    config = configparser.ConfigParser()
    config.read(str(ROOT / "setup.cfg"))
    packages = set(re.split(r"[,\s]+", config["options"]["packages"].strip()))
    globs = {package: [g.strip() for g in value.split(",")] for package, value in config["options.package_data"].items()}
    files = package_files()
    assert any(p.name == "digits.csv.gz" for p in files)
    for path in files:
        package = ".".join(path.relative_to(ROOT).parent.parts)
        assert package in packages, path
        if path.suffix != ".py":
            assert any(fnmatch.fnmatch(path.name, g) for g in globs.get(package, [])), path


def test_the_package_folder_holds_only_what_runs():
    """No screenshots or maintainer scripts travel with every copy: Python, the page's files, the built-in data."""
    kinds = {p.name.split(".", 1)[1] for p in package_files()}
    assert kinds == {"py", "csv.gz", "html", "js", "css"}
    assert not (ROOT / "nnscratch" / "make_datasets.py").exists()


def test_readme_opens_with_the_two_commands():
    """The README's first commands are the demo and the test command that .ci/run uses."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", readme, flags=re.S)
    first = [line for line in commands[0].splitlines() if line.strip()]
    assert first == ["python -m nnscratch.demo", TEST_COMMAND]
    assert TEST_COMMAND in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


TEST_COMMAND = "python -m pip install pytest && python -m pytest"


@pytest.mark.slow
def test_readme_python_examples_run(monkeypatch, capsys, tmp_path):
    """Every ```python block in the README runs as written (the PyTorch one needs torch: see test_persist)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    runnable = [b for b in blocks if "import torch" not in b]
    assert len(runnable) >= 5 and len(blocks) - len(runnable) == 1
    (tmp_path / "datasets").symlink_to(ROOT / "datasets")
    monkeypatch.chdir(tmp_path)  # files the examples write land here
    for block in runnable:
        exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert float(out.split("Accuracy = ")[1].split()[0]) >= 0.9
    assert (tmp_path / "model.json").exists() and "virginica" in out
