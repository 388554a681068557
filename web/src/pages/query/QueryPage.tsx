import { useCallback, useMemo, useRef, useState } from 'react';
import { useQuerySchema } from '../../api/query-hooks';
import type { SavedQuery } from '../../api/query-types';
import { useDashboard } from '../../app/dashboard-context';
import { errorPosition } from './error-position';
import { ParamInputs } from './ParamInputs';
import { QuickChart } from './QuickChart';
import { defaultTexts, paramFields, paramValues } from './query-params';
import { ResultTable } from './ResultTable';
import { resultTable } from './result-table';
import { SavedQueryList } from './SavedQueryList';
import { SaveQueryForm } from './SaveQueryForm';
import { completionSchema } from './sql-completion';
import { SqlEditor, type SqlEditorHandle } from './SqlEditor';
import { TablesCard } from './TablesCard';
import { useQueryRun } from './use-query-run';
import './query.css';

// The editor's text outlives a visit to another page (this tab only).
const DRAFT_KEY = 'clv.queryDraft';

/** Read-only SQL on the last refresh's tables: an editor, its result as a table and a chart, saved queries. */
export default function QueryPage() {
  const { status } = useDashboard();
  const admin = status.role === 'admin';
  const schema = useQuerySchema();
  const completion = useMemo(
    () => (schema.status === 'ready' ? completionSchema(schema.data) : undefined),
    [schema.status, schema.data],
  );
  const editor = useRef<SqlEditorHandle>(null);
  const [initialText] = useState(() => sessionStorage.getItem(DRAFT_KEY) ?? '');
  const [text, setText] = useState(initialText);
  const [open, setOpen] = useState<SavedQuery | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const { state, run } = useQueryRun();
  const fields = useMemo(() => paramFields(text, open?.parameters), [text, open]);
  const table = useMemo(
    () => (state.status === 'ready' ? resultTable(state.result) : null),
    [state],
  );
  const position = state.status === 'error' ? errorPosition(state.error) : null;

  const change = useCallback((next: string) => {
    setText(next);
    sessionStorage.setItem(DRAFT_KEY, next);
  }, []);
  const start = useCallback(async () => {
    if (text.trim() === '') return;
    const params = paramValues(fields, values);
    const error = await run(Object.keys(params).length ? { sql: text, params } : { sql: text });
    const at = errorPosition(error);
    if (at) editor.current?.moveTo(at);
  }, [text, fields, values, run]);
  const openSaved = (query: SavedQuery | null) => {
    setOpen(query);
    setValues(defaultTexts(query?.defaults));
    editor.current?.setText(query?.sql ?? '');
  };

  return (
    <div className="page query-page" data-page="query">
      <div className="page-title">
        <h1>Query</h1>
        <p className="subtitle">
          Read-only SQL on the tables of the last refresh (DuckDB’s dialect), one statement at a
          time.
        </p>
      </div>
      <div className="query-layout">
        <div className="query-main">
          <section
            className="card query-editor"
            data-role="query-editor"
            data-schema={schema.status}
            aria-labelledby="query-editor-title"
          >
            <header className="card-header">
              <h2 id="query-editor-title">{open ? open.name : 'SQL'}</h2>
              <div className="card-actions">
                <button
                  type="button"
                  className="button small"
                  data-action="new-query"
                  disabled={!open && text === ''}
                  onClick={() => openSaved(null)}
                >
                  New query
                </button>
              </div>
            </header>
            <SqlEditor
              ref={editor}
              initialText={initialText}
              schema={completion}
              onChange={change}
              onRun={() => void start()}
            />
            <ParamInputs
              fields={fields}
              values={values}
              onChange={(name, value) => setValues((before) => ({ ...before, [name]: value }))}
              onRun={() => void start()}
            />
            <div className="run-bar">
              <button
                type="button"
                className="button primary"
                data-action="run-query"
                disabled={text.trim() === '' || state.status === 'loading'}
                onClick={() => void start()}
              >
                {state.status === 'loading' ? 'Running…' : 'Run'}
              </button>
              <span className="muted">or Ctrl-Enter (Cmd-Enter on a Mac) in the editor</span>
            </div>
            {admin && (
              <SaveQueryForm
                sql={text}
                open={open}
                onSaved={(saved) => setOpen(saved)}
                onError={(error) => {
                  const at = errorPosition(error);
                  if (at) editor.current?.moveTo(at);
                }}
              />
            )}
          </section>
          <ResultTable
            state={state}
            table={table}
            position={position}
            onRetry={() => void start()}
            onShowPosition={() => position && editor.current?.moveTo(position)}
          />
          {state.status === 'ready' && state.result.rows.length > 0 && (
            <QuickChart result={state.result} />
          )}
        </div>
        <aside className="query-side" aria-label="Saved queries and tables">
          <SavedQueryList
            admin={admin}
            openId={open?.id ?? null}
            onOpen={openSaved}
            onDeleted={(id) => open?.id === id && setOpen(null)}
          />
          <TablesCard schema={schema} />
        </aside>
      </div>
    </div>
  );
}
