"""The reading path: the articles' models, written as the articles write them.

One plain module per article, to read beside the Go:

    vector.py       article 003's dotProduct, vecAdd, scalarMatMul, and gonum's
                    matrix operations as plain loops
    perceptron.py   article 003: the single-neuron Perceptron
    gophernet.py    articles 001/002: the iris NeuralNet, full-batch backpropagation
    mlp.py          article 000: Neuron -> Layer -> Network, trained sample by sample

Nothing here is tuned for speed: ``dot`` has one fixed form, activations are
called by name, and there is no state outside the models. The fast engine
(``nnscratch.engine``) computes the same numbers, and a test proves it. The
exercises, the bench's naive baseline and the playground's code panel all
show this code.
"""

from . import mlp, vector
from .gophernet import ARTICLE_001, ARTICLE_002, NeuralNet, NeuralNetConfig
from .perceptron import TOY_INPUT, TOY_OUTPUT, Perceptron

__all__ = ["Perceptron", "TOY_INPUT", "TOY_OUTPUT", "NeuralNet", "NeuralNetConfig", "ARTICLE_001",
           "ARTICLE_002", "mlp", "vector"]
