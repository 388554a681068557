// The shapes of the API's answers that the dashboard reads, named. They are generated from
// the server's OpenAPI document (`npm run api-types`, run by build and typecheck): a change of
// an answer that the dashboard does not follow fails the typecheck.
import type { paths } from './generated/api-schema';

/** The JSON of a route's success answer. */
export type Answer<
  P extends keyof paths,
  M extends 'get' | 'post' | 'delete' = 'get',
> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer T } } }
    ? T
    : R extends { 201: { content: { 'application/json': infer T } } }
      ? T
      : never
  : never;

export type Status = Answer<'/api/v1/status'>;
export type Role = Status['role'];
/** A model of the last refresh: its status and, when not ok, why and what stands in. */
export type ModelState = Status['models'][number];
/** ok; degenerate: predictions come from a stated fallback, flagged; failed: predictions are null. */
export type FitStatus = ModelState['status'];

export type MetricsReport = Answer<'/api/v1/metrics'>;
export type Period = MetricsReport['period'];
export type KpiReport = MetricsReport['kpis'];
export type KpiKey = keyof KpiReport;
export type Kpi = KpiReport[KpiKey];
export type SeriesPoint = NonNullable<Kpi['series']>[number];
/** The worst state of the last refresh's models; `none` before any refresh with models. */
export type PredictionState = MetricsReport['predictions'];

/** Every KPI key, in the order the server lists them; the check below holds it to the document. */
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
] as const satisfies readonly KpiKey[];

// A key the server adds (or renames) and this list lacks fails the typecheck here.
const everyKpiKeyListed: Exclude<KpiKey, (typeof KPI_KEYS)[number]> extends never ? true : never =
  true;
void everyKpiKeyListed;

export type SegmentGroups = Answer<'/api/v1/metrics/segments'>;
export type AttributeValues = Answer<'/api/v1/metrics/attributes'>;
export type OrderOutcomes = Answer<'/api/v1/metrics/order-outcomes'>;
export type CohortsReport = Answer<'/api/v1/metrics/cohorts'>;
export type DecilesReport = Answer<'/api/v1/metrics/deciles'>;
export type RfmReport = Answer<'/api/v1/metrics/rfm'>;
export type ChannelsReport = Answer<'/api/v1/metrics/channels'>;
export type NpsReport = Answer<'/api/v1/metrics/nps'>;

export type ModelReport = Answer<'/api/v1/model'>;
export type ModelFit = NonNullable<ModelReport['purchase']>;
/** How `model.purchaseModel: "auto"` chose the purchase model. */
export type ModelSelection = NonNullable<ModelReport['selection']>;
/** One candidate of `auto`: fitted on the calibration period, scored on the holdout. */
export type CandidateScore = ModelSelection['candidates'][number];
/** The latest stored holdout check (older ones lack `fit`, `meanAbsoluteError` and `value`). */
export type HoldoutReport = NonNullable<Answer<'/api/v1/model/holdout'>>;
/** Mean repeat purchases per customer in a holdout, per calibration frequency ("0" … "7+"). */
export type HoldoutGroup = HoldoutReport['groups'][number];
/** How the calibration fits' money forecasts fared on the holdout. */
export type HoldoutValueCheck = NonNullable<HoldoutReport['value']>;
/** Predicted against actual mean holdout value per customer, in one tenth of the customers. */
export type ValueDecile = HoldoutValueCheck['deciles'][number];
export type PredictionDistributions = Answer<'/api/v1/model/distributions'>;
export type Bin = PredictionDistributions['pAlive'][number];

export type CustomerPage = Answer<'/api/v1/customers'>;
/** A page of a list: `limit` items from `offset` of `total`. */
export type Page<T> = Omit<CustomerPage, 'items'> & { items: T[] };
/** A page of a list ranked on predictions (top by predicted CLV). */
export type RankedCustomerPage = Answer<'/api/v1/customers/top'>;
export type AtRiskPage = Answer<'/api/v1/customers/at-risk'>;
/** One customer in a list; `churnRisk` only in the at-risk list. */
export type CustomerSummary = CustomerPage['items'][number] & { churnRisk?: number };
export type CustomerProfile = Answer<'/api/v1/customers/{id}'>;
export type TimelineEvent = CustomerProfile['timeline']['items'][number];

/** The summary of the refresh asked for; null when a scheduled one it joined found nothing new. */
export type RefreshResult = Answer<'/api/v1/refresh', 'post'>;
export type HoldoutCheck = Answer<'/api/v1/model/holdout', 'post'>;

/** The campaigns first sent in a period, newest first, and the winback audiences' report. */
export type CampaignList = Answer<'/api/v1/campaigns'>;
/** A row of the campaigns table: funnel, rates, attributed revenue and lift. */
export type CampaignSummary = CampaignList['campaigns'][number];
export type CampaignAudience = CampaignSummary['audiences'][number];
/** Treated vs control for one campaign × audience. */
export type Lift = CampaignSummary['lift'][number];
/** Why a campaign × audience has no lift, as a key and in words. */
export type LiftAbsent = CampaignSummary['liftAbsent'][number];
/** A difference with its 95 % interval (Newcombe for rates, Welch for revenue). */
export type Difference = Lift['conversion'];
export type WinbackReport = CampaignList['winback'][number];
export type WinbackWindow = WinbackReport['windows'][number];
export type CampaignReport = Answer<'/api/v1/campaigns/{id}'>;
export type CampaignFunnelRow = CampaignReport['funnel'][number];
export type CampaignDay = CampaignReport['daily'][number];
export type ClvMovementRow = CampaignReport['clvMovement'][number];
export type AttributionWindows = CampaignList['attribution'];
