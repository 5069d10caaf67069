// The newest V8 CPU profile (node --cpu-prof) in a folder, summarized: the five frames where the
// process spent most of its own time, and the share of time spent idle or in the garbage collector.
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');
const { printTable } = require('./table');

function summarizeProfile(dir) {
  const [newest] = readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => join(dir, file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!newest) return;
  const profile = JSON.parse(readFileSync(newest, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map();
  profile.samples.forEach((id, index) => {
    const { callFrame } = nodes.get(id);
    const where = callFrame.url ? `${relative(process.cwd(), callFrame.url.replace(/^file:\/\//, ''))}:${callFrame.lineNumber + 1}` : '';
    const name = `${callFrame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    selfMs.set(name, (selfMs.get(name) ?? 0) + profile.timeDeltas[index] / 1000);
  });
  const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
  const busy = [...selfMs].filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(program)'));
  const busyMs = busy.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`CPU profile ${newest}: ${(total / 1000).toFixed(1)} s, ${Math.round((busyMs / total) * 100)}% busy; top five frames by self time:`);
  printTable(
    busy
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([frame, ms]) => ({ frame, 'self ms': ms.toFixed(0), 'share of busy': `${((ms / busyMs) * 100).toFixed(1)}%` })),
  );
}

module.exports = { summarizeProfile };
