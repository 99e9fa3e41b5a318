"""What a notebook shows: pictures of a Network, a History and a confusion matrix, a Dataset's table,
and training drawn live; a terminal still sees the plain ``repr``.

These call the display methods (``_repr_svg_``, ``_repr_html_``) directly, and stand in for IPython
with a display function that records what it is given, so they need no Jupyter package.
"""

import sys
import types
import xml.etree.ElementTree as ET

import pytest

import nnscratch
from nnscratch import History, Network, confusion_matrix, load_iris
from nnscratch.engine import live
from nnscratch.errors import DataError, TrainingError

SVG = "{http://www.w3.org/2000/svg}"
XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]]


def parsed(svg):
    """The SVG as an XML tree: it must be well formed to show at all."""
    return ET.fromstring(svg)


def luminance(color):
    """Relative luminance of #rrggbb or rgb(r,g,b), 0 (black) to 1 (white)."""
    if color.startswith("#"):
        digits = color[1:] if len(color) == 7 else "".join(c * 2 for c in color[1:])  # #222 is #222222
        r, g, b = (int(digits[i:i + 2], 16) for i in (0, 2, 4))
    else:
        r, g, b = (float(v) for v in color[4:-1].split(","))
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def assert_legible_in_any_theme(svg):
    """A light background of its own, and dark text on it: a dark notebook theme cannot hide it."""
    root = parsed(svg)
    assert "background:#fff" in root.get("style", "")
    texts = list(root.iter(SVG + "text"))
    assert texts
    for text in texts:
        assert text.get("fill") and luminance(text.get("fill")) < 0.45, ET.tostring(text)


class TestNetwork:
    def test_the_diagram_shows_every_layer(self):
        net = Network([4, 12, 3], hidden_activation="relu", seed=0)
        root = parsed(net._repr_svg_())
        circles = list(root.iter(SVG + "circle"))
        assert len(circles) == 4 + 10 + 3  # at most 10 neurons drawn per layer
        words = " ".join(t.text for t in root.iter(SVG + "text"))
        assert "4 inputs" in words and "12, relu" in words and "3, softmax" in words
        assert "... 12 in all" in words and "4-12-3" in words
        assert_legible_in_any_theme(net._repr_svg_())

    def test_the_terminal_keeps_the_plain_repr(self):
        assert repr(Network([2, 2], seed=0)).startswith("Network([2, 2], hidden_activation=")


class TestHistory:
    def test_two_charts_with_a_curve_per_row_set(self):
        h = History(loss=[0.9, 0.6, 0.5], accuracy=[0.4, 0.7, 0.8], val_loss=[1.0, 0.7, 0.65],
                    val_accuracy=[0.3, 0.6, 0.75])
        root = parsed(h._repr_svg_())
        assert len(root.findall(SVG + "svg")) == 2  # loss and accuracy, side by side
        assert len(list(root.iter(SVG + "polyline"))) == 4
        words = " ".join(t.text for t in root.iter(SVG + "text"))
        assert "Loss per epoch" in words and "Accuracy per epoch" in words and "validation (last 0.75)" in words
        assert_legible_in_any_theme(h._repr_svg_())

    def test_the_first_epoch_and_a_history_of_none(self):
        assert len(list(parsed(History(loss=[0.5], accuracy=[0.5])._repr_svg_()).iter(SVG + "circle"))) == 2
        assert parsed(History()._repr_svg_()) is not None

    def test_a_trained_networks_history(self):
        h = Network([2, 4, 2], seed=1).train(XOR_X, XOR_Y, epochs=20, learning_rate=0.5, live=False)
        assert len(list(parsed(h._repr_svg_()).iter(SVG + "polyline"))) == 2


class TestConfusionMatrix:
    def test_a_list_of_rows_that_draws_itself(self):
        m = confusion_matrix([[0.9, 0.1], [0.4, 0.6], [0.2, 0.8]], [[1, 0], [1, 0], [0, 1]], classes=["a", "<b>"])
        assert m == [[1, 1], [0, 1]] and repr(m) == "[[1, 1], [0, 1]]"
        root = parsed(m._repr_svg_())
        assert len(list(root.iter(SVG + "rect"))) == 4
        words = [t.text for t in root.iter(SVG + "text")]
        assert "<b>" in words and "Confusion matrix" in words  # escaped in the SVG, read back whole
        assert_legible_in_any_theme(m._repr_svg_())

    def test_a_network_names_its_classes(self):
        data = load_iris()
        net = Network([4, 3], seed=0)
        net.classes = list(data.classes)
        m = net.confusion_matrix(data.inputs, data.labels)
        assert m.classes == ["setosa", "versicolor", "virginica"] and sum(map(sum, m)) == 150
        assert "virginica" in m._repr_svg_()
        assert Network([4, 3], seed=0).confusion_matrix(data.inputs, data.labels).classes == [
            "class 0", "class 1", "class 2"]

    def test_class_names_must_match_the_classes(self):
        with pytest.raises(DataError, match="2 class names for 3 classes"):
            confusion_matrix([[1.0, 0.0, 0.0]], [0], classes=["a", "b"])


class TestDataset:
    def test_a_short_table(self):
        html = load_iris()._repr_html_()
        table = ET.fromstring(html)  # well formed
        assert "150 rows, 4 input columns, 3 classes: setosa (50), versicolor (50), virginica (50)" in html
        assert len(list(table.iter("tr"))) == 1 + 5 and "... and 145 more rows" in html
        assert "<th>petal_width</th>" in html

    def test_wide_rows_and_odd_values(self):
        html = nnscratch.load_digits()._repr_html_()
        assert "... 52 more" in html and "1797 rows, 64 input columns" in html
        odd = nnscratch.Dataset([[1.0, "x<y"]], [1], ["a", "b"], ["p", "q"])
        assert "x&lt;y" in odd._repr_html_() and "a (0), b (1)" in odd._repr_html_()

    def test_the_terminal_keeps_the_plain_repr(self):
        assert repr(nnscratch.load_perceptron_table()).startswith("Dataset(inputs=[[")


class Shown(list):
    """What the notebook showed: each output's text as it was when shown, and the last object."""

    last = None

    def add(self, obj):
        self.append(repr(obj))  # as IPython formats it at once; the History goes on changing
        self.last = obj


class FakeHandle:
    def __init__(self, shown):
        self.shown = shown

    def update(self, obj):
        self.shown.add(obj)


@pytest.fixture
def notebook(monkeypatch):
    """IPython as a kernel would have it loaded: its display records each object it is given."""
    shown = Shown()

    def display(obj, display_id=None):
        assert display_id is True
        shown.add(obj)
        return FakeHandle(shown)

    kernel_shell = types.SimpleNamespace(kernel=object())
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: kernel_shell))
    monkeypatch.setitem(sys.modules, "IPython.display", types.SimpleNamespace(display=display))
    ticks = iter(range(10 ** 6))
    monkeypatch.setattr(live.time, "monotonic", lambda: next(ticks) * 0.1)  # 0.1 s a call
    return shown


class TestLiveTraining:
    def test_a_notebook_sees_the_curves_grow(self, notebook):
        history = Network([2, 4, 2], seed=1).train(XOR_X, XOR_Y, epochs=30, learning_rate=0.5)
        assert 3 < len(notebook) < 30, "redrawn often, but not after every epoch"
        assert notebook[0].startswith("epoch 3 of 30: loss "), "shown once it has run 0.25 s"
        assert notebook[-1].startswith("epoch 30 of 30: loss ") and notebook[-1].endswith("(done)")
        assert notebook.last.history is history and "<svg" in notebook.last._repr_html_()

    def test_live_changes_no_number(self, notebook):
        a = Network([2, 4, 2], seed=1)
        b = Network([2, 4, 2], seed=1)
        ha = a.train(XOR_X, XOR_Y, epochs=15, learning_rate=0.5, batch_size=2)
        hb = b.train(XOR_X, XOR_Y, epochs=15, learning_rate=0.5, batch_size=2, live=False)
        assert ha == hb and [l.weights for l in a.layers] == [l.weights for l in b.layers]

    def test_live_false_shows_nothing(self, notebook):
        Network([2, 2], seed=0).train(XOR_X, XOR_Y, epochs=3, learning_rate=0.1, live=False)
        assert notebook == []

    def test_early_stopping_and_an_error_are_said(self, notebook):
        flipped = [list(reversed(row)) for row in XOR_Y]
        Network([2, 4, 2], seed=0).train(XOR_X, XOR_Y, epochs=200, learning_rate=2.0,
                                         validation=(XOR_X, flipped), patience=2)
        assert "stopped early: kept the weights of epoch" in notebook[-1]
        net = Network([1, 8, 1], hidden_activation="relu", output_activation="linear", loss="squared_error",
                      init="he", seed=0)
        with pytest.raises(TrainingError, match="diverged"):
            net.train([[float(i)] for i in range(1, 6)], [[10.0 * i] for i in range(1, 6)], epochs=100,
                      learning_rate=10.0, reduction="sum")
        assert "(stopped by TrainingError)" in notebook[-1]

    def test_a_user_callback_still_runs_and_can_stop(self, notebook):
        seen = []
        history = Network([2, 2], seed=0).train(XOR_X, XOR_Y, epochs=10, learning_rate=0.1,
                                                 on_epoch=lambda e, h: seen.append(e) or e < 4)
        assert seen == [1, 2, 3, 4] and history.epochs == 4
        assert notebook[-1].startswith("epoch 4 of 10") and notebook[-1].endswith("(stopped by on_epoch)")

    def test_a_quick_call_shows_nothing(self, notebook, monkeypatch):
        """A loop of one-epoch calls, each quicker than a redraw, does not fill the notebook."""
        monkeypatch.setattr(live.time, "monotonic", lambda: 0.0)
        net = Network([2, 2], seed=0)
        for _ in range(20):
            net.train(XOR_X, XOR_Y, epochs=1, learning_rate=0.1)
        assert notebook == []


def test_outside_a_notebook_nothing_is_shown(monkeypatch):
    """A terminal IPython (no kernel), or none at all: no view, and IPython is never imported."""
    monkeypatch.delitem(sys.modules, "IPython", raising=False)
    monkeypatch.delitem(sys.modules, "IPython.display", raising=False)
    assert live.live_view(10) is None
    Network([2, 2], seed=0).train(XOR_X, XOR_Y, epochs=2, learning_rate=0.1)
    assert "IPython" not in sys.modules
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: types.SimpleNamespace()))
    monkeypatch.setitem(sys.modules, "IPython.display", types.SimpleNamespace(display=print))
    assert live.live_view(10) is None


def pictures_page():
    """An HTML page with one picture of each kind, on a light and on a dark notebook background."""
    data = nnscratch.load_iris_split()[0]
    net = Network([4, 8, 3], seed=0)
    net.classes = data.classes
    history = net.train(data.inputs, data.labels, epochs=60, learning_rate=0.05, batch_size=16,
                        optimizer="adam", validation_split=0.2, live=False)
    shown = [("Network", net._repr_svg_()), ("History", history._repr_svg_()),
             ("ConfusionMatrix", net.confusion_matrix(data.inputs, data.labels)._repr_svg_()),
             ("Dataset", data._repr_html_())]
    themes = []
    for background, color in (("#ffffff", "#111111"), ("#1e1e1e", "#dddddd")):
        items = "".join('<div style="margin:8px"><div>%s</div>%s</div>' % item for item in shown)
        themes.append('<div style="background:%s;color:%s;padding:10px;display:flex;flex-wrap:wrap;'
                      'align-items:flex-start;font-family:sans-serif">%s</div>' % (background, color, items))
    return "<!DOCTYPE html><html><body style='margin:0'>%s</body></html>" % "".join(themes)


@pytest.mark.slow
def test_chromium_shows_each_picture_in_a_light_and_a_dark_theme(tmp_path):
    """The dark half holds light boxes (the pictures' own backgrounds) with dark text in them."""
    import os
    import shutil

    from test_report import CHROMIUM, chromium, png_pixels

    if CHROMIUM is None:
        pytest.skip("Chromium not installed (apt-get install chromium)")
    page = tmp_path / "pictures.html"
    page.write_text(pictures_page(), encoding="utf-8")
    shot = tmp_path / "pictures.png"
    chromium("--user-data-dir=%s" % (tmp_path / "profile"), "--window-size=1580,1900",
             "--screenshot=%s" % shot, page.as_uri())
    width, height, channels, rows = png_pixels(shot.read_bytes())
    dark_half = rows[height * 2 // 3:]
    white = sum(1 for row in dark_half for i in range(0, len(row), channels * 3) if row[i:i + 3] == b"\xff\xff\xff")
    dark = sum(1 for row in dark_half for i in range(0, len(row), channels * 3) if max(row[i:i + 3]) < 0x40)
    assert white > 20000 and dark > 20000, (white, dark)  # light pictures on the dark page, and the page
    keep = os.environ.get("NNSCRATCH_PICTURES")
    if keep:
        shutil.copy(str(shot), keep)
