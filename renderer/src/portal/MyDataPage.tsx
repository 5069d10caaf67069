import { useId, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { phoneInputSchema, portalEmailSchema, type CustomerPhone, type PortalData } from '@receptivo/shared';
import { describeAddress } from '../customers/AddressFields';
import { maskCep } from '../customers/masks';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Field, FormAlert } from '../ui/Field';
import { formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { Pagination } from '../ui/Pagination';
import { useFormSubmit } from '../ui/use-form-submit';
import { accessesPageSize, accessesQuery, addPhone, changeEmail, myDataQuery, removePhone } from './portal-api';
import { PortalPage } from './PortalPage';
import { usePortalApi } from './PortalSessionProvider';

/** Meus dados: the record as the desk keeps it; the e-mail and the phones are the citizen's to correct. */
export function MyDataPage() {
  const api = usePortalApi();
  const data = useQuery(myDataQuery(api));
  /** The outcome of the last change; numbered so a repeated one is a new text to announce. */
  const [message, setMessage] = useState({ count: 0, text: '' });
  const queries = useQueryClient();

  function saved(updated: PortalData, text: string) {
    queries.setQueryData(myDataQuery(api).queryKey, updated);
    setMessage((previous) => ({ count: previous.count + 1, text }));
  }

  return (
    <PortalPage title="Meus dados" lead="Seus dados na Central de Atendimento. Para corrigir nome, documento ou endereço, fale com a Central.">
      <div role="status" className="status-line">
        {message.text && <p key={message.count}>{message.text}</p>}
      </div>
      {data.isPending && <p className="muted">Carregando seus dados…</p>}
      {data.isError && <LoadFailed what="seus dados" error={data.error} onRetry={() => void data.refetch()} />}
      {data.data && (
        <>
          <Identification data={data.data} />
          <EmailSection email={data.data.email ?? ''} onSaved={saved} />
          <PhonesSection phones={data.data.phones} onSaved={saved} />
          <AddressesSection data={data.data} />
        </>
      )}
      <AccessesSection />
    </PortalPage>
  );
}

function Identification({ data }: { data: PortalData }) {
  const titleId = useId();
  return (
    <section className="portal-section" aria-labelledby={titleId}>
      <h2 id={titleId}>Identificação</h2>
      <dl className="portal-facts">
        <dt>Nome</dt>
        <dd>{data.name}</dd>
        {data.tradeName && (
          <>
            <dt>Nome fantasia</dt>
            <dd>{data.tradeName}</dd>
          </>
        )}
        <dt>CPF/CNPJ</dt>
        <dd>{data.document}</dd>
      </dl>
    </section>
  );
}

type OnSaved = (updated: PortalData, message: string) => void;

function EmailSection({ email: saved, onSaved }: { email: string; onSaved: OnSaved }) {
  const api = usePortalApi();
  const titleId = useId();
  const [email, setEmail] = useState(saved);
  const { submitting, errors, submit } = useFormSubmit();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit({
      parsed: portalEmailSchema.safeParse({ email }),
      fields: ['email'],
      send: async (data) => {
        const updated = await changeEmail(api, data);
        setEmail(updated.email ?? '');
        onSaved(updated, `E-mail alterado para ${updated.email}.`);
      },
    });
  }

  return (
    <section className="portal-section" aria-labelledby={titleId}>
      <h2 id={titleId}>E-mail</h2>
      <form className="portal-card" onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
        <FormAlert message={errors.alert} />
        <Field label="E-mail" hint="As mensagens do Autoatendimento e das suas solicitações vão para este e-mail." error={errors.fields.email}>
          {(control) => (
            <input {...control} type="email" autoComplete="email" value={email} onChange={(event) => setEmail(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={submitting}>
          Salvar e-mail
        </button>
      </form>
    </section>
  );
}

function PhonesSection({ phones, onSaved }: { phones: CustomerPhone[]; onSaved: OnSaved }) {
  const api = usePortalApi();
  const titleId = useId();
  const [number, setNumber] = useState('');
  const [removing, setRemoving] = useState<CustomerPhone | null>(null);
  const { submitting, errors, submit } = useFormSubmit();

  async function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit({
      parsed: phoneInputSchema.safeParse({ number }),
      fields: ['number'],
      send: async (data) => {
        const updated = await addPhone(api, data);
        setNumber('');
        onSaved(updated, 'Telefone adicionado.');
      },
    });
  }

  return (
    <section className="portal-section" aria-labelledby={titleId}>
      <h2 id={titleId}>Telefones</h2>
      {phones.length === 0 ? (
        <p className="muted">Nenhum telefone cadastrado.</p>
      ) : (
        <ul className="portal-phones" aria-labelledby={titleId}>
          {phones.map((phone) => (
            <li key={phone.id}>
              <span>
                {phone.display}
                {phone.primary && <span className="badge badge--ok portal-phones__primary">principal</span>}
              </span>
              <button type="button" className="button button--small button--danger-secondary" onClick={() => setRemoving(phone)}>
                Remover<span className="visually-hidden">{` o telefone ${phone.display}`}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="portal-card" onSubmit={onAdd} noValidate aria-label="Adicionar telefone">
        <FormAlert message={errors.alert} />
        <Field label="Novo telefone" hint="Com DDD, por exemplo (11) 98765-4321." error={errors.fields.number}>
          {(control) => (
            <input {...control} type="tel" inputMode="tel" autoComplete="tel" value={number} onChange={(event) => setNumber(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button" disabled={submitting}>
          Adicionar telefone
        </button>
      </form>
      {removing && (
        <ConfirmDialog
          title="Remover telefone"
          confirmLabel="Remover"
          danger
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            const updated = await removePhone(api, removing.id);
            setRemoving(null);
            onSaved(updated, `Telefone ${removing.display} removido.`);
          }}
        >
          <p>{`O telefone ${removing.display} deixará de constar no seu cadastro.`}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function AddressesSection({ data }: { data: PortalData }) {
  const titleId = useId();
  return (
    <section className="portal-section" aria-labelledby={titleId}>
      <h2 id={titleId}>Endereços</h2>
      {data.addresses.length === 0 ? (
        <p className="muted">Nenhum endereço cadastrado.</p>
      ) : (
        <ul className="portal-plain-list" aria-labelledby={titleId}>
          {data.addresses.map((address) => (
            <li key={address.id}>{`${describeAddress(address)} — CEP ${maskCep(address.cep)}`}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The desk's screens as a citizen would name them (the access audit keeps the page's path). */
const screenNames: Record<string, string> = {
  receptivo: 'atendimento',
  clientes: 'cadastro de clientes',
  atendimentos: 'consulta de atendimentos',
  solicitacoes: 'consulta de solicitações',
  administracao: 'administração',
};

const screenName = (screen: string) => screenNames[screen.replace(/^\//, '').split('/')[0]] ?? screen;

/** Quem acessou meus dados: the LGPD access audit of the citizen's record, the latest first. */
function AccessesSection() {
  const api = usePortalApi();
  const titleId = useId();
  const [page, setPage] = useState(1);
  const accesses = useQuery(accessesQuery(api, page));

  return (
    <section className="portal-section" aria-labelledby={titleId}>
      <h2 id={titleId}>Quem acessou meus dados</h2>
      <p className="muted">Cada vez que alguém da Central de Atendimento abre o seu cadastro, fica registrado aqui.</p>
      {accesses.isPending && <p className="muted">Carregando os acessos…</p>}
      {accesses.isError && <LoadFailed what="os acessos" error={accesses.error} onRetry={() => void accesses.refetch()} />}
      {accesses.data &&
        (accesses.data.items.length === 0 ? (
          <p className="muted">Ninguém da Central acessou seu cadastro até agora.</p>
        ) : (
          <ul className="portal-accesses" aria-labelledby={titleId}>
            {accesses.data.items.map((access, index) => (
              <li key={`${access.accessedAt}-${index}`}>
                <time dateTime={access.accessedAt}>{formatDateTime(access.accessedAt)}</time>
                <span>{access.userName}</span>
                {access.screen && <span className="muted">{`na tela ${screenName(access.screen)}`}</span>}
              </li>
            ))}
          </ul>
        ))}
      {accesses.data && <Pagination page={page} pageSize={accessesPageSize} total={accesses.data.total} onPage={setPage} />}
    </section>
  );
}
