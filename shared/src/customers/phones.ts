import { parsePhoneNumberFromString } from 'libphonenumber-js';

const BRAZIL = '55';

export const invalidPhoneMessage = 'Telefone inválido: informe DDD e número, por exemplo (11) 98765-4321.';
export const missingPhoneMessage = 'Informe o telefone.';
export const duplicatePhoneMessage = 'Este telefone já está na lista.';
/** A number the customer's record already has. */
export const phoneOnRecordMessage = 'Telefone já cadastrado.';
const unknownAreaCodeMessage = (areaCode: string) => `DDD ${areaCode} não existe: confira o código de área.`;

/**
 * The area codes (DDD) of Anatel's numbering plan. Kept here because libphonenumber-js's default
 * metadata accepts any two digits as a DDD; its "max" metadata knows them but would also refuse
 * numbers by line type and weighs about twice as much in the desk. A unit test checks this list
 * against that metadata.
 */
export const brazilianAreaCodes: ReadonlySet<string> = new Set(
  [
    '11-19', '21', '22', '24', '27', '28', '31-35', '37', '38', '41-49', '51', '53-55', '61-69',
    '71', '73-75', '77', '79', '81-89', '91-99',
  ].flatMap((range) => {
    const [first, last = first] = range.split('-').map(Number);
    return Array.from({ length: last - first + 1 }, (_, offset) => String(first + offset));
  }),
);

/**
 * A phone as typed, read without knowing the server's default DDD: a whole number, a local one
 * (no DDD: the server completes it with CTI_DEFAULT_AREA_CODE), or why it cannot be a number.
 */
type TypedPhone =
  | { kind: 'complete'; e164: string }
  | { kind: 'local'; subscriber: string }
  | { kind: 'invalid'; message: string };

/**
 * The Brazilian ways of writing one number, reduced to DDD + subscriber number (or the subscriber
 * alone): 55 in front, a leading 0 with or without a carrier code (0 21 11 …), or no DDD at all.
 * Returns undefined when the digits fit none of them.
 */
function brazilianNationalNumber(digits: string): string | undefined {
  if (digits.startsWith(BRAZIL) && (digits.length === 12 || digits.length === 13)) digits = digits.slice(2);
  else if (digits.startsWith('0') && (digits.length === 13 || digits.length === 14)) digits = digits.slice(3);
  else if (digits.startsWith('0') && (digits.length === 11 || digits.length === 12)) digits = digits.slice(1);
  return digits.length >= 8 && digits.length <= 11 ? digits : undefined;
}

/** Mobiles (subscriber starting 6–9) written with the old eight digits get the ninth. */
function withNinthDigit(subscriber: string): string {
  return subscriber.length === 8 && /^[6-9]/.test(subscriber) ? `9${subscriber}` : subscriber;
}

/** No subscriber number starts with 0 or 1, and a ninth digit is always a 9. */
const isSubscriber = (subscriber: string) => /^[2-9]\d{7}$/.test(subscriber) || /^9\d{8}$/.test(subscriber);

/**
 * Valid when the DDD exists and the subscriber number has a landline's or a mobile's shape: stricter
 * than libphonenumber-js's parse and isValid() for Brazil, which take every number these rules take
 * (the test holds them side by side over every DDD). The library is not asked again: it compiles a
 * RegExp from its metadata at every check, and V8 keeps compiled expressions only until its next
 * garbage collections, so amid a PBX burst one caller's number took ~100 µs of the server's core,
 * ahead of the screen-pops (issue 17); these rules take ~3 µs.
 */
function brazilianPhone(areaCode: string, subscriber: string): TypedPhone {
  if (!brazilianAreaCodes.has(areaCode)) return { kind: 'invalid', message: unknownAreaCodeMessage(areaCode) };
  const full = withNinthDigit(subscriber);
  if (!isSubscriber(full)) return { kind: 'invalid', message: invalidPhoneMessage };
  return { kind: 'complete', e164: `+${BRAZIL}${areaCode}${full}` };
}

/** The DDD as written in "(00) 1234-5678" (or "(011)"), where the digits alone would read as a prefix. */
function parenthesizedAreaCode(typed: string): string | undefined {
  return /^\(\s*0?(\d{2})\s*\)/.exec(typed)?.[1];
}

/** While a number is still being typed: a DDD already closed in parentheses, "(00) …", that does not exist. */
export function typedAreaCodeProblem(input: string): string | undefined {
  const areaCode = parenthesizedAreaCode(input.trim());
  return areaCode && !brazilianAreaCodes.has(areaCode) ? unknownAreaCodeMessage(areaCode) : undefined;
}

/** Reads a phone as an attendant types it or the PBX sends it. */
function readPhone(input: string): TypedPhone {
  const trimmed = input.trim();
  if (!trimmed) return { kind: 'invalid', message: missingPhoneMessage };
  const digits = trimmed.replace(/\D/g, '');
  if (/[a-z]/i.test(trimmed) || digits.length < 8 || digits.length > 15) return { kind: 'invalid', message: invalidPhoneMessage };

  const areaCodeRefusal = typedAreaCodeProblem(trimmed);
  if (areaCodeRefusal) return { kind: 'invalid', message: areaCodeRefusal };

  // "+" or "00" makes the country code explicit: abroad goes to libphonenumber as is, and a
  // Brazilian number must then carry its DDD.
  const explicitCountry = trimmed.startsWith('+') || digits.startsWith('00');
  const withoutPrefix = digits.replace(/^00/, '');
  if (explicitCountry && !withoutPrefix.startsWith(BRAZIL)) {
    const parsed = parsePhoneNumberFromString(`+${withoutPrefix}`);
    return parsed?.isValid() ? { kind: 'complete', e164: parsed.number } : { kind: 'invalid', message: invalidPhoneMessage };
  }
  const national = explicitCountry
    ? [10, 11].includes(withoutPrefix.length - 2) ? withoutPrefix.slice(2) : undefined
    : brazilianNationalNumber(digits);
  if (!national) return { kind: 'invalid', message: invalidPhoneMessage };
  if (national.length >= 10) return brazilianPhone(national.slice(0, 2), national.slice(2));
  const subscriber = withNinthDigit(national);
  return isSubscriber(subscriber) ? { kind: 'local', subscriber } : { kind: 'invalid', message: invalidPhoneMessage };
}

/**
 * A phone as typed by an attendant or sent by the PBX, in canonical E.164 (Brazilian mobiles always
 * with the ninth digit). Every Brazilian variant of one number gives the same E.164, so lookups are
 * one exact index match; formatPhone shows it.
 */
export function phoneE164(input: string, defaultAreaCode: string): string | undefined {
  const typed = readPhone(input);
  const whole = typed.kind === 'local' ? brazilianPhone(defaultAreaCode, typed.subscriber) : typed;
  return whole.kind === 'complete' ? whole.e164 : undefined;
}

/** Why a typed phone cannot be saved, as the form and the server say it; undefined when it can. */
export function phoneProblem(input: string): string | undefined {
  const typed = readPhone(input);
  return typed.kind === 'invalid' ? typed.message : undefined;
}

/**
 * Equal for one number typed in two forms ("(11) 98765-4321", "+55 11 98765-4321"). A number
 * without DDD equals only others without DDD: the default DDD is the server's to apply.
 */
export function phoneIdentity(input: string): string | undefined {
  const typed = readPhone(input);
  if (typed.kind === 'complete') return typed.e164;
  return typed.kind === 'local' ? `local:${typed.subscriber}` : undefined;
}

/** A Brazilian number as phoneE164 writes it: DDD, then a landline's 8 digits or a mobile's 9. */
const BRAZILIAN_E164 = /^\+55(\d{2})(\d{4,5})(\d{4})$/;

/**
 * Display form of a stored E.164 number: (11) 98765-4321, or the international form abroad. A
 * Brazilian number phoneE164 wrote is laid out here as libphonenumber-js lays it out (the test holds
 * them side by side over every DDD): the library recompiles its format's RegExp at every call, ~35 µs
 * a phone, and every customer in a list or a screen-pop shows one.
 */
export function formatPhone(e164: string): string {
  const brazilian = BRAZILIAN_E164.exec(e164);
  if (brazilian) {
    const [, areaCode, first, last] = brazilian;
    const written = brazilianPhone(areaCode, first + last);
    if (written.kind === 'complete' && written.e164 === e164) return `(${areaCode}) ${first}-${last}`;
  }
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.countryCallingCode === BRAZIL ? parsed.formatNational() : parsed.formatInternational();
}
