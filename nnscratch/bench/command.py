"""The run and the command line: every measurement in turn, the results dict, the command."""

import argparse
import json
import os
import platform
import sys
import time

from .. import __version__
from ..engine.kernels import DEFAULT, SUM_MAP, SUMPROD
from .accuracy import time_to_accuracy
from .breakdown import breakdown
from .ceiling import ceiling_predict, ceiling_train
from .contenders import nnscratch_predict, nnscratch_train
from .forms import dot_forms
from .latency import latency
from .naive import naive_predict, naive_train
from .peers import installed, micrograd_train, numpy_predict, numpy_train, sklearn_predict, sklearn_train
from .printing import report
from .timing import measure, rates
from .workers import run_parallel
from .workloads import workloads

#: Peers run on one thread, as nnscratch does: numpy's BLAS otherwise starts
#: threads that keep spinning after each call and slow whatever runs next.
SINGLE_THREAD_ENVIRONMENT = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

#: The peers measured when installed: (module, contender name, training, prediction).
PEERS = (
    ("numpy", "numpy", numpy_train, numpy_predict),
    ("sklearn", "scikit-learn MLPClassifier", sklearn_train, sklearn_predict),
)
PEER_SKIPPED = {"numpy": "numpy not installed: skipped",
                "sklearn": "scikit-learn not installed: MLPClassifier skipped"}


def train_contenders(workload, notes):
    """name -> (setup, run) for training: nnscratch, the ceiling, the reading path, the installed peers."""
    contenders = {
        "nnscratch": nnscratch_train(workload),
        "ceiling": ceiling_train(workload),
        "naive port": naive_train(workload),
    }
    if DEFAULT.form == SUMPROD:
        contenders["nnscratch with sum(map(mul))"] = nnscratch_train(workload, SUM_MAP)
    for module, name, train, _ in PEERS:
        if installed(module):
            contenders[name] = train(workload)
        else:
            notes.append(PEER_SKIPPED[module])
    return contenders


def predict_contenders(workload):
    """name -> (setup, run) for prediction."""
    contenders = {"nnscratch": nnscratch_predict(workload), "ceiling": ceiling_predict(workload),
                  "naive port": naive_predict(workload)}
    for module, name, _, predict in PEERS:
        if installed(module):
            contenders[name] = predict(workload)
    return contenders


def run_workload(workload, repeats, quick):
    """Measure one workload; return a dict of figures and a list of notes."""
    notes = []
    times = measure(train_contenders(workload, notes), repeats)
    train_samples = workload.rows * workload.epochs
    train = {name: rates(seconds, train_samples, workload.macs_train()) for name, seconds in times.items()}
    if installed("micrograd"):
        rows = 2 if quick else max(2, min(40, 200000 // workload.macs_train()))
        seconds = measure({"micrograd": micrograd_train(workload, rows)}, max(1, repeats // 2))["micrograd"]
        train["micrograd"] = rates(seconds, rows, workload.macs_train())
        notes.append("micrograd: timed on %d rows, one at a time" % rows)
    else:
        notes.append("micrograd not installed: skipped")
    times = measure(predict_contenders(workload), repeats)
    predict = {name: rates(seconds, workload.rows, workload.macs_predict())
               for name, seconds in times.items()}
    return {"workload": workload.label, "sizes": workload.sizes, "train": train, "predict": predict}, notes


def ratios(figures):
    """nnscratch ÷ each other contender, by median throughput (or median MAC rate for the ceiling)."""
    out = {}
    for phase in ("train", "predict"):
        ours = figures[phase]["nnscratch"]["samples_per_s"]["median"]
        out[phase] = {name: ours / f["samples_per_s"]["median"]
                      for name, f in figures[phase].items() if name != "nnscratch"}
    return out


def run(quick=False, repeats=None, parallel=True):
    """Run every measurement; return the results as a dict (what --json writes)."""
    repeats = repeats or (1 if quick else 5)
    results = {
        "nnscratch": __version__,
        "implementation": platform.python_implementation(),
        "python": platform.python_version(),
        "machine": "%s %s" % (platform.system(), platform.machine()),
        "dot_form": DEFAULT.form,
        "repeats": repeats,
        "quick": quick,
        "workloads": [],
    }
    for workload in workloads(quick):
        figures, notes = run_workload(workload, repeats, quick)
        figures["ratios"] = ratios(figures)
        figures["notes"] = notes
        results["workloads"].append(figures)
    results["breakdown"] = [breakdown(workload, repeats) for workload in workloads(quick)]
    results["time_to_accuracy"] = time_to_accuracy(repeats, quick)
    results["dot_forms"] = dot_forms(repeats, quick)
    results["dot_rates"] = results["dot_forms"]["dot_table"][DEFAULT.form]  # the dot product in use
    results["latency"], results["latency_notes"] = latency(repeats, quick)
    if parallel:
        results["parallel"] = run_parallel(repeats, quick)
    return results


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m nnscratch.bench",
                                     description="Measure nnscratch's speed on this machine.")
    parser.add_argument("--quick", action="store_true", help="a few seconds: tiny workloads, one repeat")
    parser.add_argument("--repeats", type=int, default=None, help="timed runs of each contender (default 5)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument("--no-parallel", action="store_true",
                        help="skip the workers=2 measurements (which start processes)")
    args = parser.parse_args(argv)
    if args.repeats is not None and args.repeats < 1:
        parser.error("--repeats must be at least 1")
    return args


def main(argv=None):
    """``python -m nnscratch.bench [--quick] [--json FILE] [--repeats N] [--no-parallel]``, or ``serve``."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:  # the HTTP load test
        from .serve import main as serve_main

        return serve_main(argv[1:])
    for name in SINGLE_THREAD_ENVIRONMENT:  # before numpy is imported; a user's setting wins
        os.environ.setdefault(name, "1")
    args = parse_arguments(argv)
    started = time.perf_counter()
    results = run(args.quick, args.repeats, parallel=not args.no_parallel)
    results["bench_seconds"] = time.perf_counter() - started
    report(results, sys.stdout)
    print("\nbench took %.0f s" % results["bench_seconds"])
    if args.json:
        from ..files.atomic import write_text_atomic

        write_text_atomic(args.json, json.dumps(results, indent=1) + "\n")
        print("wrote %s" % args.json)
    return 0
