"""The notebook of article 003: one neuron, from the vector helpers to its predictions."""

from ..files.ipynb import code, markdown
from .common import find_nnscratch

__all__ = ["FILENAME", "TITLE", "CELLS"]

FILENAME = "article-003-perceptron.ipynb"
TITLE = "Article 003: a perceptron, one step at a time"

#: The notebook's cells, in the article's order.
CELLS = [
    markdown("""
# Article 003: a perceptron, one step at a time

A perceptron is a single neuron. It multiplies each input by a weight, adds a bias, and squashes
the sum into (0, 1) with the sigmoid. Training nudges the weights and the bias until its outputs
match the targets of a small table.

This notebook takes the article's steps in its order: the list helpers, the table, the
initial weights, the forward pass, the gradients, the training loop and the predictions. The
code shown is nnscratch's reading path (`nnscratch.reading`), written to be read beside the Go.
"""),
    find_nnscratch(),
    markdown("""
## The list helpers

The article works on plain slices of floats, with three helpers: a dot product, an
element-wise sum and a product by a number. nnscratch has them in `nnscratch.reading.vector`,
one loop each.
"""),
    code("""
import inspect
from nnscratch.reading.vector import dot, scalar_mul, vec_add

print(inspect.getsource(dot))
dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]), vec_add([1.0, 2.0], [0.5, 0.5]), scalar_mul(2.0, [1.0, -1.0])
"""),
    markdown("""
## The table

Four rows of three inputs, and a target for each. Look closely: the target is always the first
input. The other two columns are noise the neuron has to learn to ignore.
"""),
    code("""
from nnscratch import TOY_INPUT, TOY_OUTPUT, Perceptron

for x, y in zip(TOY_INPUT, TOY_OUTPUT):
    print(x, "->", y)
"""),
    markdown("""
## Initial weights

The weights start as random numbers in [0, 1) and the bias at 0. The Go code seeds its
generator from the clock, so no two runs agree; here the seed is an argument, so a run can be
repeated exactly. The perceptron is built to train one epoch per call of `train`, so that we can
watch it learn.
"""),
    code("""
p = Perceptron(TOY_INPUT, TOY_OUTPUT, epochs=1, seed=0).initialize()
p.weights, p.bias
"""),
    markdown("""
## The forward pass

The prediction for a row x is sigmoid(w . x + b). Untrained, the predictions say little.
"""),
    code("""
print(inspect.getsource(Perceptron.forward_pass))
[round(p.forward_pass(x), 3) for x in TOY_INPUT]
"""),
    markdown("""
## The gradients

Training lowers the squared error (pred - y)^2. By the chain rule its slope along w is
2 (pred - y) times the sigmoid's slope, pred (1 - pred), times x. `grad_w` returns minus half
of that for one row, the direction that lowers the error, so that training can add it.

A check any gradient should pass: move one weight a tiny step h each way, and the error should
change by the slope times the step. Below, the numeric slope and the formula agree.
"""),
    code("""
print(inspect.getsource(Perceptron.grad_w))

x, y, h = TOY_INPUT[1], TOY_OUTPUT[1], 1e-6

def half_error(w0):
    q = Perceptron(TOY_INPUT, TOY_OUTPUT)
    q.weights, q.bias = [w0] + p.weights[1:], p.bias
    return (q.forward_pass(x) - y) ** 2 / 2

numeric = (half_error(p.weights[0] + h) - half_error(p.weights[0] - h)) / (2 * h)
print("minus the numeric slope:", -numeric, " grad_w:", p.grad_w(x, y)[0])
"""),
    markdown("""
## The training loop

One epoch adds up `grad_w` and `grad_b` over the four rows, scales the sums by 2/n (the mean
squared error's factor; the article uses no learning rate) and adds them to the weights and
the bias. The article runs 1000 epochs. Each call of `train` below runs one, and the mean
squared error after it goes into a list, to draw.
"""),
    code("""
print(inspect.getsource(Perceptron.train).split("self.metadata")[0])

losses = []
for epoch in range(1000):
    p.train()
    losses.append(p.metadata["final_loss"])
print("mean squared error after 1, 10, 100 and 1000 epochs:",
      [round(losses[k - 1], 4) for k in (1, 10, 100, 1000)])
"""),
    code("""
from nnscratch.svg import TRAIN_COLOR, Picture, line_chart

Picture(line_chart("Mean squared error per epoch", "mean squared error", [("train", TRAIN_COLOR, losses)]),
        "the error per epoch")
"""),
    markdown("""
Training in one call of 1000 epochs gives the very same weights, to the last bit: the loop
above only stopped between epochs to look.
"""),
    code("""
once = Perceptron(TOY_INPUT, TOY_OUTPUT, epochs=1000, seed=0).train()
once.weights == p.weights and once.bias == p.bias
"""),
    markdown("""
## Predictions

The article asks about two rows: [0, 1, 0] should give about 0 and [1, 0, 1] about 1. The
first weight has grown large, the second has shrunk towards 0, and the bias has gone negative:
the neuron found the rule. (The third input is 1 in three rows of four, so its weight and the
bias share one job, and its weight hardly moves.)
"""),
    code("""
for x in ([0, 1, 0], [1, 0, 1]):
    print(x, "->", round(p.forward_pass(x), 4))
p.weights, p.bias
"""),
    markdown("""
## A lesson from the port: the sigmoid of a very negative number

In Go, `math.Exp(1000)` is +Inf, and 1 / (1 + Inf) is 0: the sigmoid of -1000 quietly works.
In Python, `math.exp(1000)` raises `OverflowError`, so the line-for-line port of the sigmoid
crashes on very negative inputs (below about -709). nnscratch's `sigmoid` handles that case,
and gives the right answer everywhere.
"""),
    code("""
import math
from nnscratch import sigmoid

try:
    print(1 / (1 + math.exp(1000)))
except OverflowError as e:
    print("the line-for-line port:", repr(e))
print("nnscratch's sigmoid:", sigmoid(-1000.0), sigmoid(1000.0))
"""),
    markdown("""
## Try next

- Change the seed, or run 100 epochs instead of 1000: how good are the predictions?
- Swap the roles: make the target the second column of the table.
- Write these steps yourself: `python -m nnscratch.exercises start 1 --notebook` (the list
  helpers), then exercises 2 to 4.
"""),
]
