"""The list-of-floats helpers of nnscratch.vector."""

import pytest

from nnscratch.vector import (
    dot,
    mat_mul,
    mat_vec,
    mul_elem,
    outer,
    scalar_mul,
    sum_along_axis,
    transpose,
    vec_add,
    vec_sub,
)


class TestVectorHelpers:
    def test_dot(self):
        """dot is the sum of products, as article 003's dotProduct."""
        assert dot([1.0, 2.0, 3.0], [4.0, -5.0, 6.0]) == 1 * 4 - 2 * 5 + 3 * 6

    def test_dot_of_empty_vectors_is_zero(self):
        """The dot product of two empty vectors is 0.0, a float."""
        assert dot([], []) == 0.0 and isinstance(dot([], []), float)

    def test_vec_add_and_sub(self):
        """vec_add and vec_sub work element by element."""
        assert vec_add([1.0, 2.0], [3.0, 5.0]) == [4.0, 7.0]
        assert vec_sub([1.0, 2.0], [3.0, 5.0]) == [-2.0, -3.0]

    def test_scalar_mul(self):
        """scalar_mul scales every entry (article 003's scalarMatMul)."""
        assert scalar_mul(-2.0, [1.0, 0.5, 0.0]) == [-2.0, -1.0, -0.0]

    def test_mul_elem(self):
        """mul_elem is the Hadamard product."""
        assert mul_elem([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]) == [4.0, 10.0, 18.0]

    def test_helpers_return_new_lists(self):
        """No helper modifies its arguments."""
        a, b = [1.0, 2.0], [3.0, 4.0]
        vec_add(a, b), vec_sub(a, b), mul_elem(a, b), scalar_mul(2.0, a)
        assert a == [1.0, 2.0] and b == [3.0, 4.0]

    @pytest.mark.parametrize("helper", [dot, vec_add, vec_sub, mul_elem])
    def test_length_mismatch_names_both_lengths(self, helper):
        """Vectors of different lengths raise ValueError naming both lengths."""
        with pytest.raises(ValueError, match=r"^%s: lengths differ, 3 and 2$" % helper.__name__):
            helper([1.0, 2.0, 3.0], [1.0, 2.0])


class TestMatrixHelpers:
    A = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]  # 2 x 3

    def test_transpose(self):
        """transpose swaps rows and columns."""
        assert transpose(self.A) == [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]
        assert transpose(transpose(self.A)) == self.A

    def test_mat_vec(self):
        """mat_vec has one entry per row: dot(row, v)."""
        assert mat_vec(self.A, [1.0, 0.0, -1.0]) == [-2.0, -2.0]

    def test_mat_mul_matches_mat_vec_per_column(self):
        """Column j of a . b is a . (column j of b)."""
        b = [[1.0, 2.0], [0.0, 1.0], [-1.0, 0.5]]  # 3 x 2
        product = mat_mul(self.A, b)
        assert product == [[-2.0, 5.5], [-2.0, 16.0]]
        for j, column in enumerate(transpose(b)):
            assert [row[j] for row in product] == mat_vec(self.A, column)

    def test_outer(self):
        """outer(u, v)[i][j] = u[i] * v[j]."""
        assert outer([1.0, -1.0], [2.0, 3.0, 4.0]) == [[2.0, 3.0, 4.0], [-2.0, -3.0, -4.0]]

    def test_sum_along_axis(self):
        """Axis 0 sums columns, axis 1 sums rows, as article 001's sumAlongAxis."""
        assert sum_along_axis(0, self.A) == [5.0, 7.0, 9.0]
        assert sum_along_axis(1, self.A) == [6.0, 15.0]

    def test_sum_along_axis_rejects_other_axes(self):
        """Any axis but 0 or 1 is an error, as in the Go code."""
        with pytest.raises(ValueError, match="invalid axis 2, must be 0 or 1"):
            sum_along_axis(2, self.A)

    def test_mat_vec_length_mismatch(self):
        """A vector whose length is not the matrix width is refused, naming both."""
        with pytest.raises(ValueError, match="rows of 3 and a vector of 2"):
            mat_vec(self.A, [1.0, 2.0])

    def test_mat_mul_inner_dimension_mismatch(self):
        """a . b needs a's width to equal b's height."""
        with pytest.raises(ValueError, match="rows of a have 3 and b has 2 rows"):
            mat_mul(self.A, [[1.0], [2.0]])

    @pytest.mark.parametrize("helper", [transpose, lambda m: mat_vec(m, [1.0, 2.0, 3.0]),
                                        lambda m: sum_along_axis(0, m)])
    def test_ragged_matrix_is_refused(self, helper):
        """A matrix whose rows differ in length raises ValueError naming the row."""
        with pytest.raises(ValueError, match="row 1 has length 2, row 0 has length 3"):
            helper([[1.0, 2.0, 3.0], [4.0, 5.0]])
