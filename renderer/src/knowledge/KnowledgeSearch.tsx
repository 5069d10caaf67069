import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { SearchResult } from '@receptivo/shared';
import { Field } from '../ui/Field';
import { informationFocusKey, requestTypeFocusKey } from './CategoryBrowser';
import { Highlighted } from './Highlighted';
import type { KnowledgeQuery, RequestTypeSummary } from './knowledge-api';
import { KnowledgeIcon, MagnifierIcon } from './KnowledgeIcon';
import { searchResultKindLabels } from './labels';
import { ShortcutHint, shortcuts, useShortcut } from '../ui/shortcuts';

export type SearchMode = 'q' | 'keyword';

export interface KnowledgeSearchTerms {
  mode: SearchMode;
  term: string;
}

/** The limits of searchQuerySchema, checked here so the message is in Portuguese and beside the field. */
const maxLength: Record<SearchMode, number> = { q: 200, keyword: 60 };

const hints: Record<SearchMode, string> = {
  q: 'Palavras, números ou protocolos.',
  keyword: 'Palavras-chave cadastradas nas informações.',
};

export const queryOf = ({ mode, term }: KnowledgeSearchTerms): KnowledgeQuery =>
  mode === 'q' ? { q: term } : { keyword: term };

/** [Busca] with Busca geral / Palavra-chave and the magnifier button. */
export function KnowledgeSearchForm({ onSearch }: { onSearch: (terms: KnowledgeSearchTerms) => void }) {
  const [term, setTerm] = useState('');
  const [mode, setMode] = useState<SearchMode>('q');
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const radioName = useId();
  const modeLabelId = useId();
  // Not while hidden, e.g. behind the desk's request form.
  useShortcut(shortcuts.knowledgeSearch, () => {
    if (input.current?.closest('[hidden]')) return;
    input.current?.focus();
    input.current?.select();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = term.trim();
    const problem = !trimmed
      ? 'Informe o texto da busca.'
      : trimmed.length > maxLength[mode]
        ? `No máximo ${maxLength[mode]} caracteres.`
        : undefined;
    setError(problem);
    if (problem) {
      input.current?.focus();
      return;
    }
    onSearch({ mode, term: trimmed });
  }

  return (
    <form className="knowledge-search" role="search" aria-label="Pesquisar na base de conhecimento" onSubmit={onSubmit} noValidate>
      <div className="knowledge-search__row">
        <Field label="Busca" hint={hints[mode]} error={error}>
          {(control) => (
            <input
              {...control}
              ref={input}
              aria-keyshortcuts={shortcuts.knowledgeSearch.label}
              type="search"
              autoComplete="off"
              value={term}
              onChange={(event) => setTerm(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary knowledge-search__submit" aria-label="Lupa" title="Pesquisar">
          <MagnifierIcon />
        </button>
        <ShortcutHint shortcut={shortcuts.knowledgeSearch} />
      </div>
      <div className="knowledge-search__modes" role="radiogroup" aria-labelledby={modeLabelId}>
        <span id={modeLabelId} className="knowledge-search__modes-label">
          Tipo de busca
        </span>
        <label className="checkbox">
          <input type="radio" name={radioName} checked={mode === 'q'} onChange={() => setMode('q')} />
          Busca geral
        </label>
        <label className="checkbox">
          <input type="radio" name={radioName} checked={mode === 'keyword'} onChange={() => setMode('keyword')} />
          Palavra-chave
        </label>
      </div>
    </form>
  );
}

export type SearchOutcome =
  | { state: 'loading'; terms: KnowledgeSearchTerms }
  | { state: 'failed'; terms: KnowledgeSearchTerms; message: string; retry: boolean }
  | { state: 'ready'; terms: KnowledgeSearchTerms; items: SearchResult[] };

interface SearchResultsProps {
  outcome: SearchOutcome;
  onRetry: () => void;
  onClose: () => void;
  onOpenInformation: (id: string) => void;
  /** The request types of the sessões, by id: a result opens (and registers) only one of these. */
  requestTypes: ReadonlyMap<string, RequestTypeSummary>;
  onOpenRequestType: (requestType: RequestTypeSummary) => void;
  /** What registers a request of the type, e.g. [Registrar solicitação] during an attendance. */
  requestTypeActions?: (requestType: RequestTypeSummary) => ReactNode;
}

function summaryOf(outcome: Extract<SearchOutcome, { state: 'ready' }>): string {
  const count = outcome.items.length;
  const found = count === 1 ? '1 resultado' : `${count} resultados`;
  const by = outcome.terms.mode === 'keyword' ? 'a palavra-chave' : '';
  return `${found} para ${by ? `${by} ` : ''}“${outcome.terms.term}”`;
}

export function SearchResults({
  outcome,
  onRetry,
  onClose,
  onOpenInformation,
  requestTypes,
  onOpenRequestType,
  requestTypeActions,
}: SearchResultsProps) {
  return (
    <div className="search-results">
      <div className="toolbar">
        <p className="toolbar__summary" aria-live="polite">
          {outcome.state === 'loading' && 'Pesquisando…'}
          {outcome.state === 'ready' && outcome.items.length > 0 && summaryOf(outcome)}
        </p>
        <button type="button" className="button button--small" onClick={onClose}>
          Voltar às sessões
        </button>
      </div>
      {outcome.state === 'failed' && (
        <div role="alert" className="alert alert--error">
          <p>{outcome.message}</p>
          {outcome.retry && (
            <button type="button" className="button button--small" onClick={onRetry}>
              Tentar novamente
            </button>
          )}
        </div>
      )}
      {outcome.state === 'ready' && outcome.items.length === 0 && (
        <p className="search-results__empty" role="status">{`Nenhum resultado para “${outcome.terms.term}”.`}</p>
      )}
      {outcome.state === 'ready' && outcome.items.length > 0 && (
        <ul role="list" aria-label="Resultados da busca" className="search-result-list">
          {outcome.items.map((item) => {
            // A request type opens (and registers) only while the sessões offer it.
            const requestType = item.kind === 'requestType' ? requestTypes.get(item.id) : undefined;
            return (
              <li key={`${item.kind}:${item.id}`} className="search-result">
                <div className="search-result__title">
                  {item.kind !== 'attendance' && <KnowledgeIcon kind={item.kind === 'information' ? 'information' : 'request'} />}
                  {item.kind === 'information' ? (
                    <button
                      type="button"
                      className="link-button"
                      data-focus-key={informationFocusKey(item.id)}
                      onClick={() => onOpenInformation(item.id)}
                    >
                      {item.title}
                    </button>
                  ) : requestType ? (
                    <button
                      type="button"
                      className="link-button"
                      data-focus-key={requestTypeFocusKey(item.id)}
                      onClick={() => onOpenRequestType(requestType)}
                    >
                      {item.title}
                    </button>
                  ) : (
                    <span>{item.title}</span>
                  )}
                </div>
                <p className="search-result__meta">
                  <span className={`badge search-result__kind search-result__kind--${item.kind}`}>
                    {searchResultKindLabels[item.kind]}
                  </span>
                  {item.context && <span>{item.context}</span>}
                </p>
                <p className="search-result__snippet">
                  <Highlighted text={item.snippet} />
                </p>
                {requestType && requestTypeActions && (
                  // Named after its result: every row offers the same [Registrar solicitação].
                  <div className="search-result__actions" role="group" aria-label={item.title}>
                    {requestTypeActions(requestType)}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
