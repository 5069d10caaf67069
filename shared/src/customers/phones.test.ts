import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { parsePhoneNumberFromString as parseWithFullMetadata } from 'libphonenumber-js/max';
import { brazilianAreaCodes, formatPhone, phoneE164, phoneIdentity, phoneProblem } from './phones';

describe('Brazilian phone forms (docs/domain.md)', () => {
  const mobile = '+5511987654321';
  const landline = '+551133334444';

  it.each([
    ['11987654321', mobile],
    ['(11) 98765-4321', mobile],
    ['11 9 8765-4321', mobile],
    ['+55 11 98765-4321', mobile],
    ['+55 (11) 98765-4321', mobile],
    ['5511987654321', mobile],
    ['005511987654321', mobile],
    ['011987654321', mobile],
    ['0 11 98765-4321', mobile],
    ['(011) 98765-4321', mobile],
    ['0 21 11 98765-4321', mobile],
    ['0xx21 11 98765-4321'.replace('xx', ''), mobile],
    ['02111987654321', mobile],
    ['0 15 11 8765-4321', mobile],
    ['(11) 8765-4321', mobile],
    ['1187654321', mobile],
    ['+55 11 8765-4321', mobile],
    ['551187654321', mobile],
    ['987654321', mobile],
    ['98765-4321', mobile],
    ['8765-4321', mobile],
    ['11.98765.4321', mobile],
    ['11 3333-4444', landline],
    ['(011) 3333-4444', landline],
    ['+55 11 3333-4444', landline],
    ['3333-4444', landline],
    ['0 41 11 3333-4444', landline],
  ])('%s is %s', (typed, e164) => {
    expect(phoneE164(typed, '11')).toBe(e164);
  });

  it('reads local numbers with the configured area code', () => {
    expect(phoneE164('98765-4321', '21')).toBe('+5521987654321');
    expect(phoneE164('2222-3333', '31')).toBe('+553122223333');
  });

  it('does not take a landline for a mobile without the ninth digit', () => {
    expect(phoneE164('(21) 2222-3333', '11')).toBe('+552122223333');
  });

  it('keeps numbers from abroad in international form', () => {
    expect(phoneE164('+1 202 555 0123', '11')).toBe('+12025550123');
    expect(formatPhone('+12025550123')).toBe('+1 202 555 0123');
    expect(phoneE164('00 351 912 345 678', '11')).toBe('+351912345678');
  });

  it.each(['123', '1234567', 'abc', '11 0765-4321', '00 11 98765-4321', '+55 11 1234', '0800 777 0100', '(11) 98765-43210123'])(
    'refuses %s',
    (typed) => {
      expect(phoneE164(typed, '11')).toBeUndefined();
    },
  );

  it('shows stored numbers as read over the phone', () => {
    expect(formatPhone(mobile)).toBe('(11) 98765-4321');
    expect(formatPhone(landline)).toBe('(11) 3333-4444');
    expect(formatPhone('+12025550123')).toBe('+1 202 555 0123');
  });

  it.each(['(20) 98765-4321', '20 3333-4444', '+55 10 98765-4321', '(00) 1234-5678'])('refuses %s, whose DDD does not exist', (typed) => {
    expect(phoneE164(typed, '11')).toBeUndefined();
  });

  it('takes no Brazilian number that libphonenumber-js refuses, and gives its E.164', () => {
    // Every two digits as a DDD, with a subscriber number starting with each digit, 8 and 9 digits
    // long: every E.164 that the DDD list and the subscriber's shape give, the library takes as is.
    const subscribers = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].flatMap((first) => [`${first}3334444`, `${first}87654321`]);
    const typed = Array.from({ length: 90 }, (_, index) => String(index + 10)).flatMap((areaCode) => subscribers.map((subscriber) => areaCode + subscriber));
    const accepted = typed.map((digits) => phoneE164(digits, '11')).filter((e164): e164 is string => e164 !== undefined);
    expect(accepted).toHaveLength(brazilianAreaCodes.size * 9);
    const byLibrary = (e164: string) => {
      const parsed = parsePhoneNumberFromString(e164);
      return parsed?.isValid() ? parsed.number : undefined;
    };
    expect(accepted.map(byLibrary)).toEqual(accepted);
  });

  it('shows every Brazilian number it takes as libphonenumber-js shows it', () => {
    const stored = Array.from({ length: 90 }, (_, index) => String(index + 10))
      .flatMap((areaCode) => ['23334444', '53334444', '987654321', '912345678'].map((subscriber) => phoneE164(areaCode + subscriber, '11')))
      .filter((e164): e164 is string => e164 !== undefined);
    expect(stored).toHaveLength(brazilianAreaCodes.size * 4);
    expect(stored.map(formatPhone)).toEqual(stored.map((e164) => parsePhoneNumberFromString(e164)!.formatNational()));
  });
});

describe('a phone checked as it is typed, before the server sees it', () => {
  it('tells a missing number from an invalid one', () => {
    expect(phoneProblem('')).toBe('Informe o telefone.');
    expect(phoneProblem('   ')).toBe('Informe o telefone.');
    expect(phoneProblem('4133')).toBe('Telefone inválido: informe DDD e número, por exemplo (11) 98765-4321.');
    expect(phoneProblem('(11) 0765-4321')).toBe('Telefone inválido: informe DDD e número, por exemplo (11) 98765-4321.');
  });

  it('names a DDD that does not exist', () => {
    expect(phoneProblem('(00) 1234-5678')).toBe('DDD 00 não existe: confira o código de área.');
    expect(phoneProblem('(020) 98765-4321')).toBe('DDD 20 não existe: confira o código de área.');
    expect(phoneProblem('23 3333-4444')).toBe('DDD 23 não existe: confira o código de área.');
  });

  it('accepts numbers with or without DDD', () => {
    expect(phoneProblem('(11) 98765-4321')).toBeUndefined();
    expect(phoneProblem('98765-4321')).toBeUndefined();
    expect(phoneProblem('+1 202 555 0123')).toBeUndefined();
  });

  it('gives one identity to one number typed in different forms', () => {
    const forms = ['(11) 98765-4321', '11987654321', '+55 11 98765-4321', '0 11 98765-4321', '(11) 8765-4321'];
    expect(new Set(forms.map(phoneIdentity))).toEqual(new Set(['+5511987654321']));
    expect(phoneIdentity('98765-4321')).toBe(phoneIdentity('8765-4321'));
    expect(phoneIdentity('98765-4321')).not.toBe(phoneIdentity('(11) 98765-4321'));
    expect(phoneIdentity('(21) 98765-4321')).not.toBe(phoneIdentity('(11) 98765-4321'));
  });

  it('knows the DDDs that libphonenumber-js knows with its full metadata', () => {
    const twoDigits = Array.from({ length: 90 }, (_, index) => String(index + 10));
    const geographic = (number: string) => ['FIXED_LINE', 'MOBILE'].includes(parseWithFullMetadata(number, 'BR')?.getType() ?? '');
    const known = twoDigits.filter((areaCode) => geographic(`${areaCode}33334444`) || geographic(`${areaCode}987654321`));
    expect([...brazilianAreaCodes].sort()).toEqual(known);
  });
});
