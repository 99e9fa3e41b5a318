"""Pictures as SVG text, drawn by hand: curves per epoch, a confusion heat map, a network diagram.

The HTML training report and the notebook displays (``_repr_svg_`` of
``Network``, ``History`` and a confusion matrix) show the same pictures, drawn
here once. Each picture stands alone: its colours and fonts are attributes on
its own elements, not a style sheet (which, inlined in a notebook's page, would
restyle the page too), and it paints its own light background, so it reads the
same in a light or a dark notebook theme. Every text is escaped.

This module imports nothing of nnscratch: it takes plain lists, numbers and
names, so every floor above may draw.
"""

import math
from html import escape

__all__ = ["line_chart", "heat_map", "network_diagram", "history_charts", "side_by_side", "Picture",
           "TRAIN_COLOR", "VALIDATION_COLOR"]

#: A curve chart's size and margins, in SVG pixels.
CHART_W, CHART_H = 540, 310
LEFT, RIGHT, TOP, BOTTOM = 58, 16, 52, 46
TRAIN_COLOR, VALIDATION_COLOR = "#1f6fb4", "#e07b1a"
FONT = 'system-ui, -apple-system, &quot;Segoe UI&quot;, sans-serif'
#: Text styles by role: (font size, colour, weight).
TEXT = {"title": (15, "#222", "600"), "label": (12, "#444", "normal"), "tick": (11, "#555", "normal"),
        "count": (13, "#111", "normal")}
GRID, AXIS, EDGE = "#e4e4e4", "#666", "#c8d3de"
#: A confusion matrix of more classes is not drawn cell by cell (its picture would grow as n^2).
MAX_CLASSES_DRAWN = 60
NEURON_FILL = {"input": "#f2f2f2", "hidden": "#9cc3e6", "output": "#f4b183"}


def _open(kind, width, height, label):
    """The opening tag of a picture: its own size, font and white background."""
    return ('<svg class="nns-%s" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
            'viewBox="0 0 %d %d" role="img" aria-label="%s" font-family="%s" style="background:#fff">'
            % (kind, width, height, width, height, _escape(label), FONT))


def _text(x, y, role, content, anchor="start", extra=""):
    size, color, weight = TEXT[role]
    return ('<text x="%s" y="%s" class="nns-%s" font-size="%d" fill="%s" font-weight="%s" text-anchor="%s"%s>'
            '%s</text>' % (_num(x), _num(y), role, size, color, weight, anchor, extra, _escape(content)))


def _escape(text):
    """Text for SVG: escaped, and characters XML cannot hold (control characters, halves of
    surrogate pairs) shown as the replacement character."""
    return escape("".join(c if (c >= " " or c in "\t\n") and not "\ud800" <= c <= "\udfff" else "\ufffd"
                          for c in str(text)))


def _line(x1, y1, x2, y2, role, color, width=1):
    return ('<line x1="%s" x2="%s" y1="%s" y2="%s" class="nns-%s" stroke="%s" stroke-width="%s"/>'
            % (_num(x1), _num(x2), _num(y1), _num(y2), role, color, width))


def _num(value):
    return ("%.1f" % value) if isinstance(value, float) else str(value)


def _ticks(low, high, count=5):
    """Round tick values covering [low, high]: at most count + 2 of them, whatever the range.

    A range too narrow to tell apart (the same loss to the last digits), or too wide for a float
    step, is widened or clamped first, so the ticks always end.

    >>> _ticks(0.0, 1.0), _ticks(0.5, 0.5), len(_ticks(-1e308, 1e308)) <= 7
    ([0.0, 0.2, 0.4, 0.6, 0.8, 1.0], [0.0, 0.2, 0.4, 0.6, 0.8, 1.0], True)
    """
    low, high = max(min(low, 1e300), -1e300), max(min(high, 1e300), -1e300)
    if high - low <= 1e-9 * max(1.0, abs(low), abs(high)):  # a flat line: room around it
        room = max(1.0, abs(low)) / 2
        low, high = low - room, high + room
    raw = (high - low) / count
    step = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * step:
            step *= factor
            break
    first = math.floor(low / step) * step
    ticks = []
    for k in range(count + 2):  # k steps from the first: no sum that stops growing
        ticks.append(float("%.12g" % (first + k * step)))  # 0.6, not 0.6000000000000001
        if ticks[-1] >= high - step * 1e-9:
            break
    return ticks


def fmt(value):
    """A number as a chart or table shows it: 4 significant digits for floats.

    >>> fmt(0.123456), fmt(3)
    ('0.1235', '3')
    """
    return ("%.4g" % value) if isinstance(value, float) else str(value)


def _axes(title, y_label, y_ticks, x_ticks, x_of, y_of, x_label="epoch"):
    """The grid, ticks, axes and labels of a line chart."""
    plot_w, plot_h = CHART_W - LEFT - RIGHT, CHART_H - TOP - BOTTOM
    parts = [_text(LEFT, 18, "title", title)]
    for t in y_ticks:
        parts.append(_line(LEFT, y_of(t), LEFT + plot_w, y_of(t), "grid", GRID))
        parts.append(_text(LEFT - 6, y_of(t) + 4, "tick", fmt(t), "end"))
    for t in x_ticks:
        parts.append(_line(x_of(t), TOP + plot_h, x_of(t), TOP + plot_h + 5, "axis", AXIS))
        parts.append(_text(x_of(t), TOP + plot_h + 18, "tick", "%g" % t, "middle"))
    parts.append(_line(LEFT, TOP, LEFT, TOP + plot_h, "axis", AXIS))
    parts.append(_line(LEFT, TOP + plot_h, LEFT + plot_w, TOP + plot_h, "axis", AXIS))
    parts.append(_text(LEFT + plot_w / 2, CHART_H - 8, "label", x_label, "middle"))
    middle = TOP + plot_h / 2
    parts.append(_text(14, middle, "label", y_label, "middle", ' transform="rotate(-90 14 %.1f)"' % middle))
    return parts


def line_chart(title, y_label, series, y_range=None, x_label="epoch", x_range=None):
    """An SVG line chart of one or more series over epochs: [(name, color, values), ...].

    Epoch e (from 1) is at x = e; or, with ``x_range=(low, high)``, a series' values are spread
    evenly from low to high. Values that are not finite are left out.

    >>> svg = line_chart("Loss", "loss", [("train", "#00f", [0.9, 0.5, 0.4])])
    >>> svg.startswith("<svg") and svg.count("<polyline")
    1
    """
    series = [(n, c, v) for n, c, v in series if v]
    epochs = max(len(v) for _, _, v in series) if series else 1
    values = [x for _, _, v in series for x in v if math.isfinite(x)]
    low, high = y_range or ((min(values), max(values)) if values else (0.0, 1.0))
    y_ticks = _ticks(low, high)
    low, high = y_ticks[0], y_ticks[-1]
    x_low, x_high = x_range or (1, max(epochs, 2))
    x_ticks = [t for t in _ticks(x_low, x_high) if x_low <= t <= x_high] or [x_low]
    plot_w, plot_h = CHART_W - LEFT - RIGHT, CHART_H - TOP - BOTTOM

    def x_of(x):
        return LEFT + (x - x_low) / ((x_high - x_low) or 1) * plot_w

    def at(k, n):  # where the k-th of n values goes (k from 0)
        return k + 1 if x_range is None else x_low + (x_high - x_low) * k / max(n - 1, 1)

    def y_of(value):
        return TOP + (high - value) / ((high - low) or 1.0) * plot_h

    parts = [_open("chart", CHART_W, CHART_H, title)] + _axes(title, y_label, y_ticks, x_ticks, x_of, y_of,
                                                              x_label)
    for i, (name, color, values) in enumerate(series):
        points = " ".join("%.1f,%.1f" % (x_of(at(k, len(values))), y_of(v))
                          for k, v in enumerate(values) if math.isfinite(v))
        if len(values) == 1 and math.isfinite(values[0]):  # one epoch: a dot, since a line needs two
            parts.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (x_of(at(0, 1)), y_of(values[0]),
                                                                              color))
        parts.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"><title>%s</title>'
                     '</polyline>' % (color, points, _escape(name)))
        lx = LEFT + 165 * i  # the legend, under the title, clear of the curves
        parts.append(_line(lx, 32, lx + 18, 32, "key", color, 3))
        parts.append(_text(lx + 23, 36, "tick", "%s (last %s)" % (name, fmt(values[-1]))))
    parts.append("</svg>")
    return "\n".join(parts)


def history_charts(loss, accuracy, val_loss=(), val_accuracy=(), loss_label="loss"):
    """The loss and the accuracy per epoch, for the training and validation rows: two charts.

    >>> [svg.count("<polyline") for svg in history_charts([0.7, 0.4], [0.5, 0.9])]
    [1, 1]
    """
    return [line_chart("Loss per epoch", loss_label, [("train", TRAIN_COLOR, loss),
                                                      ("validation", VALIDATION_COLOR, val_loss)]),
            line_chart("Accuracy per epoch", "accuracy", [("train", TRAIN_COLOR, accuracy),
                                                          ("validation", VALIDATION_COLOR, val_accuracy)],
                       y_range=(0.0, 1.0))]


def side_by_side(pictures, label, gap=12):
    """One SVG holding the given SVG pictures in a row (a notebook shows one picture per output).

    >>> side_by_side([line_chart("a", "y", []), line_chart("b", "y", [])], "two").count("<svg")
    3
    """
    sizes = [(float(_attribute(p, "width")), float(_attribute(p, "height"))) for p in pictures]
    width = sum(w for w, _ in sizes) + gap * (len(sizes) - 1)
    height = max(h for _, h in sizes)
    parts, x = [_open("pictures", width, height, label)], 0.0
    for picture, (w, _) in zip(pictures, sizes):
        parts.append(picture.replace("<svg ", '<svg x="%s" y="0" ' % _num(x), 1))
        x += w + gap
    parts.append("</svg>")
    return "\n".join(parts)


def _attribute(svg, name):
    """An attribute of an SVG's opening tag, as this module writes them."""
    head = svg[:svg.index(">")]
    start = head.index(' %s="' % name) + len(name) + 3
    return head[start:head.index('"', start)]


def _cell_color(share, diagonal):
    """White to blue on the diagonal (right answers), white to red off it (wrong ones)."""
    if diagonal:
        return "rgb(%d,%d,%d)" % (255 - 200 * share, 255 - 120 * share, 255 - 40 * share)
    return "rgb(%d,%d,%d)" % (255 - 30 * share, 255 - 190 * share, 255 - 190 * share)


def heat_map(matrix, classes, title="Confusion matrix (test rows)"):
    """An SVG heat map of a confusion matrix: rows are true classes, columns predicted ones.

    Each cell is coloured by its share of its row, and shows its count. Classes without a name
    are called "class k"; more than ``MAX_CLASSES_DRAWN`` are not drawn, only counted.

    >>> heat_map([[3, 1], [0, 4]], ["cat", "dog"]).count("<rect")
    4
    """
    n = len(matrix)
    classes = [str(classes[k]) if k < len(classes) else "class %d" % k for k in range(n)]
    if n > MAX_CLASSES_DRAWN:
        return "\n".join([_open("heatmap", 420, 60, "confusion matrix"), _text(10, 18, "title", title),
                          _text(10, 42, "label", "%d classes: too many to draw one cell each" % n), "</svg>"])
    cell = max(28, min(60, 420 // max(n, 1)))
    label_w = min(160, 12 + 7 * max([len(c) for c in classes] or [1]))
    left, top = label_w + 30, 70
    width, height = max(left + cell * n + 20, 330), top + cell * n + 20
    parts = [_open("heatmap", width, height, "confusion matrix"),
             _text(10, 18, "title", title),
             _text(left + cell * n / 2, 40, "label", "predicted class", "middle"),
             _text(14, top + cell * n / 2, "label", "true class", "middle",
                   ' transform="rotate(-90 14 %.1f)"' % (top + cell * n / 2))]
    for j, name in enumerate(classes):
        parts.append(_text(left + cell * (j + 0.5), top - 8, "tick", name[:12], "middle"))
    for i, row in enumerate(matrix):
        total = sum(row) or 1
        parts.append(_text(left - 6, top + cell * (i + 0.5) + 4, "tick", classes[i][:20], "end"))
        for j, count in enumerate(row):
            parts.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#999">'
                         '<title>true %s, predicted %s: %d</title></rect>'
                         % (left + cell * j, top + cell * i, cell, cell, _cell_color(count / total, i == j),
                            _escape(classes[i]), _escape(classes[j]), count))
            parts.append(_text(left + cell * (j + 0.5), top + cell * (i + 0.5) + 5, "count", str(count),
                               "middle"))
    parts.append("</svg>")
    return "\n".join(parts)


def network_diagram(sizes, activations):
    """An SVG diagram of the layers: a column of neurons per layer (at most 10 drawn), with their
    sizes and activations.

    >>> network_diagram([2, 3, 1], ["sigmoid", "sigmoid"]).count("<circle")
    6
    """
    shown = [min(n, 10) for n in sizes]
    gap, radius = 150, 9
    width = 80 + gap * (len(sizes) - 1) + 80
    height = 80 + 26 * max(shown) + 40
    parts = [_open("diagram", width, height, "network diagram"),
             _text(10, 18, "title", "Network: %s" % "-".join(map(str, sizes)))]

    def position(layer, k):
        x = 80 + gap * layer
        y = 50 + (26 * max(shown) - 26 * shown[layer]) / 2 + 26 * k + 13
        return x, y

    for layer in range(len(sizes) - 1):
        for a in range(shown[layer]):
            for b in range(shown[layer + 1]):
                (x1, y1), (x2, y2) = position(layer, a), position(layer + 1, b)
                parts.append(_line(x1, y1, x2, y2, "edge", EDGE, 0.7))
    for layer, n in enumerate(sizes):
        kind = "input" if layer == 0 else ("output" if layer == len(sizes) - 1 else "hidden")
        for k in range(shown[layer]):
            x, y = position(layer, k)
            parts.append('<circle cx="%.1f" cy="%.1f" r="%d" class="nns-neuron %s" fill="%s" stroke="#333"/>'
                         % (x, y, radius, kind, NEURON_FILL[kind]))
        x, bottom = position(layer, shown[layer] - 1)
        if n > shown[layer]:
            parts.append(_text(x, bottom + 24, "tick", "... %d in all" % n, "middle"))
        caption = "%d inputs" % n if layer == 0 else "%d, %s" % (n, activations[layer - 1])
        parts.append(_text(x, height - 12, "label", caption, "middle"))
    parts.append("</svg>")
    return "\n".join(parts)


class Picture:
    """An SVG picture that a notebook shows; elsewhere its ``repr`` says what it is.

    >>> Picture(line_chart("Loss", "loss", [("train", TRAIN_COLOR, [0.5, 0.4])]), "the loss")
    <picture: the loss>
    """

    def __init__(self, svg, label="an SVG picture"):
        self.svg, self.label = svg, label

    def _repr_svg_(self):
        return self.svg

    def __repr__(self):
        return "<picture: %s>" % self.label
