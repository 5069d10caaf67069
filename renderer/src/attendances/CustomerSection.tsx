import { useEffect, useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Attendance, Customer, CustomerList, CustomerSearch as CustomerSearchQuery, CustomerSummary } from '@receptivo/shared';
import { describeError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { callLookups } from '../cti/call-lookup';
import { CustomerForm } from '../customers/CustomerForm';
import { customerQuery } from '../customers/customers-api';
import { CustomerSearch, type CustomerResults } from '../customers/CustomerSearch';
import { searchParamsOf } from '../customers/search-params';
import { Dialog } from '../ui/Dialog';
import { useDrafts } from '../offline/DraftsProvider';
import { FormAlert } from '../ui/Field';
import { ShortcutHint, shortcuts, useShortcut } from '../ui/shortcuts';
import { CallerHistory } from './CallerHistory';

interface CustomerSectionProps {
  attendance: Attendance;
  /** Linked by the server, or kept as a draft (`queued`) until it is reached. */
  onLinked: (linked: { attendance: Attendance } | { queued: true }) => void;
  /** Takes a refusal because the attendance was already finished; false for any other error. */
  onFinishedElsewhere: (error: unknown) => boolean;
  /** Opens one of the linked customer's requests in the Status Solicitação of the desk. */
  onOpenRequest: (requestId: string) => void;
}

const lookupHints = {
  document: 'Pesquisado pelo CPF/CNPJ informado na URA.',
  phone: 'Pesquisado pelo número da chamada.',
  phoneAfterDocument: 'Nenhum cliente com o CPF/CNPJ da URA; pesquisado pelo número da chamada.',
};

/**
 * Identifies the caller: find and [Vincular], or register on the spot and link the new customer. For
 * a call the search is filled and run at once (URA document, then the caller's number).
 */
/** The row a search shows, also what the summary shows of a customer linked while offline. */
function summaryOf(customer: Customer): CustomerSummary {
  const { id, type, name, tradeName, document, email } = customer;
  return { id, type, name, tradeName, document, email, primaryPhone: customer.phones.find((phone) => phone.primary) ?? null };
}

export function CustomerSection({ attendance, onLinked, onFinishedElsewhere, onOpenRequest }: CustomerSectionProps) {
  const { queue } = useDrafts();
  const api = useApi();
  const queries = useQueryClient();
  const titleId = useId();
  const linked = attendance.customer;
  // Decided once: linking or searching by hand afterwards does not bring the lookup back.
  const [lookups] = useState(() => (attendance.call && !linked ? callLookups(attendance.call) : []));
  const [step, setStep] = useState(0);
  const lookup = lookups[step];
  /** The one customer the call's lookup found: its [Vincular] takes the focus. */
  // Once someone is linked the search steps aside for the knowledge panel, until asked back.
  const [searching, setSearching] = useState(!linked);
  const [registering, setRegistering] = useState(false);
  const [linking, setLinking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The first row of the results: the one [Vincular] Alt+V acts on. */
  const [firstResult, setFirstResult] = useState<{ id: string; only: boolean } | null>(null);
  /** Counts Alt+C presses, so the cursor goes to the search once it is shown again. */
  const [searchAsked, setSearchAsked] = useState(0);
  const sectionRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (searchAsked > 0) sectionRef.current?.querySelector('input')?.focus();
  }, [searchAsked]);

  useShortcut(shortcuts.customerSearch, () => {
    setSearching(true);
    setSearchAsked((count) => count + 1);
  });

  // One customer found: Alt+V links them. Several: it goes to the first one's [Vincular] to choose from.
  useShortcut(
    shortcuts.link,
    () => {
      const button = sectionRef.current?.querySelector<HTMLButtonElement>(`[data-link-customer="${firstResult?.id}"]`);
      if (firstResult?.only) button?.click();
      else button?.focus();
    },
    searching && firstResult !== null && !linking,
  );

  async function link(customer: CustomerSummary) {
    setLinking(true);
    setError(null);
    try {
      const outcome = await queue.submit(attendance, { kind: 'link-customer', body: { customerId: customer.id }, customer });
      setSearching(false);
      onLinked(outcome.state === 'sent' ? { attendance: outcome.answer } : { queued: true });
    } catch (failure) {
      if (!onFinishedElsewhere(failure)) setError(describeError(failure));
    } finally {
      setLinking(false);
    }
  }
  /** "CPF/CNPJ já cadastrado." while registering: the caller is that customer, linked without leaving the desk. */
  async function linkExisting(customerId: string) {
    setRegistering(false);
    try {
      await link(summaryOf(await queries.fetchQuery(customerQuery(api, customerId))));
    } catch (failure) {
      setError(describeError(failure));
    }
  }


  const fromLookup = (query: CustomerSearchQuery) =>
    lookup !== undefined && searchParamsOf(query).toString() === searchParamsOf(lookup.query).toString();

  function onResults(list: CustomerList, query: CustomerSearchQuery) {
    if (fromLookup(query) && list.total === 0 && step + 1 < lookups.length) setStep(step + 1);
    setFirstResult(list.items.length > 0 ? { id: list.items[0].id, only: list.total === 1 } : null);
  }

  const rowAction = (customer: CustomerSummary, { list, query }: CustomerResults) => {
    // The one customer the caller's number or document found: [Vincular] is the next key to press.
    const soleMatch = fromLookup(query) && list.total === 1 && list.items.length === 1;
    return customer.id === linked?.id ? (
      <span className="badge badge--ok">Vinculado</span>
    ) : (
      <button
        type="button"
        className={soleMatch ? 'button button--primary' : 'button button--small button--primary'}
        disabled={linking}
        autoFocus={soleMatch}
        data-link-customer={customer.id}
        aria-keyshortcuts={customer.id === firstResult?.id ? shortcuts.link.label : undefined}
        onClick={() => link(customer)}
      >
        Vincular
        {customer.id === firstResult?.id && (
          <>
            {' '}
            <ShortcutHint shortcut={shortcuts.link} />
          </>
        )}
      </button>
    );
  };

  const lookupHint =
    lookup && !linked && (lookup.by === 'document' ? lookupHints.document : step > 0 ? lookupHints.phoneAfterDocument : lookupHints.phone);

  return (
    <section ref={sectionRef} className="attendance-customer" aria-labelledby={titleId}>
      <div className="attendance-customer__header">
        <h2 id={titleId} className="attendance-customer__title">
          Cliente
        </h2>
        <ShortcutHint shortcut={shortcuts.customerSearch} />
        {linked && (
          <p className="attendance-customer__linked">
            Vinculado: <strong>{linked.name}</strong>
          </p>
        )}
        {linked && (
          <button type="button" className="button button--small" aria-expanded={searching} onClick={() => setSearching(!searching)}>
            {searching ? 'Ocultar pesquisa' : 'Trocar cliente'}
          </button>
        )}
      </div>
      <FormAlert message={error} />
      {linked && !searching && <CallerHistory customerId={linked.id} attendance={attendance} onOpenRequest={onOpenRequest} />}
      {searching && lookupHint && <p className="field__hint">{lookupHint}</p>}
      {searching && (
        <CustomerSearch
          initialQuery={lookup?.query}
          autoRun={lookup !== undefined}
          renderActions={rowAction}
          onRegisterNew={() => setRegistering(true)}
          onResults={onResults}
          searchShortcut={shortcuts.customerSearch.label}
        />
      )}
      {registering && (
        <Dialog title="Cadastrar novo cliente" onClose={() => setRegistering(false)}>
          <CustomerForm
            onCreated={(customer) => {
              setRegistering(false);
              void link(summaryOf(customer));
            }}
            onCancel={() => setRegistering(false)}
            onUseExisting={(customerId) => void linkExisting(customerId)}
          />
        </Dialog>
      )}
    </section>
  );
}
