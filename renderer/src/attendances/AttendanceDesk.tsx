import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  formatProtocol,
  type Attendance,
  type AttendanceTakenOver,
  type CustomerSummary,
  type Information,
  type Request,
} from '@receptivo/shared';
import { ApiError, describeError, isRefusal } from '../api/client';
import { useApi, useConnectivity, useCurrentUser } from '../auth/SessionProvider';
import { CallFacts } from '../cti/CallFacts';
import { useCti } from '../cti/CtiProvider';
import type { RequestTypeSummary } from '../knowledge/knowledge-api';
import { KnowledgePanel } from '../knowledge/KnowledgePanel';
import { describeEntry, openLocalAttendances, pendingOf, timerStartOf, withDrafts } from '../offline/attendance-drafts';
import type { DraftSent } from '../offline/draft-queue';
import { DraftStatus } from '../offline/DraftStatus';
import { useDrafts } from '../offline/DraftsProvider';
import { isLocalAttendance } from '../offline/ids';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { FormAlert } from '../ui/Field';
import { LoadFailed } from '../ui/LoadFailed';
import { shortcuts, useShortcut } from '../ui/shortcuts';
import { useUnsavedChanges } from '../ui/use-unsaved-changes';
import { attendancesKey, currentAttendanceQuery, summaryOfRequest } from './attendances-api';
import { AttendanceSummary } from './AttendanceSummary';
import { CustomerSection } from './CustomerSection';
import { FinishDialog } from './FinishDialog';
import { RequestForm } from './RequestForm';
import { RequestLoader, RequestStatus } from './RequestStatus';
import { StartAttendance } from './StartAttendance';
import './attendances.css';

/** What the work column shows beside the summary; the customer and knowledge view stays mounted under the others. */
type View =
  | { kind: 'work' }
  | { kind: 'request-form'; requestType: RequestTypeSummary }
  | { kind: 'request-status'; requestId: string; saved?: Request };

const queuedLines = {
  start: 'Atendimento iniciado sem conexão. O protocolo será gerado ao reconectar.',
  customer: 'Cliente vinculado neste computador; será enviado quando a conexão voltar.',
  information: 'Informação registrada neste computador; será enviada quando a conexão voltar.',
  request: 'Solicitação guardada neste computador; o protocolo será gerado ao reconectar.',
  finish: 'Atendimento finalizado neste computador; será enviado quando a conexão voltar.',
};

/** The next step once the caller is identified, or once a request is done with: finding what they ask about. */
const knowledgeSearchOf = (desk: HTMLElement) => desk.querySelector<HTMLInputElement>('.knowledge-search input[type="search"]');

/**
 * Where the attendant types first on an attendance that lands on the desk: the knowledge search once a
 * customer is linked, else the customer search, at the field a call's lookup filled in if any.
 */
function firstField(desk: HTMLElement, customerLinked: boolean): HTMLInputElement | null {
  if (customerLinked) return knowledgeSearchOf(desk);
  const fields = [...desk.querySelectorAll<HTMLInputElement>('.attendance-customer [role="search"] input')];
  return fields.find((field) => field.value !== '') ?? fields[0] ?? null;
}

/** Where the desk puts the cursor next; see focusDue. */
type FocusDue = 'first-field' | 'knowledge-search' | { registered: string };

function focusTarget(desk: HTMLElement, due: FocusDue, customerLinked: boolean): HTMLElement | null {
  if (due === 'first-field') return firstField(desk, customerLinked);
  if (due === 'knowledge-search') return knowledgeSearchOf(desk);
  return desk.querySelector<HTMLElement>(`[data-registered="${due.registered}"]`);
}

/**
 * The attendance work area of the Receptivo: [Iniciar atendimento] when there is none, otherwise the
 * summary beside the customer, the knowledge and the request registration. The open attendance is
 * asked from the server on entry, so a reload does not lose it, and again when CTI reports that the
 * server started one for an answered call.
 *
 * Every write goes through the draft queue: without the server the attendance goes on, kept on this
 * computer (started offline it has a local id and no protocol yet), and the server's answers update
 * the desk as they arrive.
 */
export function AttendanceDesk() {
  const user = useCurrentUser();
  const { online } = useConnectivity();
  const { queue, drafts } = useDrafts();
  const api = useApi();
  const queries = useQueryClient();
  const current = useQuery(currentAttendanceQuery(api));
  const reloadCurrent = () => void current.refetch();
  /** Set by the attendant's actions; `undefined` until then, so the loaded one is shown. */
  const [own, setOwn] = useState<Attendance | null | undefined>(undefined);
  const [view, setView] = useState<View>({ kind: 'work' });
  const [formDirty, setFormDirty] = useState(false);
  /** What to do once the attendant agrees to discard the request being filled in. */
  const [pendingLeave, setPendingLeave] = useState<(() => void) | null>(null);
  const [finishing, setFinishing] = useState(false);
  const [registering, setRegistering] = useState(false);
  /** The confirmation of the last action; numbered so a repeated one is a new text to announce. */
  const [message, setMessage] = useState({ count: 0, lines: [] as string[] });
  const [failure, setFailure] = useState<string | null>(null);
  /** Counts closed attendances: the next call starts from a fresh knowledge panel. */
  const [closedCount, setClosedCount] = useState(0);
  const blocker = useUnsavedChanges(formDirty);
  const { answered, takenOver, linkOnAnswer, linkOnAnswerTo } = useCti();
  const deskRef = useRef<HTMLDivElement>(null);
  /** The attendance the cursor was last placed for: each one lands on the desk once. */
  const landedOn = useRef<string | null>(null);
  /**
   * Where the cursor goes as soon as that is on screen, which may be a render or a server's answer later:
   * the attendance's first field, the knowledge search, or the confirmation of an information just
   * registered (it takes the focus its [Registrar] had).
   */
  const focusDue = useRef<FocusDue | null>(null);
  /** The customer chosen on the pop, while it is being linked. */
  const [autoLinking, setAutoLinking] = useState<CustomerSummary | null>(null);
  /** Calls answered before this desk mounted are already in the attendance it loads. */
  const answeredSeen = useRef(answered.count);
  /** Likewise, takeovers before it mounted: the server no longer lists those attendances as this user's. */
  const takenOverSeen = useRef(takenOver.count);
  const shownAttendanceId = useRef<string | null>(null);

  useEffect(() => {
    if (answered.count === answeredSeen.current) return;
    answeredSeen.current = answered.count;
    // Told again of the attendance on screen (the link came back after a server restart): the
    // attendant's work in progress, a request form being filled in included, stays as it is.
    if (answered.last?.attendanceId === shownAttendanceId.current) return;
    setOwn(undefined);
    setView({ kind: 'work' });
    setFormDirty(false);
    // Reset, not refetched: the attendance shown before must not stand in while the new one loads.
    void queries.resetQueries({ queryKey: currentAttendanceQuery(api).queryKey });
  }, [answered.count]);

  // A supervisor took an attendance of this user over: every write to it would now be refused, so
  // the desk lets it go, with what it gives up named rather than left to fail later.
  const onTakenOver = useEffectEvent(({ attendanceId, protocol, by }: AttendanceTakenOver) => {
    const lines = [`O atendimento ${formatProtocol(protocol)} foi assumido por ${by.name}.`];
    // What the attendant is waiting for right now answers by itself (refused, with the server's reason).
    const kept = drafts.entries.filter((entry) => entry.attendanceId === attendanceId && !drafts.awaited.has(entry.key));
    for (const entry of kept) queue.discard(entry.key);
    if (kept.length > 0) lines.push(`Descartado o que não havia sido enviado: ${kept.map(describeEntry).join('; ')}.`);
    if (shownAttendanceId.current !== attendanceId) {
      say(lines);
      return;
    }
    if (view.kind === 'request-form' && formDirty) lines.push('A solicitação em preenchimento não foi salva.');
    close(lines);
  });
  useEffect(() => {
    if (takenOver.count === takenOverSeen.current) return;
    takenOverSeen.current = takenOver.count;
    if (takenOver.last) onTakenOver(takenOver.last);
  }, [takenOver.count]);

  // The server is back: the open attendance it could not tell before.
  useEffect(() => {
    if (online && current.isError) reloadCurrent();
  }, [online]);

  const localOpen = openLocalAttendances(drafts.entries, user).at(-1);
  // Only a server out of reach (or failing) leaves the desk on what it remembers; a refusal is final.
  const unreachable = current.isError && !isRefusal(current.error);
  const remembered = unreachable ? drafts.lastAttendance : undefined;
  const loaded = own !== undefined ? own : (localOpen ?? (current.isSuccess ? current.data : remembered));
  // What is being sent while the attendant waits for it is not marked as kept for later.
  const pending = loaded ? pendingOf(loaded.id, drafts.entries.filter((entry) => !drafts.awaited.has(entry.key))) : null;
  /** The server's view, before the drafts; with its finish kept for later, it is over for the desk. */
  const base = pending?.finish ? null : loaded;
  const attendance = base ? withDrafts(base, drafts.entries) : base;
  const serverBase = base && !isLocalAttendance(base.id) ? base : null;
  /** The id an attendance started here had before the server numbered it: the panels keep their state across. */
  const firstIdOf = (id: string) => Object.entries(drafts.started).find(([, ref]) => ref.id === id)?.[0] ?? id;
  shownAttendanceId.current = attendance?.id ?? null;

  // Kept with the drafts, to show again if the page opens while the server cannot be asked.
  useEffect(() => {
    if (base !== undefined) queue.remember(serverBase);
  }, [queue, serverBase, base === undefined]);

  /** The customer chosen on the pop ([Vincular ao atender]) for the call that started this attendance. */
  const chosenOnPop = attendance?.call && !attendance.customer ? linkOnAnswer[attendance.call.callId] : undefined;
  /** While the chosen customer is being linked the customer panel waits, so it opens already linked. */
  const linkingChosen = chosenOnPop ?? autoLinking;

  // An attendance shown anew (started here, by a call's answer, or found open on a reload) puts the
  // cursor where the attendant goes first: the customer search until someone is linked, then the
  // knowledge search. The same attendance getting its server id keeps the cursor where it is.
  const attendanceId = attendance?.id ?? null;
  const customerLinked = Boolean(attendance?.customer);
  useEffect(() => {
    const previous = landedOn.current;
    landedOn.current = attendanceId;
    if (!attendanceId || attendanceId === previous) return;
    if (previous && queue.resolve({ id: previous, protocol: '' }).id === attendanceId) return;
    focusDue.current = 'first-field';
  }, [attendanceId]);
  useEffect(() => {
    const due = focusDue.current;
    const desk = deskRef.current;
    // While the customer chosen on the pop is being linked, the attendance's first field is not known yet.
    if (!due || !desk || (due === 'first-field' && linkingChosen)) return;
    const target = focusTarget(desk, due, customerLinked);
    if (!target) return;
    focusDue.current = null;
    target.focus();
  });

  const linkChosen = useEffectEvent(async (target: Attendance, customer: CustomerSummary) => {
    setAutoLinking(customer);
    linkOnAnswerTo(target.call!.callId, null);
    try {
      const outcome = await queue.submit(target, { kind: 'link-customer', body: { customerId: customer.id }, customer });
      if (outcome.state === 'sent') update(outcome.answer, `Cliente ${customer.name} vinculado.`);
      else say([queuedLines.customer]);
    } catch (error) {
      if (!onFinishedElsewhere(error)) setFailure(describeError(error));
    } finally {
      setAutoLinking(null);
      focusDue.current = 'first-field';
    }
  });
  useEffect(() => {
    if (attendance && chosenOnPop) void linkChosen(attendance, chosenOnPop);
  }, [attendanceId, chosenOnPop?.id]);

  // The server's answers to what waited update the attendance shown (its start gives it a protocol).
  const onSent = useEffectEvent(({ entry, attendanceId, answer }: DraftSent) => {
    if (!base || (base.id !== entry.attendanceId && base.id !== attendanceId) || entry.operation.kind === 'finish') return;
    if (entry.operation.kind === 'register-request') {
      const request = summaryOfRequest(answer as Request);
      // A request answers with itself only: added to the latest attendance, which may be newer than this render's.
      setOwn((previous) => {
        const latest = previous?.id === base.id ? previous : base;
        return { ...latest, requests: [...latest.requests.filter((item) => item.id !== request.id), request] };
      });
    } else {
      setOwn(answer as Attendance);
    }
  });
  useEffect(() => queue.onSent(onSent), [queue]);

  function backToWork() {
    show({ kind: 'work' });
    focusDue.current = 'knowledge-search';
  }

  function say(lines: string[]) {
    setMessage((previous) => ({ count: previous.count + 1, lines }));
  }

  /** The Atendimentos search and the details page show this attendance too: they read it again. */
  function refreshOtherViews() {
    void queries.invalidateQueries({ queryKey: attendancesKey, predicate: (query) => query.queryKey[1] !== 'current' });
  }

  function update(next: Attendance | undefined, ...lines: string[]) {
    setOwn(next);
    say(lines);
    setFailure(null);
    refreshOtherViews();
  }

  function close(lines: string[], problem: string | null = null) {
    setOwn(null);
    setView({ kind: 'work' });
    setFormDirty(false);
    setFinishing(false);
    setClosedCount((count) => count + 1);
    say(lines);
    setFailure(problem);
    refreshOtherViews();
  }

  /** The server refuses any change to an attendance finished elsewhere (another window, a supervisor). */
  function onFinishedElsewhere(error: unknown): boolean {
    if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return false;
    close([], error.message);
    return true;
  }

  /** Runs `leave` at once, or after asking when a request form has unsaved data. */
  function leaveForm(leave: () => void) {
    if (formDirty) setPendingLeave(() => leave);
    else leave();
  }

  function show(next: View) {
    setFormDirty(false);
    setView(next);
  }

  async function addInformation(information: Information) {
    if (!attendance) return;
    setRegistering(true);
    try {
      const outcome = await queue.submit(attendance, {
        kind: 'register-information',
        body: { informationId: information.id },
        title: information.title,
      });
      say([outcome.state === 'sent' ? 'Informação registrada.' : queuedLines.information]);
      setFailure(null);
      focusDue.current = { registered: information.id };
    } catch (error) {
      if (!onFinishedElsewhere(error)) setFailure(describeError(error));
    } finally {
      setRegistering(false);
    }
  }

  function onRequestSaved(request: Request) {
    say(['Solicitação registrada.']);
    setFailure(null);
    show({ kind: 'request-status', requestId: request.id, saved: request });
  }

  function onRequestQueued() {
    say([queuedLines.request]);
    setFailure(null);
    backToWork();
  }

  /** A lifecycle action (e.g. a cancellation) changes the situation the summary lists. */
  function onRequestChanged(request: Request) {
    if (!base) return;
    const requests = base.requests.map((item) => (item.id === request.id ? summaryOfRequest(request) : item));
    setOwn({ ...base, requests });
  }

  const discardDialog = (blocker.state === 'blocked' || pendingLeave) && (
    <ConfirmDialog
      title="Descartar a solicitação?"
      confirmLabel="Descartar"
      danger
      onConfirm={async () => {
        if (blocker.state === 'blocked') blocker.proceed();
        pendingLeave?.();
        setPendingLeave(null);
      }}
      onClose={() => {
        if (blocker.state === 'blocked') blocker.reset();
        setPendingLeave(null);
      }}
    >
      <p>A solicitação em preenchimento ainda não foi salva. Os dados digitados serão perdidos.</p>
    </ConfirmDialog>
  );

  useShortcut(shortcuts.finish, () => leaveForm(() => setFinishing(true)), Boolean(attendance) && !finishing);

  const registered = (informationId: string) =>
    attendance?.informations.some((item) => item.informationId === informationId) ?? false;
  /** undefined: not waiting; null: waiting to be sent; a text: refused by the server. */
  const waiting = (informationId: string) => pending?.informations.get(informationId);

  return (
    <div ref={deskRef} className="attendance-desk">
      <div className="attendance-desk__side">
        <DraftStatus />
        <div role="status" className="attendance-desk__status">
          {message.lines.map((line) => (
            <p key={`${message.count}-${line}`}>{line}</p>
          ))}
        </div>
        <FormAlert message={failure} />
        {attendance === undefined && current.isPending && <p className="muted">Carregando atendimento…</p>}
        {attendance === undefined && current.isError && (
          <LoadFailed what="o atendimento em andamento" error={current.error} onRetry={reloadCurrent} />
        )}
        {attendance === null && (
          <StartAttendance
            autoFocus={closedCount > 0}
            onStarted={(started) => {
              if ('attendance' in started) update(started.attendance);
              else update(undefined, queuedLines.start);
            }}
          />
        )}
        {attendance && (
          <AttendanceSummary
            attendance={attendance}
            timerStart={timerStartOf(attendance, drafts.started)}
            pending={pending!}
            onOpenRequest={(request) => leaveForm(() => show({ kind: 'request-status', requestId: request.id }))}
            onFinish={() => leaveForm(() => setFinishing(true))}
          />
        )}
        {/* Under the summary: the summary and its [Finalizar] stay on the first screen. */}
        {attendance?.call && <CallFacts call={attendance.call} />}
      </div>
      <div className="attendance-desk__work">
        {attendance && view.kind === 'request-form' && (
          <RequestForm
            key={view.requestType.id}
            attendance={attendance}
            requestType={view.requestType}
            onSaved={onRequestSaved}
            onQueued={onRequestQueued}
            onCancel={() => leaveForm(backToWork)}
            onDirtyChange={setFormDirty}
            onFinishedElsewhere={onFinishedElsewhere}
          />
        )}
        {attendance && view.kind === 'request-status' &&
          (view.saved ? (
            <RequestStatus
              key={view.requestId}
              request={view.saved}
              onClose={backToWork}
              onChanged={onRequestChanged}
            />
          ) : (
            <RequestLoader key={view.requestId} id={view.requestId}>
              {(request) => <RequestStatus request={request} onClose={backToWork} onChanged={onRequestChanged} />}
            </RequestLoader>
          ))}
        <div className="attendance-desk__knowledge" hidden={Boolean(attendance) && view.kind !== 'work'}>
          {attendance && linkingChosen && (
            <p role="status" className="attendance-customer">{`Vinculando ${linkingChosen.name}, escolhido na chamada…`}</p>
          )}
          {attendance && !linkingChosen && (
            <CustomerSection
              key={firstIdOf(attendance.id)}
              attendance={attendance}
              onLinked={(linked) => {
                if ('attendance' in linked) update(linked.attendance, 'Cliente vinculado.');
                else say([queuedLines.customer]);
                focusDue.current = 'knowledge-search';
              }}
              onFinishedElsewhere={onFinishedElsewhere}
              onOpenRequest={(requestId) => leaveForm(() => show({ kind: 'request-status', requestId }))}
            />
          )}
          <KnowledgePanel
            key={closedCount}
            openCategoryId={attendance?.call?.uraRoute?.categoryId ?? null}
            informationActions={
              attendance
                ? (information) =>
                    waiting(information.id) !== undefined ? (
                      <span className="badge badge--off" tabIndex={-1} data-registered={information.id}>
                        {waiting(information.id) === null ? 'Registrada neste computador, aguardando envio' : 'Registro recusado pelo servidor'}
                      </span>
                    ) : registered(information.id) ? (
                      <span className="badge badge--ok" tabIndex={-1} data-registered={information.id}>
                        Registrada neste atendimento
                      </span>
                    ) : (
                      <button
                        type="button"
                        className="button button--primary"
                        disabled={registering}
                        onClick={() => addInformation(information)}
                      >
                        Registrar
                      </button>
                    )
                : undefined
            }
            requestTypeActions={
              attendance
                ? (requestType) => (
                    <button
                      type="button"
                      className="button button--primary"
                      onClick={() => show({ kind: 'request-form', requestType })}
                    >
                      Registrar solicitação
                    </button>
                  )
                : undefined
            }
          />
        </div>
      </div>
      {attendance && finishing && (
        <FinishDialog
          attendance={attendance}
          onClose={() => setFinishing(false)}
          onFinishedElsewhere={onFinishedElsewhere}
          onQueued={() => close([queuedLines.finish])}
          onFinished={(finished) =>
            close([
              `Atendimento ${formatProtocol(finished.protocol)} finalizado.`,
              ...(finished.scriptSentTo ? [`Script enviado para ${finished.scriptSentTo}.`] : []),
            ])
          }
        />
      )}
      {discardDialog}
    </div>
  );
}
