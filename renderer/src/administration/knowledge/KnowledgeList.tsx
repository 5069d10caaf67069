import { useCallback, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, describeError } from '../../api/client';
import { useApi } from '../../auth/SessionProvider';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';
import { FormAlert } from '../../ui/Field';
import { agree, capitalize, countOf, type Noun } from './editing';
import {
  deleteItem,
  knowledgeItemsQuery,
  reorderItems,
  updateItem,
  type KnowledgeItems,
  type KnowledgeResource,
  type OrderedResource,
} from './knowledge-admin-api';
import './knowledge-admin.css';

type Load<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; items: T[] };

/**
 * One list of /api/knowledge, loaded when the screen opens and again when `categoryId` changes;
 * `update` applies a saved change to it, and every other knowledge read (the other lists, the desk's)
 * is refreshed.
 */
export function useKnowledgeItems<R extends KnowledgeResource>(resource: R, categoryId?: string) {
  const api = useApi();
  const queries = useQueryClient();
  const options = knowledgeItemsQuery(api, resource, categoryId);
  const { queryKey } = options;
  const query = useQuery(options);
  const load: Load<KnowledgeItems[R]> = query.isPending
    ? { state: 'loading' }
    : query.isError
      ? { state: 'failed', message: describeError(query.error) }
      : { state: 'ready', items: query.data };

  const update = useCallback(
    (change: (items: KnowledgeItems[R][]) => KnowledgeItems[R][]) => {
      queries.setQueryData(queryKey, (items) => items && change(items));
      const changed = JSON.stringify(queryKey);
      void queries.invalidateQueries({ queryKey: ['knowledge'], predicate: (other) => JSON.stringify(other.queryKey) !== changed });
    },
    [queries, resource, categoryId],
  );

  return { load, reload: () => void query.refetch(), update };
}

export function LoadFailure({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="alert alert--error">
      <p>{message}</p>
      <button type="button" className="button" onClick={onRetry}>
        Tentar novamente
      </button>
    </div>
  );
}

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

export interface EditorProps<T> {
  /** Null when creating. */
  item: T | null;
  onSaved: (item: T) => void;
  onClose: () => void;
}

const orderedResources: readonly KnowledgeResource[] = ['categories', 'informations', 'request-types', 'script-topics'];
const isOrdered = (resource: KnowledgeResource): resource is OrderedResource => orderedResources.includes(resource);

interface KnowledgeListProps<R extends KnowledgeResource> {
  resource: R;
  noun: Noun;
  /** "Novo órgão", "Nova sessão"… */
  newLabel: string;
  /** The table's name for assistive technology, e.g. "Órgãos cadastrados". */
  caption: string;
  describe: (item: KnowledgeItems[R]) => string;
  columns: readonly Column<KnowledgeItems[R]>[];
  /** Informations and request types are listed (and ordered) one category at a time. */
  categoryId?: string;
  /** Whether a saved item still belongs here; one moved to another category leaves the list. */
  belongs?: (item: KnowledgeItems[R]) => boolean;
  /** Shown at the left of the toolbar, e.g. the category filter. */
  filters?: ReactNode;
  renderEditor: (props: EditorProps<KnowledgeItems[R]>) => ReactNode;
}

type Open<T> = { kind: 'create' } | { kind: 'edit'; item: T } | { kind: 'deactivate'; item: T } | { kind: 'delete'; item: T };

/**
 * The administration table every knowledge list shares: [Novo …], and per row [Editar],
 * [Desativar]/[Ativar], [Excluir] and, for ordered lists, [Subir]/[Descer].
 */
export function KnowledgeList<R extends KnowledgeResource>({
  resource,
  noun,
  newLabel,
  caption,
  describe,
  columns,
  categoryId,
  belongs = () => true,
  filters,
  renderEditor,
}: KnowledgeListProps<R>) {
  type Item = KnowledgeItems[R];
  const api = useApi();
  const { load, reload, update } = useKnowledgeItems(resource, categoryId);
  const [open, setOpen] = useState<Open<Item> | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const items = load.state === 'ready' ? load.items : [];
  const ordered = isOrdered(resource) ? resource : null;
  const named = (item: Item) => `${capitalize(noun.singular)} “${describe(item)}”`;

  function start(next: Open<Item>) {
    setStatus(null);
    setActionError(null);
    setOpen(next);
  }

  /** Keeps the server's order: a changed item stays where it is, a new one goes last. */
  function upsert(item: Item) {
    update((list) =>
      list.some((known) => known.id === item.id)
        ? list.map((known) => (known.id === item.id ? item : known))
        : [...list, item],
    );
  }

  function onSaved(item: Item) {
    const created = open?.kind === 'create';
    setOpen(null);
    if (belongs(item)) {
      upsert(item);
      setStatus(`${named(item)} ${agree(noun, created ? 'criado' : 'salvo')}.`);
    } else {
      update((list) => list.filter((known) => known.id !== item.id));
      setStatus(`${named(item)} ${agree(noun, created ? 'criado' : 'salvo')} em outra sessão.`);
    }
  }

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setStatus(null);
    setActionError(null);
    try {
      await action();
    } catch (error) {
      setActionError(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  async function setActive(item: Item, active: boolean) {
    const saved = await updateItem(api, resource, item.id, { active });
    upsert(saved);
    setStatus(`${named(saved)} ${agree(noun, active ? 'ativado' : 'desativado')}.`);
  }

  async function remove(item: Item) {
    await deleteItem(api, resource, item.id);
    update((list) => list.filter((known) => known.id !== item.id));
    setOpen(null);
    setStatus(`${named(item)} ${agree(noun, 'excluído')}.`);
  }

  async function move(index: number, offset: -1 | 1) {
    if (!ordered) return;
    const next = [...items];
    const [moved] = next.splice(index, 1);
    next.splice(index + offset, 0, moved);
    // The server takes the complete list in its new order, not a single move.
    await reorderItems(
      api,
      ordered,
      next.map((item) => item.id),
    );
    update(() => next);
    setStatus(`${named(moved)} ${agree(noun, 'movido')} para a posição ${index + offset + 1} de ${next.length}.`);
  }

  return (
    <div className="knowledge-list">
      <div className="toolbar">
        <div className="knowledge-list__filters">
          {filters}
          <p className="toolbar__summary">{load.state === 'ready' && countOf(noun, items.length)}</p>
        </div>
        <button type="button" className="button button--primary" onClick={() => start({ kind: 'create' })}>
          {newLabel}
        </button>
      </div>
      <p role="status" className="status-line">
        {status}
      </p>
      <FormAlert message={actionError} />

      {load.state === 'loading' && <p className="muted">Carregando…</p>}
      {load.state === 'failed' && <LoadFailure message={load.message} onRetry={reload} />}
      {load.state === 'ready' && items.length === 0 && <p className="muted">Nada cadastrado ainda.</p>}
      {load.state === 'ready' && items.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.header} scope="col">
                  {column.header}
                </th>
              ))}
              <th scope="col">Situação</th>
              <th scope="col">
                <span className="visually-hidden">Ações</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <tr key={item.id} className={item.active ? undefined : 'table__row--inactive'}>
                {columns.map((column) => (
                  <td key={column.header}>{column.cell(item)}</td>
                ))}
                <td>
                  <span className={item.active ? 'badge badge--ok' : 'badge badge--off'}>
                    {item.active ? 'Ativo' : 'Inativo'}
                  </span>
                </td>
                <td className="table__actions">
                  {ordered && (
                    <>
                      <button
                        type="button"
                        className="button button--small"
                        disabled={busy || index === 0}
                        onClick={() => run(() => move(index, -1))}
                      >
                        Subir
                      </button>
                      <button
                        type="button"
                        className="button button--small"
                        disabled={busy || index === items.length - 1}
                        onClick={() => run(() => move(index, 1))}
                      >
                        Descer
                      </button>
                    </>
                  )}
                  <button type="button" className="button button--small" onClick={() => start({ kind: 'edit', item })}>
                    Editar
                  </button>
                  {/* Taking an item away from the attendants asks first; bringing it back does not need to. */}
                  {item.active ? (
                    <button
                      type="button"
                      className="button button--small button--danger-secondary"
                      disabled={busy}
                      onClick={() => start({ kind: 'deactivate', item })}
                    >
                      Desativar
                    </button>
                  ) : (
                    <button type="button" className="button button--small" disabled={busy} onClick={() => run(() => setActive(item, true))}>
                      Ativar
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button--small button--danger-secondary"
                    onClick={() => start({ kind: 'delete', item })}
                  >
                    Excluir
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {(open?.kind === 'create' || open?.kind === 'edit') &&
        renderEditor({ item: open.kind === 'edit' ? open.item : null, onSaved, onClose: () => setOpen(null) })}
      {open?.kind === 'deactivate' && (
        <ConfirmDialog
          title={`Desativar ${noun.singular}`}
          confirmLabel="Desativar"
          danger
          onConfirm={async () => {
            await setActive(open.item, false);
            setOpen(null);
          }}
          onClose={() => setOpen(null)}
        >
          <p>
            {`“${describe(open.item)}” deixa de ser oferecid${noun.feminine ? 'a' : 'o'} aos atendentes. ` +
              `Pode ser ativad${noun.feminine ? 'a' : 'o'} de novo a qualquer momento; o histórico é mantido.`}
          </p>
        </ConfirmDialog>
      )}
      {open?.kind === 'delete' && (
        <DeleteDialog
          noun={noun}
          name={describe(open.item)}
          active={open.item.active}
          onDelete={() => remove(open.item)}
          onDeactivate={async () => {
            await setActive(open.item, false);
            setOpen(null);
          }}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}

interface DeleteDialogProps {
  noun: Noun;
  name: string;
  active: boolean;
  onDelete: () => Promise<void>;
  onDeactivate: () => Promise<void>;
  onClose: () => void;
}

/** Asks before deleting; when the server refuses because something refers to the item, offers to deactivate it. */
function DeleteDialog({ noun, name, active, onDelete, onDeactivate, onClose }: DeleteDialogProps) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [referred, setReferred] = useState(false);

  async function attempt(action: () => Promise<void>) {
    setSubmitting(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setReferred((before) => before || (failure instanceof ApiError && failure.code === 'CONFLICT'));
      setError(describeError(failure));
      setSubmitting(false);
    }
  }

  const pronoun = noun.feminine ? 'a' : 'o';
  return (
    <Dialog title={`Excluir ${noun.singular}`} onClose={submitting ? undefined : onClose}>
      <FormAlert message={error} />
      {referred ? (
        <p>
          {active
            ? `Em vez de excluir, desative-${pronoun}: deixa de ser oferecid${pronoun} aos atendentes ` +
              'e o histórico é mantido.'
            : `“${name}” já está inativ${pronoun} e não é oferecid${pronoun} aos atendentes.`}
        </p>
      ) : (
        <p>
          Excluir “<strong>{name}</strong>”? Esta ação não pode ser desfeita.
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={submitting}>
          {referred ? 'Fechar' : 'Cancelar'}
        </button>
        {!referred && (
          <button
            type="button"
            className="button button--danger"
            onClick={() => attempt(onDelete)}
            disabled={submitting}
          >
            Excluir
          </button>
        )}
        {referred && active && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => attempt(onDeactivate)}
            disabled={submitting}
          >
            Desativar
          </button>
        )}
      </div>
    </Dialog>
  );
}
