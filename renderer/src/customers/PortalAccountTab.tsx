import { useState } from 'react';
import { formatDocument } from '@receptivo/shared';
import { describeError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { FormAlert } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import type { CustomerTabProps } from './customer-tab';
import { createPortalAccount, resendPortalPassword } from './customers-api';
import { documentLabel, nameLabel } from './labels';

/** The customer's login to the self-service portal. The password only ever travels by e-mail. */
export function PortalAccountTab({ customer, onSaved, onGoToData }: CustomerTabProps & { onGoToData: () => void }) {
  const api = useApi();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmingResend, setConfirmingResend] = useState(false);
  const account = customer.portalAccount;

  async function create() {
    setSubmitting(true);
    setError(null);
    try {
      const updated = await createPortalAccount(api, customer.id);
      const email = updated.portalAccount?.email ?? customer.email;
      onSaved(updated, `Acesso ao autoatendimento criado. Senha temporária enviada para ${email}.`);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSubmitting(false);
    }
  }

  async function resend() {
    const updated = await resendPortalPassword(api, customer.id);
    setConfirmingResend(false);
    onSaved(updated, `Nova senha temporária enviada para ${updated.portalAccount?.email ?? customer.email}.`);
  }

  // The password always goes to the customer's current e-mail, which Dados may have changed or cleared.
  const noEmailNotice = (
    <div className="alert alert--notice">
      <p>
        Este cliente não tem e-mail cadastrado. A senha do autoatendimento é enviada por e-mail: cadastre o e-mail na aba
        Dados.
      </p>
      <button type="button" className="button" onClick={onGoToData}>
        Ir para Dados
      </button>
    </div>
  );

  if (account) {
    return (
      <div>
        <dl className="details">
          <dt>Login</dt>
          <dd className="mono">{formatDocument(account.login)}</dd>
          <dt>E-mail</dt>
          <dd>{account.email}</dd>
          <dt>Criado em</dt>
          <dd>{formatDateTime(account.createdAt)}</dd>
          <dt>Última senha enviada em</dt>
          <dd>{formatDateTime(account.passwordSentAt)}</dd>
        </dl>
        {customer.email ? (
          <button type="button" className="button" onClick={() => setConfirmingResend(true)}>
            Reenviar senha
          </button>
        ) : (
          noEmailNotice
        )}
        {confirmingResend && (
          <ConfirmDialog
            title="Reenviar senha"
            confirmLabel="OK"
            onConfirm={resend}
            onClose={() => setConfirmingResend(false)}
          >
            <p>
              Uma nova senha temporária será enviada para <strong>{customer.email}</strong>. Confirma o envio?
            </p>
          </ConfirmDialog>
        )}
      </div>
    );
  }

  if (!customer.email) return noEmailNotice;

  return (
    <div>
      <p>Este cliente ainda não tem acesso ao autoatendimento. Confira os dados com ele antes de criar:</p>
      <dl className="details">
        <dt>{nameLabel(customer.type)}</dt>
        <dd>{customer.name}</dd>
        <dt>{documentLabel(customer.type)}</dt>
        <dd className="mono">{formatDocument(customer.document)}</dd>
        <dt>E-mail</dt>
        <dd>{customer.email}</dd>
      </dl>
      <p className="field__hint">
        O login será o {documentLabel(customer.type)}. Uma senha temporária será enviada para {customer.email}; ela não
        aparece nesta tela.
      </p>
      <FormAlert message={error} />
      <button type="button" className="button button--primary" onClick={create} disabled={submitting}>
        Salvar
      </button>
    </div>
  );
}
