import { useDashboard } from '../../app/dashboard-context';
import { Link } from '../../app/Link';
import { builderHref } from '../../rules/rule-url';
import type { AudienceStart } from '../../rules/audience-starts';
import './audience-from.css';

/**
 * "Create audience from this": one link per group shown on the page, each opening the
 * builder with the group's rule filled in (the rule travels in the address).
 */
export function AudienceFromLinks({
  id,
  title = 'Create an audience from this',
  starts,
}: {
  id: string;
  title?: string;
  starts: readonly AudienceStart[];
}) {
  const { status } = useDashboard();
  if (status.role !== 'admin' || starts.length === 0) return null;
  return (
    <nav className="audience-from" data-widget-links={id} aria-label={title}>
      <span>{title}:</span>
      <ul>
        {starts.map((start) => (
          <li key={start.label}>
            <Link
              href={builderHref(start.rule, start.label)}
              data-action="create-audience"
              data-label={start.label}
            >
              {start.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
