"""Weight initialisations, by name: how a new layer's weights and biases are drawn.

Each takes the layer's fan-in (inputs per neuron), fan-out (neurons) and a
``random.Random``, and returns (weights, biases): one row of fan-in weights
per neuron, and one bias per neuron.

- ``uniform01``: every weight and bias uniform in [0, 1), the articles' choice
  (``rand.Float64()``). All-positive weights are fine for iris's 4-3-3, but
  in a 784-128-10 sigmoid network each hidden neuron sums about a hundred
  positive terms, so z is in the tens, the sigmoid saturates at 1 and its
  slope a * (1 - a) vanishes: the network cannot learn.
- ``xavier``: uniform in [-r, r] with r = sqrt(6 / (fan_in + fan_out)), biases
  0 (Glorot & Bengio 2010, "Understanding the difficulty of training deep
  feedforward neural networks"). Keeps z near the sigmoid's and tanh's
  linear middle. The default.
- ``he``: uniform in [-r, r] with r = sqrt(6 / fan_in), biases 0 (He et al.
  2015, "Delving deep into rectifiers"), for ReLU layers, which zero half
  their inputs.
"""

from math import sqrt

__all__ = ["INITS"]


def _uniform(limit, fan_in, fan_out, rng):
    u = rng.uniform
    return [[u(-limit, limit) for _ in range(fan_in)] for _ in range(fan_out)], [0.0] * fan_out


def uniform01(fan_in, fan_out, rng):
    """Weights then biases uniform in [0, 1), neuron by neuron, as the articles draw them."""
    weights = [[rng.random() for _ in range(fan_in)] for _ in range(fan_out)]
    biases = [rng.random() for _ in range(fan_out)]
    return weights, biases


def xavier(fan_in, fan_out, rng):
    """Glorot/Xavier uniform: weights in +-sqrt(6 / (fan_in + fan_out)), biases 0."""
    return _uniform(sqrt(6.0 / (fan_in + fan_out)), fan_in, fan_out, rng)


def he(fan_in, fan_out, rng):
    """He uniform: weights in +-sqrt(6 / fan_in), biases 0."""
    return _uniform(sqrt(6.0 / fan_in), fan_in, fan_out, rng)


INITS = {"uniform01": uniform01, "xavier": xavier, "he": he}
