"""One batch through the engine: the forward pass and backpropagation, in column layout.

These are article 001's matrix steps (``nnscratch.reading.gophernet`` has them
line by line), generalised to any depth, activation and loss, and computed on
a batch held in *column layout*: ``A[j]`` is neuron j's activation for every
sample of the batch, so each Python operation handles a whole batch.

Glossary:
    A_l      layer l's activations, one list per neuron (A_0 is the input batch)
    Z_l      its pre-activations
    Delta_l  dL/dZ_l, one list per neuron. Article 001's ``dOutput`` is the
             negative, (y - output) * slope = -dL/dz: the article adds its
             adjustments to the weights, the engine subtracts gradients.

The steps:

    forward:   Z_l = W_l . A_(l-1) + b_l, A_l = f(Z_l), keeping every A_l
    output:    Delta_L = dL/dZ (A - Y for the paired losses)
    backward:  grad W_l[j][i] = dot(Delta_l[j], A_(l-1)[i])   (summed over the batch)
               grad b_l[j]    = sum(Delta_l[j])
               Delta_(l-1)    = f'(A_(l-1)) * (W_l^T . Delta_l)

The products and sums are those of a ``kernels.Kernels`` set, by default the
fastest this interpreter has. A test proves that the result equals the
reading path's (``NeuralNet``) and finite differences.
"""

from math import exp, tanh
from operator import eq, getitem, mul, sub

from ..maths.activations import ACTIVATIONS, LEAKY_SLOPE, softmax
from ..maths.losses import COMBINED, LOSSES
from .kernels import DEFAULT, LOOP, unrolled_affine, unrolled_chain, unrolled_count

__all__ = ["forward_columns", "gradients", "predicted_classes", "correct_count", "in_chunks"]


def predicted_classes(columns, kernels=DEFAULT):
    """The class of each sample of a batch in column layout: argmax, or a 0.5 threshold for one output.

    >>> predicted_classes([[0.2, 0.9], [0.7, 0.1]])
    [1, 0]
    >>> predicted_classes([[0.2, 0.9]])
    [0, 1]
    """
    if len(columns) == 1:
        return [1 if v >= 0.5 else 0 for v in columns[0]]
    return [r.index(max(r)) for r in kernels.swap_layout(columns)]


#: Batches of at most this many outputs are counted by ``kernels.unrolled_count``, one comparison
#: expression written for their width (on CPython, 2 to 4 times as fast as ``max`` over the columns
#: for 10 to 3 outputs).
COUNT_UNROLLED_MAX = 10


def correct_count(columns, classes, kernels=DEFAULT):
    """How many samples of a batch in column layout ``predicted_classes`` gives their class.

    On the plain-loop form (PyPy) one loop compares the outputs as ``max`` does. Otherwise,
    up to ``COUNT_UNROLLED_MAX`` outputs, one comparison expression written for their width
    finds each sample's first best output (``kernels.unrolled_count``); wider, each sample's
    best output is found across the columns at once (``max`` over the columns, in C), and
    compared with its class's output. A NaN output, a tie for the best output of a wide
    batch, or a class that is not an output's index sends the count sample by sample.

    >>> correct_count([[0.2, 0.9, 0.5], [0.7, 0.1, 0.5]], [1, 0, 0])
    3
    """
    if len(columns) <= 1:  # one output: a 0.5 threshold (or no output at all)
        return _count_by_sample(columns, classes, kernels)
    if kernels.form == LOOP:
        return _correct_count_loop(columns, classes)
    try:
        total = sum(map(sum, columns))
    except (OverflowError, TypeError):  # an int too large for a float, or not a number
        return _count_by_sample(columns, classes, kernels)
    if total != total:  # a NaN somewhere (or sums overflowing both ways): as max() treats it
        return _count_by_sample(columns, classes, kernels)
    if len(columns) <= COUNT_UNROLLED_MAX:
        return unrolled_count(len(columns))(columns, classes)
    best = list(map(max, *columns))
    if (min(classes, default=0) < 0 or max(classes, default=0) >= len(columns)
            or sum([sum(map(eq, column, best)) for column in columns]) != len(best)):  # or a tie
        return _count_by_sample(columns, classes, kernels)
    return sum(map(eq, map(getitem, map(columns.__getitem__, classes), range(len(best))), best))


def _count_by_sample(columns, classes, kernels):
    """``correct_count`` the slow way: each sample's class from ``predicted_classes``."""
    return sum(map(eq, predicted_classes(columns, kernels), classes))


def _correct_count_loop(columns, classes):
    """``correct_count`` in plain loops, for PyPy's JIT: each sample's first best output, as ``max``
    finds it."""
    hits = 0
    others = columns[1:]
    first = columns[0]
    for s in range(len(classes)):
        best, index = first[s], 0
        for j in range(len(others)):
            value = others[j][s]
            if value > best:
                best, index = value, j + 1
        if index == classes[s]:
            hits += 1
    return hits


def _activate(activation, z, kernels):
    """Apply an activation to pre-activations in column layout."""
    if activation.function is softmax:
        return _softmax_loop(z) if kernels.form == LOOP and _PLAIN_SUM else softmax_columns(z)
    if activation.derivative is None:  # an activation that mixes a sample's neurons: work on rows
        swap = kernels.swap_layout
        return swap([activation.function(r) for r in swap(z)])
    f = activation.function
    return [f(column) for column in z]


def softmax_columns(z):
    """``softmax`` of each sample of a batch in column layout: e^z_i / sum_j e^z_j, sample by sample.

    The same floats as ``softmax`` on each sample's row, operation for
    operation (the same max, the same exp, the same ``sum`` in the same
    order), without a call and two transposes per sample.

    >>> softmax_columns([[1.0, 1000.0], [1.0, 0.0]])
    [[0.5, 1.0], [0.5, 0.0]]
    """
    tops = list(map(max, *z)) if len(z) > 1 else z[0]
    e = [[exp(v - top) for v, top in zip(column, tops)] for column in z]
    totals = list(map(sum, zip(*e)))
    return [[v / total for v, total in zip(column, totals)] for column in e]


#: Whether ``sum()`` of floats adds them one by one: up to CPython 3.11, and on PyPy. From 3.12 it
#: compensates, so a loop of adds would not give ``softmax``'s floats.
_PLAIN_SUM = sum([1e100, 1.0, -1e100]) == 0.0


def _softmax_loop(z):
    """``softmax_columns`` in plain loops, for PyPy's JIT (``map`` and ``zip`` over many lists are slow
    there): the same max, exp, sum and quotient, in the same order, so the same floats."""
    n = len(z[0])
    tops = list(z[0])
    for column in z[1:]:
        for s in range(n):
            if column[s] > tops[s]:  # as max() replaces its best so far
                tops[s] = column[s]
    e = [[exp(column[s] - tops[s]) for s in range(n)] for column in z]
    totals = [0.0] * n
    for column in e:
        for s in range(n):
            totals[s] += column[s]
    return [[column[s] / totals[s] for s in range(n)] for column in e]


def _chain(activation, a, g, kernels):
    """dL/dz from dL/da = g through an activation, in column layout."""
    if activation.derivative is None:
        swap = kernels.swap_layout
        return swap([activation.backward(ar, gr) for ar, gr in zip(swap(a), swap(g))])
    back = activation.backward
    return [back(ac, gc) for ac, gc in zip(a, g)]


#: Each activation written into an unrolled layer (``kernels.unrolled_affine``): the same
#: expression, for the same floats, as its function in ``nnscratch.maths.activations``
#: (a test checks every one). For a narrow layer, z and f(z) then take one pass.
FUSED_FORWARD = {
    "sigmoid": "1.0 / (1.0 + exp(-{z}))",
    "tanh": "tanh({z})",
    "relu": "(v if (v := {z}) > 0.0 else 0.0)",
    "leaky_relu": "(v if (v := {z}) > 0.0 else LEAKY_SLOPE * v)",
    "linear": "{z}",
}
#: The activations' backward steps, y * f'(x) with y = W^T . Delta, as ``unrolled_chain`` writes them.
FUSED_BACKWARD = {
    "sigmoid": "{g} * (x * (1.0 - x))",
    "tanh": "{g} * (1.0 - x * x)",
    "relu": "({g} if x > 0.0 else 0.0)",
    "leaky_relu": "({g} if x > 0.0 else LEAKY_SLOPE * {g})",
    "linear": "{g}",
}
_NAMES = {"exp": exp, "tanh": tanh, "LEAKY_SLOPE": LEAKY_SLOPE}


def forward_columns(layers, columns, kernels=DEFAULT):
    """Return every layer's activations for a batch in column layout, input first.

    ``layers`` are objects with ``weights`` (one row per neuron), ``biases``
    and ``activation`` (a name from ``ACTIVATIONS``).
    """
    activations = [columns]
    for layer in layers:
        inputs = activations[-1]
        if len(inputs) <= kernels.unroll_max and layer.activation in FUSED_FORWARD:
            activations.append(_fused_layer(layer, inputs, kernels))
            continue
        z = kernels.layer_columns(layer.weights, inputs, layer.biases)
        activations.append(_activate(ACTIVATIONS[layer.activation], z, kernels))
    return activations


def _fused_layer(layer, inputs, kernels):
    """A narrow layer's activations, each neuron's f(w . x + b) in one comprehension.

    A sigmoid whose e^-z overflows somewhere (z below about -709.78) is computed again in two
    steps, as the other layers are, for the same floats.
    """
    unrolled = unrolled_affine(len(inputs), FUSED_FORWARD[layer.activation], names=_NAMES)
    try:
        return [unrolled(w, b, inputs) for w, b in zip(layer.weights, layer.biases)]
    except OverflowError:
        z = kernels.layer_columns(layer.weights, inputs, layer.biases)
        return _activate(ACTIVATIONS[layer.activation], z, kernels)


def _fused_chain(weights, activation, a, deltas, kernels):
    """Delta of the layer below, W^T . Delta times the slope at a, neuron by neuron in one pass each."""
    transposed = kernels.swap_layout(weights)  # W^T: one row per neuron of the layer below
    if len(deltas) <= kernels.unroll_max and activation in FUSED_BACKWARD:
        unrolled = unrolled_chain(len(deltas), FUSED_BACKWARD[activation], names=_NAMES)
        return [unrolled(w, x, deltas) for w, x in zip(transposed, a)]
    errors = kernels.layer_columns(transposed, deltas)  # W^T . Delta
    return _chain(ACTIVATIONS[activation], a, errors, kernels)


def in_chunks(rows, forward, chunk, swap):
    """Push rows through ``forward`` (a function of a batch in column layout) chunk by chunk;
    ``swap`` turns rows into columns and back."""
    out = []
    for start in range(0, len(rows), chunk):
        out += swap(forward(swap(rows[start:start + chunk])))
    return out


def _output_deltas(activation, loss_name, outputs, targets, kernels):
    """(the batch's summed loss, Delta = dL/dZ of the output layer), in column layout.

    The squared error's a - y is computed once for both: the loss is half the sum of its
    squares, and its gradient it (the same floats as ``LOSSES`` and ``COMBINED``).
    """
    if loss_name == "squared_error":
        differences = [list(map(sub, a, t)) for a, t in zip(outputs, targets)]  # a - y
        total = sum([0.5 * sum(map(mul, d, d)) for d in differences])
        if activation == "sigmoid":  # (a - y) * a (1 - a), as COMBINED groups it
            return total, [[dv * (x * (1.0 - x)) for dv, x in zip(d, a)]
                           for d, a in zip(differences, outputs)]
        return total, _chain(ACTIVATIONS[activation], outputs, differences, kernels)
    loss = LOSSES[loss_name]
    total = sum([loss.function(a, t) for a, t in zip(outputs, targets)])
    combined = COMBINED.get((activation, loss_name))
    if combined is not None:
        return total, [combined(a, t) for a, t in zip(outputs, targets)]  # e.g. A - Y
    gradient = loss.gradient
    return total, _chain(ACTIVATIONS[activation], outputs, [gradient(a, t) for a, t in zip(outputs, targets)],
                         kernels)


def gradients(layers, loss_name, inputs, targets, classes, kernels=DEFAULT):
    """Backpropagate one batch given in column layout; return (summed loss, correct count, gradients).

    ``classes`` holds each sample's target class. The gradient rows come
    layer by layer: one row per neuron's weights, then the row of biases.
    """
    # Forward, in column layout: every layer's activations for the whole batch.
    activations = forward_columns(layers, inputs, kernels)
    outputs = activations[-1]  # one column per output neuron

    # Output: the loss (a sum of one term per output, so it can take columns),
    # the correct count, and Delta = dL/dZ.
    total, deltas = _output_deltas(layers[-1].activation, loss_name, outputs, targets, kernels)
    hits = correct_count(outputs, classes, kernels)

    # Backward: the gradients of each layer, last layer first.
    grads = []
    for l in range(len(layers) - 1, -1, -1):
        inputs = activations[l]  # this layer's input, one column per input
        grads[:0] = kernels.dot_table(deltas, inputs) + [[sum(d) for d in deltas]]
        if l > 0:
            deltas = _fused_chain(layers[l].weights, layers[l - 1].activation, inputs, deltas, kernels)
    return total, hits, grads
