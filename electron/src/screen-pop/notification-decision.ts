import {
  callRingingSchema,
  documentKindOf,
  formatDocument,
  formatPhone,
  formatProtocol,
  parseProtocol,
  type CallRinging,
} from '@receptivo/shared';

export interface ScreenPop {
  callId: string;
  title: string;
  body: string;
}

export type ScreenPopDecision =
  | { action: 'pop'; pop: ScreenPop }
  /** This call was already shown (the desk re-sends the ringing calls when it reconnects). */
  | { action: 'skip' }
  /** Not a call:ringing payload: refused, nothing shown. */
  | { action: 'invalid'; message: string };

/** The notification's text: who calls, then the queue, the phone and what the caller typed in the URA. */
export function describeCall(call: CallRinging): Pick<ScreenPop, 'title' | 'body'> {
  const phone = call.callerE164 ? formatPhone(call.callerE164) : call.callerNumber;
  // One customer with the caller's phone names the call better than a missing caller ID.
  const name = call.callerName ?? (call.matches.length === 1 ? call.matches[0].name : null);
  const lines = [call.queue ? `Chamada na fila ${call.queue}` : 'Chamada recebida'];
  if (name && phone) lines.push(`Telefone: ${phone}`);
  if (call.ura.document) {
    const kind = documentKindOf(call.ura.document);
    lines.push(`${kind ? kind.toUpperCase() : 'Documento'} informado na URA: ${formatDocument(call.ura.document)}`);
  }
  if (call.ura.protocol) {
    const protocol = parseProtocol(call.ura.protocol);
    lines.push(`Protocolo informado na URA: ${protocol ? formatProtocol(protocol) : call.ura.protocol}`);
  }
  return { title: name ?? phone ?? 'Número não identificado', body: lines.join('\n') };
}

/**
 * Whether a call:ringing from the renderer brings the window forward with a notification: each
 * call once (test calls too, so an admin can check the desk), never an invalid payload.
 */
export function decideScreenPop(payload: unknown, notifiedCallIds: ReadonlySet<string>): ScreenPopDecision {
  const parsed = callRingingSchema.safeParse(payload);
  if (!parsed.success) return { action: 'invalid', message: 'Dados da chamada inválidos.' };
  if (notifiedCallIds.has(parsed.data.callId)) return { action: 'skip' };
  return { action: 'pop', pop: { callId: parsed.data.callId, ...describeCall(parsed.data) } };
}

const REMEMBERED_CALLS = 200;

/** Records a notified call, forgetting the oldest beyond a few hundred (calls ring for seconds). */
export function rememberCall(notifiedCallIds: Set<string>, callId: string): void {
  notifiedCallIds.add(callId);
  for (const oldest of notifiedCallIds) {
    if (notifiedCallIds.size <= REMEMBERED_CALLS) break;
    notifiedCallIds.delete(oldest);
  }
}
