"""The report: the bench's results (the dict ``run`` returns) printed as tables."""

from .breakdown import PARTS
from .forms import PER_SAMPLE


def fmt(stat, digits=1):
    """A statistic as "median [min-max]"."""
    form = "{:,.%df}" % digits
    return "%s [%s-%s]" % (form.format(stat["median"]), form.format(stat["min"]), form.format(stat["max"]))


def report(results, out):
    """Print the figures as tables."""
    print("nnscratch %s bench: %s %s (%s), dot product: %s; %d repeats, medians [min-max]" % (
        results["nnscratch"], results["implementation"], results["python"], results["machine"],
        results["dot_form"], results["repeats"]), file=out)
    print("M MAC/s = millions of multiply-adds a second; ratio = nnscratch / that row "
          "(for the ceiling: the share of it nnscratch reaches)\n"
          "naive port = the reading path (nnscratch.reading): gophernet's NeuralNet for iris, "
          "mlp.Network for the others", file=out)
    for w in results["workloads"]:
        print_workload(w, out)
    if results.get("breakdown"):
        print_breakdown(results["breakdown"], out)
    if results.get("time_to_accuracy"):
        print_time_to_accuracy(results["time_to_accuracy"], out)
    if results.get("dot_forms"):
        print_forms(results["dot_forms"], out)
    print_latency(results["latency"], results["latency_notes"], out)
    if results.get("parallel"):
        print_parallel(results["parallel"], out)


def print_workload(w, out):
    """One workload's training and prediction tables, and its notes."""
    print("\n" + w["workload"], file=out)
    for phase in ("train", "predict"):
        print("  %-8s %-32s %-28s %-26s %s" % (phase, "", "samples/s", "M MAC/s", "ratio"), file=out)
        for name, f in w[phase].items():
            ratio = "" if name == "nnscratch" else "%.2f" % w["ratios"][phase][name]
            print("           %-32s %-28s %-26s %s" % (name, fmt(f["samples_per_s"], 0),
                                                       fmt(f["mmac_per_s"]), ratio), file=out)
    for note in w["notes"]:
        print("  note: " + note, file=out)


def print_breakdown(rows, out):
    """Where each training run's time goes, part by part (``nnscratch.bench.breakdown``)."""
    print("\nwhere a training run's time goes (nnscratch's loop, fit, timed batch by batch): ms and share "
          "of the loop, the run of median loop time\n  bound = multiply-adds / (multiply-adds + activations "
          "and loss): the share of the ceiling reached if nothing else cost anything\n  (a part below 0 was "
          "smaller than the noise: then no bound)", file=out)
    print("  %-14s %9s  %s %s" % ("workload", "loop", "".join("%-22s" % p for p in PARTS), "bound"), file=out)
    for row in rows:
        cells = ["%.2f %3.0f%%" % (row["parts"][p], 100 * row["parts"][p] / row["loop"]) for p in PARTS]
        bound = "-" if row["bound"] is None else "%.2f" % row["bound"]
        print("  %-14s %9.2f  %s %s" % (row["workload"].split(" ")[0], row["loop"],
                                         "".join("%-22s" % c for c in cells), bound), file=out)


def print_time_to_accuracy(t, out):
    """Seconds of training to the target test accuracy on the built-in digits."""
    if t["seconds"] is None:
        print("\ntime to accuracy: %.2f test accuracy not reached in %d epoch%s (%.3f after them); %s"
              % (t["target"], t["max_epochs"], "" if t["max_epochs"] == 1 else "s", t["accuracy"],
                 t["settings"]), file=out)
        return
    print("\ntime to accuracy: %.2f test accuracy on the built-in digits in %s s of training, at epoch %d "
          "(%.3f); %s" % (t["target"], fmt(t["seconds"], 2), t["epochs"], t["accuracy"], t["settings"]),
          file=out)


def print_forms(forms, out):
    """The dot-product forms: each form's dot_table by width, then sum(map(mul))'s two ways to a layer."""
    names = list(forms["dot_table"])
    print("\ndot-product forms: M MAC/s of each form's dot_table, %s; nnscratch uses %s"
          % (forms["dot_table_shape"], forms["in_use"]), file=out)
    print(("  %6s  %s" % ("width", "".join("%-26s" % name for name in names))).rstrip(), file=out)
    for width in forms["dot_table"][names[0]]:
        cells = [fmt(forms["dot_table"][name][width]) for name in names]
        print(("  %6s  %s" % (width, "".join("%-26s" % cell for cell in cells))).rstrip(), file=out)
    ways = forms["layer_columns"]
    print("\n%s layers of %s, M MAC/s by number of inputs: layer_columns\n"
          "  runs them unrolled up to COLUMN_FORM_MAX_INPUTS = %d inputs, one dot product per sample above"
          % (forms.get("layer_form", "sum(map(mul))"), forms["layer_shape"], forms["column_form_max_inputs"]),
          file=out)
    print(("  %6s  %s" % ("inputs", "".join("%-26s" % way for way in ways))).rstrip(), file=out)
    for inputs in ways[PER_SAMPLE]:  # every number of inputs measured
        cells = [fmt(ways[way][inputs]) if inputs in ways[way] else "-" for way in ways]
        print(("  %6s  %s" % (inputs, "".join("%-26s" % cell for cell in cells))).rstrip(), file=out)


def print_latency(latency, notes, out):
    """Microseconds to predict one row."""
    print("\nsingle-row prediction, 4-3-3 network: microseconds a row", file=out)
    for name, stat in latency.items():
        print("  %-38s %s" % (name, fmt(stat, 2)), file=out)
    for note in notes:
        print("  note: " + note, file=out)


def print_parallel(parallel, out):
    """What workers=2 gains, beside the control."""
    print("\nparallel training, digits 64-32-10, one epoch (speed-up = workers=1 time / workers=2 time;"
          "\n  control = two single-process jobs at once / one alone: 1.0 means a second core was free)",
          file=out)
    print("  %-10s %-22s %-22s %-9s %s" % ("batch", "workers=1 s", "workers=2 s", "speed-up", "control"),
          file=out)
    for p in parallel:
        print("  %-10s %-22s %-22s %-9s %.2f" % (
            p["batch_size"], fmt(p["seconds"]["workers=1"], 3), fmt(p["seconds"]["workers=2"], 3),
            "%.2fx" % p["speedup"], p["control"]), file=out)
