"""The fast engine: ``Network`` of any depth, trained over batches in column layout.

    network.py    Network: construction, inference, the model protocol
    layer.py      Layer: weights, biases, an activation by name
    training.py   the training loop, early stopping, divergence, its checks
    backprop.py   one batch forward and backward
    kernels.py    the multiply-add kernels, one set per dot-product form
    parallel.py   worker processes for ``workers=N``

It computes what the reading path (``nnscratch.reading``) computes, faster;
a test proves they agree. It knows nothing of files: saving goes through
``nnscratch.files``.
"""

from .network import Layer, Network
from .training import History

__all__ = ["Network", "Layer", "History"]
