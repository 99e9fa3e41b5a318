"""Wrong: w_out is updated first, and the hidden layer's error is then taken through the new w_out.
Expected hint: the hidden layer's error used w_out after its update"""

import math


def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def transpose(m):
    return [list(c) for c in zip(*m)]


def backpropagate(x, y, w_hidden, b_hidden, w_out, b_out, learning_rate):
    lr = learning_rate
    hidden = [[sigmoid(v + b) for v, b in zip(row, b_hidden)] for row in matmul(x, w_hidden)]
    output = [[sigmoid(v + b) for v, b in zip(row, b_out)] for row in matmul(hidden, w_out)]
    error = [[t - o for t, o in zip(tr, orow)] for tr, orow in zip(y, output)]
    d_output = [[e * o * (1 - o) for e, o in zip(er, orow)] for er, orow in zip(error, output)]
    w_out_adj = matmul(transpose(hidden), d_output)
    w_out = [[w + lr * g for w, g in zip(wr, gr)] for wr, gr in zip(w_out, w_out_adj)]
    b_out = [b + lr * sum(col) for b, col in zip(b_out, zip(*d_output))]
    error_hidden = matmul(d_output, transpose(w_out))  # w_out is already the new one
    d_hidden = [[e * h * (1 - h) for e, h in zip(er, hr)] for er, hr in zip(error_hidden, hidden)]
    w_hidden_adj = matmul(transpose(x), d_hidden)
    w_hidden = [[w + lr * g for w, g in zip(wr, gr)] for wr, gr in zip(w_hidden, w_hidden_adj)]
    b_hidden = [b + lr * sum(col) for b, col in zip(b_hidden, zip(*d_hidden))]
    return w_hidden, b_hidden, w_out, b_out
