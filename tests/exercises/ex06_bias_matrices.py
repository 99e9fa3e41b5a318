"""Wrong: the right step, with the biases returned as 1-row matrices as the Go keeps them.
Expected hint: the biases are right but came back as 1-row matrices"""
import math


def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def _matmul(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]


def backpropagate(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate):
    hidden = [[_sigmoid(v + b) for v, b in zip(row, b_hidden)] for row in _matmul(x, w_hidden)]
    output = [[_sigmoid(v + b) for v, b in zip(row, b_out)] for row in _matmul(hidden, w_out)]
    d_out = [[(t - o) * o * (1 - o) for t, o in zip(trow, orow)] for trow, orow in zip(y, output)]
    error_hidden = _matmul(d_out, [list(col) for col in zip(*w_out)])
    d_hidden = [[e * h * (1 - h) for e, h in zip(erow, hrow)] for erow, hrow in zip(error_hidden, hidden)]
    new_w_out = [[w + learning_rate * g for w, g in zip(wrow, grow)]
                 for wrow, grow in zip(w_out, _matmul([list(c) for c in zip(*hidden)], d_out))]
    new_w_hidden = [[w + learning_rate * g for w, g in zip(wrow, grow)]
                    for wrow, grow in zip(w_hidden, _matmul([list(c) for c in zip(*x)], d_hidden))]
    new_b_out = [b + learning_rate * sum(col) for b, col in zip(b_out, zip(*d_out))]
    new_b_hidden = [b + learning_rate * sum(col) for b, col in zip(b_hidden, zip(*d_hidden))]
    return new_w_hidden, [new_b_hidden], new_w_out, [new_b_out]
