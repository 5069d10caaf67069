import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Offence, checkRepository, findOutsidePaths, listRepositoryFiles, repositoryView } from './outside-paths';

const ROOT = join(__dirname, '..', '..');

/** Machine paths are put together in this file so that it does not name one itself. */
const machinePath = (...segments: string[]) => `/${segments.join('/')}`;

const describeOffence = (offence: Offence) => `${offence.file}:${offence.line} ${offence.path} (${offence.why})`;

describe('the repository stands alone', () => {
  it('no file names a path outside the repository', () => {
    expect(checkRepository(ROOT).map(describeOffence)).toEqual([]);
  });
});

describe('the outside-path check', () => {
  /** A repository that exists only here: nothing of it is read from disk. */
  const root = '/srv/checkouts/receptivo';
  const repository = repositoryView(
    root,
    [
      '.ci/run',
      'README.md',
      'package.json',
      'bench/ami-feed.js',
      'build/electron-builder.yml',
      'electron/tsconfig.json',
      'renderer/vite.config.mts',
      'server/src/app.ts',
      'server/src/cti/replay/fixtures.ts',
      'server/src/cti/replay/ami-transcript.ts',
      'shared/src/index.ts',
      'tests/fixtures/ami/README.md',
      'tests/fixtures/ami/inbound-answered.ami',
      'tests/fixtures/ami-load/README.md',
      'tests/support/server-process.ts',
    ],
    'node_modules/\ndist/\ndata/\ntests/artifacts/\n*.tsbuildinfo\n',
  );
  const check = (file: string, text: string) => findOutsidePaths(file, text, repository).map(({ line, path }) => ({ line, path }));
  /** The sibling folder of the repository the samples name, put together here so this file names none. */
  const SIBLING = ['..', 'shared'].join('/');

  describe('finds', () => {
    it('a document pointing at a sibling of the repository', () => {
      expect(check('README.md', `Product contract:\n\`${SIBLING}/DESIGN.md\`.`)).toEqual([{ line: 2, path: `${SIBLING}/DESIGN.md` }]);
      expect(check('docs/cti.md', `Recordings: \`../${SIBLING}/fixtures/ami\`.`)).toEqual([{ line: 1, path: `../${SIBLING}/fixtures/ami` }]);
    });

    it('a document climbing out even where a folder of the repository has that path', () => {
      expect(check('README.md', 'See ../build/electron-builder.yml')).toEqual([{ line: 1, path: '../build/electron-builder.yml' }]);
    });

    it('a comment naming a sibling of the repository from a nested folder, where nothing has that name', () => {
      const source = `import { join } from 'node:path';\n/** A recorded session by name (${SIBLING}/fixtures/ami). */\nexport const x = 1;\n`;
      expect(check('server/src/testing/cti-test-app.ts', source)).toEqual([{ line: 2, path: `${SIBLING}/fixtures/ami` }]);
    });

    it('a path joined from __dirname with literal segments that ends outside', () => {
      const source = "const { join } = require('node:path');\nconst FIXTURES = join(__dirname, '..', '..', 'shared', 'fixtures', 'ami');\n";
      expect(check('bench/ami-feed.js', source)).toEqual([{ line: 2, path: `${SIBLING}/fixtures/ami` }]);
    });

    it('a path built on a constant that holds the root', () => {
      const source = [
        "import { join } from 'node:path';",
        "const ROOT = join(__dirname, '..', '..', '..', '..');",
        "export const OUTSIDE = join(ROOT, '..', 'shared', 'fixtures');",
        "export const transcript = (name: string) => join(OUTSIDE, `${name}.ami`);",
      ].join('\n');
      expect(check('server/src/cti/replay/fixtures.ts', source)).toEqual([
        { line: 3, path: `${SIBLING}/fixtures` },
        { line: 4, path: `${SIBLING}/fixtures` },
      ]);
    });

    it('a path that climbs out to name the repository by its folder', () => {
      const source = "import { resolve } from 'node:path';\nexport const data = resolve(import.meta.dirname, '../../..', 'receptivo', 'data');\n";
      expect(check('tests/support/dirs.mjs', source)).toEqual([{ line: 2, path: '../receptivo/data' }]);
    });

    it('paths from import.meta.url', () => {
      const source = [
        "import { dirname, join } from 'node:path';",
        "import { fileURLToPath } from 'node:url';",
        "const here = dirname(fileURLToPath(import.meta.url));",
        "export const a = join(here, '..', '..', 'shared');",
        `export const b = fileURLToPath(new URL('../${SIBLING}/src/index.ts', import.meta.url));`,
      ].join('\n');
      expect(check('renderer/vite.config.mts', source)).toEqual([
        { line: 4, path: SIBLING },
        { line: 5, path: `../${SIBLING}/src/index.ts` },
      ]);
    });

    it('absolute paths of a machine and the repository’s own location', () => {
      const source = [
        `const design = '${machinePath('work', 'shared', 'DESIGN.md')}';`,
        `const cache = "${machinePath('root', '.npm', '_cacache')}";`,
        `// copied from ${machinePath('home', 'dev', 'receptivo', 'tests')}`,
        `const here = '${root}/tests/fixtures/ami';`,
      ].join('\n');
      expect(check('tests/support/server-process.ts', source)).toEqual([
        { line: 1, path: machinePath('work', 'shared', 'DESIGN.md') },
        { line: 2, path: machinePath('root', '.npm', '_cacache') },
        { line: 3, path: machinePath('home', 'dev', 'receptivo', 'tests') },
        { line: 4, path: root },
      ]);
    });
  });

  describe('lets pass', () => {
    it('a path joined from __dirname that stays inside, even through the root', () => {
      const source = "import { join, resolve } from 'node:path';\nconst F = join(__dirname, '..', '..', '..', '..', 'tests', 'fixtures');\nexport const R = resolve(__dirname, '../../renderer/dist');\n";
      expect(check('server/src/cti/replay/fixtures.ts', source)).toEqual([]);
      expect(check('server/src/app.ts', "import { resolve } from 'node:path';\nexport const RENDERER_DIR = resolve(__dirname, '../../renderer/dist');\n")).toEqual([]);
    });

    it('a workspace referring to its sibling workspace', () => {
      expect(check('electron/tsconfig.json', '{ "extends": "../tsconfig.base.json", "references": [{ "path": "../shared" }] }')).toEqual([]);
      expect(check('renderer/vite.config.mts', "export const s = fileURLToPath(new URL('../shared/src/index.ts', import.meta.url));")).toEqual([]);
    });

    it('a command whose tool reads the path from a folder of the repository', () => {
      const manifest = '{ "scripts": { "dist": "electron-builder --config ../build/electron-builder.yml --projectDir electron" } }';
      expect(check('package.json', manifest)).toEqual([]);
      expect(check('.ci/run', 'cd "$(dirname "$0")/.."\nnpm test\n')).toEqual([]);
    });

    it('documents and comments naming what the repository holds or builds', () => {
      expect(check('tests/fixtures/ami-load/README.md', 'Same format as `../ami/README.md`.')).toEqual([]);
      expect(check('README.md', 'The first start creates `./data`; the UI is at http://127.0.0.1:3000/home/x, Chromium at /usr/bin/chromium, the cache in ~/.config/Receptivo.')).toEqual([]);
      expect(check('server/src/cti/replay/ami-transcript.ts', '// The folder comes from ./fixtures (the recordings).\nexport {};\n')).toEqual([]);
    });

    it('calls that only look like paths', () => {
      const source = "export const p = new Promise((resolve) => resolve('../..'));\nexport const s = ['a', '..'].join('/');\nconst { join } = require('node:path');\nexport const dynamic = join(__dirname, name, '..', '..', '..', '..');\n";
      expect(check('bench/ami-feed.js', source)).toEqual([]);
    });
  });
});

describe('the files the check reads', () => {
  let folder: string;
  const write = (path: string, content: string | Buffer) => {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  };

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'receptivo-standalone-'));
    write('.gitignore', 'node_modules/\ndist/\ndata/\ntests/artifacts/\n*.tsbuildinfo\n');
    write('src/offending.ts', `export const x = '${machinePath('work', 'shared')}';\n`);
    write('node_modules/lib/index.js', `module.exports = '${machinePath('home', 'someone')}';\n`);
    write('server/dist/main.js', `require('${machinePath('root', 'x')}');\n`);
    write('data/mail/1.eml', `${machinePath('home', 'someone')}\n`);
    write('tests/artifacts/shot.txt', `${machinePath('work', 'x')}\n`);
    write('tsconfig.tsbuildinfo', `${machinePath('work', 'x')}\n`);
    write('tests/fixtures/ami/call.ami', `Channel: ${machinePath('home', 'x')}\n`);
    write('build/icon.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0]), Buffer.from(machinePath('work', 'x'))]));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('a copy without .git: every file outside the ignored and generated folders', () => {
    expect(listRepositoryFiles(folder)).toEqual(['.gitignore', 'build/icon.png', 'src/offending.ts', 'tests/fixtures/ami/call.ami']);
    expect(checkRepository(folder).map(({ file, line }) => `${file}:${line}`)).toEqual(['src/offending.ts:1']);
  });

  it('a clone: what git tracks and new files it does not ignore', () => {
    execFileSync('git', ['init', '--quiet'], { cwd: folder });
    execFileSync('git', ['add', '.gitignore', 'src/offending.ts'], { cwd: folder });
    write('src/new.ts', 'export {};\n');
    expect(listRepositoryFiles(folder)).toEqual(['.gitignore', 'build/icon.png', 'src/new.ts', 'src/offending.ts', 'tests/fixtures/ami/call.ami']);
    expect(checkRepository(folder).map(({ file, line }) => `${file}:${line}`)).toEqual(['src/offending.ts:1']);
  });
});
