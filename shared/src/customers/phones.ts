import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface NormalizedPhone {
  /** Canonical E.164: Brazilian mobiles always with the ninth digit. */
  e164: string;
  /** As read to a citizen: (11) 98765-4321, or the international form abroad. */
  display: string;
}

const BRAZIL = '55';

/**
 * The Brazilian ways of writing one number, reduced to DDD + subscriber number:
 * 55 in front, a leading 0 with or without a carrier code (0 21 11 …), or no DDD at all.
 * Returns undefined when the digits fit none of them.
 */
function brazilianNationalNumber(digits: string, defaultAreaCode: string): string | undefined {
  const subscriber = (rest: string) => rest.length === 8 || rest.length === 9;
  if (digits.startsWith(BRAZIL) && (digits.length === 12 || digits.length === 13)) digits = digits.slice(2);
  else if (digits.startsWith('0') && (digits.length === 13 || digits.length === 14)) digits = digits.slice(3);
  else if (digits.startsWith('0') && (digits.length === 11 || digits.length === 12)) digits = digits.slice(1);

  if (subscriber(digits)) return defaultAreaCode + digits;
  if (digits.length === 10 || digits.length === 11) return digits;
  return undefined;
}

/** Mobiles (subscriber starting 6–9) written with the old eight digits get the ninth. */
function withNinthDigit(national: string): string {
  const areaCode = national.slice(0, 2);
  const subscriber = national.slice(2);
  return subscriber.length === 8 && /^[6-9]/.test(subscriber) ? `${areaCode}9${subscriber}` : national;
}

/**
 * Normalizes a phone as typed by an attendant or sent by the PBX. Every Brazilian variant of one
 * number gives the same E.164, so lookups are one exact index match.
 */
export function normalizePhone(input: string, defaultAreaCode: string): NormalizedPhone | undefined {
  const trimmed = input.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 15) return undefined;

  // "+" or "00" makes the country code explicit: abroad goes to libphonenumber as is, and a
  // Brazilian number must then carry its DDD.
  const explicitCountry = trimmed.startsWith('+') || digits.startsWith('00');
  const withoutPrefix = digits.replace(/^00/, '');
  if (explicitCountry && !withoutPrefix.startsWith(BRAZIL)) {
    const parsed = parsePhoneNumberFromString(`+${withoutPrefix}`);
    return parsed?.isValid() ? { e164: parsed.number, display: parsed.formatInternational() } : undefined;
  }
  const national = explicitCountry
    ? [10, 11].includes(withoutPrefix.length - 2) ? withoutPrefix.slice(2) : undefined
    : brazilianNationalNumber(digits, defaultAreaCode);
  // No DDD starts with 0 and no subscriber number starts with 0 or 1.
  if (!national || !/^[1-9]\d[2-9]/.test(national)) return undefined;
  const parsed = parsePhoneNumberFromString(withNinthDigit(national), 'BR');
  if (!parsed?.isValid()) return undefined;
  return { e164: parsed.number, display: parsed.formatNational() };
}

/** Display form of a stored E.164 number. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.countryCallingCode === BRAZIL ? parsed.formatNational() : parsed.formatInternational();
}
