// Test helpers: the parts of a bar chart's options the tests look at, typed.
export interface Bars {
  name: string;
  data: (number | null)[];
  markLine?: { data: { yAxis: number }[] };
}

/** The option's series as bar series. */
export const seriesOf = (option: { series?: unknown }) => option.series as Bars[];

/** The tooltip's value formatter. */
export const tooltipOf = (option: { tooltip?: unknown }) =>
  (option.tooltip as { valueFormatter: (v: unknown) => string }).valueFormatter;
