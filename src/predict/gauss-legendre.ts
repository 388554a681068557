/** Nodes and weights of the n-point Gauss–Legendre rule on [−1, 1]. */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

/**
 * The n-point Gauss–Legendre rule, exact for polynomials of degree 2n − 1: the nodes are the
 * roots of the Legendre polynomial P_n, found by Newton's method from Chebyshev-like guesses,
 * and the weights 2 / ((1 − x²) P_n'(x)²).
 */
export function gaussLegendre(n: number): QuadratureRule {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      // P_n(x) and P_n'(x) by the three-term recurrence.
      let previous = 1;
      let current = x;
      for (let k = 2; k <= n; k++) {
        const next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
        previous = current;
        current = next;
      }
      derivative = (n * (x * current - previous)) / (x * x - 1);
      const step = current / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * derivative * derivative);
  }
  return { nodes, weights };
}
