// Okabe & Ito's colour-blind-safe palette: distinguishable with every common colour deficiency.
export const PALETTE = [
  '#0072B2', // blue: this period
  '#E69F00', // orange: the comparison
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#F0E442', // yellow
  '#000000',
] as const;

export const CURRENT = PALETTE[0];
export const COMPARISON = PALETTE[1];
/** Good and bad changes: blue and vermillion read apart for red-green colour blindness too. */
export const GOOD = '#0072B2';
export const BAD = '#D55E00';
export const TEXT = '#1f2933';
export const MUTED = '#52606d';
export const GRID_LINE = '#e4e7eb';
/** A sequential scale for heatmaps, light to dark blue (colour-blind safe). */
export const SEQUENTIAL = ['#f7fbff', '#c6dbef', '#6baed6', '#2171b5', '#08306b'];
