import { defaultReportGrouping, reportDays, reportGroups, reportQuerySchema } from './schemas';
import { type ReportTable, deadlineMetRate, reportCsv, reportGroupLabel } from './tables';

const table = (overrides: Partial<ReportTable>): ReportTable => ({
  section: 'attendances-by-organ',
  title: 'Atendimentos por órgão',
  columns: [
    { label: 'Órgão', kind: 'text' },
    { label: 'Atendimentos', kind: 'count' },
  ],
  rows: [],
  footer: [],
  ...overrides,
});

describe('report CSV', () => {
  it('quotes cells holding ";", quotes or line breaks, and defuses formulas', () => {
    const csv = reportCsv(
      table({
        rows: [
          ['Obras; Viação', 3],
          ['Secretaria "Verde"', 2],
          ['=HYPERLINK("http://x")', 1],
          ['-1', 0],
        ],
      }),
    );
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFÓrgão;Atendimentos',
      '"Obras; Viação";3',
      '"Secretaria ""Verde""";2',
      `"'=HYPERLINK(""http://x"")";1`,
      "'-1;0",
      '',
    ]);
  });

  it('writes seconds and percentages with their unit in the header, and blanks for nothing', () => {
    const csv = reportCsv(
      table({
        columns: [
          { label: 'Dia', kind: 'text' },
          { label: 'Tempo médio', kind: 'seconds' },
          { label: 'Cumprimento', kind: 'percent' },
        ],
        rows: [
          ['02/03/2026', 95, 87.5],
          ['03/03/2026', null, null],
        ],
        footer: [{ label: 'Período', values: [95, 100] }],
      }),
    );
    expect(csv).toBe('\uFEFFDia;Tempo médio (s);Cumprimento (%)\r\n02/03/2026;95;87,5\r\n03/03/2026;;\r\nPeríodo;95;100,0\r\n');
  });

  it('rates the deadline over the requests whose outcome is known or already missed', () => {
    expect(deadlineMetRate({ met: 2, finished_late: 1, overdue: 1, pending: 5, cancelled: 3 })).toBe(50);
    expect(deadlineMetRate({ met: 1, finished_late: 2, overdue: 0, pending: 0, cancelled: 0 })).toBe(33.3);
    expect(deadlineMetRate({ met: 0, finished_late: 0, overdue: 0, pending: 4, cancelled: 1 })).toBeNull();
  });
});

describe('report period', () => {
  const fields = (input: object) => {
    const result = reportQuerySchema.safeParse(input);
    return result.success ? null : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
  };

  it('takes up to 366 days, both ends included, and refuses longer or reversed periods', () => {
    expect(fields({ from: '2024-01-01', to: '2024-12-31' })).toBeNull();
    expect(fields({ from: '2026-03-02', to: '2026-03-02' })).toBeNull();
    expect(fields({ from: '2025-01-01', to: '2026-01-02' })).toEqual({ to: 'O período pode ter no máximo 366 dias.' });
    expect(fields({ from: '2026-03-03', to: '2026-03-02' })).toEqual({ to: 'A data final é anterior à inicial.' });
    expect(fields({ from: '', to: 'ontem' })).toEqual({ from: 'Informe a data inicial.', to: 'Data final inválida.' });
  });

  it('lists every day of the period across month ends and leap days', () => {
    expect(reportDays('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(reportDays('2024-01-01', '2024-12-31')).toHaveLength(366);
  });

  it('groups by day up to 31 days, by week up to 186 and by month beyond, unless asked; refuses another grouping', () => {
    expect(defaultReportGrouping('2026-03-01', '2026-03-31')).toBe('day');
    expect(defaultReportGrouping('2026-03-01', '2026-04-01')).toBe('week');
    expect(defaultReportGrouping('2026-01-01', '2026-07-05')).toBe('week');
    expect(defaultReportGrouping('2026-01-01', '2026-07-06')).toBe('month');
    expect(fields({ from: '2026-03-01', to: '2026-03-31', groupBy: 'month' })).toBeNull();
    expect(fields({ from: '2026-03-01', to: '2026-03-31', groupBy: 'year' })).toEqual({ groupBy: 'Escolha o agrupamento: dia, semana ou mês.' });
  });

  it('cuts weeks (Monday to Sunday) and months to the period, across years and leap days', () => {
    expect(reportGroups('2025-12-31', '2026-01-13', 'week')).toEqual([
      { from: '2025-12-31', to: '2026-01-04' },
      { from: '2026-01-05', to: '2026-01-11' },
      { from: '2026-01-12', to: '2026-01-13' },
    ]);
    expect(reportGroups('2028-01-20', '2028-03-02', 'month')).toEqual([
      { from: '2028-01-20', to: '2028-01-31' },
      { from: '2028-02-01', to: '2028-02-29' },
      { from: '2028-03-01', to: '2028-03-02' },
    ]);
    expect(reportGroups('2026-01-01', '2026-12-31', 'month')).toHaveLength(12);
    expect(reportGroups('2026-01-01', '2026-12-31', 'week')).toHaveLength(53);
  });

  it('names a group by its days, or by its month when whole', () => {
    expect(reportGroupLabel({ from: '2026-03-02', to: '2026-03-02' }, 'day')).toBe('02/03/2026');
    expect(reportGroupLabel({ from: '2026-03-02', to: '2026-03-08' }, 'week')).toBe('02/03 a 08/03/2026');
    expect(reportGroupLabel({ from: '2025-12-29', to: '2026-01-04' }, 'week')).toBe('29/12/2025 a 04/01/2026');
    expect(reportGroupLabel({ from: '2028-02-01', to: '2028-02-29' }, 'month')).toBe('fevereiro de 2028');
    expect(reportGroupLabel({ from: '2026-03-01', to: '2026-03-15' }, 'month')).toBe('01/03 a 15/03/2026');
  });
});
