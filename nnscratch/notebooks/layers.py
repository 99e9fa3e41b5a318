"""The notebook of article 000: Neuron, Layer and Network, trained on handwritten digits."""

from ..files.ipynb import code, markdown
from .common import find_nnscratch

__all__ = ["FILENAME", "TITLE", "CELLS"]

FILENAME = "article-000-neurons-layers.ipynb"
TITLE = "Article 000: from a neuron to a network, on handwritten digits"

#: The notebook's cells, in the article's order, then the engine.
CELLS = [
    markdown("""
# Article 000: from a neuron to a network, on handwritten digits

Article 000 builds a network out of small parts: a `Neuron` holds its weights and bias, a
`Layer` holds neurons and an activation, and a `Network` stacks layers. It trains
`NewNetwork([]int{784, 128, 10})` on MNIST, 28x28 images of handwritten digits.

MNIST itself is not in nnscratch (it is 50 MB; `load_mnist` reads its files if you have them).
The built-in digits are the same kind of data at 8x8 pixels, 1797 images, so this notebook
trains a 64-32-10 network instead: the same code, smaller numbers.
"""),
    find_nnscratch(),
    markdown("""
## A neuron and a layer

A layer's forward pass starts each neuron's sum at its bias, adds weight times input for every
input, and applies the activation. The code is the article's loop.
"""),
    code("""
import inspect
from nnscratch.reading import mlp

print(inspect.getsource(mlp.Layer.forward).split('\"\"\"')[2])
layer = mlp.Layer([mlp.Neuron([2.0, 1.0], -3.0), mlp.Neuron([0.5, 0.5], 0.0)], "sigmoid")
layer.forward([1.0, 1.0])
"""),
    markdown("""
## The digits

Each row is 64 pixel values from 0 to 16; dividing by 16 puts them in [0, 1]. A fifth of the
rows is kept aside, chosen with a seed, to test on.
"""),
    code("""
from nnscratch import load_digits, train_test_split

digits = load_digits()
pixels = [[v / 16 for v in row] for row in digits.inputs]
train_x, test_x, train_y, test_y = train_test_split(pixels, digits.labels, test_fraction=0.2, seed=0)
print(len(train_x), "training rows,", len(test_x), "test rows")
digits
"""),
    markdown("""
## Training, one point at a time

The article's `Train` starts a goroutine per data point, and each one updates the same weights
at the same moment: a data race, whose result depends on the timing. What it means to do is to
learn from the points one after another, and that is what `mlp.Network.train` does. Its
backpropagation is the textbook one, as the article does not show its own.
"""),
    code("""
import time

net = mlp.Network([64, 32, 10], output="softmax", seed=0)
started = time.perf_counter()
net.train(mlp.data_points(train_x, train_y), learning_rate=0.1, epochs=3)
print("3 epochs in %.1f s" % (time.perf_counter() - started))
print("test accuracy:", net.evaluate(mlp.data_points(test_x, test_y)))
"""),
    markdown("""
## The lesson: weights drawn from [0, 1) saturate a big network

Articles 001 and 003 draw every starting weight from [0, 1), all positive. Here each hidden
neuron would start with a sum of 64 positive terms: the sigmoid is then almost exactly 1, its
slope almost 0, and the error barely reaches the weights. The network above starts from small
weights of both signs (Xavier's); the same network drawn from [0, 1) learns next to nothing.
"""),
    code("""
saturated = mlp.Network([64, 32, 10], output="softmax", init="uniform01", seed=0)
hidden = saturated.layers[0].forward(test_x[0])
print("the smallest hidden output at the start:", min(hidden))
saturated.train(mlp.data_points(train_x, train_y), learning_rate=0.1, epochs=3)
print("test accuracy after 3 epochs:", saturated.evaluate(mlp.data_points(test_x, test_y)))
"""),
    markdown("""
## The same network in the fast engine

`nnscratch.Network` does the same maths over mini-batches of rows at once (article 004's next
step), with kernels chosen for this Python. From the same starting weights and in the same
order, with batches of one row, it computes the same numbers (a test of nnscratch checks it).
Below it trains differently, with batches of 32 and Adam, for 20 epochs, each of them quicker
than one of the reading path's. A tenth of the training rows is held out to validate on after
each epoch, and in Jupyter the curves grow as it trains.
"""),
    code("""
from nnscratch import Network

fast = Network([64, 32, 10], seed=0)
started = time.perf_counter()
history = fast.train(train_x, train_y, epochs=20, learning_rate=0.01, batch_size=32, optimizer="adam",
                     validation_split=0.1)
print("20 epochs in %.1f s; test accuracy:" % (time.perf_counter() - started), fast.evaluate(test_x, test_y))
history
"""),
    code("""
fast.classes = digits.classes
fast.confusion_matrix(test_x, test_y)
"""),
    code("""
fast
"""),
    markdown("""
## Try next

- More hidden neurons, more epochs, another learning rate.
- With the MNIST files: `nnscratch.load_mnist(folder, "train")`, and article 000's 784-128-10.
- Exercises 7 to 9 (`python -m nnscratch.exercises start 7 --notebook`): softmax, optimizers,
  batches and early stopping.
"""),
]
