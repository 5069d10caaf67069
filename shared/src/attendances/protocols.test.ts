import { formatProtocol, luhnCheckDigit, parseProtocol } from './protocols';

/** Protocols as the database makes them (protocol_digits, tested against PostgreSQL in server/). */
const protocol2026n42 = '20260000425';

describe('protocol numbers', () => {
  it('are read as year.sequence-check digit', () => {
    expect(formatProtocol('20260012347')).toBe('2026.001234-7');
    expect(formatProtocol('2027123456783')).toBe('2027.12345678-3');
  });

  it('are found with or without separators', () => {
    const protocol = protocol2026n42;
    for (const typed of [protocol, formatProtocol(protocol), ` ${protocol.slice(0, 4)} ${protocol.slice(4, 10)} ${protocol.slice(10)} `]) {
      expect(parseProtocol(typed)).toBe(protocol);
    }
  });

  it('refuse every single wrong digit and every swap of different neighbours', () => {
    const protocol = '20267319059';
    for (let index = 0; index < protocol.length; index++) {
      for (let digit = 0; digit <= 9; digit++) {
        const typed = protocol.slice(0, index) + digit + protocol.slice(index + 1);
        if (typed !== protocol) expect(parseProtocol(typed)).toBeUndefined();
      }
    }
    for (let index = 0; index < protocol.length - 1; index++) {
      const [a, b] = [protocol[index], protocol[index + 1]];
      // Luhn's one blind spot: 0 and 9 swapped.
      if (a === b || `${a}${b}` === '09' || `${a}${b}` === '90') continue;
      const swapped = protocol.slice(0, index) + b + a + protocol.slice(index + 2);
      expect(parseProtocol(swapped)).toBeUndefined();
    }
  });

  it('computes the Luhn digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(parseProtocol('123')).toBeUndefined();
  });
});
