/**
 * How an optimizer coordinate θ maps to a model parameter. Optimizing on θ keeps parameters
 * in their domain without constraints: positive ones are exp(θ), Gamma-Gamma's q is 1 + exp(θ)
 * so that expected spend stays positive.
 */
export interface ParameterSpec {
  name: string;
  toNatural(theta: number): number;
  toTheta(value: number): number;
  /** d natural / d θ, for standard errors by the delta method. */
  derivative(theta: number): number;
}

/** A parameter that must be positive. */
export function positive(name: string): ParameterSpec {
  return { name, toNatural: Math.exp, toTheta: Math.log, derivative: Math.exp };
}

/** A parameter that must exceed one. */
export function aboveOne(name: string): ParameterSpec {
  return {
    name,
    toNatural: (theta) => 1 + Math.exp(theta),
    toTheta: (value) => Math.log(value - 1),
    derivative: Math.exp,
  };
}

/** Natural-scale parameters from optimizer coordinates. */
export function naturalValues(specs: readonly ParameterSpec[], theta: ArrayLike<number>): number[] {
  return specs.map((spec, i) => spec.toNatural(theta[i] ?? 0));
}

/** Optimizer coordinates from natural-scale parameters. */
export function thetaValues(
  specs: readonly ParameterSpec[],
  values: readonly number[],
): Float64Array {
  return Float64Array.from(specs, (spec, i) => spec.toTheta(values[i] ?? NaN));
}

/** True when every value is a positive finite number, as every model parameter must be. */
export function allPositiveFinite(values: readonly number[]): boolean {
  return values.every((value) => value > 0 && Number.isFinite(value));
}

/** A caller's starting point as a list of starts: itself when usable, else none. */
export function warmStart(start: readonly number[] | undefined): number[][] {
  return start && allPositiveFinite(start) ? [[...start]] : [];
}
