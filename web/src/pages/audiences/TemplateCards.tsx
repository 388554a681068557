import { useAudienceTemplates } from '../../api/audience-hooks';
import { useDashboard } from '../../app/dashboard-context';
import { Link } from '../../app/Link';

/** The five templates, each one click into the builder with its rule filled in. */
export function TemplateCards() {
  const { href } = useDashboard();
  const templates = useAudienceTemplates();
  if (templates.status !== 'ready') return null;
  return (
    <section className="template-cards" aria-labelledby="templates-title">
      <h2 id="templates-title">Start from a template</h2>
      <ul>
        {templates.data.templates.map((template) => (
          <li key={template.key}>
            <Link
              className="template-card card"
              data-template={template.key}
              href={href(`/audiences/new?template=${encodeURIComponent(template.key)}`)}
            >
              <strong>{template.name}</strong>
              <span>{template.description}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
