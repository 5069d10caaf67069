import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { describeError, isRefusal } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { OfflineKnowledgeNotice } from '../offline/OfflineKnowledgeNotice';
import { moveBetweenItems } from '../ui/arrow-keys';
import { LoadFailed } from '../ui/LoadFailed';
import { CategoryBrowser, informationFocusKey, requestTypeFocusKey } from './CategoryBrowser';
import { InformationDetail, type InformationDetailProps } from './InformationDetail';
import { knowledgeQueries, searchKnowledge, type RequestTypeSummary } from './knowledge-api';
import { KnowledgeSearchForm, queryOf, SearchResults, type KnowledgeSearchTerms, type SearchOutcome } from './KnowledgeSearch';
import { RequestTypeDetail, type RequestTypeDetailProps } from './RequestTypeDetail';
import './knowledge.css';

type ListView = { kind: 'browse' } | { kind: 'results' };
type InformationView = { kind: 'information'; id: string; from: ListView['kind'] };
type View =
  | ListView
  | InformationView
  /** `from`: where [Voltar] leads, a list or the information that named the type. */
  | { kind: 'requestType'; requestType: RequestTypeSummary; from: ListView | InformationView };

export interface KnowledgePanelProps {
  /** Buttons of an opened information or request type, e.g. [Registrar] during an attendance. */
  informationActions?: InformationDetailProps['actions'];
  requestTypeActions?: RequestTypeDetailProps['actions'];
  /** A sessão to open now: the one the answered call's URA option or queue leads to. */
  openCategoryId?: string | null;
}

/**
 * The knowledge an attendant reads from during a call: search on top, then the sessões, the search
 * results or the detail of what was opened. Lists keep their state while a detail is open.
 */
export function KnowledgePanel({ informationActions, requestTypeActions, openCategoryId }: KnowledgePanelProps) {
  const api = useApi();
  const categories = useQuery(knowledgeQueries.categories(api));
  const requestTypes = useMemo(
    () => new Map(categories.data ? categories.data.items.flatMap((category) => category.requestTypes.map((type) => [type.id, type])) : []),
    [categories.data],
  );
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [outcome, setOutcome] = useState<SearchOutcome | null>(null);
  const [view, setView] = useState<View>({ kind: 'browse' });
  const titleId = useId();
  const container = useRef<HTMLDivElement>(null);
  /** The item a detail was opened from, focused again on [Voltar]. */
  const returnFocus = useRef<string | null>(null);
  /** Leaving the results for the sessões: the first sessão takes the focus. */
  const sessionsFocus = 'sessions';
  /** Answers to superseded searches are dropped: the last search typed wins, not the slowest. */
  const latestSearch = useRef(0);

  // Opened once per call's route; the attendant may close it again.
  useEffect(() => {
    if (openCategoryId) setExpanded((current) => (current.has(openCategoryId) ? current : new Set([...current, openCategoryId])));
  }, [openCategoryId]);

  useEffect(() => {
    const key = returnFocus.current;
    if (!key || (view.kind !== 'browse' && view.kind !== 'results')) return;
    returnFocus.current = null;
    const selector = key === sessionsFocus ? '[data-focus-key^="category:"]' : `[data-focus-key="${key}"]`;
    container.current?.querySelector<HTMLElement>(selector)?.focus();
  }, [view]);

  function search(terms: KnowledgeSearchTerms) {
    const request = ++latestSearch.current;
    setOutcome({ state: 'loading', terms });
    setView({ kind: 'results' });
    searchKnowledge(api, queryOf(terms)).then(
      ({ items }) => {
        if (request === latestSearch.current) setOutcome({ state: 'ready', terms, items });
      },
      (error: unknown) => {
        if (request !== latestSearch.current) return;
        const retry = !isRefusal(error);
        setOutcome({ state: 'failed', terms, message: describeError(error), retry });
      },
    );
  }

  function closeResults() {
    latestSearch.current++;
    setOutcome(null);
    returnFocus.current = sessionsFocus;
    setView({ kind: 'browse' });
  }

  // Arrows go through the results or the open sessões; from the search field, down to the first of them.
  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const items = '[data-focus-key]';
    if (event.key === 'ArrowDown' && event.target instanceof HTMLInputElement && event.target.type === 'search') {
      const first = container.current?.querySelector<HTMLElement>(items);
      if (first) {
        event.preventDefault();
        first.focus();
      }
      return;
    }
    moveBetweenItems(event, container.current, items);
  }

  function toggle(categoryId: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(categoryId)) next.add(categoryId);
      return next;
    });
  }

  function back(to: View, focusKey: string) {
    returnFocus.current = focusKey;
    setView(to);
  }

  const openRequestType = (from: ListView | InformationView) => (requestType: RequestTypeSummary) =>
    setView({ kind: 'requestType', requestType, from });

  return (
    <section className="knowledge" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <h2 id={titleId} className="knowledge__title">
        Base de conhecimento
      </h2>
      <OfflineKnowledgeNotice />
      <KnowledgeSearchForm onSearch={search} />
      <div ref={container}>
        {view.kind === 'information' && (
          <InformationDetail
            informationId={view.id}
            onBack={() => back({ kind: view.from }, informationFocusKey(view.id))}
            actions={informationActions}
            requestTypes={requestTypes}
            onOpenRequestType={openRequestType(view)}
            requestTypeActions={requestTypeActions}
          />
        )}
        {view.kind === 'requestType' && (
          <RequestTypeDetail
            requestType={view.requestType}
            onBack={() => back(view.from, requestTypeFocusKey(view.requestType.id))}
            actions={requestTypeActions}
          />
        )}
        {view.kind === 'results' && outcome && (
          <SearchResults
            outcome={outcome}
            onRetry={() => search(outcome.terms)}
            onClose={closeResults}
            onOpenInformation={(id) => setView({ kind: 'information', id, from: 'results' })}
            requestTypes={requestTypes}
            onOpenRequestType={openRequestType({ kind: 'results' })}
            requestTypeActions={requestTypeActions}
          />
        )}
        {view.kind === 'browse' && (
          <>
            {categories.isPending && <p className="muted">Carregando sessões…</p>}
            {categories.isError && (
              <LoadFailed what="as sessões" error={categories.error} onRetry={() => void categories.refetch()} />
            )}
            {categories.isSuccess && (
              <CategoryBrowser
                categories={categories.data.items}
                expanded={expanded}
                onToggle={toggle}
                onOpenInformation={(information) => setView({ kind: 'information', id: information.id, from: 'browse' })}
                onOpenRequestType={openRequestType({ kind: 'browse' })}
              />
            )}
          </>
        )}
      </div>
    </section>
  );
}
