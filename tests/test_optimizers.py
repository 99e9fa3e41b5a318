"""One step of each optimizer, against values worked by hand."""

import pytest

from nnscratch.optimizers import OPTIMIZERS, SGD, Adam, Momentum


def test_table_names():
    """The table holds the three optimizers under the names train() accepts."""
    assert OPTIMIZERS == {"sgd": SGD, "momentum": Momentum, "adam": Adam}


class TestSGD:
    def test_one_step(self):
        """w = 1, g = 0.5, lr = 0.1: w - lr * g = 0.95."""
        w = [[1.0, -2.0]]
        SGD(0.1).step(w, [[0.5, -1.0]])
        assert w == [[pytest.approx(0.95), pytest.approx(-1.9)]]

    def test_scale_and_l2(self):
        """scale 0.5, l2 0.2: g' = 0.5 * 0.5 + 0.2 * 1 = 0.45, w = 1 - 0.1 * 0.45 = 0.955; the bias row is not decayed."""
        w = [[1.0], [1.0]]
        SGD(0.1).step(w, [[0.5], [0.5]], scale=0.5, l2=[0.2, 0.0])
        assert w[0][0] == pytest.approx(0.955, abs=1e-15)
        assert w[1][0] == pytest.approx(0.975, abs=1e-15)

    def test_rows_are_updated_in_place(self):
        """The optimizer changes the caller's row lists, not copies of them."""
        row = [1.0]
        SGD(1.0).step([row], [[1.0]])
        assert row == [0.0]


class TestMomentum:
    def test_two_steps(self):
        """lr 0.1, mu 0.9, g = 1 twice: v1 = -0.1, w1 = 0.9; v2 = 0.9 * -0.1 - 0.1 = -0.19, w2 = 0.71."""
        w = [[1.0]]
        opt = Momentum(0.1, momentum=0.9)
        opt.step(w, [[1.0]])
        assert w[0][0] == pytest.approx(0.9, abs=1e-15)
        opt.step(w, [[1.0]])
        assert w[0][0] == pytest.approx(0.71, abs=1e-15)
        assert opt.velocity == [[pytest.approx(-0.19, abs=1e-15)]]

    def test_l2(self):
        """l2 adds lr * l2 * w to the velocity's pull: v = -(0.1 * 1 + 0.1 * 0.5 * 2) = -0.2."""
        w = [[2.0]]
        Momentum(0.1).step(w, [[1.0]], l2=[0.5])
        assert w[0][0] == pytest.approx(1.8, abs=1e-15)


class TestAdam:
    def test_two_steps(self):
        """lr 0.1, b1 0.9, b2 0.999, eps 1e-8; g = 2, then g = -1.

        Step 1: m = 0.1 * 2 = 0.2, v = 0.001 * 4 = 0.004
                m_hat = 0.2 / 0.1 = 2, v_hat = 0.004 / 0.001 = 4
                w = 1 - 0.1 * 2 / (2 + 1e-8) = 0.9 + 5e-10
        Step 2: m = 0.9 * 0.2 + 0.1 * -1 = 0.08, v = 0.999 * 0.004 + 0.001 * 1 = 0.004996
                m_hat = 0.08 / 0.19 = 0.42105263, v_hat = 0.004996 / 0.001999 = 2.49924962
                w = w1 - 0.1 * 0.42105263 / (1.58090152 + 1e-8) = w1 - 0.02663370
        """
        w = [[1.0]]
        opt = Adam(0.1)
        opt.step(w, [[2.0]])
        assert w[0][0] == pytest.approx(0.9 + 0.1 * 1e-8 / (2 + 1e-8), abs=1e-14)
        w1 = w[0][0]
        opt.step(w, [[-1.0]])
        m_hat = 0.08 / 0.19
        v_hat = 0.004996 / (1 - 0.999 ** 2)
        assert w[0][0] == pytest.approx(w1 - 0.1 * m_hat / (v_hat ** 0.5 + 1e-8), abs=1e-12)
        assert w[0][0] == pytest.approx(w1 - 0.02663370, abs=1e-8)
        assert opt.t == 2

    def test_scale_and_l2_enter_the_gradient(self):
        """Adam sees g' = scale * g + l2 * w: with g' = 0 the weight does not move."""
        w = [[2.0]]
        Adam(0.1).step(w, [[-1.0]], scale=0.5, l2=[0.25])  # 0.5 * -1 + 0.25 * 2 = 0
        assert w == [[2.0]]
