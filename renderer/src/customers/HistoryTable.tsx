import type { ReactNode } from 'react';

interface HistoryTableProps {
  /** The id of the heading that names the table. */
  labelledBy: string;
  columns: string[];
  /** Said in place of the table when there are no rows. */
  empty: string;
  /** One <tr> per attendance or request. */
  rows: ReactNode[];
  className?: string;
}

/** A table of a customer's history (the record's [Histórico] and the desk's caller history), or a note when empty. */
export function HistoryTable({ labelledBy, columns, empty, rows, className }: HistoryTableProps) {
  if (rows.length === 0) return <p className="note">{empty}</p>;
  return (
    <table className={className ? `table ${className}` : 'table'} aria-labelledby={labelledBy}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{rows}</tbody>
    </table>
  );
}
