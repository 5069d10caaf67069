import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

/**
 * Empties V8's young generation while the process is quiet, so that a PBX burst starts with it
 * empty. V8 scavenges when the young generation is full, which in a contact center is in the middle
 * of a burst: in `npm run bench -- cti` (64 MB semi-spaces) a scavenge took 6–12 ms, and one that
 * fell among a 10× burst's 40 AgentCalled held every pop behind it by as much (docs/architecture.md,
 * Process model). Node has no idle-time collection of its own (Chrome's is in its scheduler), hence
 * these few lines; `gc` exists only under `--expose-gc`, which `npm start` and the systemd unit pass.
 */
export interface IdleScavengeOptions {
  /** How often the event loop is looked at, in ms. */
  everyMs: number;
  /** The loop busy less than this share of the last look: the process is quiet. */
  quietBelow: number;
  /** Bytes the young generation must hold to be worth a scavenge: less is a few ms of work saved. */
  minimumBytes: number;
}

export const IDLE_SCAVENGE: IdleScavengeOptions = { everyMs: 20, quietBelow: 0.1, minimumBytes: 8 * 1024 * 1024 };

/** `youngBytes` is asked only when the loop was quiet: V8's space statistics are no work for a busy loop. */
export function scavengeDue(loopUtilization: number, youngBytes: () => number, options: IdleScavengeOptions): boolean {
  return loopUtilization < options.quietBelow && youngBytes() >= options.minimumBytes;
}

const youngGenerationBytes = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_used_size ?? 0;

/** Starts looking; returns what stops it, or null when the process runs without `--expose-gc`. */
export function startIdleScavenge(options: IdleScavengeOptions = IDLE_SCAVENGE, collect: NodeJS.GCFunction | undefined = globalThis.gc): (() => void) | null {
  if (!collect) return null;
  let since = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, since);
    since = now;
    if (!scavengeDue(utilization, youngGenerationBytes, options)) return;
    collect({ type: 'minor' });
    // The scavenge is no load of the loop's: the next look starts after it.
    since = performance.eventLoopUtilization();
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
