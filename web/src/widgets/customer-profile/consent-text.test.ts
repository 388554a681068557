import { describe, expect, it } from 'vitest';
import { consentLabel, consentState } from './consent-text';

describe('a consent as a sentence', () => {
  it('names the channel, or the category and its channel', () => {
    expect(consentLabel({ category: 'sms', channel: 'sms' })).toBe('SMS');
    expect(consentLabel({ category: 'email', channel: 'email' })).toBe('Email');
    expect(consentLabel({ category: 'newsletter', channel: 'email' })).toBe('Newsletter (email)');
    expect(consentLabel({ category: 'postal', channel: 'other' })).toBe('Postal');
  });

  it('says subscribed or not, and since when', () => {
    const day = (d: string) => `<${d}>`;
    expect(consentState({ granted: false, since: null }, day)).toBe(
      'not subscribed (never answered)',
    );
    expect(consentState({ granted: true, since: '2026-03-03T10:00:00.000Z' }, day)).toBe(
      'subscribed since <2026-03-03>',
    );
    expect(consentState({ granted: false, since: '2026-04-05T00:00:00Z' }, day)).toBe(
      'not subscribed since <2026-04-05>',
    );
  });
});
