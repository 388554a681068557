import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { PostgreSQL, sql, type SQLNamespace } from '@codemirror/lang-sql';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { offsetOf, type SqlPosition } from './error-position';

/** What the page asks of the editor besides its text. */
export interface SqlEditorHandle {
  /** Replaces the whole text (a saved query loaded) and puts the cursor at its end. */
  setText(text: string): void;
  /** Puts the cursor at a 1-based line and column, in view and focused. */
  moveTo(position: SqlPosition): void;
}

// DuckDB's SQL is closest to PostgreSQL's of the dialects lang-sql knows.
const language = (schema: SQLNamespace | undefined) =>
  sql({ dialect: PostgreSQL, schema, upperCaseKeywords: true });

/**
 * The SQL editor (CodeMirror 6): highlighting, history, completion of keywords and of the
 * schema's tables and columns, and Ctrl-Enter / Cmd-Enter to run. Tab leaves the editor, so the
 * keyboard can reach the rest of the page.
 */
export function SqlEditor({
  initialText,
  schema,
  onChange,
  onRun,
  ref,
}: {
  initialText: string;
  /** Tables and columns to complete; undefined while the schema loads. */
  schema: SQLNamespace | undefined;
  onChange(text: string): void;
  onRun(): void;
  ref?: Ref<SqlEditorHandle>;
}) {
  const box = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  // The latest callbacks, read by the editor's handlers made once.
  const handlers = useRef({ onChange, onRun });
  useEffect(() => {
    handlers.current = { onChange, onRun };
  }, [onChange, onRun]);
  const firstText = useRef(initialText);
  const firstSchema = useRef(schema);

  useEffect(() => {
    if (!box.current) return;
    const run = () => {
      handlers.current.onRun();
      return true;
    };
    const editor = new EditorView({
      parent: box.current,
      state: EditorState.create({
        doc: firstText.current,
        extensions: [
          // Before the default keys, which bind Mod-Enter to a new line.
          Prec.highest(
            keymap.of([
              { key: 'Ctrl-Enter', run },
              { key: 'Meta-Enter', run },
            ]),
          ),
          lineNumbers(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          autocompletion({ icons: false }),
          keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap]),
          languageSlot.current.of(language(firstSchema.current)),
          placeholder('SELECT … FROM …'),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'SQL', 'data-role': 'sql' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) handlers.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: languageSlot.current.reconfigure(language(schema)) });
  }, [schema]);

  useImperativeHandle(
    ref,
    () => ({
      setText(text) {
        const editor = view.current;
        if (!editor) return;
        editor.dispatch({
          changes: { from: 0, to: editor.state.doc.length, insert: text },
          selection: { anchor: text.length },
        });
      },
      moveTo(position) {
        const editor = view.current;
        if (!editor) return;
        const anchor = offsetOf(editor.state.doc.toString(), position);
        editor.dispatch({ selection: { anchor }, scrollIntoView: true });
        editor.focus();
      },
    }),
    [],
  );

  return <div ref={box} className="sql-editor" data-role="sql-editor" />;
}
