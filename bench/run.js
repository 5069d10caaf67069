// Runs every benchmark in bench/ (files named *.bench.js) and prints their tables.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

async function main() {
  // `npm run bench -- customers` runs one benchmark.
  const only = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.js'))
    .filter((file) => !only || file.startsWith(only))
    .sort();
  for (const file of files) {
    console.log(`\n## ${file.replace('.bench.js', '')}`);
    await require(join(__dirname, file)).run();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
