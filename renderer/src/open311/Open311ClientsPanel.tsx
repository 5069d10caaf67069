import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { IssuedOpen311Key, Open311Client, Open311ClientList } from '@receptivo/shared';
import { describeError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { countLabel, formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import { upsertById } from '../ui/upsert-by-id';
import { CreateOpen311ClientDialog } from './CreateOpen311ClientDialog';
import { IssuedKeyDialog } from './IssuedKeyDialog';
import { open311ClientsQuery, updateOpen311Client } from './open311-api';

type Open = { kind: 'create' } | { kind: 'issued'; issued: IssuedOpen311Key } | { kind: 'deactivate'; client: Open311Client };

/**
 * Aplicativos Open311: the third-party applications (FixMyStreet, SeeClickFix, a city app) that may
 * post requests at /open311/v2 with their key. Reading the service list and the requests needs none.
 */
export function Open311ClientsPanel() {
  const api = useApi();
  const queries = useQueryClient();
  const query = useQuery(open311ClientsQuery(api));
  const [open, setOpen] = useState<Open | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [reactivating, setReactivating] = useState<string | null>(null);

  const clients = query.data?.items ?? [];

  function upsert(client: Open311Client) {
    queries.setQueryData<Open311ClientList>(open311ClientsQuery(api).queryKey, (previous) =>
      previous ? { items: upsertById(previous.items, client) } : previous,
    );
  }

  function start(next: Open) {
    setStatus(null);
    setOpen(next);
  }

  async function deactivate(client: Open311Client) {
    upsert(await updateOpen311Client(api, client.id, { active: false }));
    setOpen(null);
    setStatus(`${client.name} desativado: a chave dele não é mais aceita.`);
  }

  async function reactivate(client: Open311Client) {
    setStatus(null);
    setReactivating(client.id);
    try {
      upsert(await updateOpen311Client(api, client.id, { active: true }));
      setStatus(`${client.name} reativado: a mesma chave volta a ser aceita.`);
    } catch (error) {
      setStatus(`Não foi possível reativar ${client.name}: ${describeError(error)}`);
    } finally {
      setReactivating(null);
    }
  }

  return (
    <div className="open311-clients">
      <p className="muted">
        Aplicativos de terceiros registram solicitações pelo padrão Open311 (GeoReport v2) em <code>/open311/v2</code>, com a
        chave cadastrada aqui. Eles não enviam dados pessoais ao Receptivo: nome, e-mail e telefone de quem relata não são
        guardados.
      </p>
      <div className="toolbar">
        <p className="toolbar__summary">{query.isSuccess && countLabel(clients.length, 'aplicativo', 'aplicativos')}</p>
        <button type="button" className="button button--primary" onClick={() => start({ kind: 'create' })}>
          Novo aplicativo
        </button>
      </div>
      <p role="status" className="status-line">
        {status}
      </p>

      {query.isPending && <p className="muted">Carregando aplicativos…</p>}
      {query.isError && <LoadFailed what="os aplicativos" error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && clients.length === 0 && <p className="muted">Nenhum aplicativo cadastrado.</p>}
      {query.isSuccess && clients.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Aplicativos Open311 cadastrados</caption>
          <thead>
            <tr>
              <th scope="col">Aplicativo</th>
              <th scope="col">Situação</th>
              <th scope="col">Cadastrado em</th>
              <th scope="col">Último envio</th>
              <th scope="col">
                <span className="visually-hidden">Ações</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {clients.map((client) => (
              <tr key={client.id} className={client.active ? undefined : 'table__row--inactive'}>
                <td>{client.name}</td>
                <td>
                  <span className={client.active ? 'badge badge--ok' : 'badge badge--off'}>{client.active ? 'Ativo' : 'Inativo'}</span>
                </td>
                <td>
                  {formatDateTime(client.createdAt)}
                  {client.createdBy && <span className="muted"> por {client.createdBy}</span>}
                </td>
                <td>{client.lastUsedAt ? formatDateTime(client.lastUsedAt) : <span className="muted">Nunca</span>}</td>
                <td className="table__actions">
                  {client.active ? (
                    <button type="button" className="button button--small" onClick={() => start({ kind: 'deactivate', client })}>
                      Desativar
                    </button>
                  ) : (
                    <button type="button" className="button button--small" disabled={reactivating === client.id} onClick={() => void reactivate(client)}>
                      Reativar
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {open?.kind === 'create' && (
        <CreateOpen311ClientDialog
          onCreated={(issued) => {
            upsert(issued.client);
            setOpen({ kind: 'issued', issued });
          }}
          onClose={() => setOpen(null)}
        />
      )}
      {open?.kind === 'issued' && (
        <IssuedKeyDialog
          issued={open.issued}
          onDone={() => {
            setOpen(null);
            setStatus(`${open.issued.client.name} cadastrado.`);
          }}
        />
      )}
      {open?.kind === 'deactivate' && (
        <ConfirmDialog title={`Desativar ${open.client.name}?`} confirmLabel="Desativar" danger onConfirm={() => deactivate(open.client)} onClose={() => setOpen(null)}>
          <p>A chave do aplicativo deixa de ser aceita na hora. As solicitações que ele já enviou continuam como estão; ele pode ser reativado depois com a mesma chave.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
