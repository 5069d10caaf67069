// The clock every bench process stamps with, in ms: CLOCK_MONOTONIC (process.hrtime), one clock for
// the whole machine. `performance.timeOrigin + performance.now()` is each process's wall clock as it
// stood when that process started: when the system clock was stepped between two processes' starts,
// every latency measured between them moved by the step (15 ms in whole runs of `npm run bench -- cti`).
const machineMs = () => Number(process.hrtime.bigint()) / 1e6;

module.exports = { machineMs };
