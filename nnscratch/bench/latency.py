"""Latency: microseconds to predict one row of an iris-sized 4-3-3 network, nnscratch and peers."""

from .peers import installed, numpy_forward, numpy_params, sklearn_train
from .timing import measure, no_setup, stats
from .workloads import Workload


def calls_of(fn, row, calls):
    """A contender's run: fn(row), ``calls`` times."""
    return lambda _: [fn(row) for _ in range(calls)]


def latency(repeats, quick):
    """Microseconds a row to predict one row of a 4-3-3 network; returns (name -> stats, notes)."""
    wl = Workload("iris", [4, 3, 3], 120, None, 1, 0.3)
    x, _ = wl.data()
    net = wl.network()
    row = x[0]
    calls = 200 if quick else 5000
    contenders = {
        "nnscratch predict([row])": (no_setup, lambda _: [net.predict([row]) for _ in range(calls)]),
        "nnscratch forward(row)": (no_setup, lambda _: [net.forward(row) for _ in range(calls)]),
    }
    notes = []
    if installed("numpy"):
        import numpy as np

        params = numpy_params(net)
        forward = calls_of(lambda one: numpy_forward(params, one, False), np.array([row]), calls)
        contenders["numpy"] = (no_setup, forward)
    else:
        notes.append("numpy not installed: skipped")
    if installed("sklearn"):
        import numpy as np

        model = sklearn_train(wl)[0]()[0]
        predict = calls_of(model.predict, np.array([row]), calls)
        contenders["scikit-learn MLPClassifier.predict"] = (no_setup, predict)
    else:
        notes.append("scikit-learn not installed: MLPClassifier skipped")
    times = measure(contenders, repeats)
    return {name: stats([s / calls * 1e6 for s in seconds]) for name, seconds in times.items()}, notes
