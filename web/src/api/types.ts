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
  /** The models of the last refresh (empty before the first). */
  models: ModelState[];
  /** Set when the last refresh chose another purchase model than the refresh before it. */
  modelChange: { from: string; to: string } | null;
}

/** ok; degenerate: predictions come from a stated fallback, flagged; failed: predictions are null. */
export type FitStatus = 'ok' | 'degenerate' | 'failed';

/** A model of the last refresh: its status and, when not ok, why and what stands in. */
export interface ModelState {
  role: 'purchase' | 'spend';
  model: string;
  status: FitStatus;
  reason: string | null;
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
  /** What predicted CLV (and CLV:CAC, which uses it when a model is fitted) rests on. */
  predictions: PredictionState;
}

/** The worst state of the last refresh's models; `none` before any refresh with models. */
export interface PredictionState {
  status: FitStatus | 'none';
  reason: string | null;
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
  /** A fit that produced estimates is ok or degenerate (then `reasons` says why). */
  status: 'ok' | 'degenerate';
  reasons: string[];
  warnings: string[];
}

/** Mean repeat purchases per customer in a holdout, per calibration frequency ("0" … "7+"). */
export interface HoldoutGroup {
  frequency: string;
  customers: number;
  predicted: number;
  actual: number;
}

/** One candidate of `auto`: fitted on the calibration period, scored on the holdout. */
export interface CandidateScore {
  model: string;
  status: FitStatus;
  reason: string | null;
  predictedTotal: number | null;
  actualTotal: number;
  totalError: number | null;
  /** Mean over customers of |predicted − actual| repeat purchases: what `auto` ranks by. */
  meanAbsoluteError: number | null;
  groups: HoldoutGroup[];
}

/** How `model.purchaseModel: "auto"` chose the purchase model. */
export interface ModelSelection {
  /** `holdout` when the candidates were compared; `fallback` when they could not be. */
  method: 'holdout' | 'fallback';
  holdoutFrom: string | null;
  calibrationEnd: string | null;
  holdoutEnd: string | null;
  holdoutDays: number | null;
  candidates: CandidateScore[];
  chosen: string;
  /** "MBG/NBD predicted the holdout best: …", for people. */
  because: string;
}

export interface ModelReport {
  model: string;
  timeUnit: string;
  horizonMonths: number;
  monthlyDiscountRate: number;
  margin: number;
  dataEnd: string | null;
  /** Whether the fits shown are the ones behind the stored predictions. */
  stored: boolean;
  purchase: ModelFit | null;
  spend: ModelFit | null;
  /** Each model's status, purchase first; a failed model has no fit above. */
  states: ModelState[];
  /** How `auto` chose the purchase model; null for a model set in the config. */
  selection: ModelSelection | null;
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
  /** The purchase model fitted on the calibration period. */
  fit?: ModelFit;
  groups: HoldoutGroup[];
  total: { customers: number; predicted: number; actual: number };
  // Reports stored before predictive intervals existed lack these two.
  meanAbsoluteError?: number | null;
  value?: HoldoutValueCheck;
  correlation: number | null;
}

/** Predicted against actual mean holdout value per customer, in one tenth of the customers. */
export interface ValueDecile {
  /** 1 holds the customers of highest predicted value. */
  decile: number;
  customers: number;
  predicted: number;
  actual: number;
}

/** How the calibration fits' money forecasts fared on the holdout. */
export interface HoldoutValueCheck {
  /** The spend model fitted on the calibration period. */
  spend: ModelState;
  /** Customers whose actual holdout spend lies inside their 90 % predictive interval. */
  coverage: { customers: number; inside: number; share: number } | null;
  /** Empty without a spend model. */
  deciles: ValueDecile[];
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
  /** Why the prediction is null or rests on a fallback; null when the models were ok. */
  predictionReason: string | null;
  churnRisk?: number | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A page of a list ranked on predictions (top by predicted CLV, at risk). */
export interface RankedPage<T> extends Page<T> {
  /** Why nobody is listed: a model the ranking needs failed at the last refresh; else null. */
  note: string | null;
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
    /** Null when the customer never answered. */
    since: string | null;
    action: string | null;
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
    /** The 90 % interval of the expected value predictedClv (parameter uncertainty only). */
    predictedClvLow: number | null;
    predictedClvHigh: number | null;
    /** The 90 % predictive interval of the spend over the horizon (undiscounted, before margin). */
    spendLow: number | null;
    spendHigh: number | null;
    /** The day by which a purchase is more likely than not; null when not within the horizon. */
    nextPurchaseDate: string | null;
    status: FitStatus;
    /** Why values are null or rest on a fallback; null when ok. */
    reason: string | null;
  } | null;
  timeline: Page<TimelineEvent>;
}

export interface RefreshResult {
  refreshId: number;
}
