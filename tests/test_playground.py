"""The playground: the session the worker runs, the server, and the page in headless Chromium."""

import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import nnscratch
from nnscratch.playground import PYODIDE_VERSION, make_server, package_files
from nnscratch.engine.kernels import FORMS
from nnscratch.errors import DataError, NNScratchError, TrainingError
from nnscratch.playground.session import FIELD_RANGE, FIELD_SIZE, PARTS, Session

from conftest import ROOT, copy_package

NODE = shutil.which("node")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NEEDS_A_BROWSER = "the playground's browser test needs Node and Chromium (apt-get install nodejs chromium)"


class TestSession:
    def test_xor_trains_and_exports_a_model_cpython_loads(self, tmp_path):
        """The worker's session in CPython: XOR to accuracy 1.0, and the export predicts the same field."""
        session = Session()
        info = session.configure(dataset="xor", hidden=[4], activation="tanh", seed=0)
        assert info["sizes"] == [2, 4, 2] and len(info["points"]) == 200 and info["state"]["epoch"] == 0
        for _ in range(50):
            state = session.train_for(0.05)
            if state["accuracy"][-1] == 1.0:
                break
        assert state["accuracy"][-1] == 1.0 and len(state["loss"]) == state["epoch"]
        assert len(state["field"]) == FIELD_SIZE * FIELD_SIZE and all(0 <= p <= 1 for p in state["field"])
        path = tmp_path / "model.json"
        path.write_text(session.export())
        loaded = nnscratch.load(path)
        assert field_of(loaded) == pytest.approx(state["field"], abs=1e-12)

    def test_one_step_is_one_epoch(self):
        session = Session()
        session.configure(dataset="moons", hidden=[3])
        assert session.step()["epoch"] == 1 and session.step()["epoch"] == 2

    def test_iris_and_digits(self):
        """iris learns its scaling on the first epoch; digits shows test images with predictions."""
        session = Session()
        assert session.configure(dataset="iris", hidden=[5])["kind"] == "iris"
        session.step()
        assert session.net.scaling is not None and "field" not in session.state()
        session.configure(dataset="digits", hidden=[8], learning_rate=0.01)
        digits = session.step()["digits"]
        assert len(digits) == 12 and len(digits[0]["pixels"]) == 64
        assert digits[0]["predicted"] in list("0123456789")

    def test_export_says_every_epoch_trained(self, tmp_path):
        """After N steps and slices of training, the model file says N epochs in all, not the last call's."""
        session = Session()
        session.configure(dataset="moons", hidden=[3])
        for _ in range(3):
            session.step()
        session.train_for(0.02)
        assert session.epoch > 3
        training = json.loads(session.export())["training"]
        assert training["epochs"] == session.epoch == training["train_calls"]
        path = tmp_path / "model.json"
        path.write_text(session.export())
        assert nnscratch.load(path).metadata["epochs"] == session.epoch
        session.configure(dataset="moons", hidden=[3])  # Reset: a fresh network counts from zero
        session.step()
        assert json.loads(session.export())["training"]["epochs"] == 1

    def test_unknown_settings_raise_the_library_errors(self):
        session = Session()
        with pytest.raises(TrainingError, match="unknown output 'tanh'; choose one of softmax"):
            session.configure(output="tanh")
        with pytest.raises(TrainingError, match="unknown optimizer 'rmsprop'"):
            session.configure(optimizer="rmsprop")
        with pytest.raises(DataError, match="unknown dataset 'mnist'"):
            session.configure(dataset="mnist")
        with pytest.raises(NNScratchError, match="unknown code part 'train'"):
            session.code("train")


    @pytest.mark.parametrize("setting, value, said", [
        ("learning_rate", 0, "learning_rate: expected a number above 0, at most 10, got 0"),
        ("learning_rate", -1, "learning_rate: expected a number above 0"),
        ("learning_rate", "abc", "learning_rate: expected a number above 0"),
        ("learning_rate", float("nan"), "learning_rate: expected a number above 0"),
        ("l2", -1, "l2: expected a number from 0 to 1"),
        ("points", 0, "points: expected a whole number from 20 to 2000"),
        ("points", 1, "points: expected a whole number from 20 to 2000"),
        ("points", 5000, "points: expected a whole number from 20 to 2000, got 5000"),
        ("points", 2.5, "points: expected a whole number"),
        ("batch_size", 2.5, "batch_size: expected a whole number, 0 for all the rows at once, got 2.5"),
        ("seed", 1.5, "seed: expected a whole number from 0, got 1.5"),
        ("seed", True, "seed: expected a whole number"),
        ("hidden", "abc", "hidden: expected layer sizes from 1 to 256"),
        ("hidden", [0], "hidden: expected layer sizes"),
        ("hidden", [-3], "hidden: expected layer sizes"),
        ("hidden", [2.5], "hidden: expected layer sizes"),
        ("hidden", [4] * 9, "hidden: expected layer sizes"),
        ("activation", "softmax", "unknown activation 'softmax'"),
        ("colour", "red", "unknown setting 'colour'"),
    ])
    def test_a_bad_setting_is_refused_never_coerced(self, setting, value, said):
        """The page checks each field as it changes; the session checks again, with the same rules."""
        with pytest.raises(TrainingError) as info:
            Session().configure(**{setting: value})
        assert str(info.value).startswith(said)

    def test_the_page_and_the_session_share_their_rules(self):
        from nnscratch.playground.session import NUMBERS, field_rules

        rules = field_rules()
        assert set(rules) == set(NUMBERS) | {"hidden"}
        for name, rule in rules.items():
            if name == "hidden":
                continue
            bad = rule["high"] + 1
            with pytest.raises(TrainingError, match="%s: expected %s" % (name, re.escape(rule["says"]))):
                Session().configure(**{name: bad})
        json.dumps(rules)  # the worker posts them to the page

    def test_json_settings_as_the_worker_sends_them(self):
        info = Session().configure_json('{"dataset": "xor", "hidden": [], "points": null, "seed": 3}')
        assert info["sizes"] == [2, 2] and info["settings"]["points"] == 200 and info["settings"]["seed"] == 3
        with pytest.raises(TrainingError, match="a JSON object"):
            Session().configure_json("[1]")

    def test_the_curves_stay_bounded_however_long_it_trains(self):
        """Thousands of epochs send at most MAX_POINTS points a curve, ending at the last epoch."""
        from nnscratch.playground.session import MAX_POINTS

        session = Session()
        session.configure(dataset="xor", points=20, hidden=[], batch_size=0)
        while session.epoch < 2500:
            state = session.train_for(0.2)
        assert len(state["epochs"]) <= MAX_POINTS and state["epochs"][-1] == state["epoch"]
        assert all(len(state[k]) == len(state["epochs"]) for k in ("loss", "accuracy", "val_loss", "val_accuracy"))
        assert state["epochs"] == sorted(state["epochs"]) and state["epochs"][0] > 1

    def test_the_export_says_the_dataset_and_settings(self):
        session = Session()
        session.configure(dataset="circles", hidden=[6, 3], activation="relu", noise=0.25, points=100)
        for _ in range(4):
            session.step()
        training = json.loads(session.export())["training"]
        assert (training["dataset"], training["hidden"], training["activation"], training["noise"],
                training["points"], training["epochs"]) == ("circles", "6, 3", "relu", 0.25, 100, 4)
        assert session.export_name() == "nnscratch-circles-6-3-relu-epoch4.json"
        assert "dataset" not in session.net.metadata, "the export adds to the file, not to the network"


class TestCode:
    """"Show the code": each step as the articles write it (reading path), beside what runs (engine)."""

    @pytest.fixture
    def session(self):
        session = Session()
        session.configure(optimizer="momentum")
        return session

    @staticmethod
    def names(column):
        return [p["name"] for p in column["pieces"]]

    def test_two_labelled_columns(self, session):
        for part in PARTS:
            code = session.code(part)
            assert code["part"] == part and code["summary"]
            assert code["reading"]["heading"] == "The article's code (reading path)"
            assert code["engine"]["heading"] == "What runs here (fast engine)"
            for piece in code["reading"]["pieces"]:
                assert piece["name"].startswith("nnscratch.reading.")
            for piece in code["reading"]["pieces"] + code["engine"]["pieces"]:
                assert re.fullmatch(r"nnscratch/[a-z_/]+\.py, line \d+", piece["where"]) and piece["note"]

    def test_forward(self, session):
        code = session.code("forward")
        assert self.names(code["reading"]) == ["nnscratch.reading.mlp.Layer.forward",
                                               "nnscratch.reading.gophernet.feed_forward"]
        assert "Article 000" in code["reading"]["pieces"][0]["note"]
        assert "Article 001" in code["reading"]["pieces"][1]["note"]
        kernels = session.net.kernels
        names = self.names(code["engine"])
        assert names[0] == "nnscratch.engine.backprop.forward_columns"
        assert "nnscratch.engine.backprop._activate" in names  # a helper it calls: shown too
        kernel = names.index("nnscratch.engine.kernels." + kernels.layer_columns.__name__)
        kernel = code["engine"]["pieces"][kernel]
        assert kernel["note"].startswith("kernels.layer_columns, the %s form" % kernels.form)

    def test_backpropagate(self, session):
        code = session.code("backpropagate")
        assert self.names(code["reading"])[:2] == ["nnscratch.reading.gophernet.NeuralNet.backpropagate",
                                                   "nnscratch.reading.mlp.Network.gradients"]
        assert code["reading"]["pieces"][0]["note"].startswith("Article 001")
        assert self.names(code["engine"])[0] == "nnscratch.engine.backprop.gradients"
        # no longer called article 001's backpropagate: the engine's code is in its own column
        assert "Article 001" not in code["engine"]["note"]

    @pytest.mark.parametrize("name, cls", [("sgd", "SGD"), ("momentum", "Momentum"), ("adam", "Adam")])
    def test_optimizer(self, name, cls):
        session = Session()
        session.configure(optimizer=name)
        code = session.code("optimizer")
        assert self.names(code["reading"]) == ["nnscratch.reading.mlp.Network.update"]
        assert self.names(code["engine"]) == ["nnscratch.maths.optimizers.%s.step" % cls]
        assert (name == "sgd") == ("the reading path does not" not in code["reading"]["note"])

    @pytest.mark.parametrize("form", sorted(FORMS))
    def test_the_kernels_the_network_uses(self, session, form):
        """The engine column shows the network's own kernels, whichever form this interpreter picked."""
        session.net.kernels = FORMS[form]
        kernels = FORMS[form]
        for part, kernel in [("forward", kernels.layer_columns), ("backpropagate", kernels.dot_table)]:
            assert "nnscratch.engine.kernels." + kernel.__name__ in self.names(session.code(part)["engine"])

    def test_the_source_is_the_live_functions(self, session):
        """Each piece is inspect's source of the function, from the file and line it names."""
        from nnscratch.engine import backprop, kernels
        from nnscratch.maths import optimizers
        from nnscratch.reading import gophernet, mlp
        modules = {m.__name__: m for m in (backprop, kernels, optimizers, gophernet, mlp)}
        for part in PARTS:
            code = session.code(part)
            for piece in code["reading"]["pieces"] + code["engine"]["pieces"]:
                module, _, qualname = piece["name"].rpartition(".")
                while module not in modules:
                    module, _, outer = module.rpartition(".")
                    qualname = outer + "." + qualname
                target = modules[module]
                for attribute in qualname.split("."):
                    target = getattr(target, attribute)
                assert piece["source"] == inspect.getsource(target)
                path, line = re.fullmatch(r"(.+), line (\d+)", piece["where"]).groups()
                text = (ROOT / path).read_text().splitlines(keepends=True)
                first = int(line) - 1
                assert "".join(text[first:first + piece["source"].count("\n")]) == piece["source"]


def field_of(net):
    step = 2 * FIELD_RANGE / (FIELD_SIZE - 1)
    grid = [[-FIELD_RANGE + step * i, FIELD_RANGE - step * j]
            for j in range(FIELD_SIZE) for i in range(FIELD_SIZE)]
    return [o[1] / ((o[0] + o[1]) or 1.0) for o in net.predict(grid)]


@pytest.fixture
def server(tmp_path):
    pyodide = tmp_path / "pyodide"
    pyodide.mkdir()
    (pyodide / "pyodide.mjs").write_text("export const loadPyodide = 1;\n")
    (pyodide / "pyodide.asm.wasm").write_bytes(b"\0asm\1\0\0\0")
    (tmp_path / "secret.txt").write_text("not served")
    os.symlink(str(tmp_path / "secret.txt"), str(pyodide / "link.txt"))
    srv = make_server(port=0, pyodide_dir=pyodide).start()
    yield srv
    srv.stop()


def get(server, path, method="GET"):
    request = urllib.request.Request("http://127.0.0.1:%d%s" % (server.port, path), method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers["Content-Type"], e.read()


class TestServer:
    @pytest.mark.parametrize("path, kind, start", [
        ("/", "text/html", b"<!DOCTYPE html>"), ("/app.js", "text/javascript", b"//"),
        ("/worker.js", "text/javascript", b"//"), ("/style.css", "text/css", b"body"),
        ("/nnscratch/engine/network.py", "text/x-python", b'"""'),
        ("/nnscratch/reading/gophernet.py", "text/x-python", b'"""'),
        ("/nnscratch/playground/session.py", "text/x-python", b'"""'),
        ("/nnscratch/data/builtin/iris.csv.gz", "application/gzip", b"\x1f\x8b"),
        ("/pyodide/pyodide.mjs", "text/javascript", b"export"),
        ("/pyodide/pyodide.asm.wasm", "application/wasm", b"\0asm"),
    ])
    def test_serves_with_the_right_content_type(self, server, path, kind, start):
        status, content_type, body = get(server, path)
        assert status == 200 and content_type.startswith(kind) and body.startswith(start)

    def test_config(self, server):
        status, _, body = get(server, "/config.json")
        config = json.loads(body)
        assert config["pyodide"] == "/pyodide/" and config["local_pyodide"] is True
        assert config["pyodide_version"] == PYODIDE_VERSION
        for path in ("engine/network.py", "reading/mlp.py", "reading/gophernet.py", "playground/session.py"):
            assert path in config["files"]
        assert config["files"] == package_files() and not any("__pycache__" in f for f in config["files"])
        assert "data/builtin/iris.csv.gz" in config["files"]
        assert "data/builtin/digits.csv.gz" in config["files"]

    @pytest.mark.parametrize("path", [
        "/nnscratch/../setup.cfg", "/nnscratch/%2e%2e/setup.cfg", "/datasets/../README.md",
        "/pyodide/../secret.txt", "/pyodide/link.txt", "/nnscratch//etc/passwd", "/setup.cfg",
        "/nnscratch/../../etc/passwd", "/datasets/README.md", "/datasets/iris/iris.csv",
        "/nnscratch/playground/index.html",
        "/pyodide/", "/../README.md",
    ])
    def test_refuses_paths_outside(self, server, path):
        assert get(server, path)[0] == 404

    def test_only_get(self, server):
        assert get(server, "/", method="POST")[0] == 405

    def test_cdn_by_default(self):
        srv = make_server(port=0)
        try:
            assert srv.config()["pyodide"] == "https://cdn.jsdelivr.net/npm/pyodide@%s/" % PYODIDE_VERSION
        finally:
            srv.server_close()

    def test_missing_local_pyodide(self, tmp_path):
        with pytest.raises(FileNotFoundError, match="no pyodide.mjs"):
            make_server(port=0, pyodide_dir=tmp_path)


def node_modules():
    """A folder with the npm packages pyodide and playwright-core: given, or installed once in a scratch
    folder."""
    given = os.environ.get("NNSCRATCH_NODE_MODULES")
    if given:
        return Path(given)
    scratch = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "nnscratch-playground-test"
    modules = scratch / "node_modules"
    if not (modules / "pyodide" / "pyodide.mjs").is_file() or not (modules / "playwright-core").is_dir():
        scratch.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(scratch),
                        "pyodide@%s" % PYODIDE_VERSION, "playwright-core@1.65.1"],
                       check=True, capture_output=True, timeout=600)
    return modules


@pytest.mark.slow
@pytest.mark.skipif(NODE is None or CHROMIUM is None, reason=NEEDS_A_BROWSER)
def test_the_page_trains_xor_in_chromium(tmp_path):
    """Headless Chromium: XOR to accuracy 1.0 in the page, drawings, code, export, spirals, iris and digits,
    no request off the machine; served by a copy of the package folder alone, from an empty folder."""
    modules = node_modules()
    copy = copy_package(tmp_path / "copy")
    server = subprocess.Popen([sys.executable, "-S", "-m", "nnscratch.playground", "--port", "0",
                               "--pyodide", str(modules / "pyodide")],
                              cwd=str(copy), stderr=subprocess.PIPE, text=True)
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+/", server.stderr.readline()).group(0)
        script = tmp_path / "e2e.mjs"
        shutil.copy(str(ROOT / "tests" / "playground_e2e.mjs"), str(script))
        os.symlink(str(modules), str(tmp_path / "node_modules"))
        result = subprocess.run([NODE, str(script), url, str(tmp_path)], capture_output=True, text=True,
                                timeout=600, env=dict(os.environ, CHROMIUM=CHROMIUM))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert result.returncode == 0, result.stderr[-2000:]
    findings = json.loads(result.stdout.strip().splitlines()[-1])
    assert findings["outside"] == [] and findings["errors"] == []
    assert findings["xor"]["accuracy"] == 1 and findings["timings"]["pythonVersion"].startswith("3.")
    assert findings["painted"]["curves"] > 0.01 and findings["painted"]["field"] > 0.9
    assert findings["painted"]["diagram"] > 0.01
    code = findings["code"]
    assert code["headings"] == ["The article's code (reading path)", "What runs here (fast engine)"]
    assert code["reading"][:2] == ["nnscratch.reading.gophernet.NeuralNet.backpropagate",
                                   "nnscratch.reading.mlp.Network.gradients"]
    assert code["engine"][0] == "nnscratch.engine.backprop.gradients"
    assert code["source"].startswith("def gradients(")
    assert code["where"][0].startswith("nnscratch/reading/gophernet.py, line")
    assert code["wide"]["sideBySide"] and code["wide"]["outside"] == []
    assert code["narrow"]["stacked"] and code["narrow"]["outside"] == []
    assert code["narrow"]["scrollWidth"] <= code["narrow"]["width"] <= 400
    assert code["optimizer"] == {"reading": ["nnscratch.reading.mlp.Network.update"],
                                 "engine": ["nnscratch.maths.optimizers.Adam.step"]}
    exported = nnscratch.load(findings["exported"])
    assert field_of(exported) == pytest.approx(findings["xor"]["field"], abs=1e-9)
    assert exported.metadata["epochs"] == findings["xor"]["epoch"] > 1  # every slice, not the last one
    assert findings["spirals"]["epoch"] > 0 and Path(findings["screenshot"]).stat().st_size > 10000
    assert (findings["iris"]["kind"], findings["iris"]["sizes"]) == ("iris", [4, 5, 3])
    assert (findings["digits"]["kind"], findings["digits"]["sizes"]) == ("digits", [64, 16, 10])
    assert 0 <= findings["digits"]["accuracy"] <= 1 and "rror" not in findings["digits"]["status"]
    assert_the_hard_cases(findings)
    keep = os.environ.get("NNSCRATCH_SCREENSHOT")
    if keep:
        shutil.copy(findings["screenshot"], keep)
    # For the record (pytest -s shows it): load time and training speed in the page.
    session = Session()
    session.configure(dataset="xor", hidden=[4], activation="tanh", seed=0)
    while session.epoch < findings["xor"]["epoch"]:
        session.step()
    page_speed = findings["xor"]["epoch"] / findings["xor"]["seconds"]
    cpython_speed = session.epoch / session.train_seconds
    print("\nplayground: Pyodide loaded in %.1f s (page ready in %.1f s); XOR %d epochs: %.0f epochs/s in "
          "the page, %.0f in this CPython (%.2fx); spirals %d epochs in %.1f s, accuracy %.3f; the long run "
          "%d epochs in %.0f s" % (
              findings["timings"]["pyodideSeconds"], findings["pageLoadSeconds"], findings["xor"]["epoch"],
              page_speed, cpython_speed, cpython_speed / page_speed, findings["spirals"]["epoch"],
              findings["spirals"]["seconds"], findings["spirals"]["accuracy"], findings["long"]["epoch"],
              findings["long"]["seconds"]))


def assert_the_hard_cases(findings):
    """What the page does with long runs, phones, bad values, errors, exports (issue 17's findings)."""
    assert findings["missing"] == [], "no request answered 404 (a favicon, say)"
    assert findings["exportedName"].startswith("nnscratch-xor-4-tanh-epoch")
    assert json.loads(Path(findings["exported"]).read_text())["training"]["dataset"] == "xor"
    for name in ("iris", "digits"):
        assert findings[name]["disabled"] == [True, True], "noise and points do nothing there"
    rate = findings["digits"]["progress"].split(", ")[-2]
    assert rate.endswith(" epochs/s") and (float(rate.split()[0]) >= 10 or "." in rate), rate
    for case, seen in findings["fields"].items():
        assert seen["marked"]["invalid"] == "true" and seen["marked"]["train"], case
        assert seen["marked"]["message"].startswith("expected ") and "\n" not in seen["marked"]["message"], case
        assert seen["fixed"] == {"invalid": "false", "message": "", "train": False}, case
    error = findings["pythonError"]
    assert error["error"] and error["status"].startswith("Error: TrainingError: training diverged in epoch")
    assert "Traceback" not in error["status"] and error["details"] and error["detailsText"] > 200
    assert error["height"] < 200, "the header stays short: the traceback is folded under Details"
    cleared = findings["pythonErrorCleared"]
    assert not cleared["error"] and not cleared["details"] and "rror" not in cleared["status"]
    assert findings["firstEpochPainted"] > 60, "the legend's line and the first epoch's dots"
    assert findings["training"] == {"button": "Training\u2026", "pressed": "true", "status": "Training."}
    assert findings["tabs"]["selected"] == "optimizer" == findings["tabs"]["focused"][len("tab-"):]
    assert set(findings["tabs"]["roles"]) == {"img"}
    phone = findings["phone"]
    assert phone["scrollWidth"] <= phone["width"] <= 360 and phone["off"] == [], phone
    long = findings["long"]
    assert long["epoch"] > 100000 and long["points"] <= 1001 and long["lastPoint"] == long["epoch"]
    assert long["pausing"].startswith("Pausing")
    exported = nnscratch.load(long["exported"])
    assert exported.metadata["epochs"] == long["lastEpoch"] > 100000
    assert exported.metadata["dataset"] == "xor" and exported.metadata["hidden"] == ""
    assert long["exportedName"] == "nnscratch-xor-no-hidden-tanh-epoch%d.json" % long["lastEpoch"]


@pytest.mark.slow
@pytest.mark.skipif(NODE is None or CHROMIUM is None, reason=NEEDS_A_BROWSER)
def test_the_page_explains_when_pyodide_cannot_load(tmp_path):
    """With Pyodide unreachable, the page says how to get it instead of hanging."""
    modules = node_modules()
    srv = make_server(port=0, pyodide_url="http://127.0.0.1:9/").start()  # nothing listens on port 9
    script = tmp_path / "fail.mjs"
    script.write_text("""
import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const page = await browser.newPage();
await page.goto(process.argv[2]);
await page.waitForFunction(() => document.getElementById("status").classList.contains("error"), null,
                           { timeout: 60000 });
console.log(await page.evaluate(() => document.getElementById("status").textContent));
await browser.close();
""")
    os.symlink(str(modules), str(tmp_path / "node_modules"))
    try:
        result = subprocess.run([NODE, str(script), srv.url], capture_output=True, text=True, timeout=300,
                                env=dict(os.environ, CHROMIUM=CHROMIUM))
    finally:
        srv.stop()
    assert result.returncode == 0, result.stderr[-2000:]
    assert "could not load Pyodide from http://127.0.0.1:9/" in result.stdout
    assert "npm install pyodide@%s" % PYODIDE_VERSION in result.stdout
    assert "--pyodide node_modules/pyodide" in result.stdout
