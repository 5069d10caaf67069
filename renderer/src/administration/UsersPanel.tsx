import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { roleLabels, type IssuedPassword, type User, type UserList } from '@receptivo/shared';
import { useApi, useCurrentUser, useSession } from '../auth/SessionProvider';
import { LoadFailed } from '../ui/LoadFailed';
import { upsertById } from '../ui/upsert-by-id';
import { IssuedPasswordDialog } from './IssuedPasswordDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { CreateUserDialog, EditUserDialog } from './UserFormDialog';
import { usersQuery } from './users-api';

type Open =
  | { kind: 'create' }
  | { kind: 'edit'; user: User }
  | { kind: 'reset'; user: User }
  | { kind: 'issued'; title: string; issued: IssuedPassword; done: string };

export function UsersPanel() {
  const api = useApi();
  const me = useCurrentUser();
  const { updateUser: updateSessionUser } = useSession();
  const queries = useQueryClient();
  const query = useQuery(usersQuery(api));
  const [open, setOpen] = useState<Open | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const users = query.data?.items ?? [];

  function upsert(user: User) {
    queries.setQueryData<UserList>(usersQuery(api).queryKey, (previous) =>
      previous ? { ...previous, items: upsertById(previous.items, user) } : previous,
    );
  }

  function onCreated(issued: IssuedPassword) {
    upsert(issued.user);
    setOpen({ kind: 'issued', title: 'Usuário criado', issued, done: `Usuário ${issued.user.username} criado.` });
  }

  function onReset(issued: IssuedPassword) {
    upsert(issued.user);
    setOpen({
      kind: 'issued',
      title: 'Senha redefinida',
      issued,
      done: `Senha de ${issued.user.username} redefinida.`,
    });
  }

  function onSaved(user: User) {
    upsert(user);
    // Editing oneself changes the header and, for a new role, the menu.
    if (user.id === me.id) {
      updateSessionUser({ id: user.id, name: user.name, role: user.role, extension: user.extension, organ: user.organ });
    }
    setOpen(null);
    setStatus(`Usuário ${user.username} atualizado.`);
  }

  function start(next: Open) {
    setStatus(null);
    setOpen(next);
  }

  return (
    <div className="users">
      <div className="toolbar">
        <p className="toolbar__summary">
          {query.isSuccess && (users.length === 1 ? '1 usuário' : `${users.length} usuários`)}
        </p>
        <button type="button" className="button button--primary" onClick={() => start({ kind: 'create' })}>
          Novo usuário
        </button>
      </div>
      <p role="status" className="status-line">
        {status}
      </p>

      {query.isPending && <p className="muted">Carregando usuários…</p>}
      {query.isError && <LoadFailed what="os usuários" error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && users.length === 0 && <p className="muted">Nenhum usuário cadastrado.</p>}
      {query.isSuccess && users.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Usuários cadastrados</caption>
          <thead>
            <tr>
              <th scope="col">Usuário</th>
              <th scope="col">Nome</th>
              <th scope="col">Perfil</th>
              <th scope="col">Ramal</th>
              <th scope="col">Situação</th>
              <th scope="col">
                <span className="visually-hidden">Ações</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className={user.active ? undefined : 'table__row--inactive'}>
                <td className="mono">{user.username}</td>
                <td>{user.name}</td>
                <td>{roleLabels[user.role]}</td>
                <td className="mono">{user.extension ?? <span aria-label="sem ramal">—</span>}</td>
                <td>
                  <span className={user.active ? 'badge badge--ok' : 'badge badge--off'}>
                    {user.active ? 'Ativo' : 'Inativo'}
                  </span>
                </td>
                <td className="table__actions">
                  <button type="button" className="button button--small" onClick={() => start({ kind: 'edit', user })}>
                    Editar
                  </button>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => start({ kind: 'reset', user })}
                  >
                    Redefinir senha
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {open?.kind === 'create' && <CreateUserDialog onCreated={onCreated} onClose={() => setOpen(null)} />}
      {open?.kind === 'edit' && <EditUserDialog user={open.user} onSaved={onSaved} onClose={() => setOpen(null)} />}
      {open?.kind === 'reset' && (
        <ResetPasswordDialog user={open.user} onReset={onReset} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'issued' && (
        <IssuedPasswordDialog
          title={open.title}
          issued={open.issued}
          onDone={() => {
            setOpen(null);
            setStatus(open.done);
          }}
        />
      )}
    </div>
  );
}
