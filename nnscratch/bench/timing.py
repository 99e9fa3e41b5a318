"""Timing: contenders side by side, repeat after repeat, the garbage collector paused; their statistics."""

import gc
import statistics
import time


def timed(fn):
    """Run fn once with the garbage collector paused; return seconds."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    finally:
        if enabled:
            gc.enable()


def measure(contenders, repeats):
    """Time each contender in turn, ``repeats`` rounds after one warm-up round.

    ``contenders`` maps a name to (setup, run): setup() makes fresh state
    (untimed) and run(state) is timed. Returns name -> list of seconds.
    """
    times = {name: [] for name in contenders}
    for round_ in range(repeats + 1):
        for name, (setup, run) in contenders.items():
            state = setup()
            seconds = timed(lambda: run(state))
            if round_:  # round 0 warms caches and PyPy's JIT
                times[name].append(seconds)
    return times


def no_setup():
    """The setup of a contender that needs no fresh state."""
    return None


def stats(values):
    """The median, min and max of a list of figures."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def rates(seconds, samples, macs_per_sample):
    """Throughput figures from a list of run times."""
    per_second = [samples / s for s in seconds]
    return {
        "samples_per_s": stats(per_second),
        "mmac_per_s": stats([r * macs_per_sample / 1e6 for r in per_second]),
        "seconds": stats(seconds),
    }
