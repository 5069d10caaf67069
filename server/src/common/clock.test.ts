import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OffsetFileClock } from './clock';

describe('test clock file (TEST_CLOCK_FILE)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'receptivo-clock-'));
  const file = join(folder, 'offset');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** Writes the offset with a distinct mtime, as a later write would have. */
  const write = (text: string, mtimeSeconds: number) => {
    writeFileSync(file, text);
    utimesSync(file, mtimeSeconds, mtimeSeconds);
  };
  const offsetOf = (clock: OffsetFileClock) => {
    const before = Date.now();
    const shown = clock.now().getTime();
    return Math.round((shown - before) / 1000) * 1000;
  };

  it('adds no offset while the file is missing, the file’s offset once written, and follows rewrites', () => {
    const clock = new OffsetFileClock(file);
    expect(offsetOf(clock)).toBe(0);
    write('3600000', 1_000);
    expect(offsetOf(clock)).toBe(3_600_000);
    write(' -7200000\n', 2_000);
    expect(offsetOf(clock)).toBe(-7_200_000);
    rmSync(file);
    expect(offsetOf(clock)).toBe(0);
  });

  it('keeps the last offset when it catches the file empty halfway through a write', () => {
    const clock = new OffsetFileClock(file);
    write('60000', 3_000);
    expect(offsetOf(clock)).toBe(60_000);
    write('', 4_000);
    expect(offsetOf(clock)).toBe(60_000);
    write('120000', 5_000);
    expect(offsetOf(clock)).toBe(120_000);
  });

  it('refuses a file that does not hold milliseconds', () => {
    write('amanhã', 6_000);
    expect(() => new OffsetFileClock(file).now()).toThrow(/integer of milliseconds/);
  });
});
