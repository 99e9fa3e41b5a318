"""Article 000's network as it reads: Neuron -> Layer -> Network, trained sample by sample.

Article 000 ("neural networks in Go") builds a network from structs and
trains it one data point at a time:

    Go (article 000)                             Python (here)
    type Neuron struct { Weights; Bias }         Neuron(weights, bias)
    type Layer struct { Neurons; Activation }    Layer(neurons, activation)
    func (l *Layer) Forward(inputs)              layer.forward(inputs)
    NewNetwork([]int{784, 128, 10})              Network([784, 128, 10], seed=...)
    network.Train(data, learningRate, epochs)    network.train(data, learning_rate, epochs)
    n.BackPropagate(p, learningRate)             network.back_propagate(point, learning_rate)
    network.Evaluate(testImages)                 network.evaluate(data)
    LoadMNIST("training-data")                   nnscratch.load_mnist(folder), load_digits()

The article shows ``Forward`` and ``Train`` but not ``BackPropagate`` or
``NewNetwork``; here they are the textbook steps, in the same style. Two
choices the article leaves open: hidden layers use the sigmoid, and the
output layer is either the sigmoid with the squared error
L = 1/2 * sum (a - t)^2, or the softmax with the cross-entropy
L = -sum t * log(a). For both, the output delta is short: (a - t) * a * (1 - a)
and a - t.

The article's ``Train`` starts one goroutine per data point, and every
goroutine writes the same weights at once: a data race, whose result depends
on timing. Here the points are learned one after another, in order, which is
what the goroutines meant to do. ``train(..., batch_size=B)`` is article 004's
next step: the gradients of B points are averaged and applied once.

This is the reading path: plain loops over neurons, no speed tricks. The
engine's ``nnscratch.Network`` computes the same numbers over whole batches
(a test checks it), and the bench times this module as its naive baseline.

Glossary:
    x, inputs   one input row;  t, target   its target row (one-hot for classes)
    a           a layer's outputs (activations); z, sum   a neuron's pre-activation
    delta       dL/dz of each neuron of a layer, for one data point
    lr          the learning rate
"""

import random
from collections import namedtuple

from .._checks import (check_choice, check_number, check_outputs, check_rows, check_same_count, check_seed,
                       check_whole)
from ..errors import DataError, NotTrainedError, TrainingError
from ..maths.activations import sigmoid, sigmoid_prime_from_output, softmax
from ..maths.init import INITS
from ..maths.metrics import accuracy

__all__ = ["DataPoint", "Neuron", "Layer", "Network", "data_points"]

#: One training example: an input row and its target row (article 000's ``DataPoint``).
DataPoint = namedtuple("DataPoint", "inputs target")

#: The output layer's activation -> the loss it is trained with.
OUTPUTS = {"sigmoid": "squared_error", "softmax": "cross_entropy"}


def data_points(rows, targets):
    """Pair input rows with their target rows: [DataPoint(x, t), ...].

    >>> data_points([[0.0, 1.0]], [[1.0, 0.0]])
    [DataPoint(inputs=[0.0, 1.0], target=[1.0, 0.0])]
    """
    check_rows(rows, "rows")
    check_rows(targets, "targets")
    check_same_count(rows, targets, "rows", "targets")
    return [DataPoint(x, t) for x, t in zip(rows, targets)]


class Neuron:
    """One neuron: a weight per input and a bias (article 000's ``Neuron``).

    >>> Neuron([0.5, -1.0], 0.25)
    Neuron(weights=[0.5, -1.0], bias=0.25)
    """

    def __init__(self, weights, bias):
        self.weights = weights
        self.bias = bias

    def __repr__(self):
        return "Neuron(weights=%r, bias=%r)" % (self.weights, self.bias)


class Layer:
    """Neurons that share their inputs, and an activation (article 000's ``Layer``).

    ``activation`` is "sigmoid" (applied to each neuron's sum) or "softmax"
    (applied to the layer's sums together).

    >>> layer = Layer([Neuron([1.0, 1.0], 0.0), Neuron([0.0, 0.0], 0.0)], "sigmoid")
    >>> layer.forward([0.0, 0.0])
    [0.5, 0.5]
    """

    def __init__(self, neurons, activation="sigmoid"):
        check_choice(activation, OUTPUTS, "activation")
        self.neurons = neurons
        self.activation = activation

    def forward(self, inputs):
        """Return the layer's outputs: f(bias + sum of weight * input), one per neuron.

        Article 000's ``Layer.Forward``: each sum starts at the neuron's bias
        and adds weight * input for every input.

        >>> Layer([Neuron([2.0, 1.0], -3.0)]).forward([1.0, 1.0])  # sigma(0)
        [0.5]
        >>> Layer([Neuron([1.0], 0.0), Neuron([1.0], 0.0)], "softmax").forward([3.0])
        [0.5, 0.5]
        """
        sums = []
        for neuron in self.neurons:
            if len(inputs) != len(neuron.weights):  # Go would index past the end and panic
                raise DataError("Layer.forward: %d inputs, but the neurons have %d weights"
                                % (len(inputs), len(neuron.weights)))
            total = neuron.bias
            for weight, x in zip(neuron.weights, inputs):
                total += weight * x
            sums.append(total)
        if self.activation == "softmax":  # every output depends on every sum
            return softmax(sums)
        return [sigmoid(z) for z in sums]

    def __repr__(self):
        return "Layer(%d neurons, %s)" % (len(self.neurons), self.activation)


class Network:
    """Layers of neurons, trained one data point at a time (article 000's ``Network``).

    Parameters
    ----------
    sizes : list of ints
        The width of every layer, inputs first: [784, 128, 10].
    output : "sigmoid" or "softmax"
        The output layer's activation; its loss is the squared error or the
        cross-entropy. Hidden layers use the sigmoid.
    init : str
        How to draw the first weights: a name from ``nnscratch.maths.init.INITS``.
        The engine's ``Network`` with the same sizes, init and seed starts
        from the same weights.
    seed : int or None
        Seeds the ``random.Random`` that draws them.

    Examples
    --------
    >>> xor = data_points([[0, 0], [0, 1], [1, 0], [1, 1]], [[1, 0], [0, 1], [0, 1], [1, 0]])
    >>> net = Network([2, 4, 2], output="softmax", seed=3).train(xor, learning_rate=0.5, epochs=2000)
    >>> net.evaluate(xor)
    1.0
    """

    def __init__(self, sizes, *, output="sigmoid", init="xavier", seed=None):
        if not isinstance(sizes, (list, tuple)) or len(sizes) < 2:
            raise TrainingError("Network: sizes must list at least 2 layer widths, got %r" % (sizes,))
        for n in sizes:
            check_whole(n, "Network: each layer width", 1)
        check_choice(output, OUTPUTS, "output")
        draw = check_choice(init, INITS, "init")
        rng = random.Random(check_seed(seed, "Network: seed"))
        self.sizes = list(sizes)
        self.output = output
        self.seed = seed
        self.classes = None  # names of the outputs, when known
        self.columns = None  # names of the inputs
        self.scaling = None  # input scaling predict applies first, when set
        self.layers = []
        for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
            weights, biases = draw(n_in, n_out, rng)  # one row of weights per neuron
            activation = output if i == len(sizes) - 2 else "sigmoid"
            self.layers.append(Layer([Neuron(w, b) for w, b in zip(weights, biases)], activation))

    def forward(self, inputs):
        """Return every layer's outputs for one input row, the inputs first: [x, a_1, ..., a_L].

        >>> net = Network([1, 1], seed=0)
        >>> net.layers[0].neurons[0].weights, net.layers[0].neurons[0].bias = [0.0], 0.0
        >>> net.forward([7.0])
        [[7.0], [0.5]]
        """
        outputs = [inputs]
        for layer in self.layers:
            outputs.append(layer.forward(outputs[-1]))
        return outputs

    def gradients(self, point):
        """Return dL/dw and dL/db of every neuron for one data point: [layer][neuron] -> (weight row, bias).

        Backward from the output: delta = dL/dz of each neuron of a layer;
        neuron i's gradients are delta_i * (its inputs) and delta_i; the
        layer below gets delta_j = a_j * (1 - a_j) * sum_i w_ij * delta_i.

        >>> net = Network([1, 1], seed=0)
        >>> net.layers[0].neurons[0].weights, net.layers[0].neurons[0].bias = [0.0], 0.0
        >>> net.gradients(DataPoint([2.0], [1.0]))  # delta = (0.5 - 1) * 0.25
        [[([-0.25], -0.125)]]
        """
        outputs = self.forward(point.inputs)
        a = outputs[-1]
        if len(point.target) != len(a):
            raise DataError("gradients: the target has %d values, the network %d outputs"
                            % (len(point.target), len(a)))
        if self.output == "softmax":  # with the cross-entropy: dL/dz = a - t
            delta = [a_i - t_i for a_i, t_i in zip(a, point.target)]
        else:  # sigmoid with the squared error: dL/dz = (a - t) * a * (1 - a)
            delta = [(a_i - t_i) * sigmoid_prime_from_output(a_i) for a_i, t_i in zip(a, point.target)]
        grads = [None] * len(self.layers)
        for l in range(len(self.layers) - 1, -1, -1):
            inputs = outputs[l]  # this layer's inputs: one entry per neuron of the layer below
            grads[l] = [([d * x for x in inputs], d) for d in delta]
            if l > 0:
                delta = self.delta_below(self.layers[l], inputs, delta)
        return grads

    @staticmethod
    def delta_below(layer, inputs, delta):
        """Return dL/dz of the layer below: its slope a_j * (1 - a_j) times the error sent back to it.

        The error of neuron j below is sum over i of w_ij * delta_i: each
        neuron i of ``layer`` sends back its delta through its weight from j.

        >>> layer = Layer([Neuron([2.0], 0.0), Neuron([-1.0], 0.0)])
        >>> Network.delta_below(layer, [0.5], [0.1, 0.1])  # (2 * 0.1 - 1 * 0.1) * 0.5 * (1 - 0.5)
        [0.025]
        """
        below = []
        for j, a_j in enumerate(inputs):
            error = 0.0
            for neuron, d in zip(layer.neurons, delta):
                error += neuron.weights[j] * d
            below.append(error * sigmoid_prime_from_output(a_j))
        return below

    def update(self, grads, learning_rate):
        """Move every weight and bias against its gradient: w -= lr * dL/dw.

        >>> net = Network([1, 1], seed=0)
        >>> net.layers[0].neurons[0].weights, net.layers[0].neurons[0].bias = [0.0], 0.0
        >>> net.update([[([-0.25], -0.125)]], 2.0)
        >>> net.layers[0].neurons[0]
        Neuron(weights=[0.5], bias=0.25)
        """
        for layer, layer_grads in zip(self.layers, grads):
            for neuron, (grad_w, grad_b) in zip(layer.neurons, layer_grads):
                neuron.weights = [w - learning_rate * g for w, g in zip(neuron.weights, grad_w)]
                neuron.bias -= learning_rate * grad_b

    def back_propagate(self, point, learning_rate):
        """Learn one data point: its gradients, then one update (article 000's ``BackPropagate``).

        >>> net = Network([1, 1], seed=0)
        >>> before = net.forward([1.0])[-1][0]
        >>> net.back_propagate(DataPoint([1.0], [1.0]), 1.0)
        >>> net.forward([1.0])[-1][0] > before
        True
        """
        self.update(self.gradients(point), learning_rate)

    def train(self, data, learning_rate, epochs, batch_size=1):
        """Learn every data point, in order, ``epochs`` times; return self (article 000's ``Train``).

        With batch_size=1 each point is learned by ``back_propagate`` as
        soon as it is seen. With more, each batch's gradients are summed,
        and one update moves the weights by learning_rate / (batch size)
        times the sum: the mean gradient (article 004's batches).

        >>> points = data_points([[0.0], [1.0]], [[1.0], [0.0]])
        >>> net = Network([1, 1], seed=0)
        >>> before = net.predict([[1.0]])[0][0]
        >>> net.train(points, learning_rate=1.0, epochs=50).predict([[1.0]])[0][0] < before
        True
        """
        self._check_data(data)
        check_number(learning_rate, "train: learning_rate", positive=True)
        check_whole(epochs, "train: epochs", 0)
        check_whole(batch_size, "train: batch_size", 1)
        for _ in range(epochs):
            for start in range(0, len(data), batch_size):
                batch = data[start:start + batch_size]
                total = self.gradients(batch[0])
                for point in batch[1:]:
                    total = _add_gradients(total, self.gradients(point))
                self.update(total, learning_rate / len(batch))
        return self

    def evaluate(self, data):
        """Return the fraction of data points whose predicted class is their target's.

        Article 000's ``Evaluate``.

        >>> net = Network([1, 2], output="softmax", seed=0)
        >>> 0.0 <= net.evaluate(data_points([[0.0], [1.0]], [[1, 0], [0, 1]])) <= 1.0
        True
        """
        self._check_data(data)
        return accuracy(self.predict([p.inputs for p in data]), [p.target for p in data])

    # ----- the model protocol, shared by every nnscratch model ---------------------

    @property
    def n_inputs(self):
        """The number of inputs a row must have.

        >>> Network([784, 128, 10]).n_inputs, Network([784, 128, 10]).n_outputs
        (784, 10)
        """
        return self.sizes[0]

    @property
    def n_outputs(self):
        """The number of outputs per row.

        >>> Network([4, 3]).n_outputs
        3
        """
        return self.sizes[-1]

    def predict(self, rows):
        """Return the network's output row for each input row (after ``scaling``, when set).

        >>> net = Network([2, 3, 2], output="softmax", seed=0)
        >>> [round(sum(row), 12) for row in net.predict([[0.0, 1.0], [1.0, 0.0]])]
        [1.0, 1.0]
        """
        if not self.layers:
            raise NotTrainedError("Network: no layers")
        check_rows(rows, "rows", self.n_inputs, "the network's input width")
        if self.scaling is not None:
            rows = self.scaling.apply(rows)
        return check_outputs([self.forward(x)[-1] for x in rows])

    def _check_data(self, data):
        if not isinstance(data, list) or not data or not all(isinstance(p, DataPoint) for p in data):
            raise TrainingError("data must be a non-empty list of DataPoint(inputs, target); "
                                "data_points(rows, targets) makes one")
        check_rows([p.inputs for p in data], "inputs", self.n_inputs, "the network's input width")
        check_rows([p.target for p in data], "targets", self.n_outputs, "the network's output width")

    def __repr__(self):
        return "Network(%r, output=%r)" % (self.sizes, self.output)


def _add_gradients(a, b):
    """The sum of two gradients of the same network, neuron by neuron."""
    return [[([x + y for x, y in zip(wa, wb)], ba + bb) for (wa, ba), (wb, bb) in zip(la, lb)]
            for la, lb in zip(a, b)]
