const dateTimeParts = new Intl.DateTimeFormat('pt-BR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const partsOf = (iso: string) =>
  Object.fromEntries(dateTimeParts.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));

/** dd/mm/aaaa hh:mm in local time; built from parts because ICU versions differ on the separator. */
export function formatDateTime(iso: string, { seconds = false } = {}): string {
  const parts = partsOf(iso);
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}${seconds ? `:${parts.second}` : ''}`;
}

/** hh:mm:ss in local time, for events of the last minutes. */
export function formatTime(iso: string): string {
  const parts = partsOf(iso);
  return `${parts.hour}:${parts.minute}:${parts.second}`;
}

const oneDecimal = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 });

/** File sizes as read in pt-BR: "850 KB", "1,5 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${oneDecimal.format(bytes / (1024 * 1024))} MB`;
}

const pluralRules = new Intl.PluralRules('pt-BR');
const wholeNumbers = new Intl.NumberFormat('pt-BR');

/** A count as read in pt-BR: "1.234". */
export const formatCount = (value: number) => wholeNumbers.format(value);

/**
 * A count with the words that agree with it: "1 atendimento", "2 atendimentos", "1.234 atendimentos".
 * CLDR's pt-BR rules count 0 as singular; Brazilian screens say "0 atendimentos", so zero takes the plural.
 */
export function countLabel(count: number, one: string, other: string): string {
  return `${formatCount(count)} ${count !== 0 && pluralRules.select(count) === 'one' ? one : other}`;
}
