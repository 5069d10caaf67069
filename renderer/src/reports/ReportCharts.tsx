import type { ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  type Channel,
  type DeadlineOutcome,
  type Report,
  type ReportGrouping,
  type RequestStatus,
  brazilianDate,
  channelLabels,
  channels,
  deadlineOutcomeLabels,
  deadlineOutcomes,
  requestStatusLabels,
  requestStatuses,
} from '@receptivo/shared';
import { formatDuration } from './report-format';

const channelColors: Record<Channel, string> = { phone: '#0b5cad', walk_in: '#2e7d32', email: '#8e24aa', chat: '#e65100', web: '#00838f' };
const statusColors: Record<RequestStatus, string> = { open: '#0b5cad', in_progress: '#e65100', finished: '#2e7d32', cancelled: '#8d99a8' };
const outcomeColors: Record<DeadlineOutcome, string> = {
  met: '#2e7d32',
  finished_late: '#e65100',
  overdue: '#b3261e',
  pending: '#0b5cad',
  cancelled: '#8d99a8',
};

/**
 * The table beside each chart carries the same numbers for screen readers and exact reading.
 * Series are drawn still (isAnimationActive off): a report is read, not watched.
 */
function ChartFigure({ caption, height, children }: { caption: string; height: number; children: ReactElement }) {
  return (
    <figure className="report-chart">
      <figcaption className="report-chart__caption">{caption}</figcaption>
      {/* The fixed starting size is what a test DOM (no layout, no ResizeObserver) keeps. */}
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 720, height }}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}

const groupingInCaptions: Record<ReportGrouping, string> = { day: 'dia', week: 'semana', month: 'mês' };

/** A row over time on the chart's axis: its first day ("02/03"), or its month ("03/2026"). */
const axisLabel = (group: { from: string }, groupBy: ReportGrouping) => brazilianDate(group.from).slice(groupBy === 'month' ? 3 : 0, groupBy === 'month' ? 10 : 5);

export function AttendancesOverTimeChart({ perPeriod, groupBy }: { perPeriod: Report['attendances']['perPeriod']; groupBy: ReportGrouping }) {
  const data = perPeriod.map((group) => ({ day: axisLabel(group, groupBy), ...group.byChannel }));
  return (
    <ChartFigure caption={`Atendimentos por ${groupingInCaptions[groupBy]}, empilhados por meio de comunicação`} height={300}>
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        {channels.map((channel) => (
          <Bar key={channel} dataKey={channel} name={channelLabels[channel]} stackId="channels" fill={channelColors[channel]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFigure>
  );
}

/** Horizontal bars, one per organ or category, tall enough for every name. */
export function CountsChart({ caption, items, label }: { caption: string; items: { name: string; count: number }[]; label: string }) {
  if (items.length === 0) return null;
  return (
    <ChartFigure caption={caption} height={60 + items.length * 34}>
      <BarChart data={items} layout="vertical" margin={{ left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={260} />
        <Tooltip />
        <Bar dataKey="count" name={label} fill="#0b5cad" isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}

function SharesPie({ caption, data }: { caption: string; data: { name: string; value: number; fill: string }[] }) {
  const shown = data.filter((slice) => slice.value > 0);
  if (shown.length === 0) return null;
  return (
    <ChartFigure caption={caption} height={260}>
      <PieChart>
        <Pie data={shown} dataKey="value" nameKey="name" outerRadius={90} label isAnimationActive={false} />
        <Tooltip />
        <Legend />
      </PieChart>
    </ChartFigure>
  );
}

export function RequestStatusChart({ byStatus }: { byStatus: Report['requests']['byStatus'] }) {
  const data = requestStatuses.map((status) => ({ name: requestStatusLabels[status], value: byStatus[status], fill: statusColors[status] }));
  return <SharesPie caption="Solicitações por situação" data={data} />;
}

export function DeadlineChart({ byDeadline }: { byDeadline: Report['requests']['byDeadline'] }) {
  const data = deadlineOutcomes.map((outcome) => ({ name: deadlineOutcomeLabels[outcome], value: byDeadline[outcome], fill: outcomeColors[outcome] }));
  return <SharesPie caption="Solicitações por prazo" data={data} />;
}

export function DeadlineByOrganChart({ byOrgan }: { byOrgan: Report['requests']['byOrgan'] }) {
  if (byOrgan.length === 0) return null;
  const data = byOrgan.map((organ) => ({ name: organ.organName, ...organ.byDeadline }));
  return (
    <ChartFigure caption="Prazo das solicitações por órgão" height={80 + byOrgan.length * 34}>
      <BarChart data={data} layout="vertical" margin={{ left: 16 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="name" width={260} />
        <Tooltip />
        <Legend />
        {deadlineOutcomes.map((outcome) => (
          <Bar key={outcome} dataKey={outcome} name={deadlineOutcomeLabels[outcome]} stackId="deadline" fill={outcomeColors[outcome]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFigure>
  );
}

const minutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 6) / 10);

export function HandlingTimeChart({ perPeriod, groupBy }: { perPeriod: Report['handlingTime']['perPeriod']; groupBy: ReportGrouping }) {
  const data = perPeriod.map((group) => ({
    day: axisLabel(group, groupBy),
    handling: minutes(group.averageSeconds),
    talk: minutes(group.averageTalkSeconds),
  }));
  return (
    <ChartFigure caption={`Tempo médio por ${groupingInCaptions[groupBy]}, em minutos`} height={280}>
      <LineChart data={data}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" />
        <YAxis unit=" min" />
        <Tooltip formatter={(value) => (typeof value === 'number' ? formatDuration(value * 60) : '—')} />
        <Legend />
        <Line type="monotone" dataKey="handling" name="Tempo médio de atendimento" stroke="#0b5cad" strokeWidth={2} isAnimationActive={false} />
        <Line type="monotone" dataKey="talk" name="Tempo médio de conversa" stroke="#e65100" strokeWidth={2} isAnimationActive={false} />
      </LineChart>
    </ChartFigure>
  );
}
