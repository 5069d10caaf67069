import { type ReportTable, reportCsv, reportCsvFileName } from '@receptivo/shared';
import { saveFile } from '../api/download';
import { HorizontalScroll } from '../ui/HorizontalScroll';
import { formatReportValue } from './report-format';

interface ReportTableViewProps {
  table: ReportTable;
  from: string;
  to: string;
}

/**
 * One report table with its caption, and [Exportar CSV] saving exactly these numbers (the report
 * on screen, not a new one asked for later with another clock).
 */
export function ReportTableView({ table, from, to }: ReportTableViewProps) {
  function exportCsv() {
    saveFile(new Blob([reportCsv(table)], { type: 'text/csv;charset=utf-8' }), reportCsvFileName(table.section, from, to));
  }

  const numeric = (index: number) => table.columns[index].kind !== 'text';
  return (
    <div className="report-table">
      <div className="report-table__actions">
        <button type="button" className="button button--small" aria-label={`Exportar CSV: ${table.title}`} onClick={exportCsv}>
          Exportar CSV
        </button>
      </div>
      <HorizontalScroll label={table.title}>
      <table className="table">
        <caption>{table.title}</caption>
        <thead>
          <tr>
            {table.columns.map((column, index) => (
              <th key={column.label} scope="col" className={numeric(index) ? 'report-table__number' : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length === 0 && (
            <tr>
              <td colSpan={table.columns.length} className="muted">
                Nada registrado no período.
              </td>
            </tr>
          )}
          {table.rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((value, index) =>
                index === 0 ? (
                  <th key={index} scope="row">
                    {formatReportValue(value, table.columns[index].kind)}
                  </th>
                ) : (
                  <td key={index} className={numeric(index) ? 'report-table__number' : undefined}>
                    {formatReportValue(value, table.columns[index].kind)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {table.footer.length > 0 && (
          <tfoot>
            {table.footer.map((line) => (
              <tr key={line.label}>
                <th scope="row">{line.label}</th>
                {line.values.map((value, index) => (
                  <td key={index} className={numeric(index + 1) ? 'report-table__number' : undefined}>
                    {formatReportValue(value, table.columns[index + 1].kind)}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        )}
      </table>
      </HorizontalScroll>
    </div>
  );
}
