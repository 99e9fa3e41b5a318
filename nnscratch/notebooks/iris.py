"""The notebook of articles 001 and 002: the iris network, gophernet, and its three lessons."""

from ..files.ipynb import code, markdown
from .common import find_nnscratch

__all__ = ["FILENAME", "TITLE", "CELLS"]

FILENAME = "article-001-002-iris.ipynb"
TITLE = "Articles 001 and 002: a hidden layer for the iris flowers"

#: The notebook's cells, in the articles' order, then the lessons.
CELLS = [
    markdown("""
# Articles 001 and 002: a hidden layer for the iris flowers

Four measurements of a flower (sepal and petal, length and width) go in; three numbers come
out, one per species. Between them sits a hidden layer of sigmoid neurons. Article 001 uses 3
hidden neurons, 5000 epochs and a learning rate of 0.3; article 002 retells it with 5 hidden
neurons, 8000 epochs and 0.2.

The steps: the data, the configuration, the forward pass, backpropagation, training and the
accuracy. Then three lessons hidden in the Go code: the slope of the sigmoid taken at the wrong
place, a row of zeros that sneaks into training, and what [0, 1) weights do to a big network.
"""),
    find_nnscratch(),
    markdown("""
## The data

The articles read a CSV file of 120 training rows and 30 test rows, whose last three columns
are the species written one-hot: 1 for the species, 0 for the others. nnscratch carries the
same split (`load_iris_split`), already scaled into [0, 1] as the articles' files are.
"""),
    code("""
from nnscratch import ARTICLE_001, ARTICLE_002, NeuralNet, accuracy, load_iris_split

train, test = load_iris_split()
train
"""),
    markdown("""
## The configuration and the weights

`NeuralNetConfig` holds the sizes, the epochs and the learning rate, as the Go struct does.
The weights are matrices: one row per input and one column per hidden neuron for the hidden
layer, and the same shape again from the hidden layer to the outputs. They start as random
numbers in [0, 1).
"""),
    code("""
net = NeuralNet(ARTICLE_001, seed=0)
w_hidden, b_hidden, w_out, b_out = net.initial_weights()
print(ARTICLE_001)
print("w_hidden:", len(w_hidden), "x", len(w_hidden[0]), "  w_out:", len(w_out), "x", len(w_out[0]))
"""),
    markdown("""
## The forward pass

All the rows go through at once, as matrix products: the inputs times `w_hidden`, plus the
bias, through the sigmoid; then the same again with `w_out`. The article names every step,
and so does the code.
"""),
    code("""
import inspect
from nnscratch.reading.gophernet import feed_forward

print(inspect.getsource(feed_forward))
output = feed_forward(train.inputs[:3], w_hidden, b_hidden, w_out, b_out)[3]
[[round(v, 3) for v in row] for row in output]
"""),
    markdown("""
## Backpropagation

Each epoch compares the output with the targets (`network_error`), turns the error into a
delta per neuron with the sigmoid's slope, passes the output deltas back through `w_out` to
the hidden layer, and adds to every weight the learning rate times its share of the summed
error. The comments in the code are the article's.
"""),
    code("""
print(inspect.getsource(NeuralNet.backpropagate).split('\"\"\"')[2])
"""),
    markdown("""
## Training, and the accuracy on the test rows

A prediction's species is its largest output. Article 001 reports 0.97 on its test rows;
runs differ with the initial weights, and a seed fixes them.
"""),
    code("""
import time

started = time.perf_counter()
net = NeuralNet(ARTICLE_001, seed=0).train(train.inputs, train.labels)
print("trained in %.1f s" % (time.perf_counter() - started))
print("test accuracy:", accuracy(net.predict(test.inputs), test.labels))
"""),
    code("""
from nnscratch import confusion_matrix

confusion_matrix(net.predict(test.inputs), test.labels, classes=test.classes)
"""),
    markdown("""
## Article 002: five hidden neurons, and the curves

The fast engine, `nnscratch.Network`, computes the same numbers as the reading path (a test
of nnscratch checks it, bit for bit with its plain kernels). Given gophernet's starting
weights and settings (the sigmoid everywhere, the squared error, the whole table as one batch
in its order, the gradients summed), it trains article 002's network faster, and records the
error and the accuracy after every epoch. In Jupyter it draws them as it goes.
"""),
    code("""
from nnscratch import Network
from nnscratch.reading.vector import transpose

def as_engine(article_net):
    \"\"\"The engine's Network, starting from the article network's weights (one row per neuron).\"\"\"
    c = article_net.config
    engine = Network([c.input_neurons, c.hidden_neurons, c.output_neurons], hidden_activation="sigmoid",
                     output_activation="sigmoid", loss="squared_error", init="uniform01", seed=0)
    w_hidden, b_hidden, w_out, b_out = article_net.initial_weights()
    engine.layers[0].weights, engine.layers[0].biases = transpose(w_hidden), list(b_hidden)
    engine.layers[1].weights, engine.layers[1].biases = transpose(w_out), list(b_out)
    return engine

engine = as_engine(NeuralNet(ARTICLE_002, seed=0))
history = engine.train(train.inputs, train.labels, epochs=ARTICLE_002.num_epochs,
                       learning_rate=ARTICLE_002.learning_rate, shuffle=False, reduction="sum")
print("test accuracy:", engine.evaluate(test.inputs, test.labels))
history
"""),
    code("""
engine
"""),
    markdown("""
## Lesson 1: the slope of the sigmoid, taken at the wrong place

The sigmoid's slope at z is sigmoid(z) (1 - sigmoid(z)); in terms of its output a, it is
simply a (1 - a). Article 001 calls `sigmoidPrime` on values that are already outputs, so the
sigmoid is applied twice: its "slope" is sigmoid(a) (1 - sigmoid(a)), which hardly moves from
0.2 to 0.25 whatever a is. The true slope falls to 0 as a neuron saturates; the article's never
does. nnscratch uses a (1 - a); `slope=sigmoid_prime` trains with the article's line as written.
"""),
    code("""
from nnscratch import sigmoid_prime
from nnscratch.svg import TRAIN_COLOR, VALIDATION_COLOR, Picture, line_chart

outputs = [k / 100 for k in range(101)]
Picture(line_chart("The sigmoid's slope, given its output a", "slope",
                   [("a (1 - a)", TRAIN_COLOR, [a * (1 - a) for a in outputs]),
                    ("article 001: sigmoidPrime(a)", VALIDATION_COLOR, [sigmoid_prime(a) for a in outputs])],
                   y_range=(0.0, 0.3), x_label="the output a", x_range=(0.0, 1.0)), "two slopes")
"""),
    code("""
as_written = NeuralNet(ARTICLE_001, seed=0, slope=sigmoid_prime).train(train.inputs, train.labels)
print("test accuracy, with the article's slope:", accuracy(as_written.predict(test.inputs), test.labels))
print("test accuracy, with a (1 - a):          ", accuracy(net.predict(test.inputs), test.labels))
"""),
    markdown("""
With this seed the article's slope still learns, but less well: it is a step in roughly the
right direction, of the wrong size. Try other seeds.

## Lesson 2: the header row becomes a row of zeros

The Go code sizes its matrices by the number of lines in the CSV file, header included. The
header is skipped when the numbers are read, and the rows that are read fill the matrices from
the top, so the last row stays all zeros, inputs and targets alike: the network trains on it,
and the accuracy counts it. Its target has no 1, so its "species" is whichever comes first, and
a prediction for zero inputs can easily match it.
"""),
    code("""
from nnscratch import argmax

zero_x, zero_y = [0.0] * 4, [0.0] * 3
with_zeros = as_engine(NeuralNet(ARTICLE_001, seed=0))
with_zeros.train(train.inputs + [zero_x], train.labels + [zero_y], epochs=ARTICLE_001.num_epochs,
                 learning_rate=ARTICLE_001.learning_rate, shuffle=False, reduction="sum", live=False)
rows, targets = test.inputs + [zero_x], test.labels + [zero_y]
right = sum(argmax(p) == argmax(t) for p, t in zip(with_zeros.predict(rows), targets))
print("the zero row's outputs:", [round(v, 3) for v in with_zeros.forward(zero_x)])
print("counted as the article counts: %d of %d right" % (right, len(rows)))
"""),
    markdown("""
## Lesson 3: weights drawn from [0, 1)

Every starting weight here is positive. With 4 inputs and a few hidden neurons that is
harmless. With article 000's 784 inputs, each hidden neuron starts with a sum of hundreds of
positive terms: its sigmoid sits at 1, its slope at 0, and it cannot learn. The notebook of
article 000 shows it happen.

## Try next

- Other seeds, fewer epochs, a larger learning rate: when does training fail?
- Exercises 5 and 6 (`python -m nnscratch.exercises start 5 --notebook`): write the forward
  pass and the backpropagation step yourself.
"""),
]
