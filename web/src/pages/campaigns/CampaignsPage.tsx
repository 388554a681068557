import { useLocation } from '../../app/navigation';
import { CampaignDetail } from './CampaignDetail';
import { CampaignList } from './CampaignList';

/** The campaign an address under /campaigns names, or null for the list. */
export function campaignIdOf(path: string): string | null {
  const match = /^\/campaigns\/([^/]+)$/.exec(path);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/** The campaigns: their table with the winback report, and each campaign's page. */
export default function CampaignsPage() {
  const { path } = useLocation();
  const id = campaignIdOf(path);
  return id === null ? <CampaignList /> : <CampaignDetail key={id} id={id} />;
}
