import type { ChannelsReport } from '../../api/types';

type Channel = ChannelsReport['channels'][number];

/** The CLV the glossary's CLV:CAC divides for a channel: predicted when fitted, else rolling. */
export function glossaryClv(channel: Channel): number | null {
  return channel.clvToCacBasis === 'predicted' ? channel.clvPredicted : channel.clvRolling;
}

/** "predicted", "rolling", or both when channels differ: what the CLV:CAC bars rest on. */
export function basisLabel(report: ChannelsReport): string {
  const bases = new Set(report.channels.map((c) => c.clvToCacBasis));
  return bases.size === 1 ? ([...bases][0] ?? 'rolling') : 'predicted where fitted, else rolling';
}
