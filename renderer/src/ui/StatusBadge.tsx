import type { ReactNode } from 'react';
import { attendanceStatusLabels, requestStatusLabels, type Attendance, type RequestStatus } from '@receptivo/shared';

/**
 * How a situation looks. Each one has its own icon and outline besides its colour, so the badges
 * differ for someone who does not tell the colours apart or prints in grey; the text stays the
 * accessible name (the icon is decoration).
 */
type Look = 'open' | 'progress' | 'done' | 'stopped' | 'overdue';

/** 16×16 icons drawn with the text colour (currentColor); hand-drawn to avoid an icon library for five shapes. */
const icons: Record<Look, ReactNode> = {
  // A hollow ring: waiting, nothing done yet.
  open: <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />,
  // A half-filled ring: under way.
  progress: (
    <>
      <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M8 2.5 A5.5 5.5 0 0 1 8 13.5 Z" fill="currentColor" />
    </>
  ),
  done: <path d="M3 8.5 6.5 12 13 4.5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />,
  stopped: <path d="M4 4 12 12 M12 4 4 12" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />,
  overdue: (
    <>
      <path d="M8 1.8 15 14.2 H1 Z" fill="currentColor" />
      <path d="M8 6 V10 M8 11.6 V12.4" stroke="#ffffff" strokeWidth="1.8" strokeLinecap="round" />
    </>
  ),
};

export function StatusBadge({ look, label }: { look: Look; label: string }) {
  return (
    <span className={`badge status-badge status-badge--${look}`}>
      <svg className="status-badge__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        {icons[look]}
      </svg>
      {label}
    </span>
  );
}

const requestLooks: Record<RequestStatus, Look> = { open: 'open', in_progress: 'progress', finished: 'done', cancelled: 'stopped' };

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return <StatusBadge look={requestLooks[status]} label={requestStatusLabels[status]} />;
}

export function AttendanceStatusBadge({ status }: { status: Attendance['status'] }) {
  return <StatusBadge look={status === 'open' ? 'progress' : 'done'} label={attendanceStatusLabels[status]} />;
}

/** An open request past its deadline (the server says so, by its clock). */
export function OverdueBadge() {
  return <StatusBadge look="overdue" label="Vencida" />;
}
