/** Small dense matrices (a few parameters), as arrays of rows. */
export type Matrix = number[][];

/**
 * The inverse of a symmetric positive-definite matrix through its Cholesky factor, or null
 * when the matrix is not positive definite (a singular or indefinite information matrix).
 */
export function invertSymmetric(matrix: Matrix): Matrix | null {
  const n = matrix.length;
  const lower: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = at(matrix, i, j);
      for (let k = 0; k < j; k++) sum -= at(lower, i, k) * at(lower, j, k);
      if (i === j) {
        if (!(sum > 0) || !Number.isFinite(sum)) return null;
        set(lower, i, i, Math.sqrt(sum));
      } else {
        set(lower, i, j, sum / at(lower, j, j));
      }
    }
  }
  // inverse = L⁻ᵀ L⁻¹, column by column from unit vectors.
  const inverse: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let column = 0; column < n; column++) {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let sum = i === column ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= at(lower, i, k) * (y[k] ?? 0);
      y[i] = sum / at(lower, i, i);
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = y[i] ?? 0;
      for (let k = i + 1; k < n; k++) sum -= at(lower, k, i) * at(inverse, k, column);
      set(inverse, i, column, sum / at(lower, i, i));
    }
  }
  return inverse;
}

/** xᵀ M x. */
export function quadraticForm(matrix: Matrix, x: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < matrix.length; i++) {
    for (let j = 0; j < matrix.length; j++) total += (x[i] ?? 0) * at(matrix, i, j) * (x[j] ?? 0);
  }
  return total;
}

export function at(matrix: Matrix, i: number, j: number): number {
  return matrix[i]?.[j] ?? 0;
}

function set(matrix: Matrix, i: number, j: number, value: number): void {
  const row = matrix[i];
  if (row) row[j] = value;
}
