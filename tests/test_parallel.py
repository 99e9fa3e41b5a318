"""Training and predicting over processes: same numbers as one process, processes started once."""

import random

import pytest

from functools import partial

from nnscratch import TrainingError
from nnscratch.engine import backprop, training
from nnscratch.engine.network import Network
from nnscratch.engine.parallel import WorkerPool, split_evenly
from nnscratch.engine.training import parameter_rows, worker_functions


def data(n=90, width=12, classes=4, seed=0):
    rng = random.Random(seed)
    x = [[rng.random() for _ in range(width)] for _ in range(n)]
    y = [[1.0 if k == i % classes else 0.0 for k in range(classes)] for i in range(n)]
    return x, y


def parameters(net):
    return [v for layer in net.layers for row in layer.weights + [layer.biases] for v in row]


class CountingPool(WorkerPool):
    """A WorkerPool that records every pool made and its number of processes."""

    made = []

    def __init__(self, workers, build):
        super().__init__(workers, build)
        CountingPool.made.append(len(self._processes))


@pytest.fixture
def counting(monkeypatch):
    CountingPool.made = []
    monkeypatch.setattr(training, "WorkerPool", CountingPool)
    return CountingPool.made


@pytest.mark.parametrize("workers", [2, 3])
@pytest.mark.parametrize("batch_size", [8, 32, None])
def test_workers_give_the_same_weights(workers, batch_size, counting):
    """Any number of workers trains to the weights of one process, to 1e-9, and the same history."""
    x, y = data()
    one, many = Network([12, 7, 4], seed=3), Network([12, 7, 4], seed=3)
    kwargs = dict(epochs=3, learning_rate=0.2, batch_size=batch_size, optimizer="adam", validation_split=0.2)
    h1 = one.train(x, y, **kwargs)
    h2 = many.train(x, y, workers=workers, **kwargs)
    assert parameters(many) == pytest.approx(parameters(one), abs=1e-9)
    assert h2.accuracy == h1.accuracy and h2.loss == pytest.approx(h1.loss, rel=1e-12)
    assert counting == [workers - 1]  # one pool for the whole call, workers - 1 processes


def test_one_worker_starts_no_process(counting):
    """workers=1 (the default) never makes a pool."""
    x, y = data()
    Network([12, 4], seed=0).train(x, y, epochs=2, learning_rate=0.1, batch_size=10)
    Network([12, 4], seed=0).predict(x)
    assert counting == []


def test_batch_smaller_than_workers(counting):
    """Slices may be empty when a batch has fewer rows than workers; the rest still agree."""
    x, y = data(n=10)
    one, many = Network([12, 5, 4], seed=1), Network([12, 5, 4], seed=1)
    one.train(x, y, epochs=2, learning_rate=0.1, batch_size=2)
    many.train(x, y, epochs=2, learning_rate=0.1, batch_size=2, workers=3)
    assert parameters(many) == pytest.approx(parameters(one), abs=1e-12)


def test_predict_with_workers(counting):
    """predict(workers=2) gives exactly the rows of predict()."""
    x, _ = data(n=700)
    net = Network([12, 9, 4], seed=2)
    assert net.predict(x, workers=2) == net.predict(x)
    assert counting == [1]


def test_article_configuration_with_workers():
    """The articles' full-batch summed sigmoid network also splits cleanly."""
    x, y = data(n=60, width=4, classes=3)
    make = lambda: Network([4, 3, 3], hidden_activation="sigmoid", output_activation="sigmoid",
                           loss="squared_error", init="uniform01", seed=0)
    one, many = make(), make()
    one.train(x, y, epochs=20, learning_rate=0.3, shuffle=False, reduction="sum")
    many.train(x, y, epochs=20, learning_rate=0.3, shuffle=False, reduction="sum", workers=2)
    assert parameters(many) == pytest.approx(parameters(one), abs=1e-9)


@pytest.mark.parametrize("workers", [0, -1, 1.5, True])
def test_bad_workers(workers):
    with pytest.raises(TrainingError, match="workers must be a whole number >= 1"):
        Network([2, 2]).train([[0.0, 1.0]], [[1.0, 0.0]], epochs=1, learning_rate=0.1, workers=workers)


def test_a_dead_worker_is_a_clear_error():
    """If a worker process dies, the main process raises TrainingError instead of hanging."""
    net = Network([3, 2], seed=0)
    x, y = data(n=4, width=3, classes=2)
    swap = net.kernels.swap_layout
    build = partial(worker_functions, net.sizes, net.hidden_activation, net.output_activation, net.loss)
    local = partial(backprop.gradients, net.layers, net.loss)
    with WorkerPool(2, build) as pool:
        pool._processes[0].kill()
        pool._processes[0].join()
        with pytest.raises(TrainingError, match="worker process"):
            pool.gradients(parameter_rows(net.layers), local, swap(x), swap(y), [0, 1, 0, 1])


def test_split_evenly_covers_in_order():
    assert split_evenly(5, 2) == [(0, 3), (3, 5)]
    assert split_evenly(2, 3) == [(0, 1), (1, 2), (2, 2)]


def test_workers_compute_with_the_networks_kernels():
    """A network set to another kernel form hands that form to its workers: the same floats as in-process."""
    from nnscratch.engine.kernels import FORMS, LOOP

    x, y = data(n=8, width=5, classes=3)
    net = Network([5, 4, 3], seed=1)
    net.kernels = FORMS[LOOP]
    swap = net.kernels.swap_layout
    build = partial(worker_functions, net.sizes, net.hidden_activation, net.output_activation, net.loss,
                    net.kernels.form)  # the recipe train() gives its workers
    functions = build()
    functions.load(parameter_rows(net.layers))
    theirs = functions.gradients(swap(x), swap(y), [0] * 8)
    ours = backprop.gradients(net.layers, net.loss, swap(x), swap(y), [0] * 8, FORMS[LOOP])
    assert theirs == ours
