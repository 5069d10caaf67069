import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { IDLE_SCAVENGE, scavengeDue, startIdleScavenge } from './idle-scavenge';

// The built module (npm test builds first), in a process of its own: `gc` and the young generation's
// size are the process's, and jest's workers run without --expose-gc.
const BUILT = join(__dirname, '..', '..', 'dist', 'common', 'idle-scavenge.js');

/**
 * A Node with the server's GC flags (and young semi-spaces of 32 MB from the start, as the server's
 * grow to under load, so V8 needs no scavenge of its own) that fills its young generation with
 * ~9 MB of garbage, keeps its loop busy for `busyMs` (blocked 18 ms of every 20, allocating
 * nothing), then goes quiet; it reports each minor GC and the young generation's size then, and
 * exits at the first once quiet.
 */
const CHILD = `
const { performance, PerformanceObserver, constants } = require('node:perf_hooks');
const { getHeapSpaceStatistics } = require('node:v8');
const { startIdleScavenge } = require(${JSON.stringify(BUILT)});
const young = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_used_size;
const started = performance.now();
const say = (what, at = performance.now()) => process.stdout.write(JSON.stringify({ ...what, at: at - started, young: young() }) + '\\n');
let quietAt = Infinity;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.detail.kind !== constants.NODE_PERFORMANCE_GC_MINOR) continue;
    say({ minor: true }, entry.startTime);
    // Once what was said is out: writes to a pipe are asynchronous.
    if (entry.startTime > quietAt) process.stdout.write('', () => process.exit(0));
  }
}).observe({ entryTypes: ['gc'] });
// Short-lived, as a burst's frames and events are; the ring keeps the optimizer from removing them.
const ring = new Array(1000);
for (let index = 0; index < 50_000; index++) ring[index % ring.length] = { index, text: 'x'.repeat(index % 40) };
say({ filled: ring.length });
startIdleScavenge();
const busyUntil = performance.now() + Number(process.argv[1]);
// Blocked, not spinning: a spin loop's clock readings are garbage of their own.
const blocker = new Int32Array(new SharedArrayBuffer(4));
const spin = () => {
  if (performance.now() >= busyUntil) {
    quietAt = performance.now();
    return say({ quiet: true });
  }
  Atomics.wait(blocker, 0, 0, 18);
  setTimeout(spin, 2);
};
// From the event loop: the loop's utilization does not count the main script's run.
setImmediate(spin);
// Gone at the first scavenge once quiet; this late, there was none.
setTimeout(() => process.exit(0), Number(process.argv[1]) + 3000);
`;

interface Line {
  at: number;
  young: number;
  minor?: true;
  filled?: number;
  quiet?: true;
}

function runChild(busyMs: number): Promise<Line[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--min-semi-space-size=32', '--max-semi-space-size=64', '-e', CHILD, String(busyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(output.trim().split('\n').map((line) => JSON.parse(line) as Line)) : reject(new Error(`child exited with ${code}: ${output}`))));
  });
}

describe('idle scavenge', () => {
  it('empties the young generation a burst filled once the process goes quiet', async () => {
    const lines = await runChild(0);
    const filled = lines.find((line) => line.filled !== undefined)!;
    expect(filled.young).toBeGreaterThanOrEqual(IDLE_SCAVENGE.minimumBytes);
    const scavenge = lines.find((line) => line.minor && line.at > filled.at);
    expect(scavenge).toBeDefined();
    // Within a few looks of going quiet, and without V8 needing the room: the generation was far from full.
    expect(scavenge!.at - filled.at).toBeLessThan(500);
    expect(lines.filter((line) => line.minor && line.at < filled.at)).toEqual([]);
    expect(scavenge!.young).toBeLessThan(IDLE_SCAVENGE.minimumBytes / 4);
  });

  it('waits while the event loop is busy, and scavenges once it is quiet', async () => {
    const lines = await runChild(600);
    const filled = lines.find((line) => line.filled !== undefined)!;
    const quiet = lines.find((line) => line.quiet)!;
    expect(quiet.at - filled.at).toBeGreaterThanOrEqual(600);
    expect(lines.filter((line) => line.minor && line.at > filled.at && line.at < quiet.at)).toEqual([]);
    expect(lines.some((line) => line.minor && line.at > quiet.at)).toBe(true);
  });

  it('does nothing without --expose-gc', () => {
    expect(startIdleScavenge(IDLE_SCAVENGE, undefined)).toBeNull();
  });

  it('is due only when the loop is quiet and the young generation holds enough', () => {
    expect(scavengeDue(0.02, () => IDLE_SCAVENGE.minimumBytes, IDLE_SCAVENGE)).toBe(true);
    expect(scavengeDue(0.5, () => IDLE_SCAVENGE.minimumBytes, IDLE_SCAVENGE)).toBe(false);
    expect(scavengeDue(0.02, () => IDLE_SCAVENGE.minimumBytes - 1, IDLE_SCAVENGE)).toBe(false);
  });
});
