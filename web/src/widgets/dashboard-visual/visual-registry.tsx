// Every visual type a dashboard widget can take: its name for people and its component.
import type { ComponentType } from 'react';
import type { VisualType } from '../../dashboards/dashboard-types';
import { ChartVisual } from './ChartVisual';
import { KpiVisual } from './KpiVisual';
import { TableVisual } from './TableVisual';
import type { VisualProps } from './visual-props';

export interface VisualEntry {
  label: string;
  component: ComponentType<VisualProps>;
  /** Which parts of the encoding it reads. */
  uses: { x: boolean; series: boolean; manyY: boolean };
  /** The size a new widget of this type starts at, in grid units. */
  size: { w: number; h: number };
}

const BarVisual = (props: VisualProps) => <ChartVisual {...props} type="bar" />;
const StackedBarVisual = (props: VisualProps) => <ChartVisual {...props} type="stacked-bar" />;
const LineVisual = (props: VisualProps) => <ChartVisual {...props} type="line" />;
const AreaVisual = (props: VisualProps) => <ChartVisual {...props} type="area" />;
const PieVisual = (props: VisualProps) => <ChartVisual {...props} type="pie" />;
const HeatmapVisual = (props: VisualProps) => <ChartVisual {...props} type="heatmap" />;

const CHART = { w: 6, h: 8 };

export const VISUALS: Record<VisualType, VisualEntry> = {
  kpi: {
    label: 'KPI card',
    component: KpiVisual,
    uses: { x: false, series: false, manyY: false },
    size: { w: 3, h: 4 },
  },
  bar: {
    label: 'Bar',
    component: BarVisual,
    uses: { x: true, series: true, manyY: true },
    size: CHART,
  },
  'stacked-bar': {
    label: 'Stacked bar',
    component: StackedBarVisual,
    uses: { x: true, series: true, manyY: true },
    size: CHART,
  },
  line: {
    label: 'Line',
    component: LineVisual,
    uses: { x: true, series: true, manyY: true },
    size: CHART,
  },
  area: {
    label: 'Area',
    component: AreaVisual,
    uses: { x: true, series: true, manyY: true },
    size: CHART,
  },
  pie: {
    label: 'Pie',
    component: PieVisual,
    uses: { x: true, series: false, manyY: false },
    size: { w: 4, h: 8 },
  },
  table: {
    label: 'Table',
    component: TableVisual,
    uses: { x: true, series: true, manyY: true },
    size: CHART,
  },
  heatmap: {
    label: 'Heatmap',
    component: HeatmapVisual,
    uses: { x: true, series: true, manyY: false },
    size: { w: 12, h: 10 },
  },
};
