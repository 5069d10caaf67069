import { useEffect, useId, useState, type FormEvent } from 'react';
import { uraRoutesInputSchema, type UraRoutes } from '@receptivo/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { knowledgeQueries } from '../knowledge/knowledge-api';
import { Field, FormAlert } from '../ui/Field';
import { countLabel } from '../ui/format';
import { useFormSubmit } from '../ui/use-form-submit';
import { saveUraRoutes, uraRoutesQuery } from './cti-api';

interface RouteRow {
  key: number;
  option: string;
  queue: string;
  categoryId: string;
}

let nextKey = 0;
const rowsOf = (table: UraRoutes): RouteRow[] =>
  table.routes.map((route) => ({ key: nextKey++, option: route.option ?? '', queue: route.queue ?? '', categoryId: route.categoryId }));

/**
 * Roteamento da URA: which knowledge sessão a call's URA option (the `option` field of
 * CTI_URA_FIELDS) or queue leads to. The pop names it and the desk opens it when the call is answered.
 */
export function UraRoutesEditor() {
  const api = useApi();
  const queries = useQueryClient();
  const titleId = useId();
  const table = useQuery(uraRoutesQuery(api));
  const categories = useQuery(knowledgeQueries.categories(api));
  const [rows, setRows] = useState<RouteRow[] | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { submitting, errors, submit } = useFormSubmit();

  useEffect(() => {
    if (table.data && rows === null) setRows(rowsOf(table.data));
  }, [table.data, rows]);

  const change = (key: number, patch: Partial<RouteRow>) => {
    setSaved(null);
    setRows((current) => current?.map((row) => (row.key === key ? { ...row, ...patch } : row)) ?? null);
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!rows) return;
    setSaved(null);
    await submit({
      parsed: uraRoutesInputSchema.safeParse({ routes: rows.map(({ option, queue, categoryId }) => ({ option, queue, categoryId })) }),
      fields: rows.flatMap((_, index) => ['option', 'queue', 'categoryId'].map((field) => `routes.${index}.${field}`)),
      send: async (body) => {
        const answer = await saveUraRoutes(api, body);
        queries.setQueryData(uraRoutesQuery(api).queryKey, answer);
        setRows(rowsOf(answer));
        setSaved(`${countLabel(answer.routes.length, 'rota salva', 'rotas salvas')}.`);
      },
    });
  }

  return (
    <section className="telephony__section" aria-labelledby={titleId}>
      <h2 id={titleId} className="telephony__title">
        Roteamento da URA
      </h2>
      <p className="muted">
        A opção escolhida na URA, a fila, ou as duas, levam a uma sessão da base de conhecimento: a tela de chamada a nomeia e o Receptivo a abre quando a
        chamada é atendida. A rota com opção e fila vale mais que a só da opção, que vale mais que a só da fila.
      </p>
      {(table.error || categories.error) && (
        <p role="alert" className="alert alert--error">
          {`Não foi possível carregar as rotas da URA. ${describeError(table.error ?? categories.error)}`}
        </p>
      )}
      {rows && categories.data && (
        <form aria-label="Rotas da URA" onSubmit={onSubmit} noValidate>
          <FormAlert message={errors.alert} />
          {rows.length === 0 && <p className="muted">Nenhuma rota: as chamadas abrem a base de conhecimento sem sessão escolhida.</p>}
          <ol className="ura-routes">
            {rows.map((row, index) => (
              <li key={row.key} className="ura-routes__row" aria-label={`Rota ${index + 1}`}>
                <Field label="Opção da URA" error={errors.fields[`routes.${index}.option`]}>
                  {(control) => <input {...control} value={row.option} maxLength={40} onChange={(event) => change(row.key, { option: event.target.value })} />}
                </Field>
                <Field label="Fila" error={errors.fields[`routes.${index}.queue`]}>
                  {(control) => <input {...control} value={row.queue} maxLength={40} onChange={(event) => change(row.key, { queue: event.target.value })} />}
                </Field>
                <Field label="Sessão" error={errors.fields[`routes.${index}.categoryId`]}>
                  {(control) => (
                    <select {...control} value={row.categoryId} onChange={(event) => change(row.key, { categoryId: event.target.value })}>
                      <option value="">Escolha a sessão</option>
                      {categories.data.items.map((category) => (
                        <option key={category.id} value={category.id}>
                          {category.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    setSaved(null);
                    setRows(rows.filter((candidate) => candidate.key !== row.key));
                  }}
                >
                  Remover rota {index + 1}
                </button>
              </li>
            ))}
          </ol>
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setRows([...rows, { key: nextKey++, option: '', queue: '', categoryId: '' }])}>
              Adicionar rota
            </button>
            <button type="submit" className="button button--primary" disabled={submitting}>
              {submitting ? 'Salvando…' : 'Salvar rotas'}
            </button>
          </div>
          {saved && <p role="status">{saved}</p>}
        </form>
      )}
    </section>
  );
}
