"""The notebook of article 004: batches, early stopping, errors, saving, serving and metrics."""

from ..files.ipynb import code, markdown
from .common import find_nnscratch

__all__ = ["FILENAME", "TITLE", "CELLS"]

FILENAME = "article-004-production.ipynb"
TITLE = "Article 004: a network in production"

#: The notebook's cells, in the order article 004 names its topics.
CELLS = [
    markdown("""
# Article 004: a network in production

Article 004 lists what a network needs once people depend on it: training in batches, early
stopping, errors that say what went wrong, a model saved and loaded again, and metrics of how
fast it answers (Prometheus). It has no code; this notebook does each with nnscratch, on the
iris flowers.
"""),
    find_nnscratch(),
    markdown("""
## Batches and early stopping

A batch is a handful of rows whose gradients are averaged into one step: many steps per epoch,
each cheap. Early stopping holds some rows out (here a fifth of the training rows, chosen with
the network's seed), scores them after every epoch, and stops when their loss has not improved
for `patience` epochs, keeping the weights of the best epoch. Watch the validation curve.
"""),
    code("""
from nnscratch import Network, load_iris_split

train, test = load_iris_split()
net = Network([4, 8, 3], seed=0)
net.classes, net.columns = train.classes, train.columns
history = net.train(train.inputs, train.labels, epochs=300, learning_rate=0.05, batch_size=16,
                    optimizer="adam", validation_split=0.2, patience=10)
print("epochs run:", history.epochs, " stopped early:", history.stopped_early,
      " weights kept from epoch:", history.best_epoch)
print("test accuracy:", net.evaluate(test.inputs, test.labels))
history
"""),
    code("""
net.confusion_matrix(test.inputs, test.labels)
"""),
    markdown("""
## Errors that say what is wrong

A Go program that gets a row of the wrong width indexes past the end and panics. nnscratch
checks its inputs first, and its errors name the row, the column and what was expected.
"""),
    code("""
from nnscratch import NNScratchError

for rows in ([[5.1, 3.5, 1.4]], [[5.1, 3.5, 1.4, "0.2"]], [[5.1, 3.5, 1.4, float("nan")]]):
    try:
        net.predict(rows)
    except NNScratchError as e:
        print(type(e).__name__ + ":", e)
"""),
    markdown("""
## Saving and loading

The article suggests Go's `encoding/gob`. nnscratch writes JSON, which any language reads, and
writes it atomically: a crash leaves the old file or the new one, never half of one. Loading
gives back the same network, predictions and all.
"""),
    code("""
import pathlib
import tempfile

import nnscratch

folder = pathlib.Path(tempfile.mkdtemp())
path = net.save(folder / "iris.json")
again = nnscratch.load(path)
print(path.name, path.stat().st_size, "bytes")
again.predict(test.inputs[:3]) == net.predict(test.inputs[:3])
"""),
    markdown("""
## Serving, and the latency metrics

`nnscratch serve model.json` answers predictions over HTTP. Here the same server runs inside
this notebook, on a free port of this machine, for a few requests. Its `/metrics` page is in
Prometheus' text format; `nnscratch_prediction_latency_seconds` is the histogram of the time
each prediction took, the figure article 004 asks to watch.
"""),
    code("""
import json
import urllib.request

from nnscratch.serve import make_server

server = make_server(again, port=0, name="iris").start()
for row in test.inputs[:20]:
    request = urllib.request.Request(server.url + "predict", data=json.dumps({"input": row}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = json.load(response)
print("the last answer:", answer["classes"], [round(v, 3) for v in answer["outputs"][0]])

with urllib.request.urlopen(server.url + "metrics", timeout=10) as response:
    metrics = response.read().decode()
server.stop()
print("\\n".join(line for line in metrics.splitlines()
                if line.startswith("nnscratch_prediction_latency_seconds_") or "predictions_total" in line))
"""),
    markdown("""
The `_bucket` lines count the predictions that took at most `le` seconds; `_sum` over `_count`
is the mean. A Prometheus server scraping `/metrics` draws these over time.

## Try next

- Change `patience`, or drop the validation split: does the test accuracy change?
- Serve from a terminal: `python -m nnscratch serve model.json`, then `curl` it.
- Exercises 9 and 10 (`python -m nnscratch.exercises start 9 --notebook`): batches, early
  stopping, and reading the articles' CSV file.
"""),
]
