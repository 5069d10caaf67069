/**
 * Protocol numbers (docs/domain.md): year + a number from a database sequence + a Luhn check digit,
 * made by the database (protocol_digits), shown as 2026.001234-5 and accepted with or without the
 * separators. Luhn catches every wrong digit and almost every swap of neighbours, the mistakes of a
 * number read over the phone.
 */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

export function formatProtocol(protocol: string): string {
  return `${protocol.slice(0, 4)}.${protocol.slice(4, -1)}-${protocol.slice(-1)}`;
}

/** The protocol's digits when `input` is one (any separators), with a valid check digit. */
export function parseProtocol(input: string): string | undefined {
  const digits = input.replace(/[\s.\-/]/g, '');
  if (!/^\d{11,14}$/.test(digits)) return undefined;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1)) ? digits : undefined;
}
