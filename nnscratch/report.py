"""A training report: one self-contained HTML file with inline SVG charts.

``write_report(path, network, history, ...)`` draws, with no script, font or
image from anywhere else (the file works offline and from an e-mail):

- the loss and accuracy curves per epoch, for the training and validation rows;
- the confusion matrix of the test rows as a heat map;
- a diagram of the network: its layers, their sizes and activations;
- the run's settings and results.

The SVG is written by hand: a chart is a ``<polyline>`` per curve inside axes
with ticks, and each text is escaped.
"""

import math
from html import escape

from ._version import __version__
from .files.atomic import write_text_atomic

__all__ = ["render_report", "write_report"]

#: A curve chart's size and margins, in SVG pixels.
CHART_W, CHART_H = 540, 310
LEFT, RIGHT, TOP, BOTTOM = 58, 16, 52, 46
TRAIN_COLOR, VALIDATION_COLOR = "#1f6fb4", "#e07b1a"


def _ticks(low, high, count=5):
    """Round tick values covering [low, high]."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / count
    step = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * step:
            step *= factor
            break
    first = math.floor(low / step) * step
    ticks, value = [], first
    while not ticks or ticks[-1] < high - step * 1e-9:  # until a tick reaches the top
        ticks.append(round(value, 10))
        value += step
    return ticks


def _fmt(value):
    return ("%.4g" % value) if isinstance(value, float) else str(value)


def line_chart(title, y_label, series, y_range=None):
    """An SVG line chart of one or more series over epochs: [(name, color, values), ...]."""
    series = [(n, c, v) for n, c, v in series if v]
    epochs = max(len(v) for _, _, v in series) if series else 1
    values = [x for _, _, v in series for x in v if math.isfinite(x)]
    low, high = y_range or ((min(values), max(values)) if values else (0.0, 1.0))
    y_ticks = _ticks(low, high)
    low, high = y_ticks[0], y_ticks[-1]
    x_ticks = [t for t in _ticks(1, max(epochs, 2)) if 1 <= t <= epochs] or [1]
    plot_w, plot_h = CHART_W - LEFT - RIGHT, CHART_H - TOP - BOTTOM

    def x_of(epoch):
        return LEFT + (epoch - 1) / max(epochs - 1, 1) * plot_w

    def y_of(value):
        return TOP + (high - value) / ((high - low) or 1.0) * plot_h

    parts = ['<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
             'viewBox="0 0 %d %d" role="img" aria-label="%s">'
             % (CHART_W, CHART_H, CHART_W, CHART_H, escape(title)),
             '<text x="%d" y="18" class="title">%s</text>' % (LEFT, escape(title))]
    for t in y_ticks:
        y = y_of(t)
        parts.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" class="grid"/>'
                     % (LEFT, LEFT + plot_w, y, y))
        parts.append('<text x="%d" y="%.1f" class="tick" text-anchor="end">%s</text>'
                     % (LEFT - 6, y + 4, _fmt(t)))
    for t in x_ticks:
        x = x_of(t)
        parts.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d" class="axis"/>'
                     % (x, x, TOP + plot_h, TOP + plot_h + 5))
        parts.append('<text x="%.1f" y="%d" class="tick" text-anchor="middle">%g</text>'
                     % (x, TOP + plot_h + 18, t))
    parts.append('<line x1="%d" x2="%d" y1="%d" y2="%d" class="axis"/>' % (LEFT, LEFT, TOP, TOP + plot_h))
    parts.append('<line x1="%d" x2="%d" y1="%d" y2="%d" class="axis"/>'
                 % (LEFT, LEFT + plot_w, TOP + plot_h, TOP + plot_h))
    parts.append('<text x="%.1f" y="%d" class="label" text-anchor="middle">epoch</text>'
                 % (LEFT + plot_w / 2, CHART_H - 8))
    parts.append('<text x="14" y="%.1f" class="label" text-anchor="middle" '
                 'transform="rotate(-90 14 %.1f)">%s</text>'
                 % (TOP + plot_h / 2, TOP + plot_h / 2, escape(y_label)))
    for i, (name, color, values) in enumerate(series):
        points = " ".join("%.1f,%.1f" % (x_of(e + 1), y_of(v))
                          for e, v in enumerate(values) if math.isfinite(v))
        if len(values) == 1:  # one epoch: a dot, since a line needs two points
            parts.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>'
                         % (x_of(1), y_of(values[0]), color))
        parts.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s">'
                     '<title>%s</title></polyline>'
                     % (color, points, escape(name)))
        lx = LEFT + 165 * i  # the legend, under the title, clear of the curves
        parts.append('<line x1="%d" x2="%d" y1="32" y2="32" stroke="%s" stroke-width="3"/>'
                     % (lx, lx + 18, color))
        parts.append('<text x="%d" y="36" class="tick">%s (last %s)</text>'
                     % (lx + 23, escape(name), _fmt(values[-1])))
    parts.append("</svg>")
    return "\n".join(parts)


def heat_map(matrix, classes):
    """An SVG heat map of a confusion matrix: rows are true classes, columns predicted ones."""
    n = len(matrix)
    cell = max(28, min(60, 420 // max(n, 1)))
    label_w = min(160, 12 + 7 * max(len(c) for c in classes))
    left, top = label_w + 30, 70
    width, height = max(left + cell * n + 20, 330), top + cell * n + 20
    parts = ['<svg class="heatmap" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
             'viewBox="0 0 %d %d" role="img" aria-label="confusion matrix">'
             % (width, height, width, height),
             '<text x="10" y="18" class="title">Confusion matrix (test rows)</text>',
             '<text x="%.1f" y="40" class="label" text-anchor="middle">predicted class</text>'
             % (left + cell * n / 2),
             '<text x="14" y="%.1f" class="label" text-anchor="middle" '
             'transform="rotate(-90 14 %.1f)">true class</text>'
             % (top + cell * n / 2, top + cell * n / 2)]
    for j, name in enumerate(classes):
        parts.append('<text x="%.1f" y="%d" class="tick" text-anchor="middle">%s</text>'
                     % (left + cell * (j + 0.5), top - 8, escape(name[:12])))
    for i, row in enumerate(matrix):
        total = sum(row) or 1
        parts.append('<text x="%d" y="%.1f" class="tick" text-anchor="end">%s</text>'
                     % (left - 6, top + cell * (i + 0.5) + 4, escape(classes[i][:20])))
        for j, count in enumerate(row):
            share = count / total
            # white to blue on the diagonal (right), white to red off it (wrong)
            if i == j:
                color = "rgb(%d,%d,%d)" % (255 - 200 * share, 255 - 120 * share, 255 - 40 * share)
            else:
                color = "rgb(%d,%d,%d)" % (255 - 30 * share, 255 - 190 * share, 255 - 190 * share)
            parts.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#999">'
                         '<title>true %s, predicted %s: %d</title></rect>'
                         % (left + cell * j, top + cell * i, cell, cell, color,
                            escape(classes[i]), escape(classes[j]), count))
            parts.append('<text x="%.1f" y="%.1f" class="count" text-anchor="middle">%d</text>'
                         % (left + cell * (j + 0.5), top + cell * (i + 0.5) + 5, count))
    parts.append("</svg>")
    return "\n".join(parts)


def network_diagram(sizes, activations):
    """An SVG diagram of the layers: a column of neurons per layer (at most 10
    drawn), with sizes and activations.
    """
    shown = [min(n, 10) for n in sizes]
    gap, radius = 150, 9
    width = 80 + gap * (len(sizes) - 1) + 80
    height = 80 + 26 * max(shown) + 40
    parts = ['<svg class="diagram" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
             'viewBox="0 0 %d %d" role="img" aria-label="network diagram">'
             % (width, height, width, height),
             '<text x="10" y="18" class="title">Network: %s</text>' % escape("-".join(map(str, sizes)))]

    def position(layer, k):
        x = 80 + gap * layer
        y = 50 + (26 * max(shown) - 26 * shown[layer]) / 2 + 26 * k + 13
        return x, y

    for layer in range(len(sizes) - 1):
        for a in range(shown[layer]):
            for b in range(shown[layer + 1]):
                (x1, y1), (x2, y2) = position(layer, a), position(layer + 1, b)
                parts.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" class="edge"/>'
                             % (x1, y1, x2, y2))
    for layer, n in enumerate(sizes):
        kind = "input" if layer == 0 else ("output" if layer == len(sizes) - 1 else "hidden")
        for k in range(shown[layer]):
            x, y = position(layer, k)
            parts.append('<circle cx="%.1f" cy="%.1f" r="%d" class="neuron %s"/>' % (x, y, radius, kind))
        x, bottom = position(layer, shown[layer] - 1)
        if n > shown[layer]:
            parts.append('<text x="%.1f" y="%.1f" class="tick" text-anchor="middle">... %d in all</text>'
                         % (x, bottom + 24, n))
        caption = "%d inputs" % n if layer == 0 else "%d, %s" % (n, activations[layer - 1])
        parts.append('<text x="%.1f" y="%d" class="label" text-anchor="middle">%s</text>'
                     % (x, height - 12, escape(caption)))
    parts.append("</svg>")
    return "\n".join(parts)


STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1120px;
       color: #222; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
.sub { color: #666; margin-top: 0; }
.row { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
.title { font-size: 15px; font-weight: 600; fill: #222; }
.label { font-size: 12px; fill: #444; }
.tick { font-size: 11px; fill: #555; }
.count { font-size: 13px; fill: #111; }
.grid { stroke: #e4e4e4; }
.axis { stroke: #666; }
.edge { stroke: #c8d3de; stroke-width: 0.7; }
.neuron { stroke: #333; stroke-width: 1; }
.neuron.input { fill: #f2f2f2; } .neuron.hidden { fill: #9cc3e6; } .neuron.output { fill: #f4b183; }
table { border-collapse: collapse; font-size: 0.9em; }
td, th { border-bottom: 1px solid #ddd; padding: 0.25em 0.8em; text-align: left; }
th { background: #f6f6f6; }
"""


def render_report(network, history, settings, confusion=None, test_accuracy=None,
                  title="Training report"):
    """Return the report as HTML text (see ``write_report``)."""
    classes = list(network.classes or ["class %d" % k for k in range(max(2, network.sizes[-1]))])
    curves = [
        line_chart("Loss per epoch", network.loss.replace("_", " "),
                   [("train", TRAIN_COLOR, history.loss),
                    ("validation", VALIDATION_COLOR, history.val_loss)]),
        line_chart("Accuracy per epoch", "accuracy",
                   [("train", TRAIN_COLOR, history.accuracy),
                    ("validation", VALIDATION_COLOR, history.val_accuracy)],
                   y_range=(0.0, 1.0)),
    ]
    results = [("epochs run", history.epochs),
               ("final training loss", history.loss[-1] if history.loss else "-"),
               ("final training accuracy", history.accuracy[-1] if history.accuracy else "-")]
    if history.val_loss:
        results += [("final validation loss", history.val_loss[-1]),
                    ("final validation accuracy", history.val_accuracy[-1])]
    if test_accuracy is not None:
        results.append(("test accuracy", test_accuracy))
    if history.best_epoch:
        results.append(("best epoch (weights kept)", history.best_epoch))
    if history.interrupted:
        results.append(("interrupted", "yes: stopped by the user after a batch"))
    rows = "\n".join("<tr><th>%s</th><td>%s</td></tr>" % (escape(str(k)), escape(_fmt(v)))
                     for k, v in list(settings.items()) + results)
    matrix = heat_map(confusion, classes) if confusion else "<p>No test rows: no confusion matrix.</p>"
    diagram = network_diagram(network.sizes, [layer.activation for layer in network.layers])
    return """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%(title)s</title>
<style>%(style)s</style>
</head>
<body>
<h1>%(title)s</h1>
<p class="sub">%(network)s &middot; written by nnscratch %(version)s</p>
<div class="row">
%(curves)s
</div>
<div class="row">
%(matrix)s
%(diagram)s
</div>
<h2>Settings and results</h2>
<table>
%(rows)s
</table>
</body>
</html>
""" % {"title": escape(title), "style": STYLE, "network": escape(repr(network)), "version": __version__,
       "curves": "\n".join(curves), "matrix": matrix, "diagram": diagram, "rows": rows}


def write_report(path, network, history, settings, confusion=None, test_accuracy=None,
                 title="Training report"):
    """Write the report to path, atomically; return the path.

    ``settings`` is an ordered mapping of what the run was given (shown as a
    table); ``confusion`` the test rows' confusion matrix, if there were any.
    """
    write_text_atomic(path, render_report(network, history, settings, confusion, test_accuracy, title))
    return path
