"""python -m nnscratch.bench: the baselines compute what nnscratch computes, and the run reports every figure."""

import json
import subprocess
import sys

import pytest

from nnscratch import bench
from nnscratch.bench import Workload

from conftest import ROOT


def parameters(layers):
    return [v for weights, biases in layers for row in weights + [biases] for v in row]


def test_naive_article_port_matches_network():
    """The line-for-line article 001 port trains to Network's weights (it is the same algorithm)."""
    workload = Workload("iris", [4, 3, 3], 30, None, 15, 0.3, article=True)
    setup, run = bench.naive_train(workload)
    state = setup()
    run(state)
    x, y, w_hidden, b_hidden, w_out, b_out = state
    net = workload.network()
    net.train(x, y, **workload.train_kwargs())
    naive = [([list(c) for c in zip(*w_hidden)], b_hidden[0]), ([list(c) for c in zip(*w_out)], b_out[0])]
    ours = [(layer.weights, layer.biases) for layer in net.layers]
    assert parameters(naive) == pytest.approx(parameters(ours), abs=1e-9)


def test_naive_minibatch_port_matches_network():
    """The neuron-by-neuron port of mini-batch SGD trains to Network's weights (no shuffling)."""
    workload = Workload("digits", [6, 5, 3], 20, 8, 1, 0.5)
    x, y = workload.data()
    layers = bench._naive_layers(workload)
    bench.naive_minibatch_epoch(layers, x, y, 8, 0.5)
    net = workload.network()
    net.train(x, y, epochs=1, learning_rate=0.5, batch_size=8, shuffle=False)
    assert parameters(layers) == pytest.approx(parameters([(l.weights, l.biases) for l in net.layers]), abs=1e-12)


def test_mac_counts():
    """Training costs forward + gradient + backward (not into the inputs) multiply-adds per sample."""
    w = Workload("digits", [64, 32, 10], 1, 1, 1, 0.1)
    assert w.macs_predict() == 64 * 32 + 32 * 10
    assert w.macs_train() == 2 * (64 * 32 + 32 * 10) + 32 * 10


@pytest.mark.skipif(not bench._installed("numpy"), reason="numpy not installed")
def test_numpy_peer_is_the_same_algorithm():
    """The numpy peer trains to the same weights as nnscratch (no shuffling: the article workload)."""
    import numpy as np

    workload = Workload("iris", [4, 3, 3], 30, None, 10, 0.3, article=True)
    setup, run = bench.numpy_train(workload)
    state = setup()
    run(state)
    net = workload.network()
    x, y = workload.data()
    net.train(x, y, **workload.train_kwargs())
    theirs = [v for w, b in state[0] for v in np.concatenate([w.ravel(), b])]
    ours = [v for l in net.layers for row in l.weights + [l.biases] for v in row]
    assert theirs == pytest.approx(ours, abs=1e-9)


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


@pytest.mark.slow
def test_command_line_writes_json(tmp_path):
    """python -m nnscratch.bench --quick --json FILE prints the table and writes the same figures."""
    path = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, "-m", "nnscratch.bench", "--quick", "--json", str(path)],
                            cwd=str(ROOT), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "ceiling" in result.stdout and "naive port" in result.stdout and "parallel training" in result.stdout
    figures = json.loads(path.read_text())
    assert figures["quick"] is True and len(figures["parallel"]) == 3
