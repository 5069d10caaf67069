import { formatDocument, formatPhone, formatProtocol, parseProtocol, type UraData } from '@receptivo/shared';

const uraLabels: Record<string, string> = {
  document: 'CPF/CNPJ informado na URA',
  protocol: 'Protocolo da URA',
  option: 'Opção da URA',
};

/** The caller as read to the attendant: the normalized number formatted, else what the PBX sent. */
export function callerText(call: { callerNumber: string | null; callerE164: string | null }): string {
  if (call.callerE164) return formatPhone(call.callerE164);
  return call.callerNumber || 'Número não identificado';
}

/** A call without a queue was dialled straight to the extension. */
export const queueText = (queue: string | null) => queue ?? 'Ligação direta';

/** URA fields with their pt-BR labels, the known ones first; other keys (CTI_URA_FIELDS) as they are. */
export function uraEntries(ura: UraData): { key: string; label: string; value: string }[] {
  const known = Object.keys(uraLabels).filter((key) => ura[key]);
  const others = Object.keys(ura).filter((key) => !(key in uraLabels) && ura[key]);
  return [...known, ...others].map((key) => ({ key, label: uraLabels[key] ?? key, value: uraValue(key, ura[key]) }));
}

function uraValue(key: string, value: string): string {
  if (key === 'document') return formatDocument(value);
  if (key === 'protocol') {
    const protocol = parseProtocol(value);
    return protocol ? formatProtocol(protocol) : value;
  }
  return value;
}
