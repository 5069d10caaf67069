import { isoToLocalInput, localInputToIso, noticeExhibition } from './notice-dates';

describe('datetime-local conversion', () => {
  test('a local time becomes ISO with the browser offset, for the same instant', () => {
    const iso = localInputToIso('2025-03-10T08:30');
    expect(iso).toMatch(/^2025-03-10T08:30:00[+-]\d{2}:\d{2}$/);
    expect(Date.parse(iso as string)).toBe(new Date(2025, 2, 10, 8, 30).getTime());
  });

  test('an ISO instant shows as local time and round-trips', () => {
    const instant = new Date(2025, 11, 31, 23, 5);
    expect(isoToLocalInput(instant.toISOString())).toBe('2025-12-31T23:05');
    expect(Date.parse(localInputToIso(isoToLocalInput(instant.toISOString())) as string)).toBe(instant.getTime());
  });

  test.each(['', '  ', '10/03/2025 08:00', '2025-03-10'])('%j gives null', (input) => {
    expect(localInputToIso(input)).toBeNull();
  });
});

describe('noticeExhibition', () => {
  const now = new Date('2025-03-10T12:00:00Z');
  const notice = { active: true, validFrom: '2025-03-01T00:00:00Z', validUntil: '2025-03-20T00:00:00Z' };

  test.each([
    [notice, 'showing'],
    [{ ...notice, validUntil: null }, 'showing'],
    [{ ...notice, validFrom: '2025-03-11T00:00:00Z' }, 'scheduled'],
    [{ ...notice, validUntil: '2025-03-10T12:00:00Z' }, 'ended'],
    [{ ...notice, active: false }, 'hidden'],
  ])('%j is %s', (given, expected) => {
    expect(noticeExhibition(given, now)).toBe(expected);
  });
});
