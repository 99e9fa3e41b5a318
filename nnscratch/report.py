"""A training report: one self-contained HTML file with inline SVG charts.

``write_report(path, network, history, ...)`` draws, with no script, font or
image from anywhere else (the file works offline and from an e-mail):

- the loss and accuracy curves per epoch, for the training and validation rows;
- the confusion matrix of the test rows as a heat map;
- a diagram of the network: its layers, their sizes and activations;
- the run's settings and results.

The pictures are ``nnscratch.svg``'s, the same a notebook shows; each
carries its own colours and fonts, so the page's style is only its layout.
"""

from html import escape

from ._version import __version__
from .files.atomic import write_text_atomic
from .svg import fmt, heat_map, history_charts, network_diagram

__all__ = ["render_report", "write_report"]

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1120px;
       color: #222; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
.sub { color: #666; margin-top: 0; }
.row { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }
table { border-collapse: collapse; font-size: 0.9em; }
td, th { border-bottom: 1px solid #ddd; padding: 0.25em 0.8em; text-align: left; }
th { background: #f6f6f6; }
"""


def render_report(network, history, settings, confusion=None, test_accuracy=None,
                  title="Training report"):
    """Return the report as HTML text (see ``write_report``)."""
    classes = list(network.classes or ["class %d" % k for k in range(max(2, network.sizes[-1]))])
    curves = history_charts(history.loss, history.accuracy, history.val_loss, history.val_accuracy,
                            network.loss.replace("_", " "))
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
    rows = "\n".join("<tr><th>%s</th><td>%s</td></tr>" % (escape(str(k)), escape(fmt(v)))
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
