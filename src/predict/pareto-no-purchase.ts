import { gaussLegendre } from './gauss-legendre.js';
import type { ParetoPosterior } from './pareto-nbd-counts.js';

const RULE = gaussLegendre(16);
// Panels this wide in y = ln(1 + u/c) (below) hold 16 nodes' worth of any power of 1 + u/scale.
const PANEL = 0.5;
const MAX_PANELS = 80;
// Past this, e^(−45), neither the customer's survival nor their silence is left to integrate.
const GONE = 45;

/**
 * P(no purchase in the next t | alive now) under Pareto/NBD: with λ ~ Gamma(shape, rate)
 * integrated out, silence up to u has probability g(u) = (rate/(rate + u))^shape, and the
 * remaining lifetime τ is Pareto II with survival S(u) = (β/(β + u))^s, so
 *   P0(t) = S(t) g(t) + ∫₀ᵗ g(u) f_τ(u) du.
 * Both factors are powers of 1 + u/scale; in y = ln(1 + u/c), c the smaller of their scales,
 * they become smooth exponentials, which composite Gauss–Legendre integrates to ~1e-12 (the
 * tests hold it to `paretoCountPmf`'s first term). Far cheaper than the whole pmf, which is
 * what the next-purchase date needs at many t.
 */
export function paretoNoPurchase(posterior: ParetoPosterior, t: number): number {
  const { shape, rate, s, beta } = posterior;
  if (!(t > 0)) return 1;
  const logSilence = (u: number) => -shape * Math.log1p(u / rate);
  const logSurvival = (u: number) => -s * Math.log1p(u / beta);
  const c = Math.min(rate / Math.max(1, shape), beta / Math.max(1, s));
  // Beyond the u where silence or survival is below e^−GONE the integrand is negligible.
  const end = Math.min(t, rate * Math.expm1(GONE / shape), beta * Math.expm1(GONE / s));
  const top = Math.log1p(end / c);
  const panels = Math.min(MAX_PANELS, Math.max(1, Math.ceil(top / PANEL)));
  const half = top / panels / 2;
  let integral = 0;
  for (let panel = 0; panel < panels; panel++) {
    const middle = (2 * panel + 1) * half;
    for (let i = 0; i < RULE.nodes.length; i++) {
      const y = middle + half * (RULE.nodes[i] ?? 0);
      const u = c * Math.expm1(y);
      // f_τ(u) du = s/(β + u) S(u) du, and du = (c + u) dy.
      const density = (s / (beta + u)) * Math.exp(logSurvival(u) + logSilence(u)) * (c + u);
      integral += (RULE.weights[i] ?? 0) * half * density;
    }
  }
  return Math.exp(logSurvival(t) + logSilence(t)) + integral;
}
