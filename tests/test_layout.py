"""The tree shows the floors: imports flow one way, no private name crosses a module, pieces stay small."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "nnscratch"

#: Each module's floor: a module imports (at module level) only from its own floor or those below.
FLOORS = [
    ("nnscratch.errors", 0), ("nnscratch._checks", 0), ("nnscratch._version", 0), ("nnscratch.svg", 0),
    ("nnscratch.reading.vector", 1), ("nnscratch.engine.kernels", 1),
    ("nnscratch.maths", 2),
    ("nnscratch.reading", 3), ("nnscratch.engine", 3),
    ("nnscratch.data", 4), ("nnscratch.files", 4),
    ("nnscratch", 5),  # the front doors and the package's index
]
#: Side by side on one floor, and never importing each other.
APART = [("nnscratch.reading", "nnscratch.engine")]
#: Where the models live: they import neither the model files nor the worker processes.
MODELS = ["nnscratch.reading.perceptron", "nnscratch.reading.gophernet", "nnscratch.reading.mlp",
          "nnscratch.engine.network", "nnscratch.engine.layer"]


def modules():
    """(dotted name, path, is package) of every module of the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found.append((".".join(parts[:-1] if is_package else parts), path, is_package))
    return found


MODULES = modules()
assert len(MODULES) > 30, "the package's modules were not found"


def floor_of(name):
    """The floor of the longest prefix that names this module."""
    best = max((prefix for prefix, _ in FLOORS if name == prefix or name.startswith(prefix + ".")), key=len)
    return dict(FLOORS)[best]


def absolute(name, module, is_package, level):
    if not level:
        return name
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[:len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def imports(path, module, is_package, top_level_only=True):
    """(imported module, imported names) of each import in the file, resolved to absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = []
    for node in nodes:
        for sub in ([node] if not top_level_only else _module_level(node)):
            if isinstance(sub, ast.ImportFrom):
                target = absolute(sub.module or "", module, is_package, sub.level)
                found.append((target, [alias.name for alias in sub.names]))
            elif isinstance(sub, ast.Import):
                found += [(alias.name, []) for alias in sub.names]
    return [(target, names) for target, names in found if target.split(".")[0] == "nnscratch"]


def _module_level(node):
    """The import statements run at import time: module level, also inside try/if blocks."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [node]
    if isinstance(node, (ast.Try, ast.If)):
        inner = node.body + node.orelse + getattr(node, "finalbody", [])
        inner += [n for handler in getattr(node, "handlers", []) for n in handler.body]
        return [n for child in inner for n in _module_level(child)]
    return []


def is_module(name):
    relative = name.split(".")[1:]
    target = PACKAGE.joinpath(*relative)
    return target.with_suffix(".py").exists() or (target / "__init__.py").exists()


@pytest.mark.parametrize("module, path, is_package", MODULES, ids=[m for m, _, _ in MODULES])
def test_imports_flow_down_the_floors(module, path, is_package):
    """No module imports, at import time, from a floor above its own."""
    mine = floor_of(module)
    for target, names in imports(path, module, is_package):
        targets = [target + "." + n for n in names if is_module(target + "." + n)] or [target]
        for name in targets:
            assert floor_of(name) <= mine, "%s (floor %d) imports %s (floor %d)" % (
                module, mine, name, floor_of(name))
            for a, b in APART:
                for left, right in ((a, b), (b, a)):
                    assert not (module.startswith(left) and name.startswith(right)), (module, name)


@pytest.mark.parametrize("module", MODELS)
def test_models_import_neither_files_nor_workers(module):
    """Saving goes through nnscratch.files, workers through the engine's training; a model imports neither."""
    path = next(p for m, p, _ in MODULES if m == module)
    for target, names in imports(path, module, False):
        assert not target.startswith("nnscratch.files"), (module, target)
        assert "parallel" not in target and "parallel" not in names, (module, target)


@pytest.mark.parametrize("module, path, is_package", MODULES, ids=[m for m, _, _ in MODULES])
def test_the_only_imports_up_a_floor_are_the_save_shortcuts(module, path, is_package):
    """A function may import from above its floor only as a model's save/to_dict shortcut to nnscratch.files."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.ImportFrom) and node.level:
                target = absolute(node.module or "", module, is_package, node.level)
                if target.startswith("nnscratch") and floor_of(target) > floor_of(module):
                    assert module in MODELS and function.name in ("save", "to_dict"), (module, function.name)
                    assert target == "nnscratch.files.modelfile", (module, target)


@pytest.mark.parametrize("module, path, is_package", MODULES, ids=[m for m, _, _ in MODULES])
def test_no_private_name_crosses_a_module(module, path, is_package):
    """``from x import _name`` only for modules; ``module._name`` never, for nnscratch modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nnscratch_modules = set()
    for target, names in imports(path, module, is_package, top_level_only=False):
        for name in names:
            if is_module(target + "." + name):
                nnscratch_modules.add(name)
            else:
                assert not name.startswith("_") or name == "__version__", (module, target, name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in nnscratch_modules:
            assert not (node.attr.startswith("_") and not node.attr.startswith("__")), (module, node.attr)


def definitions(path):
    """Each class and function with its length in lines, less its docstring (parameters lists are long)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            length = node.end_lineno - node.lineno + 1
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(getattr(first, "value", None), ast.Constant) \
                    and isinstance(first.value.value, str):
                length -= first.end_lineno - first.lineno + 1
            yield node, length


@pytest.mark.parametrize("module, path, is_package", MODULES, ids=[m for m, _, _ in MODULES])
def test_pieces_stay_small(module, path, is_package):
    """No class over 250 lines, no function over 60 (docstrings aside), no line over 110 characters."""
    for node, length in definitions(path):
        limit = 250 if isinstance(node, ast.ClassDef) else 60
        assert length <= limit, "%s.%s is %d lines" % (module, node.name, length)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert len(line) <= 110, "%s line %d has %d characters" % (path.name, number, len(line))


def test_old_import_paths_still_work():
    """Modules that moved keep their old names as aliases of the new modules."""
    import importlib

    import nnscratch

    for old, new in nnscratch.MOVED_MODULES.items():
        assert importlib.import_module("nnscratch." + old) is importlib.import_module("nnscratch." + new)
    from nnscratch.network import Network  # noqa: F401 - the import is the test
    from nnscratch.neuralnet import NeuralNet  # noqa: F401
    from nnscratch.vector import dot  # noqa: F401
