import { formatPhone, normalizePhone } from './phones';

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
    expect(normalizePhone(typed, '11')?.e164).toBe(e164);
  });

  it('reads local numbers with the configured area code', () => {
    expect(normalizePhone('98765-4321', '21')?.e164).toBe('+5521987654321');
    expect(normalizePhone('2222-3333', '31')?.e164).toBe('+553122223333');
  });

  it('does not take a landline for a mobile without the ninth digit', () => {
    expect(normalizePhone('(21) 2222-3333', '11')?.e164).toBe('+552122223333');
  });

  it('keeps numbers from abroad in international form', () => {
    expect(normalizePhone('+1 202 555 0123', '11')).toEqual({ e164: '+12025550123', display: '+1 202 555 0123' });
    expect(normalizePhone('00 351 912 345 678', '11')?.e164).toBe('+351912345678');
  });

  it.each(['123', '1234567', 'abc', '11 0765-4321', '00 11 98765-4321', '+55 11 1234', '0800 777 0100', '(11) 98765-43210123'])(
    'refuses %s',
    (typed) => {
      expect(normalizePhone(typed, '11')).toBeUndefined();
    },
  );

  it('shows stored numbers as read over the phone', () => {
    expect(formatPhone(mobile)).toBe('(11) 98765-4321');
    expect(formatPhone(landline)).toBe('(11) 3333-4444');
    expect(formatPhone('+12025550123')).toBe('+1 202 555 0123');
  });
});
