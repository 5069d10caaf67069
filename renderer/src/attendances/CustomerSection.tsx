import { useEffect, useId, useRef, useState } from 'react';
import type { Attendance, CustomerSummary } from '@receptivo/shared';
import { describeError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { CustomerForm } from '../customers/CustomerForm';
import { CustomerSearch } from '../customers/CustomerSearch';
import { Dialog } from '../ui/Dialog';
import { FormAlert } from '../ui/Field';
import { linkCustomer } from './attendances-api';

interface CustomerSectionProps {
  attendance: Attendance;
  onLinked: (attendance: Attendance) => void;
  /** Takes a refusal because the attendance was already finished; false for any other error. */
  onFinishedElsewhere: (error: unknown) => boolean;
  /** Puts the cursor in the search, for an attendance just started: identifying the caller comes first. */
  autoFocus?: boolean;
}

/** Identifies the caller: find and [Vincular], or register on the spot and link the new customer. */
export function CustomerSection({ attendance, onLinked, onFinishedElsewhere, autoFocus }: CustomerSectionProps) {
  const api = useApi();
  const titleId = useId();
  const linked = attendance.customer;
  // Once someone is linked the search steps aside for the knowledge panel, until asked back.
  const [searching, setSearching] = useState(!linked);
  const [registering, setRegistering] = useState(false);
  const [linking, setLinking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sectionRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (autoFocus) sectionRef.current?.querySelector('input')?.focus();
  }, [autoFocus]);

  async function link(customerId: string) {
    setLinking(true);
    setError(null);
    try {
      const updated = await linkCustomer(api, attendance.id, { customerId });
      setSearching(false);
      onLinked(updated);
    } catch (failure) {
      if (!onFinishedElsewhere(failure)) setError(describeError(failure));
    } finally {
      setLinking(false);
    }
  }

  const rowAction = (customer: CustomerSummary) =>
    customer.id === linked?.id ? (
      <span className="badge badge--ok">Vinculado</span>
    ) : (
      <button type="button" className="button button--small button--primary" disabled={linking} onClick={() => link(customer.id)}>
        Vincular
      </button>
    );

  return (
    <section ref={sectionRef} className="attendance-customer" aria-labelledby={titleId}>
      <div className="attendance-customer__header">
        <h2 id={titleId} className="attendance-customer__title">
          Cliente
        </h2>
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
      {searching && <CustomerSearch renderActions={rowAction} onRegisterNew={() => setRegistering(true)} />}
      {registering && (
        <Dialog title="Cadastrar novo cliente" onClose={() => setRegistering(false)}>
          <CustomerForm
            onCreated={(customer) => {
              setRegistering(false);
              void link(customer.id);
            }}
            onCancel={() => setRegistering(false)}
          />
        </Dialog>
      )}
    </section>
  );
}
