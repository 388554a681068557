import { useLocation } from '../../app/navigation';
import { DashboardList } from './DashboardList';
import { DashboardView } from './DashboardView';
import './dashboards.css';

/** The dashboard an address under /dashboards names, or null for the list. */
export function dashboardIdOf(path: string): string | null {
  const match = /^\/dashboards\/([^/]+)$/.exec(path);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/** User-defined dashboards: their list, and each one's grid of widgets. */
export default function DashboardsPage() {
  const { path } = useLocation();
  const id = dashboardIdOf(path);
  return id === null ? <DashboardList /> : <DashboardView key={id} id={id} />;
}
