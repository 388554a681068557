/**
 * The campaign response analysis as the service hands it to the API, the CLI and the
 * dashboard. Counts of customers are distinct customers; `…Events` count events. A campaign
 * event without an audience counts under the audience key `''` ("no audience").
 */

/** The attribution windows in force (config `campaign.attribution`). */
export interface AttributionWindows {
  clickDays: number;
  openDays: number;
}

/** One audience a campaign went to, as the answers name it. */
export interface CampaignAudience {
  /** The `audience_id` on the events; '' for events without one. */
  key: string;
  /** The saved audience's name; the key when no saved audience has it; "No audience" for ''. */
  name: string;
  /** Whether a saved (live or deleted) audience has this id. */
  known: boolean;
}

/** Distinct customers per canonical action. */
export interface ActionCustomers {
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  bounced: number;
}

/** The funnel's counts: distinct customers, and events, per action. */
export interface FunnelCounts extends ActionCustomers {
  sentEvents: number;
  deliveredEvents: number;
  openedEvents: number;
  clickedEvents: number;
  unsubscribedEvents: number;
  bouncedEvents: number;
  /** Customers with any event of the campaign (its recipients). */
  recipients: number;
}

/** The funnel's rates; null with a reason when the denominator is 0. */
export interface FunnelRates {
  /** delivered / sent */
  deliveryRate: number | null;
  /** opened / delivered (sent when nothing reports deliveries) */
  openRate: number | null;
  /** clicked / delivered (sent when nothing reports deliveries) */
  clickRate: number | null;
  /** clicked / opened */
  clickToOpenRate: number | null;
  /** unsubscribed / delivered (sent when nothing reports deliveries) */
  unsubscribeRate: number | null;
}

export interface Attributed {
  /** Successful orders attributed to the campaign (last touch). */
  attributedOrders: number;
  /** Their revenue in the base currency. */
  attributedRevenue: number;
  /** attributedRevenue / recipients; null without recipients. */
  revenuePerRecipient: number | null;
}

/** A difference between treated and control with its 95 % interval. */
export interface Difference {
  value: number;
  low: number;
  high: number;
  /** 'newcombe' (hybrid Wilson score, for rates) or 'welch' (Welch's t, for revenue). */
  method: 'newcombe' | 'welch';
  /** The interval leaves out 0. */
  significant: boolean;
}

export interface LiftGroup {
  customers: number;
  /** Customers with a successful order in the window after the send. */
  converters: number;
  conversionRate: number;
  /** Successful orders' revenue in the window. */
  revenue: number;
  revenuePerCustomer: number;
}

/** Treated vs control for one campaign × audience, over the attribution window after the send. */
export interface Lift {
  audience: CampaignAudience;
  activationId: string;
  /** The first send of the campaign to this audience (UTC, ISO 8601). */
  sendAt: string;
  /** max(clickDays, openDays): the window orders are counted in, from the send. */
  windowDays: number;
  treated: LiftGroup;
  control: LiftGroup;
  /** treated − control conversion rate. */
  conversion: Difference;
  /** treated − control revenue per customer. */
  revenuePerCustomer: Difference;
}

/** Why a campaign × audience has no lift: no activation, or an activation without control. */
export interface LiftAbsent {
  audience: CampaignAudience;
  reason:
    'no-audience' | 'no-activation' | 'no-control-group' | 'too-few-customers' | 'window-open';
  /** The same in words, for people. */
  message: string;
}

/** A row of the campaigns table. */
export interface CampaignSummary extends FunnelCounts, FunnelRates, Attributed {
  id: string;
  /** The first `sent` event (the first event of any action when none is `sent`). */
  firstSendAt: string;
  lastEventAt: string;
  channels: string[];
  audiences: CampaignAudience[];
  /** One per audience with a control group; the others are in liftAbsent. */
  lift: Lift[];
  liftAbsent: LiftAbsent[];
}

/** Per audience × channel: the funnel of one campaign ("emails opened by audience and campaign"). */
export interface CampaignFunnelRow extends FunnelCounts, FunnelRates, Attributed {
  audience: CampaignAudience;
  channel: string;
}

/** One day of a campaign (project time zone), per audience × channel. */
export interface CampaignDay extends ActionCustomers {
  day: string;
  audienceKey: string;
  channel: string;
  /** Attributed orders placed that day and their revenue. */
  attributedOrders: number;
  attributedRevenue: number;
}

/** Recipients' predicted CLV and P(alive) before the send and now. */
export interface ClvMovementRow {
  audience: CampaignAudience;
  /** Clicked, or placed an attributed order. */
  responder: boolean;
  customers: number;
  /** Mean predicted CLV from the current fit applied to the history before the send day. */
  clvBefore: number | null;
  clvNow: number | null;
  pAliveBefore: number | null;
  pAliveNow: number | null;
}

export interface CampaignReport {
  campaign: CampaignSummary;
  attribution: AttributionWindows;
  funnel: CampaignFunnelRow[];
  daily: CampaignDay[];
  clvMovement: ClvMovementRow[];
  /** Why clvMovement is empty (no fitted model, say); null when it is not. */
  clvMovementReason: string | null;
}

/** Reactivation of a winback audience's members within a number of days of entering. */
export interface WinbackWindow {
  days: 30 | 60 | 90;
  treated: { eligible: number; reactivated: number; share: number | null };
  control: { eligible: number; reactivated: number; share: number | null };
  /** treated − control share; null without eligible members in either group. */
  difference: Difference | null;
}

export interface WinbackReport {
  audience: CampaignAudience;
  windows: WinbackWindow[];
  /** Why there is nothing to compare (no control group, nobody entered 30 days ago); else null. */
  reason: string | null;
}

/**
 * A campaign of the list, with its funnel per audience × channel: the list page's chart of
 * emails opened by audience and campaign reads it here rather than asking each campaign.
 */
export interface CampaignListItem extends CampaignSummary {
  funnel: CampaignFunnelRow[];
}

export interface CampaignList {
  /** The store's as-of instant the windows count back from; null before a refresh built it. */
  asOf: string | null;
  attribution: AttributionWindows;
  campaigns: CampaignListItem[];
  winback: WinbackReport[];
}
