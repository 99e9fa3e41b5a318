"""Peers, measured only when installed: the same algorithm in numpy, scikit-learn's MLPClassifier, micrograd.

Each is imported inside its functions, after the command line has set the
single-thread environment, and never by ``import nnscratch``.
"""

import importlib.util
import random
import warnings


def installed(module):
    """Whether a module can be imported, without importing it."""
    return importlib.util.find_spec(module) is not None


def numpy_params(net):
    """An engine network's (weights, biases) as numpy arrays, layer by layer."""
    import numpy as np

    return [(np.array(layer.weights), np.array(layer.biases)) for layer in net.layers]


def numpy_forward(params, a, article):
    """The forward pass in numpy, every activation kept: sigmoid layers, a softmax output unless article."""
    import numpy as np

    acts = [a]
    for l, (w, b) in enumerate(params):
        z = acts[-1] @ w.T + b
        if l < len(params) - 1 or article:
            acts.append(1.0 / (1.0 + np.exp(-z)))
        else:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            acts.append(e / e.sum(axis=1, keepdims=True))
    return acts


def numpy_train(workload):
    """The same algorithm with numpy float64 arrays, in order (no shuffling), as nnscratch trains."""
    import numpy as np

    def setup():
        x, y = workload.data()
        return numpy_params(workload.network()), np.array(x), np.array(y)

    def run(state):
        params, x, y = state
        n, batch = len(x), workload.batch_size or len(x)
        lr = workload.learning_rate
        order = np.arange(n)
        for _ in range(workload.epochs):
            for start in range(0, n, batch):
                idx = order[start:start + batch]
                acts = numpy_forward(params, x[idx], workload.article)
                delta = acts[-1] - y[idx]
                if workload.article:
                    delta = delta * acts[-1] * (1 - acts[-1])
                scale = lr if workload.article else lr / len(idx)
                for l in range(len(params) - 1, -1, -1):
                    w, b = params[l]
                    grad_w, grad_b = delta.T @ acts[l], delta.sum(axis=0)
                    if l > 0:
                        delta = (delta @ w) * acts[l] * (1 - acts[l])
                    w -= scale * grad_w
                    b -= scale * grad_b

    return setup, run


def numpy_predict(workload):
    """(setup, run) predicting every row with numpy."""
    import numpy as np

    def setup():
        x, _ = workload.data()
        return numpy_params(workload.network()), np.array(x)

    return setup, (lambda state: numpy_forward(state[0], state[1], workload.article)[-1])


def sklearn_model(workload):
    """An MLPClassifier set up as the workload: logistic hidden layers, plain SGD, no penalty, in order."""
    from sklearn.neural_network import MLPClassifier

    return MLPClassifier(
        hidden_layer_sizes=tuple(workload.sizes[1:-1]), activation="logistic", solver="sgd",
        alpha=0.0, batch_size=workload.batch_size or workload.rows, learning_rate_init=workload.learning_rate,
        momentum=0.0, nesterovs_momentum=False, shuffle=False, random_state=0,
    )


def sklearn_train(workload):
    """MLPClassifier.partial_fit: one pass over the rows per epoch (softmax output, log loss)."""
    import numpy as np

    def setup():
        x, y = workload.data()
        labels = np.array([row.index(1.0) for row in y])
        model = sklearn_model(workload)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.partial_fit(np.array(x[:2]), labels[:2], classes=np.arange(workload.sizes[-1]))
        return model, np.array(x), labels

    def run(state):
        model, x, labels = state
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for _ in range(workload.epochs):
                model.partial_fit(x, labels)

    return setup, run


def sklearn_predict(workload):
    """(setup, run) predicting every row with MLPClassifier.predict_proba."""

    def setup():
        model, x, _ = sklearn_train(workload)[0]()  # set up on two rows: enough to predict with
        return model, x

    return setup, (lambda state: state[0].predict_proba(state[1]))


def micrograd_train(workload, rows):
    """micrograd's MLP (ReLU hidden layers, squared error on the one-hot rows: micrograd has no exp),
    one sample at a time, on only ``rows`` rows: it runs a Python object per multiply-add."""
    from micrograd.nn import MLP

    def setup():
        x, y = workload.data()
        random.seed(0)
        return MLP(workload.sizes[0], workload.sizes[1:]), x[:rows], y[:rows]

    def run(state):
        model, x, y = state
        for xs, ys in zip(x, y):
            out = model(xs)
            loss = sum((o - t) ** 2 for o, t in zip(out, ys))
            model.zero_grad()
            loss.backward()
            for p in model.parameters():
                p.data -= workload.learning_rate * p.grad

    return setup, run
