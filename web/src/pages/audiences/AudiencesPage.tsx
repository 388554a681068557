import { useAudience, useAudienceTemplates } from '../../api/audience-hooks';
import type { TemplateKey } from '../../api/audience-types';
import { useLocation } from '../../app/navigation';
import { ruleFromSearch } from '../../rules/rule-url';
import { emptyRule } from '../../rules/rule-types';
import { StateView } from '../../widgets/state-view/StateView';
import { AudienceDetail } from './AudienceDetail';
import { AudienceList } from './AudienceList';
import { BuilderPage } from './builder/BuilderPage';

/** Where an address under /audiences leads: the list, the builder (new or edit), or one audience. */
export function audienceRoute(
  path: string,
): { view: 'list' } | { view: 'new' } | { view: 'edit' | 'detail'; id: string } {
  const match = /^\/audiences\/([^/]+)(\/edit)?$/.exec(path);
  if (!match?.[1]) return { view: 'list' };
  if (match[1] === 'new' && !match[2]) return { view: 'new' };
  return { view: match[2] ? 'edit' : 'detail', id: decodeURIComponent(match[1]) };
}

/** The audiences: their list, the builder and each audience's page. */
export default function AudiencesPage() {
  const { path, search } = useLocation();
  const route = audienceRoute(path);
  switch (route.view) {
    case 'list':
      return <AudienceList />;
    case 'new':
      return <NewAudience search={search} />;
    case 'edit':
      return <EditAudience key={route.id} id={route.id} search={search} />;
    case 'detail':
      return <AudienceDetail key={route.id} id={route.id} />;
  }
}

/** A new audience: from a template (`?template=`), a rule in the address, or blank. */
function NewAudience({ search }: { search: URLSearchParams }) {
  const templateKey = search.get('template');
  const templates = useAudienceTemplates();
  const rule = ruleFromSearch(search);
  if (templateKey && templates.status !== 'ready') {
    return templates.status === 'error' ? (
      <StateView state="error" error={templates.error} onRetry={templates.reload} />
    ) : (
      <StateView state="loading" />
    );
  }
  const template =
    templates.status === 'ready'
      ? templates.data.templates.find((t) => t.key === templateKey)
      : undefined;
  const start: { rule: typeof rule & object; name: string; template?: TemplateKey } = {
    rule: rule ?? template?.rule ?? emptyRule(),
    name: search.get('name') ?? template?.name ?? '',
    ...(template ? { template: template.key } : {}),
  };
  return <BuilderPage start={start} />;
}

/** The builder on a saved audience: its rule (or the one being edited, kept in the address). */
function EditAudience({ id, search }: { id: string; search: URLSearchParams }) {
  const audience = useAudience(id);
  if (audience.status !== 'ready') {
    return audience.status === 'error' ? (
      <StateView state="error" error={audience.error} onRetry={audience.reload} />
    ) : (
      <StateView state="loading" />
    );
  }
  return (
    <BuilderPage
      start={{ rule: ruleFromSearch(search) ?? audience.data.rule, name: audience.data.name }}
      audience={audience.data}
    />
  );
}
