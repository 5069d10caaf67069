import { formatProtocol, luhnCheckDigit, makeProtocol, parseProtocol } from './protocols';

describe('protocol numbers', () => {
  it('are year, sequence and a check digit, read as 2026.001234-x', () => {
    const protocol = makeProtocol(2026, 1234);
    expect(protocol).toMatch(/^2026001234\d$/);
    expect(formatProtocol(protocol)).toBe(`2026.001234-${protocol.slice(-1)}`);
    expect(makeProtocol(2027, 12_345_678)).toMatch(/^202712345678\d$/);
  });

  it('are found with or without separators', () => {
    const protocol = makeProtocol(2026, 42);
    for (const typed of [protocol, formatProtocol(protocol), ` ${protocol.slice(0, 4)} ${protocol.slice(4, 10)} ${protocol.slice(10)} `]) {
      expect(parseProtocol(typed)).toBe(protocol);
    }
  });

  it('refuse every single wrong digit and every swap of different neighbours', () => {
    const protocol = makeProtocol(2026, 731_905);
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
