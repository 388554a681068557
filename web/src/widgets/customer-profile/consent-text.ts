import type { CustomerProfile } from '../../api/types';

type Consent = CustomerProfile['consents'][number];

const CHANNEL_NAMES: Record<string, string> = { email: 'Email', sms: 'SMS' };

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "SMS", "Email", or "Newsletter (email)" when the category is not the channel's own name. */
export function consentLabel(consent: Pick<Consent, 'category' | 'channel'>): string {
  const { category, channel } = consent;
  if (category === channel) return CHANNEL_NAMES[channel] ?? capitalised(category);
  return channel === 'other' ? capitalised(category) : `${capitalised(category)} (${channel})`;
}

/**
 * A consent's state as the rest of a sentence after its label: "subscribed since 3 Mar 2026",
 * "not subscribed (never answered)"; `day` formats the day the state began.
 */
export function consentState(
  consent: Pick<Consent, 'granted' | 'since'>,
  day: (isoDay: string) => string,
): string {
  const state = consent.granted ? 'subscribed' : 'not subscribed';
  return consent.since
    ? `${state} since ${day(consent.since.slice(0, 10))}`
    : `${state} (never answered)`;
}
