"""The HTML training report: self-contained, with its four SVG pictures, and rendered by a real browser."""

import shutil
import struct
import subprocess
import zlib

import pytest

from nnscratch.network import History, Network
from nnscratch.report import render_report, write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def run():
    net = Network([4, 6, 3], seed=0)
    net.classes = ["setosa", "versicolor", "<virginica>"]
    history = History(loss=[1.2, 0.8, 0.5, 0.4], accuracy=[0.3, 0.6, 0.8, 0.9],
                      val_loss=[1.3, 0.9, 0.6, 0.55], val_accuracy=[0.3, 0.5, 0.7, 0.8])
    settings = {"data": "iris.csv", "epochs asked": 4, "learning rate": 0.01}
    return net, history, settings, [[9, 1, 0], [0, 11, 1], [0, 2, 6]]


def test_pictures_and_tables(run):
    """Two curve charts (train and validation), a 3x3 heat map, a diagram of 13 neurons, the settings."""
    html = render_report(*run, test_accuracy=0.8667)
    assert html.count("<svg") == 4
    assert html.count("<polyline") == 4  # loss and accuracy, train and validation
    assert html.count("<rect") == 9
    assert html.count('class="nns-neuron') == 4 + 6 + 3
    assert "epoch" in html and "predicted class" in html and "true class" in html
    assert "<td>0.01</td>" in html and "test accuracy" in html


def test_self_contained_and_escaped(run):
    """No script, no remote font, image or style; names are escaped."""
    html = render_report(*run)
    lowered = html.lower()
    assert "<script" not in lowered and "@import" not in lowered and "url(" not in lowered
    assert "src=" not in lowered and "href=" not in lowered
    assert "&lt;virginica&gt;" in html and "<virginica>" not in html


def test_no_test_rows_and_one_epoch(run):
    """Without test rows there is no matrix; a single epoch still draws."""
    net, _, settings, _ = run
    html = render_report(net, History(loss=[0.7], accuracy=[0.5]), settings, None)
    assert "No test rows" in html and html.count("<svg") == 3 and "<circle" in html


def png_pixels(data):
    """Decode an 8-bit RGB or RGBA PNG (what Chromium writes) into (width, height, rows of bytes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    idat = b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IDAT":
            idat += body
        else:
            chunks[kind] = body
        pos += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and color in (2, 6)
    channels = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def chromium(*args):
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run"] + list(args),
                          capture_output=True, timeout=120)


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (apt-get install chromium)")
def test_chromium_renders_the_report(run, tmp_path):
    """Headless Chromium shows a page that is not blank, and its DOM holds the four SVG pictures."""
    page = write_report(tmp_path / "report.html", *run, test_accuracy=0.8667)
    shot = tmp_path / "shot.png"
    chromium("--user-data-dir=%s" % (tmp_path / "profile"), "--window-size=1200,900",
             "--screenshot=%s" % shot, page.as_uri())
    width, height, channels, rows = png_pixels(shot.read_bytes())
    assert (width, height) == (1200, 900)
    colored = sum(1 for row in rows[::4] for i in range(0, len(row), channels * 4)
                  if row[i:i + 3] != b"\xff\xff\xff")
    assert colored / ((height // 4) * (width // 4)) > 0.05  # text, curves and cells, not a white page
    blue = sum(1 for row in rows for i in range(0, len(row), channels)
               if row[i + 2] > 150 and row[i] < 100)  # the train curve and the diagonal cells
    assert blue > 500

    dom = chromium("--user-data-dir=%s" % (tmp_path / "profile2"), "--dump-dom", page.as_uri()).stdout.decode()
    assert dom.count("<svg") == 4 and dom.count("<polyline") == 4 and dom.count("<rect") == 9
