"""Optimizers: how a gradient becomes a change of the weights.

Each optimizer updates a list of parameter rows in place. A row is a list of
floats (one neuron's weights, or one layer's biases); ``grads`` holds a row of
gradients for each. ``scale`` multiplies every gradient (1/batch size for the
mean over a batch), and ``l2[i]`` is the L2 coefficient of row i (0 for
biases), so the gradient each step follows is

    g' = scale * g + l2 * w          (the gradient of loss + l2/2 * w^2)

Glossary: w a weight, g its gradient, lr the learning rate, t the step count.

- ``sgd``: w -= lr * g' (the articles' update, there written w += lr * adj).
- ``momentum``: v = mu * v - lr * g'; w += v (Polyak 1964; mu = 0.9).
- ``adam``: m = b1 m + (1 - b1) g'; v = b2 v + (1 - b2) g'^2;
  w -= lr * m_hat / (sqrt(v_hat) + eps), with m_hat = m / (1 - b1^t) and
  v_hat = v / (1 - b2^t) (Kingma & Ba 2015; b1 = 0.9, b2 = 0.999, eps = 1e-8).
"""

from math import sqrt

__all__ = ["SGD", "Momentum", "Adam", "OPTIMIZERS"]


class SGD:
    """Plain gradient descent: w -= lr * g'.

    >>> w = [[1.0, 2.0]]
    >>> SGD(0.5).step(w, [[0.2, -0.4]])
    >>> w
    [[0.9, 2.2]]
    """

    name = "sgd"

    def __init__(self, learning_rate):
        self.learning_rate = learning_rate

    def step(self, params, grads, scale=1.0, l2=None):
        """Update every row of params in place."""
        lr = self.learning_rate
        k = lr * scale
        for i, (p, g) in enumerate(zip(params, grads)):
            decay = l2[i] if l2 else 0.0
            if decay:
                keep = 1.0 - lr * decay  # w - lr * (l2 * w) = (1 - lr * l2) * w
                p[:] = [keep * w - k * d for w, d in zip(p, g)]
            else:
                p[:] = [w - k * d for w, d in zip(p, g)]


class Momentum:
    """Gradient descent with momentum: v = mu * v - lr * g'; w += v.

    >>> w = [[1.0]]
    >>> opt = Momentum(0.1, momentum=0.9)
    >>> opt.step(w, [[1.0]]); opt.step(w, [[1.0]])
    >>> [round(x, 12) for x in w[0]]  # v = -0.1, then 0.9 * -0.1 - 0.1 = -0.19
    [0.71]
    """

    name = "momentum"

    def __init__(self, learning_rate, momentum=0.9):
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.velocity = None  # one row per parameter row, made on the first step

    def step(self, params, grads, scale=1.0, l2=None):
        """Update every row of params in place."""
        if self.velocity is None:
            self.velocity = [[0.0] * len(p) for p in params]
        lr, mu = self.learning_rate, self.momentum
        k = lr * scale
        for i, (p, g, v) in enumerate(zip(params, grads, self.velocity)):
            decay = l2[i] if l2 else 0.0
            if decay:
                v[:] = [mu * u - k * d - lr * decay * w for u, d, w in zip(v, g, p)]
            else:
                v[:] = [mu * u - k * d for u, d in zip(v, g)]
            p[:] = [w + u for w, u in zip(p, v)]


class Adam:
    """Adam: steps scaled per weight by running averages of the gradient and its square.

    >>> w = [[1.0]]
    >>> Adam(0.1).step(w, [[4.0]])  # m_hat = 4, v_hat = 16: the first step is about lr
    >>> round(w[0][0], 6)
    0.9
    """

    name = "adam"

    def __init__(self, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):
        self.learning_rate = learning_rate
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon
        self.t = 0
        self.m = None  # running mean of g', one row per parameter row
        self.v = None  # running mean of g'^2

    def step(self, params, grads, scale=1.0, l2=None):
        """Update every row of params in place."""
        if self.m is None:
            self.m = [[0.0] * len(p) for p in params]
            self.v = [[0.0] * len(p) for p in params]
        self.t += 1
        b1, b2, eps = self.beta1, self.beta2, self.epsilon
        c1, c2 = 1.0 - b1, 1.0 - b2
        # m_hat = m * m_correction and v_hat = v * v_correction: the bias-corrected moments
        m_correction = 1.0 / (1.0 - b1 ** self.t)
        v_correction = 1.0 / (1.0 - b2 ** self.t)
        lr = self.learning_rate
        for i, (p, g, m, v) in enumerate(zip(params, grads, self.m, self.v)):
            decay = l2[i] if l2 else 0.0
            if decay or scale != 1.0:
                g = [scale * d + decay * w for d, w in zip(g, p)]
            m[:] = [b1 * x + c1 * d for x, d in zip(m, g)]
            v[:] = [b2 * x + c2 * d * d for x, d in zip(v, g)]
            p[:] = [w - lr * (x * m_correction) / (sqrt(y * v_correction) + eps) for w, x, y in zip(p, m, v)]


#: Optimizer name -> class; each is made as cls(learning_rate).
OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}
