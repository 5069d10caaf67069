import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type Information,
  type KnowledgeGap,
  type KnowledgeGapsQuery,
  type KnowledgeSearchSource,
  brazilianDate,
  knowledgeGapsQuerySchema,
  knowledgeSearchKindLabels,
  knowledgeSearchSourceLabels,
  knowledgeSearchSources,
} from '@receptivo/shared';
import { isRefusal } from '../../api/client';
import { useApi } from '../../auth/SessionProvider';
import { todayInBrasilia } from '../../reports/report-format';
import { DateField } from '../../ui/DateInput';
import { Field, FormAlert } from '../../ui/Field';
import { formErrorsFromFailure, formErrorsFromIssues, noFormErrors, type FormErrors } from '../../ui/form-errors';
import { countLabel, formatCount, formatDateTime } from '../../ui/format';
import { HorizontalScroll } from '../../ui/HorizontalScroll';
import { LoadFailed } from '../../ui/LoadFailed';
import { EmptyState } from '../../ui/Page';
import { InformationEditor } from './InformationsPanel';
import { useKnowledgeItems } from './KnowledgeList';
import { knowledgeGapsQuery } from './knowledge-admin-api';

const filterFields = ['from', 'to', 'source'] as const;
const DAY_MS = 86_400_000;
/** The days shown when the tab opens: the last 30, today included. */
const DEFAULT_DAYS = 30;

interface GapFilters {
  from: string;
  to: string;
  /** '' for both. */
  source: KnowledgeSearchSource | '';
}

function lastDays(): GapFilters {
  const to = todayInBrasilia();
  const from = new Date(Date.parse(to) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  return { from, to, source: '' };
}

const queryOf = (filters: GapFilters) => knowledgeGapsQuerySchema.safeParse({ ...filters, source: filters.source || undefined });

/**
 * Lacunas da base: the terms attendants and citizens searched for that found nothing, or after which
 * the attendance ended with nothing registered; [Criar informação] starts the missing information.
 */
export function KnowledgeGapsPanel() {
  const api = useApi();
  const queries = useQueryClient();
  const [form, setForm] = useState(lastDays);
  const [applied, setApplied] = useState<KnowledgeGapsQuery>(() => queryOf(form).data!);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  const [drafting, setDrafting] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const gaps = useQuery(knowledgeGapsQuery(api, applied));
  const { load: categories } = useKnowledgeItems('categories');
  // A refusal of the filters is told beside them; a failure to reach the server below the form, with a retry.
  const refused = isRefusal(gaps.error);
  const shownErrors = refused && errors === noFormErrors ? formErrorsFromFailure(gaps.error, filterFields) : errors;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = queryOf(form);
    if (!parsed.success) {
      setErrors(formErrorsFromIssues(parsed.error.issues, filterFields));
      return;
    }
    setErrors(noFormErrors);
    setStatus(null);
    setApplied(parsed.data);
  }

  function onSaved(information: Information) {
    setDrafting(null);
    setStatus(`Informação “${information.title}” criada. Ela está na aba Informações, na sua sessão.`);
    void queries.invalidateQueries({ queryKey: ['knowledge'] });
  }

  const change = (field: keyof GapFilters) => (value: string) => setForm((previous) => ({ ...previous, [field]: value }));

  return (
    <section aria-labelledby="knowledge-gaps-title">
      <h2 id="knowledge-gaps-title">Lacunas da base</h2>
      <p className="muted">
        Termos buscados no Receptivo (Busca geral e Palavra-chave) e no Autoatendimento que não encontraram nada, ou depois dos quais o
        atendimento foi finalizado sem informação nem solicitação registrada. Buscas por protocolo, CPF/CNPJ, telefone ou e-mail não são
        guardadas; as demais ficam 180 dias.
      </p>
      <form className="search-form search-form--inline" aria-label="Período das lacunas" onSubmit={onSubmit} noValidate>
        <FormAlert message={shownErrors.alert} />
        <DateField label="De" value={form.from} onChange={change('from')} error={shownErrors.fields.from} />
        <DateField label="Até" value={form.to} onChange={change('to')} error={shownErrors.fields.to} hint="Dias em horário de Brasília." />
        <Field label="Origem" error={shownErrors.fields.source}>
          {(control) => (
            <select {...control} value={form.source} onChange={(event) => change('source')(event.target.value)}>
              <option value="">Todas</option>
              {knowledgeSearchSources.map((source) => (
                <option key={source} value={source}>
                  {knowledgeSearchSourceLabels[source]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button--primary">
          Pesquisar
        </button>
      </form>
      <p role="status" className="status-line">
        {status}
      </p>
      {gaps.isPending && <p className="muted">Carregando lacunas…</p>}
      {gaps.isError && !refused && <LoadFailed what="as lacunas" error={gaps.error} onRetry={() => void gaps.refetch()} />}
      {gaps.isSuccess && <GapsTable gaps={gaps.data.items} from={gaps.data.from} to={gaps.data.to} onCreate={setDrafting} />}
      {drafting !== null && (
        <InformationEditor
          item={null}
          categories={categories.state === 'ready' ? categories.items : []}
          categoryId=""
          suggestedTitle={drafting}
          onSaved={onSaved}
          onClose={() => setDrafting(null)}
        />
      )}
    </section>
  );
}

function GapsTable({ gaps, from, to, onCreate }: { gaps: KnowledgeGap[]; from: string; to: string; onCreate: (term: string) => void }) {
  const period = from === to ? `em ${brazilianDate(from)}` : `de ${brazilianDate(from)} a ${brazilianDate(to)}`;
  if (gaps.length === 0) {
    return <EmptyState title="Nenhuma lacuna no período">{`Nenhum termo buscado ${period} ficou sem resposta na base.`}</EmptyState>;
  }
  const caption = `Termos sem resposta na base ${period}`;
  return (
    <>
      <p className="toolbar__summary">{`${countLabel(gaps.length, 'termo', 'termos')}, os com mais lacunas primeiro.`}</p>
      <HorizontalScroll label={caption}>
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Termo</th>
              <th scope="col" className="knowledge-gaps__number">
                Buscas
              </th>
              <th scope="col" className="knowledge-gaps__number">
                Sem resultado
              </th>
              <th scope="col" className="knowledge-gaps__number">
                Sem informação registrada
              </th>
              <th scope="col">Última busca</th>
              <th scope="col">
                <span className="visually-hidden">Ações</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {gaps.map((gap) => (
              <tr key={gap.term}>
                <th scope="row">
                  {gap.term}
                  <span className="knowledge-gaps__kind muted">{knowledgeSearchKindLabels[gap.sampleKind]}</span>
                </th>
                <td className="knowledge-gaps__number">{formatCount(gap.searches)}</td>
                <td className="knowledge-gaps__number">{formatCount(gap.noResults)}</td>
                <td className="knowledge-gaps__number">{formatCount(gap.noInformationRegistered)}</td>
                <td>{formatDateTime(gap.lastSearchedAt)}</td>
                <td className="table__actions">
                  <button type="button" className="button button--small" onClick={() => onCreate(gap.term)}>
                    Criar informação<span className="visually-hidden">{` sobre “${gap.term}”`}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </HorizontalScroll>
    </>
  );
}
