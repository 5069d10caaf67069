import { type RequestAction, type RequestRuleFacts, requestActionRule, requestOverdue, requestStatusChangeRule } from './lifecycle';
import type { RequestStatus } from './schemas';

const HOUR = 3_600_000;
const registeredAt = new Date('2026-03-02T12:00:00Z');
const slaHours = 72;
const deadline = new Date(registeredAt.getTime() + slaHours * HOUR);

type Window = 'within' | 'after' | 'disabled';
interface Cell {
  status: RequestStatus;
  deadlinePassed: boolean;
  window: Window;
}

/** The facts and the clock of one table cell: the restart window is 48 h, counted from finishedAt. */
function situation({ status, deadlinePassed, window }: Cell): { facts: RequestRuleFacts; now: Date } {
  const now = new Date(deadline.getTime() + (deadlinePassed ? HOUR : -HOUR));
  const finishedAt = new Date(now.getTime() - (window === 'after' ? 49 : 1) * HOUR);
  return {
    facts: { status, deadline, finishedAt: status === 'finished' ? finishedAt : null, restartWindowHours: window === 'disabled' ? null : 48 },
    now,
  };
}

const ok = 'allowed';
const notActive = (status: string) => ({
  reiterate: `Só é possível reiterar uma solicitação aberta ou em andamento; esta está ${status}.`,
  cancel: `Só é possível cancelar uma solicitação aberta ou em andamento; esta está ${status}.`,
  complaint: `Não cabe reclamação de uma solicitação ${status}.`,
});
const beforeDeadline = 'A reclamação só é aceita depois de vencido o prazo de atendimento da solicitação.';
const restartOnlyFinished = (status: string) => `Só é possível reiniciar uma solicitação finalizada; esta está ${status}.`;
const windowOver = 'O prazo para reiniciar (48 h após a finalização) já passou.';
const restartDisabled = 'Este tipo de solicitação não permite reinício.';

/** status × deadline passed × restart window → verdict of each action (docs/domain.md, Request statuses). */
const table: [Cell, Record<RequestAction, string>][] = [
  [{ status: 'open', deadlinePassed: false, window: 'within' }, { reiterate: ok, cancel: ok, complaint: beforeDeadline, restart: restartOnlyFinished('aberta') }],
  [{ status: 'open', deadlinePassed: true, window: 'within' }, { reiterate: ok, cancel: ok, complaint: ok, restart: restartOnlyFinished('aberta') }],
  [{ status: 'open', deadlinePassed: true, window: 'disabled' }, { reiterate: ok, cancel: ok, complaint: ok, restart: restartOnlyFinished('aberta') }],
  [
    { status: 'in_progress', deadlinePassed: false, window: 'within' },
    { reiterate: ok, cancel: ok, complaint: beforeDeadline, restart: restartOnlyFinished('em andamento') },
  ],
  [
    { status: 'in_progress', deadlinePassed: true, window: 'within' },
    { reiterate: ok, cancel: ok, complaint: ok, restart: restartOnlyFinished('em andamento') },
  ],
  [{ status: 'finished', deadlinePassed: false, window: 'within' }, { ...notActive('finalizada'), restart: ok }],
  [{ status: 'finished', deadlinePassed: true, window: 'within' }, { ...notActive('finalizada'), restart: ok }],
  [{ status: 'finished', deadlinePassed: false, window: 'after' }, { ...notActive('finalizada'), restart: windowOver }],
  [{ status: 'finished', deadlinePassed: true, window: 'after' }, { ...notActive('finalizada'), restart: windowOver }],
  [{ status: 'finished', deadlinePassed: false, window: 'disabled' }, { ...notActive('finalizada'), restart: restartDisabled }],
  [{ status: 'finished', deadlinePassed: true, window: 'disabled' }, { ...notActive('finalizada'), restart: restartDisabled }],
  [{ status: 'cancelled', deadlinePassed: false, window: 'within' }, { ...notActive('cancelada'), restart: restartOnlyFinished('cancelada') }],
  [{ status: 'cancelled', deadlinePassed: true, window: 'within' }, { ...notActive('cancelada'), restart: restartOnlyFinished('cancelada') }],
];

describe('request lifecycle rules', () => {
  describe.each(table)('%o', (cell, verdicts) => {
    it.each(Object.entries(verdicts) as [RequestAction, string][])('%s → %s', (action, expected) => {
      const { facts, now } = situation(cell);
      expect(now.getTime() > deadline.getTime()).toBe(cell.deadlinePassed);
      const verdict = requestActionRule(action, facts, now);
      expect(verdict).toEqual(expected === ok ? { allowed: true } : { allowed: false, message: expected });
    });
  });

  it('counts the restart window from the finishing moment, its last millisecond included', () => {
    const finishedAt = new Date(registeredAt.getTime() + 10 * HOUR);
    const facts: RequestRuleFacts = { status: 'finished', deadline, finishedAt, restartWindowHours: 24 };
    expect(requestActionRule('restart', facts, new Date(finishedAt.getTime() + 24 * HOUR)).allowed).toBe(true);
    expect(requestActionRule('restart', facts, new Date(finishedAt.getTime() + 24 * HOUR + 1)).allowed).toBe(false);
  });

  it('accepts a complaint only strictly after the deadline', () => {
    const facts: RequestRuleFacts = { status: 'open', deadline, finishedAt: null, restartWindowHours: 48 };
    expect(requestActionRule('complaint', facts, deadline).allowed).toBe(false);
    expect(requestActionRule('complaint', facts, new Date(deadline.getTime() + 1)).allowed).toBe(true);
  });
});

describe('overdue', () => {
  it.each([
    ['open', true],
    ['in_progress', true],
    ['finished', false],
    ['cancelled', false],
  ] as const)('a %s request strictly past its deadline is overdue: %s', (status, pastDeadline) => {
    expect(requestOverdue({ status, deadline }, deadline)).toBe(false);
    expect(requestOverdue({ status, deadline }, new Date(deadline.getTime() + 1))).toBe(pastDeadline);
  });
});

describe('back-office status changes', () => {
  it.each([
    ['open', 'in_progress', ok],
    ['open', 'finished', ok],
    ['in_progress', 'finished', ok],
    ['in_progress', 'in_progress', 'A solicitação já está em andamento.'],
    ['finished', 'finished', 'A solicitação já está finalizada.'],
    ['finished', 'in_progress', 'A solicitação já foi finalizada; só volta a andar se o cidadão pedir o reinício.'],
    ['cancelled', 'in_progress', 'A solicitação foi cancelada e não muda mais de situação.'],
    ['cancelled', 'finished', 'A solicitação foi cancelada e não muda mais de situação.'],
  ] as const)('%s → %s: %s', (from, to, expected) => {
    expect(requestStatusChangeRule(from, to)).toEqual(expected === ok ? { allowed: true } : { allowed: false, message: expected });
  });
});
