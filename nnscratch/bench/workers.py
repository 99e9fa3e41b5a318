"""Parallel training: what ``workers=2`` gains on digits, each batch size beside a control.

The control runs the single-process job in one child process, then in two
at once: if the two take no longer than the one, a second core was free.
"""

import statistics
import time

from .contenders import nnscratch_train
from .timing import measure, no_setup, stats
from .workloads import Workload

#: The batch sizes measured; None is the full batch.
BATCH_SIZES = (32, 256, None)


def control_job(workload):
    """One single-process training run, in a child process (the control)."""
    setup, run = nnscratch_train(workload)
    run(setup())


def children_wall_time(workload, count):
    """Wall seconds for ``count`` child processes, each training once, started together."""
    import multiprocessing

    context = multiprocessing.get_context()
    processes = [context.Process(target=control_job, args=(workload,)) for _ in range(count)]
    start = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return time.perf_counter() - start


def parallel_contenders(workload):
    """workers=1 and workers=2 on the workload, and the two runs of the control."""
    setup, run = nnscratch_train(workload)

    def two_workers(state):
        net, x, y = state
        net.train(x, y, workers=2, **workload.train_kwargs())

    return {
        "workers=1": (setup, run),
        "workers=2": (setup, two_workers),
        "one job alone": (no_setup, lambda _: children_wall_time(workload, 1)),
        "two jobs at once": (no_setup, lambda _: children_wall_time(workload, 2)),
    }


def run_parallel(repeats, quick):
    """Speed-up of workers=2 on digits for each batch size, and its control; a list of dicts."""
    rows = 192 if quick else 1438
    out = []
    for batch in BATCH_SIZES:
        workload = Workload("digits", [64, 32, 10], rows, batch, 1, 0.1)
        times = measure(parallel_contenders(workload), repeats)
        median = {name: statistics.median(t) for name, t in times.items()}
        out.append({
            "batch_size": batch or rows,
            "seconds": {name: stats(t) for name, t in times.items()},
            "speedup": median["workers=1"] / median["workers=2"],
            "control": median["two jobs at once"] / median["one job alone"],
        })
    return out
