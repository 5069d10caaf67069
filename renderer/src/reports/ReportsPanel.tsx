import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  type Report,
  type ReportGrouping,
  type ReportQuery,
  brazilianDate,
  defaultReportGrouping,
  reportGroupingLabels,
  reportGroupings,
  reportQuerySchema,
  reportTables,
} from '@receptivo/shared';
import { isRefusal } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { Field, FormAlert } from '../ui/Field';
import { formErrorsFromFailure, formErrorsFromIssues, noFormErrors, type FormErrors } from '../ui/form-errors';
import { DateField } from '../ui/DateInput';
import { countLabel, formatDateTime } from '../ui/format';
import { LoadFailed } from '../ui/LoadFailed';
import {
  AttendancesOverTimeChart,
  CountsChart,
  DeadlineByOrganChart,
  DeadlineChart,
  HandlingTimeChart,
  RequestStatusChart,
} from './ReportCharts';
import { ReportTableView } from './ReportTableView';
import { formatDuration, todayInBrasilia } from './report-format';
import { getReport } from './reports-api';
import './reports.css';

const queryFields = ['from', 'to', 'groupBy'] as const;

/** What the form holds: the period as typed, and a grouping or '' for the period's default. */
interface QueryForm {
  from: string;
  to: string;
  groupBy: ReportGrouping | '';
}

/** From the first day of this month to today, in Brasília, grouped as such a period is by default. */
function currentMonth(): QueryForm {
  const today = todayInBrasilia();
  return { from: `${today.slice(0, 8)}01`, to: today, groupBy: '' };
}

/** "Automático (semana)" once the period is readable: which grouping the server will pick. */
function automaticGroupingLabel({ from, to }: QueryForm): string {
  const period = reportQuerySchema.safeParse({ from, to });
  return period.success ? `Automático (${reportGroupingLabels[defaultReportGrouping(from, to)].toLowerCase()})` : 'Automático';
}

/** Reports of a period for supervisors: attendances, requests and handling time, as charts and tables. */
export function ReportsPanel() {
  const api = useApi();
  const [form, setForm] = useState<QueryForm>(currentMonth);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  /** The period of the report shown; null until the first [Gerar relatório]. */
  const [asked, setAsked] = useState<ReportQuery | null>(null);
  const results = useQuery({
    queryKey: ['reports', asked],
    queryFn: () => getReport(api, asked as ReportQuery),
    enabled: asked !== null,
    // A report is a picture of the period when it was asked for; [Gerar relatório] asks again.
    staleTime: Infinity,
  });
  // A refusal (the period, the session) is told beside the fields; asking again would not help.
  const refused = isRefusal(results.error);
  const shownErrors = refused && errors === noFormErrors ? formErrorsFromFailure(results.error, queryFields) : errors;

  function generate(query: ReportQuery) {
    if (JSON.stringify(query) === JSON.stringify(asked)) void results.refetch();
    else setAsked(query);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = reportQuerySchema.safeParse({ ...form, groupBy: form.groupBy || undefined });
    if (!parsed.success) {
      setErrors(formErrorsFromIssues(parsed.error.issues, queryFields));
      return;
    }
    setErrors(noFormErrors);
    generate(parsed.data);
  }

  const change = (field: keyof QueryForm) => (value: string) => setForm((previous) => ({ ...previous, [field]: value }));

  return (
    <div className="reports">
      <form className="search-form search-form--inline" aria-label="Período do relatório" onSubmit={onSubmit} noValidate>
        <FormAlert message={shownErrors.alert} />
        <DateField label="De" value={form.from} onChange={change('from')} error={shownErrors.fields.from} />
        <DateField label="Até" value={form.to} onChange={change('to')} error={shownErrors.fields.to} hint="Dias em horário de Brasília, até 366 dias." />
        <Field label="Agrupar por" error={shownErrors.fields.groupBy}>
          {(control) => (
            <select {...control} value={form.groupBy} onChange={(event) => change('groupBy')(event.target.value)}>
              <option value="">{automaticGroupingLabel(form)}</option>
              {reportGroupings.map((grouping) => (
                <option key={grouping} value={grouping}>
                  {reportGroupingLabels[grouping]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={results.isFetching}>
          Gerar relatório
        </button>
      </form>

      <div aria-live="polite" aria-busy={results.isFetching}>
        {(asked === null || refused) && <p className="muted">Escolha o período e gere o relatório.</p>}
        {results.isFetching && <p className="muted">Gerando relatório…</p>}
        {results.isError && !refused && !results.isFetching && (
          <LoadFailed what="o relatório" error={results.error} onRetry={() => void results.refetch()} />
        )}
      </div>
      {results.isSuccess && !results.isFetching && <ReportView report={results.data} />}
    </div>
  );
}

function ReportSection({ title, summary, children }: { title: string; summary: ReactNode; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className="page-section report-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {title}
      </h2>
      <p className="report-section__summary">{summary}</p>
      {children}
    </section>
  );
}

function ReportView({ report }: { report: Report }) {
  const tables = reportTables(report);
  const { from, to, groupBy, attendances, requests, handlingTime } = report;
  const table = (section: keyof typeof tables) => <ReportTableView table={tables[section]} from={from} to={to} />;
  const averageOf = (seconds: number | null) => (seconds === null ? '—' : formatDuration(seconds));

  return (
    <div className="report">
      <p className="report__period">
        {`Relatório de ${brazilianDate(from)} a ${brazilianDate(to)}, gerado em ${formatDateTime(report.generatedAt)}.`}
      </p>

      <ReportSection title="Atendimentos" summary={`${countLabel(attendances.total, 'atendimento iniciado', 'atendimentos iniciados')} no período.`}>
        <AttendancesOverTimeChart perPeriod={attendances.perPeriod} groupBy={groupBy} />
        {table('attendances-by-day')}
        <p className="muted">
          Um atendimento conta uma vez para cada órgão e cada categoria das solicitações e informações registradas nele; por
          isso as listas por órgão e por categoria podem somar mais que o total.
        </p>
        <div className="report-section__pair">
          <div>
            <CountsChart
              caption="Atendimentos por órgão"
              label="Atendimentos"
              items={attendances.byOrgan.map((organ) => ({ name: organ.organName, count: organ.attendances }))}
            />
            {table('attendances-by-organ')}
          </div>
          <div>
            <CountsChart
              caption="Atendimentos por categoria"
              label="Atendimentos"
              items={attendances.byCategory.map((category) => ({ name: category.categoryName, count: category.attendances }))}
            />
            {table('attendances-by-category')}
          </div>
        </div>
      </ReportSection>

      <ReportSection
        title="Solicitações"
        summary={`${countLabel(requests.total, 'solicitação registrada', 'solicitações registradas')} no período; situação e prazo de agora.`}
      >
        <div className="report-section__pair">
          <div>
            <RequestStatusChart byStatus={requests.byStatus} />
            {table('requests-by-status')}
          </div>
          <div>
            <DeadlineChart byDeadline={requests.byDeadline} />
            {table('requests-by-deadline')}
          </div>
        </div>
        <DeadlineByOrganChart byOrgan={requests.byOrgan} />
        {table('requests-by-organ')}
      </ReportSection>

      <ReportSection
        title="Tempo de atendimento"
        summary={`Tempo médio de atendimento ${averageOf(handlingTime.overall.averageSeconds)} em ${countLabel(handlingTime.overall.finished, 'atendimento finalizado', 'atendimentos finalizados')}; tempo médio de conversa ${averageOf(handlingTime.overall.averageTalkSeconds)} em ${countLabel(handlingTime.overall.withCall, 'chamada', 'chamadas')}.`}
      >
        <HandlingTimeChart perPeriod={handlingTime.perPeriod} groupBy={groupBy} />
        {table('handling-time-by-day')}
      </ReportSection>
    </div>
  );
}
