import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { describedByOf, FieldMessages } from '../../ui/Field';

/**
 * Only what the server's sanitizer keeps (server/src/knowledge/rich-text.ts: p, br, strong, em, u,
 * ul, ol, li, a[href], h3, h4, blockquote): the editor's schema drops anything else, pasted or typed.
 */
const extensions = [
  StarterKit.configure({
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    // An empty paragraph after every list would be saved with the text.
    trailingNode: false,
    heading: { levels: [3, 4] },
    link: {
      openOnClick: false,
      defaultProtocol: 'https',
      // The server keeps only href, and only these schemes.
      isAllowedUri: (url) => /^(https?:|mailto:|tel:)/i.test(url),
      HTMLAttributes: { target: null, rel: null },
    },
  }),
];

/** An empty document is an empty text, not "<p></p>": the server's "Informe o texto." must apply. */
const htmlOf = (editor: Editor) => (editor.isEmpty ? '' : editor.getHTML());

interface ToggleButton {
  label: string;
  isActive: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
}

const formatButtons: readonly ToggleButton[] = [
  { label: 'Negrito', isActive: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  { label: 'Itálico', isActive: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  { label: 'Sublinhado', isActive: (e) => e.isActive('underline'), run: (e) => e.chain().focus().toggleUnderline().run() },
  {
    label: 'Título',
    isActive: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    label: 'Subtítulo',
    isActive: (e) => e.isActive('heading', { level: 4 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 4 }).run(),
  },
  { label: 'Lista', isActive: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
  {
    label: 'Lista numerada',
    isActive: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  { label: 'Citação', isActive: (e) => e.isActive('blockquote'), run: (e) => e.chain().focus().toggleBlockquote().run() },
];

interface RichTextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
}

/**
 * Formatted text edited as the attendant will read it (tiptap), with a pt-BR toolbar and, for the
 * odd fix, the HTML itself. The server sanitizes again on save.
 */
export function RichTextField({ label, value, onChange, error, hint }: RichTextFieldProps) {
  const id = useId();
  const labelId = `${id}-label`;
  const describedBy = describedByOf({ id, hint, error });
  const [showHtml, setShowHtml] = useState(false);
  const [linkOpen, setLinkOpen] = useState(false);
  // The HTML last sent up: a different value coming down was set from outside (HTML view, reset).
  const emitted = useRef(value);
  const change = useRef(onChange);
  change.current = onChange;

  const editor = useEditor({
    extensions,
    content: value,
    // The desk's CSP forbids inline <style>; the few rules ProseMirror needs are in knowledge-admin.css.
    injectCSS: false,
    onUpdate: ({ editor: current }) => {
      emitted.current = htmlOf(current);
      change.current(emitted.current);
    },
  });

  const attributes: Record<string, string> = {
    id,
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-labelledby': labelId,
    class: 'rich-text-field__content knowledge-admin__rich-text',
    spellcheck: 'true',
  };
  if (describedBy) attributes['aria-describedby'] = describedBy;
  if (error) attributes['aria-invalid'] = 'true';
  // The attributes object is new at every render; its text says when it really changed.
  const attributesKey = JSON.stringify(attributes);
  useEffect(() => {
    editor.setOptions({ editorProps: { attributes: JSON.parse(attributesKey) as Record<string, string> } });
  }, [editor, attributesKey]);

  useEffect(() => {
    if (value === emitted.current) return;
    emitted.current = value;
    editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);

  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      active: formatButtons.map((button) => button.isActive(current)),
      link: current.isActive('link'),
      canUndo: current.can().undo(),
      canRedo: current.can().redo(),
    }),
  });

  function toggleHtml() {
    if (showHtml) {
      // Back to the editor: what it keeps of the typed HTML is what will be saved.
      editor.commands.setContent(value, { emitUpdate: false });
      emitted.current = htmlOf(editor);
      if (emitted.current !== value) onChange(emitted.current);
    }
    setLinkOpen(false);
    setShowHtml(!showHtml);
  }

  return (
    <div className={error ? 'field field--invalid rich-text-field' : 'field rich-text-field'}>
      <label id={labelId} htmlFor={showHtml ? `${id}-html` : undefined} onClick={() => !showHtml && editor.commands.focus()}>
        {label}
      </label>
      <div className="rich-text-field__toolbar" role="group" aria-label={`Formatação: ${label}`}>
        {formatButtons.map((button, index) => (
          <button
            key={button.label}
            type="button"
            className="button button--small"
            aria-pressed={state.active[index]}
            disabled={showHtml}
            onClick={() => button.run(editor)}
          >
            {button.label}
          </button>
        ))}
        <button
          type="button"
          className="button button--small"
          aria-pressed={state.link}
          aria-expanded={linkOpen}
          disabled={showHtml}
          onClick={() => setLinkOpen(!linkOpen)}
        >
          Link
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={showHtml || !state.canUndo}
          onClick={() => editor.chain().focus().undo().run()}
        >
          Desfazer
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={showHtml || !state.canRedo}
          onClick={() => editor.chain().focus().redo().run()}
        >
          Refazer
        </button>
        <button type="button" className="button button--small" aria-pressed={showHtml} onClick={toggleHtml}>
          Ver HTML
        </button>
      </div>
      {linkOpen && <LinkForm editor={editor} label={label} onDone={() => setLinkOpen(false)} />}
      {showHtml ? (
        <textarea
          id={`${id}-html`}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          rows={8}
          spellCheck={false}
          className="mono"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <EditorContent editor={editor} className="rich-text-field__editor" />
      )}
      <FieldMessages id={id} hint={hint} error={error} />
    </div>
  );
}

/** The address of the link on the selection: applied, removed or left as it was. */
function LinkForm({ editor, label, onDone }: { editor: Editor; label: string; onDone: () => void }) {
  const inputId = useId();
  const [href, setHref] = useState(() => (editor.getAttributes('link').href as string | undefined) ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  function apply(event?: FormEvent) {
    event?.preventDefault();
    const address = href.trim();
    if (!/^(https?:\/\/\S+|mailto:\S+|tel:\S+)$/i.test(address)) {
      setProblem('Informe um endereço que comece por https://, http://, mailto: ou tel:.');
      return;
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href: address }).run();
    onDone();
  }

  return (
    <div className="rich-text-field__link" role="group" aria-label={`Link: ${label}`}>
      <label htmlFor={inputId}>Endereço do link</label>
      <input
        id={inputId}
        type="url"
        autoFocus
        value={href}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${inputId}-error` : undefined}
        onChange={(event) => setHref(event.target.value)}
        // The field sits inside the editor's <form>: Enter applies the link instead of saving.
        onKeyDown={(event) => {
          if (event.key === 'Enter') apply(event);
          if (event.key === 'Escape') {
            event.stopPropagation();
            onDone();
          }
        }}
      />
      <button type="button" className="button button--small" onClick={() => apply()}>
        Aplicar link
      </button>
      {editor.isActive('link') && (
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run();
            onDone();
          }}
        >
          Remover link
        </button>
      )}
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          editor.commands.focus();
          onDone();
        }}
      >
        Cancelar
      </button>
      {problem && (
        <p id={`${inputId}-error`} className="field__error">
          {problem}
        </p>
      )}
    </div>
  );
}
