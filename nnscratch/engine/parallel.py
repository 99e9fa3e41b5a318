"""Gradient work over processes: the articles' goroutines, done right.

Article 000 trains with one goroutine per sample, each writing the same
weights at once: a data race, and in Python threads would not run the
arithmetic in parallel anyway. Here each batch is split into contiguous
slices; the main process computes the first slice and N - 1 worker processes
the others, each from the same weights. The main process then adds the
slices' gradients in slice order and applies one update. The order is fixed,
so the result does not depend on which worker finishes first, and differs
from a single process only by float rounding.

Processes start once per ``WorkerPool`` (once per ``train`` or ``predict``
call) and get, for each batch, the weights and their slice of rows as packed
float64 bytes (``array``), which is far cheaper to send than pickled lists.

This module knows nothing of networks. It moves rows of floats and calls
plain callables: the caller passes ``build``, a picklable function that each
worker calls once to get its ``WorkerFunctions``, and, for each batch, the
parameter rows and its own gradient or forward function for the first slice.
Python without processes (Pyodide in a browser) can still import it; only
starting workers needs ``multiprocessing``.
"""

from array import array
from collections import namedtuple
from itertools import chain
from operator import add

from ..errors import TrainingError

__all__ = ["WorkerPool", "WorkerFunctions", "split_evenly", "flatten", "unflatten"]


def split_evenly(n, parts):
    """Return ``parts`` (start, stop) ranges that cover range(n) in order, as even as can be.

    >>> split_evenly(10, 3)
    [(0, 4), (4, 7), (7, 10)]
    """
    size, extra = divmod(n, parts)
    bounds, start = [], 0
    for k in range(parts):
        stop = start + size + (1 if k < extra else 0)
        bounds.append((start, stop))
        start = stop
    return bounds


def flatten(rows):
    """Pack a list of rows of floats into float64 bytes."""
    return array("d", chain.from_iterable(rows)).tobytes()


def unflatten(data, lengths):
    """Unpack float64 bytes into rows of the given lengths.

    >>> unflatten(flatten([[1.0, 2.0], [3.0]]), [2, 1])
    [[1.0, 2.0], [3.0]]
    """
    values = array("d")
    values.frombytes(data)
    values = values.tolist()
    rows, start = [], 0
    for n in lengths:
        rows.append(values[start:start + n])
        start += n
    return rows


#: What a worker computes with, built once in each worker process by ``build()``.
#:   load(rows)                             take these parameter rows (lists of floats)
#:   gradients(inputs, targets, classes)    -> (loss, hits, gradient rows), for a batch in column layout
#:   forward(inputs)                        -> the output columns of a batch in column layout
#:   lengths                                the length of each parameter row
WorkerFunctions = namedtuple("WorkerFunctions", "load gradients forward lengths")


def _worker(connection, build):
    """A worker process: build its functions, then answer requests until told to stop."""
    functions = build()
    while True:
        request = connection.recv()
        if request is None:
            break
        try:
            kind, parameters, inputs, widths, extra = request
            functions.load(unflatten(parameters, functions.lengths))
            columns = unflatten(inputs, widths)
            if kind == "gradients":
                targets, n_targets, classes = extra
                loss, hits, grads = functions.gradients(
                    columns, unflatten(targets, [len(classes)] * n_targets), classes
                )
                connection.send(("ok", (loss, hits, flatten(grads))))
            else:  # "forward"
                connection.send(("ok", flatten(functions.forward(columns))))
        except Exception as e:  # report it to the main process rather than die silently
            connection.send(("error", "%s: %s" % (type(e).__name__, e)))


class WorkerPool:
    """N - 1 worker processes plus the calling process, for one train or predict call.

    Use as a context manager, so the workers always stop:

        with WorkerPool(3, build) as pool:
            loss, hits, grads = pool.gradients(rows, gradients, x_columns, y_columns, classes)

    ``build`` must be picklable (a module-level function, or a ``partial`` of
    one): each worker calls it once and gets its ``WorkerFunctions``.
    """

    def __init__(self, workers, build):
        try:
            import multiprocessing
        except ImportError:  # pragma: no cover - e.g. Pyodide
            raise TrainingError("workers > 1 needs processes, and this Python cannot start them") from None
        self.workers = workers
        self._connections, self._processes = [], []
        context = multiprocessing.get_context()
        try:
            for _ in range(workers - 1):
                ours, theirs = context.Pipe()
                process = context.Process(target=_worker, args=(theirs, build), daemon=True)
                process.start()
                theirs.close()
                self._connections.append(ours)
                self._processes.append(process)
        except Exception:
            self.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Tell every worker to stop, and wait for it."""
        for connection in self._connections:
            try:
                connection.send(None)
                connection.close()
            except (OSError, ValueError):
                pass
        for process in self._processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
        self._connections, self._processes = [], []

    @staticmethod
    def _send(connection, message):
        try:
            connection.send(message)
        except (OSError, ValueError) as e:
            raise TrainingError("a worker process stopped unexpectedly (%s)" % e) from None

    def _receive(self, connection):
        try:
            status, payload = connection.recv()
        except (EOFError, OSError) as e:
            raise TrainingError("a worker process stopped unexpectedly (%s)" % e) from None
        if status != "ok":
            raise TrainingError("a worker process failed: %s" % payload)
        return payload

    def gradients(self, parameters, gradients, inputs, targets, classes):
        """Backpropagate a batch (column layout) over the processes; return (loss, hits, gradient rows).

        ``parameters`` are the current parameter rows, ``gradients`` this
        process's own gradient function (as ``WorkerFunctions.gradients``).
        The gradients of the slices are added in slice order.
        """
        slices = split_evenly(len(classes), self.workers)
        helpers = [(c, s) for c, s in zip(self._connections, slices[1:]) if s[1] > s[0]]
        packed = flatten(parameters)
        for connection, (start, stop) in helpers:
            self._send(connection, (
                "gradients", packed,
                flatten(column[start:stop] for column in inputs), [stop - start] * len(inputs),
                (flatten(column[start:stop] for column in targets), len(targets), classes[start:stop]),
            ))
        start, stop = slices[0]
        loss, hits, grads = gradients(
            [column[start:stop] for column in inputs], [column[start:stop] for column in targets],
            classes[start:stop],
        )
        lengths = [len(row) for row in grads]
        total = list(chain.from_iterable(grads))
        for connection, _ in helpers:  # in slice order, whoever finishes first
            their_loss, their_hits, their_grads = self._receive(connection)
            loss += their_loss
            hits += their_hits
            values = array("d")
            values.frombytes(their_grads)
            total = list(map(add, total, values))
        rows, position = [], 0
        for n in lengths:
            rows.append(total[position:position + n])
            position += n
        return loss, hits, rows

    def forward(self, parameters, forward, inputs):
        """Run the forward pass of a batch (column layout) over the processes; return the output columns.

        ``forward`` is this process's own forward function (as ``WorkerFunctions.forward``).
        """
        slices = split_evenly(len(inputs[0]), self.workers)
        helpers = [(c, s) for c, s in zip(self._connections, slices[1:]) if s[1] > s[0]]
        packed = flatten(parameters)
        for connection, (start, stop) in helpers:
            self._send(connection, ("forward", packed, flatten(column[start:stop] for column in inputs),
                                    [stop - start] * len(inputs), None))
        start, stop = slices[0]
        outputs = forward([column[start:stop] for column in inputs])
        for connection, (start, stop) in helpers:
            theirs = unflatten(self._receive(connection), [stop - start] * len(outputs))
            outputs = [ours + more for ours, more in zip(outputs, theirs)]
        return outputs
