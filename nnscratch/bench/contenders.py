"""nnscratch's contenders: the engine's ``Network`` on a workload, its default kernels or a form by name."""

from ..engine.kernels import FORMS


def nnscratch_train(workload, form=None):
    """(setup, run) training a fresh network; ``form`` names another set of kernels in ``FORMS``."""

    def setup():
        x, y = workload.data()
        net = workload.network()
        if form:
            net.kernels = FORMS[form]
        return net, x, y

    def run(state):
        net, x, y = state
        net.train(x, y, **workload.train_kwargs())

    return setup, run


def nnscratch_predict(workload):
    """(setup, run) predicting every row of the workload with a fresh network."""

    def setup():
        x, _ = workload.data()
        return workload.network(), x

    return setup, (lambda state: state[0].predict(state[1]))
