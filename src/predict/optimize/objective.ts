/**
 * A function to minimise. It returns f(x) and, when `gradient` is given, writes ∇f(x) into it.
 * A value of Infinity or NaN means "outside the domain": the optimizer steps back.
 */
export type Objective = (x: Float64Array, gradient: Float64Array | null) => number;

/** Central-difference gradient for objectives whose derivatives have no closed form. */
export function withNumericGradient(value: (x: Float64Array) => number): Objective {
  return (x, gradient) => {
    const fx = value(x);
    if (gradient) {
      const probe = Float64Array.from(x);
      for (let i = 0; i < x.length; i++) {
        const xi = x[i] ?? 0;
        const h = 1e-6 * Math.max(1, Math.abs(xi));
        probe[i] = xi + h;
        const up = value(probe);
        probe[i] = xi - h;
        const down = value(probe);
        probe[i] = xi;
        gradient[i] = (up - down) / (2 * h);
      }
    }
    return fx;
  };
}
