// The shapes of the API's answers that the dashboard reads (see /api/v1/openapi.json).

export type Role = 'ingest' | 'read' | 'admin';

export interface Status {
  open: boolean;
  role: Role;
  currency: string;
  segmentations: string[];
  refreshing: boolean;
  lastRefresh: { refreshId: number; startedAt: string; seconds: number; events: number } | null;
  eventsSinceRefresh: number;
  latestOrder: string | null;
  nextScheduledRefresh: string | null;
  /** The latest failed refresh, until a refresh succeeds after it. */
  lastFailedRefresh: { startedAt: string; message: string } | null;
}

export interface Period {
  from: string;
  to: string;
}

export const KPI_KEYS = [
  'revenue',
  'orders',
  'buyers',
  'apv',
  'purchaseFrequency',
  'cancelRate',
  'returnRate',
  'newBuyers',
  'returningBuyers',
  'retentionRate',
  'repeatRate',
  'churn',
  'arpu',
  'clvHistoric',
  'clvRolling',
  'clvSimple',
  'clvPredicted',
  'cac',
  'clvToCac',
] as const;

export type KpiKey = (typeof KPI_KEYS)[number];

export interface SeriesPoint {
  month: string;
  value: number | null;
  yearEarlier: number | null;
}

export interface Kpi {
  value: number | null;
  previous: number | null;
  change: number | null;
  series?: SeriesPoint[];
}

export type KpiReport = Record<KpiKey, Kpi>;

export interface MetricsReport {
  period: Period;
  previousPeriod: Period;
  currency: string;
  kpis: KpiReport;
  segments?: { segment: string; customers: number; kpis: KpiReport }[];
}

export interface SegmentGroups {
  segmentation: string;
  asOf: string;
  groups: { segment: string; customers: number }[];
}

export interface CohortsReport {
  asOf: string;
  cohorts: {
    cohort: string;
    customers: number;
    retention: number[];
    cumulativeRevenuePerCustomer: number[];
  }[];
}

export interface DecilesReport {
  asOf: string;
  by: 'revenue' | 'predicted';
  deciles: {
    decile: number;
    customers: number;
    revenue: number;
    share: number;
    mean: number;
    min: number;
    max: number;
  }[];
}

export interface ChannelsReport {
  period: Period;
  currency: string;
  channels: {
    channel: string;
    customers: number;
    newBuyers: number;
    buyers: number;
    revenue: number;
    spend: number | null;
    cac: number | null;
    clvHistoric: number | null;
    clvToCac: number | null;
    paybackMonths: number | null;
  }[];
}

export interface NpsReport {
  asOf: string;
  nps: number | null;
  respondents: number;
  groups: {
    group: string;
    customers: number;
    clvHistoric: number | null;
    apv: number | null;
    retentionRate: number | null;
  }[];
}

export interface ModelFit {
  model: string;
  parameterNames: string[];
  parameters: Record<string, number>;
  standardErrors: Record<string, number | null>;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  observations: number;
  warnings: string[];
}

export interface ModelReport {
  model: string;
  timeUnit: string;
  horizonMonths: number;
  monthlyDiscountRate: number;
  margin: number;
  dataEnd: string | null;
  purchase: ModelFit | null;
  spend: ModelFit | null;
  errors: string[];
  predictions: {
    customers: number;
    meanProbabilityAlive: number | null;
    meanExpectedPurchases: number | null;
    meanPredictedClv: number | null;
    totalPredictedClv: number | null;
  } | null;
}

export interface HoldoutReport {
  model: string;
  timeUnit: string;
  holdoutFrom: string;
  calibrationEnd: string;
  holdoutEnd: string;
  holdoutLength: number;
  groups: { frequency: string; customers: number; predicted: number; actual: number }[];
  total: { customers: number; predicted: number; actual: number };
  correlation: number | null;
}

export interface Bin {
  from: number;
  to: number;
  customers: number;
}

export interface PredictionDistributions {
  customers: number;
  pAlive: Bin[];
  predictedClv: Bin[];
  predictedClvAbove: number;
}

export interface CustomerSummary {
  customerId: string;
  attributes: Record<string, string | null>;
  firstOrder: string | null;
  lastOrder: string | null;
  orders: number;
  historicClv: number;
  predictedClv: number | null;
  pAlive: number | null;
  churnRisk?: number | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface TimelineEvent {
  eventId: string;
  ts: string;
  kind: string;
  type: string;
  orderId: string | null;
  amount: number | null;
  status: string | null;
  category: string | null;
  action: string | null;
  campaignId: string | null;
  channel: string | null;
  score: number | null;
  csat: number | null;
}

export interface CustomerProfile {
  customerId: string;
  currency: string;
  attributes: Record<string, string | null>;
  consents: {
    category: string;
    channel: string | null;
    granted: boolean;
    since: string;
    action: string;
  }[];
  historic: {
    orders: number;
    revenue: number;
    firstOrder: string | null;
    lastOrder: string | null;
    canceled: number;
    returned: number;
    other: number;
    apv: number | null;
  };
  prediction: {
    pAlive: number | null;
    churnRisk: number | null;
    expectedPurchases: number | null;
    expectedSpend: number | null;
    predictedClv: number | null;
    predictedClvLow: number | null;
    predictedClvHigh: number | null;
    nextPurchaseDate: string | null;
  } | null;
  timeline: Page<TimelineEvent>;
}

export interface RefreshResult {
  refreshId: number;
}
