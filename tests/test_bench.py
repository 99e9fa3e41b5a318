"""python -m nnscratch.bench: the baselines compute what nnscratch computes; the run reports every figure."""

import json
import subprocess
import sys

import pytest

from nnscratch import bench
from nnscratch.bench import Workload, contenders, forms, naive, peers
from nnscratch.engine.kernels import DEFAULT, FORMS
from nnscratch.reading import gophernet, mlp
from nnscratch.reading.vector import transpose

from conftest import ROOT


#: Tiny workloads of both kinds: article 001's full batch, and mini-batches over more than one epoch.
TINY = [Workload("iris", [4, 3, 3], 30, None, 10, 0.3, article=True),
        Workload("digits", [6, 5, 3], 20, 8, 2, 0.5)]


def parameters(layers):
    return [v for weights, biases in layers for row in weights + [biases] for v in row]


def engine_parameters(workload):
    """The weights of the engine contender after one timed run."""
    setup, run = contenders.nnscratch_train(workload)
    state = setup()
    run(state)
    return parameters([(layer.weights, layer.biases) for layer in state[0].layers])


def test_naive_iris_is_the_reading_path():
    """The iris baseline is gophernet's NeuralNet.backpropagate: it trains to the engine's weights."""
    workload = Workload("iris", [4, 3, 3], 30, None, 15, 0.3, article=True)
    setup, run = naive.naive_train(workload)
    state = setup()
    assert isinstance(state[0], gophernet.NeuralNet)
    w_hidden, b_hidden, w_out, b_out = run(state)
    reading = [(transpose(w_hidden), b_hidden), (transpose(w_out), b_out)]
    assert parameters(reading) == pytest.approx(engine_parameters(workload), abs=1e-9)


def test_naive_minibatch_is_the_reading_path():
    """The mini-batch baseline is article 000's mlp.Network, and trains to the engine contender's weights."""
    workload = Workload("digits", [6, 5, 3], 20, 8, 2, 0.5)
    assert workload.train_kwargs()["shuffle"] is False  # the engine learns the rows in order, as mlp does
    setup, run = naive.naive_train(workload)
    net = run(setup())
    assert isinstance(net, mlp.Network)
    reading = [([n.weights for n in layer.neurons], [n.bias for n in layer.neurons]) for layer in net.layers]
    assert parameters(reading) == pytest.approx(engine_parameters(workload), abs=1e-9)


@pytest.mark.parametrize("workload", TINY, ids=["iris", "minibatch"])
def test_naive_predictions_are_the_engines(workload):
    """The reading path predicts what the engine contender predicts, from the same first weights."""
    ours = contenders.nnscratch_predict(workload)
    theirs = naive.naive_predict(workload)
    expected = ours[1](ours[0]())
    got = theirs[1](theirs[0]())
    assert [v for row in got for v in row] == pytest.approx([v for row in expected for v in row], abs=1e-12)


def test_forms_are_chosen_by_name():
    """Another dot-product form is a network's own kernels, named in FORMS; DEFAULT stays as it was."""
    workload = Workload("digits", [6, 5, 3], 4, 2, 1, 0.5)
    for form in FORMS:
        net = contenders.nnscratch_train(workload, form)[0]()[0]
        assert net.kernels is FORMS[form]
    assert contenders.nnscratch_train(workload)[0]()[0].kernels is DEFAULT


def test_forms_tables_cover_every_form():
    """The forms table has every form at each width; the layers table both ways at each number of inputs."""
    table = forms.table_rates((4, 16), 1, budget=1)
    assert set(table) == set(FORMS)
    assert all(set(rates) == {"4", "16"} and rates["4"]["median"] > 0 for rates in table.values())
    columns = forms.column_rates(1, budget=1)
    assert set(columns[forms.PER_SAMPLE]) == {str(n) for n in forms.LAYER_INPUTS}
    assert set(columns[forms.UNROLLED]) == {str(n) for n in forms.LAYER_INPUTS}


def test_mac_counts():
    """Training costs forward + gradient + backward (not into the inputs) multiply-adds per sample."""
    w = Workload("digits", [64, 32, 10], 1, 1, 1, 0.1)
    assert w.macs_predict() == 64 * 32 + 32 * 10
    assert w.macs_train() == 2 * (64 * 32 + 32 * 10) + 32 * 10


@pytest.mark.skipif(not peers.installed("numpy"), reason="numpy not installed")
@pytest.mark.parametrize("workload", TINY, ids=["iris", "minibatch"])
def test_numpy_peer_is_the_same_algorithm(workload):
    """The numpy peer trains to the same weights as nnscratch (neither shuffles)."""
    import numpy as np

    setup, run = peers.numpy_train(workload)
    state = setup()
    run(state)
    theirs = [v for w, b in state[0] for v in np.concatenate([w.ravel(), b])]
    assert theirs == pytest.approx(engine_parameters(workload), abs=1e-9)


@pytest.mark.parametrize("workload", TINY, ids=lambda w: w.name)
def test_breakdown_times_the_run_train_makes(workload, monkeypatch):
    """The timed run trains as train does, and times the kernels and the count once per batch beside it."""
    from nnscratch.bench import breakdown

    calls = {"multiply-adds": 0}

    def counted_step(*args):
        calls["multiply-adds"] += 1
        return kernel_step(*args)

    kernel_step = breakdown.kernel_step
    monkeypatch.setattr(breakdown, "kernel_step", counted_step)
    net, spent = breakdown.timed_run(workload)
    batches = -(-workload.rows // (workload.batch_size or workload.rows))
    assert calls["multiply-adds"] == workload.epochs * batches
    assert set(spent) == {"gradients", "multiply-adds", "correct count", "update", "loop"}
    assert all(seconds > 0 for seconds in spent.values())
    assert spent["loop"] > spent["gradients"] + spent["update"]
    assert parameters([(l.weights, l.biases) for l in net.layers]) == engine_parameters(workload)


def test_breakdown_reports_the_run_of_median_loop_time(monkeypatch):
    """The parts come from one run, the one of median loop time, and add up to its loop."""
    from nnscratch.bench import breakdown

    runs = iter([{"gradients": g, "multiply-adds": 4.0, "correct count": 0.5, "update": 1.0, "loop": loop}
                 for g, loop in ((9.0, 99.0), (6.0, 10.0), (7.0, 11.0), (5.0, 8.0))])
    monkeypatch.setattr(breakdown, "timed_run", lambda workload: (None, next(runs)))
    row = breakdown.breakdown(TINY[0], 3)  # the first run only warms up
    assert row["loop"] == 10000.0
    assert row["parts"] == {"multiply-adds": 4000.0, "activations and loss": 1500.0, "correct count": 500.0,
                            "update": 1000.0, "the rest": 3000.0}
    assert row["bound"] == 4.0 / 5.5

    noisy = iter([{"gradients": 3.9, "multiply-adds": 4.0, "correct count": 0.5, "update": 1.0, "loop": 6.0}] * 2)
    monkeypatch.setattr(breakdown, "timed_run", lambda workload: (None, next(noisy)))
    row = breakdown.breakdown(TINY[0], 1)
    assert row["parts"]["activations and loss"] < 0 and row["bound"] is None  # smaller than the noise


@pytest.mark.slow
def test_quick_run_reports_every_figure(tmp_path):
    """--quick runs in seconds and reports, per workload, nnscratch, the ceiling and the naive port."""
    results = bench.run(quick=True, parallel=False)
    assert [w["sizes"] for w in results["workloads"]] == [[4, 3, 3], [64, 32, 10], [784, 128, 10]]
    for w in results["workloads"]:
        for phase in ("train", "predict"):
            assert {"nnscratch", "ceiling", "naive port"} <= set(w[phase])
            assert all(f["samples_per_s"]["median"] > 0 for f in w[phase].values())
            assert set(w["ratios"][phase]) == set(w[phase]) - {"nnscratch"}
    assert results["latency"]["nnscratch predict([row])"]["median"] > 0
    assert results["dot_form"] in ("math.sumprod", "sum(map(mul))", "for loop")
    dot_forms = results["dot_forms"]
    assert dot_forms["in_use"] == results["dot_form"] and set(dot_forms["dot_table"]) == set(FORMS)
    assert results["dot_rates"] == dot_forms["dot_table"][results["dot_form"]]
    assert dot_forms["column_form_max_inputs"] == forms.COLUMN_FORM_MAX_INPUTS
    assert [row["workload"] for row in results["breakdown"]] == [w["workload"] for w in results["workloads"]]
    for row in results["breakdown"]:
        assert row["parts"]["multiply-adds"] > 0 and sum(row["parts"].values()) == pytest.approx(row["loop"])
    quick = results["time_to_accuracy"]
    assert quick["epochs"] == quick["max_epochs"] == 1 and 0 < quick["accuracy"] < 1


@pytest.mark.slow
def test_time_to_accuracy_stops_at_the_target():
    """The run stops at the first epoch whose test accuracy reaches 0.95, and counts training time only."""
    from nnscratch.bench.accuracy import TARGET, digits_split, one_run

    reached = one_run(digits_split(), TARGET, 60)
    assert reached["accuracy"] >= TARGET and 1 < reached["epoch"] < 60 and reached["seconds"] > 0
    before = one_run(digits_split(), TARGET, reached["epoch"] - 1)
    assert before["seconds"] is None and before["accuracy"] < TARGET, "the epoch before did not reach it"


@pytest.mark.slow
def test_command_line_writes_json(tmp_path):
    """python -m nnscratch.bench --quick --json FILE prints the table and writes the same figures."""
    path = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, "-m", "nnscratch.bench", "--quick", "--json", str(path)],
                            cwd=str(ROOT), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for text in ("ceiling", "naive port", "the reading path", "dot-product forms", "unrolled",
                 "parallel training", "time to accuracy: 0.95 test accuracy not reached in 1 epoch"):
        assert text in result.stdout, text
    figures = json.loads(path.read_text())
    assert figures["quick"] is True and len(figures["parallel"]) == 3
    assert set(figures["dot_forms"]["dot_table"]) == set(FORMS)
