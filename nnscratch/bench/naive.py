"""The naive baseline (the "naive port" contender): the reading path itself, ``nnscratch.reading``.

The project writes each algorithm once, so the bench has no port of its own:
its baseline is the articles' code as the reading path has it, doing the
same computation as the engine contender, from the same first weights.

- iris (article 001): ``gophernet.NeuralNet.backpropagate`` (full batch,
  squared error, the summed gradient) from the engine's first weights,
  transposed to gophernet's inputs x neurons matrices; ``feed_forward`` predicts.
- the others (article 000): ``mlp.Network`` with the workload's sizes, init
  and seed, ``train(data_points(x, y), lr, epochs, batch_size)`` (the mean
  gradient of each mini-batch, in order); ``predict`` predicts.
"""

from ..reading.gophernet import NeuralNet, NeuralNetConfig, feed_forward
from ..reading.mlp import Network as ReadingNetwork
from ..reading.mlp import data_points
from ..reading.vector import transpose
from .workloads import SEED


def article_weights(workload):
    """The engine contender's first weights as gophernet's (w_hidden, b_hidden, w_out, b_out).

    The engine keeps one row of weights per neuron; gophernet one row per input.
    """
    hidden, out = workload.network().layers
    return transpose(hidden.weights), list(hidden.biases), transpose(out.weights), list(out.biases)


def article_network(workload):
    """Article 001's ``NeuralNet`` with the workload's shape, epochs and learning rate."""
    n_in, n_hidden, n_out = workload.sizes
    return NeuralNet(NeuralNetConfig(input_neurons=n_in, output_neurons=n_out, hidden_neurons=n_hidden,
                                     num_epochs=workload.epochs, learning_rate=workload.learning_rate))


def reading_network(workload):
    """Article 000's ``mlp.Network``: the same first weights as the engine contender's."""
    return ReadingNetwork(workload.sizes, output="softmax", init=workload.init, seed=SEED)


def naive_train(workload):
    """(setup, run) training with the reading path; run returns the trained model's weights or network."""
    if workload.article:
        def setup():
            x, y = workload.data()
            return article_network(workload), x, y, article_weights(workload)

        def run(state):
            net, x, y, weights = state
            return net.backpropagate(x, y, *weights)

        return setup, run

    def setup():
        x, y = workload.data()
        return reading_network(workload), data_points(x, y)

    def run(state):
        net, data = state
        return net.train(data, workload.learning_rate, workload.epochs, batch_size=workload.batch_size)

    return setup, run


def naive_predict(workload):
    """(setup, run) predicting every row of the workload with the reading path."""
    if workload.article:
        def setup():
            x, _ = workload.data()
            return x, article_weights(workload)

        return setup, (lambda state: feed_forward(state[0], *state[1])[3])

    def setup():
        x, _ = workload.data()
        return reading_network(workload), x

    return setup, (lambda state: state[0].predict(state[1]))
