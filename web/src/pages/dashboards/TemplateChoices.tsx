import { useDashboardTemplates } from '../../api/dashboard-hooks';

/** The ready-made dashboards an admin can start from. */
export function TemplateChoices({
  disabled,
  onChoose,
}: {
  disabled: boolean;
  onChoose(key: string): void;
}) {
  const templates = useDashboardTemplates();
  if (templates.status !== 'ready' || templates.data.templates.length === 0) return null;
  return (
    <section className="dashboard-templates" aria-label="Start from a template">
      {templates.data.templates.map((t) => (
        <article key={t.key} className="card template-card" data-template={t.key}>
          <h2>{t.title}</h2>
          <p className="muted">{t.description}</p>
          <button
            type="button"
            className="button"
            data-action="from-template"
            disabled={disabled}
            onClick={() => onChoose(t.key)}
          >
            Use this template
          </button>
        </article>
      ))}
    </section>
  );
}
