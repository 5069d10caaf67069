import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

/**
 * Finds what would break a clone of the repository standing alone: a file naming a path outside
 * the repository. Four kinds:
 * - an absolute path of a machine: the repository's own location, or anything under /work, /root
 *   or /home;
 * - a relative path (`../…`) that climbs above the repository root from the file's folder; in code
 *   and configuration such a path may be meant from another folder (a workspace, a tool's project
 *   folder: electron-builder reads `--config` from its `--projectDir`), so it passes when, read from
 *   one of the repository's top folders, it names something the repository holds;
 * - in prose (Markdown files and code comments), a relative path that names nothing in the
 *   repository: a note written in a nested folder about a sibling of the repository lands inside
 *   it, on a path that does not exist;
 * - in code, a `join`/`resolve` of `__dirname` (or `import.meta`) and literal segments that steps
 *   above the root at any point.
 * Hand-written over TypeScript's parser: no linter rule knows where the repository ends.
 */

export interface Offence {
  /** Relative to the repository root, with `/`. */
  file: string;
  line: number;
  path: string;
  why: string;
}

/** What the checker knows of the repository. */
export interface RepositoryView {
  /** The repository's absolute location on this machine. */
  root: string;
  /** A file or folder of the repository (relative, `/`), or one its build or start would create. */
  has(relativePath: string): boolean;
  /** Its top-level folders, from which commands and tools may read a relative path. */
  topFolders: readonly string[];
}

const CODE = /\.(?:[cm]?[jt]sx?)$/;
const PROSE = /\.md$/;
/** Recordings are data, not text anyone reads a path from; and they are large. */
const SKIPPED = /\.ami$/;
const MACHINE_FOLDERS = /(?<![\w.:/~-])\/(?:work|root|home)\/[^\s'"`),\]}>]*/g;
const RELATIVE = /(?<![\w.\/\\@$-])(?:\.\.?\/)+(?:[\w@+%~-][\w@.+%~-]*)?(?:\/[\w@+%~-][\w@.+%~-]*)*\/?/g;
/** What a relative mention in a comment may leave out, as an import does: the extension, `/index`. */
const IMPLIED_ENDINGS = ['', '.ts', '.tsx', '.js', '.mjs', '.mts', '.d.ts', '/index.ts', '/index.tsx', '/index.js'];

const escapes = (relativePath: string) => relativePath === '..' || relativePath.startsWith('../');
const normalized = (path: string) => posix.normalize(path).replace(/\/$/, '') || '.';
const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

export function findOutsidePaths(file: string, text: string, repository: RepositoryView): Offence[] {
  const folder = posix.dirname(file);
  const offences: Offence[] = [];
  const seen = new Set<string>();
  const report = (index: number, path: string, why: string) => {
    const offence = { file, line: lineAt(text, index), path, why };
    const key = `${offence.line}\u0000${path}`;
    if (seen.has(key)) return;
    seen.add(key);
    offences.push(offence);
  };

  const { root } = repository;
  if (root.length > 1) {
    for (let index = text.indexOf(root); index >= 0; index = text.indexOf(root, index + 1)) {
      report(index, root, "names the repository's own absolute location on this machine");
    }
  }
  for (const match of text.matchAll(MACHINE_FOLDERS)) report(match.index, match[0], 'names an absolute path of a machine');

  const source = CODE.test(file) ? parse(file, text) : undefined;
  const comments = source ? commentRanges(source) : [];
  const inComment = (index: number) => comments.some(([start, end]) => index >= start && index < end);
  for (const match of text.matchAll(RELATIVE)) {
    // A sentence may end right after a path.
    const mention = match[0].replace(/\.+$/, '');
    const target = normalized(posix.join(folder, mention));
    const prose = PROSE.test(file) || inComment(match.index);
    if (escapes(target)) {
      const meantFromAFolder = !prose && repository.topFolders.some((top) => {
        const fromTop = normalized(posix.join(top, mention));
        return !escapes(fromTop) && repository.has(fromTop);
      });
      if (!meantFromAFolder) report(match.index, mention, 'climbs above the repository root');
    } else if (prose && !IMPLIED_ENDINGS.some((ending) => repository.has(`${target}${ending}`))) {
      report(match.index, mention, `names ${target}, which the repository does not hold`);
    }
  }

  if (source) {
    const lines = new Set(offences.map((offence) => offence.line));
    for (const { index, path } of pathChainsAboveRoot(source)) {
      // A `new URL(…, import.meta.url)` was already read as a relative mention: say it once, as written.
      if (!lines.has(lineAt(text, index))) report(index, path, 'joins a path that climbs above the repository root');
    }
  }
  return offences.sort((one, other) => one.line - other.line);
}

function parse(file: string, text: string): ts.SourceFile {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : file.endsWith('.ts') || /\.[cm]ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

/** [start, end) of every comment the parser sees beside a node. */
function commentRanges(source: ts.SourceFile): [number, number][] {
  const text = source.text;
  const ranges = new Map<number, number>();
  const collect = (found: ts.CommentRange[] | undefined) => {
    for (const range of found ?? []) ranges.set(range.pos, range.end);
  };
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(text, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(text, node.getEnd()));
    ts.forEachChild(node, visit);
  };
  visit(source);
  collect(ts.getLeadingCommentRanges(text, source.endOfFileToken.getFullStart()));
  return [...ranges];
}

const PATH_MODULES = new Set(['path', 'posix', 'win32', 'nodePath']);

/** `join(…)`, `resolve(…)`, `path.join(…)`, `path.posix.resolve(…)`. */
function isPathCall(node: ts.CallExpression): boolean {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return callee.text === 'join' || callee.text === 'resolve';
  if (!ts.isPropertyAccessExpression(callee) || !['join', 'resolve'].includes(callee.name.text)) return false;
  const owner = callee.expression;
  return (ts.isIdentifier(owner) && PATH_MODULES.has(owner.text)) || (ts.isPropertyAccessExpression(owner) && PATH_MODULES.has(owner.name.text));
}

const literalText = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

const isImportMeta = (node: ts.Node, property: string) =>
  ts.isPropertyAccessExpression(node) && ts.isMetaProperty(node.expression) && node.name.text === property;

/**
 * Paths built from the file's own folder with literal segments that stand above the root at some
 * point, each with where it is built and where it leads (relative to the root; up to the first
 * segment that is not a literal).
 */
function pathChainsAboveRoot(source: ts.SourceFile): { index: number; path: string }[] {
  const file = source.fileName;
  const folder = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  const constants = new Map<string, ts.Expression>();
  const collectConstants = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) constants.set(node.name.text, node.initializer);
    ts.forEachChild(node, collectConstants);
  };
  collectConstants(source);

  /** Where a path leads (relative to the root) and whether it stood above the root on the way. */
  type Walk = { path: string; climbed: boolean };
  const step = (from: Walk, segment: string): Walk => {
    const path = normalized(posix.join(from.path, segment));
    return { path, climbed: from.climbed || escapes(path) };
  };
  const here: Walk = { path: folder || '.', climbed: false };
  const evaluate = (node: ts.Expression, depth: number): Walk | undefined => {
    if (depth > 8) return undefined;
    if (ts.isParenthesizedExpression(node)) return evaluate(node.expression, depth + 1);
    if (ts.isIdentifier(node)) {
      if (node.text === '__dirname') return here;
      const initializer = constants.get(node.text);
      return initializer ? evaluate(initializer, depth + 1) : undefined;
    }
    if (isImportMeta(node, 'dirname')) return here;
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL') {
      const [relative, base] = node.arguments ?? [];
      const segment = literalText(relative);
      return segment !== undefined && base && isImportMeta(base, 'url') && !segment.startsWith('/')
        ? step(here, segment)
        : undefined;
    }
    if (!ts.isCallExpression(node)) return undefined;
    const callee = node.expression;
    const calleeName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    // fileURLToPath(new URL('..', import.meta.url)), dirname(fileURLToPath(import.meta.url))
    if (calleeName === 'fileURLToPath' && node.arguments.length === 1) {
      return isImportMeta(node.arguments[0], 'url') ? { path: file, climbed: false } : evaluate(node.arguments[0], depth + 1);
    }
    if (calleeName === 'dirname' && node.arguments.length === 1) {
      const inner = evaluate(node.arguments[0], depth + 1);
      return inner && step(inner, '..');
    }
    if (!isPathCall(node) || node.arguments.length < 2) return undefined;
    let walk = evaluate(node.arguments[0], depth + 1);
    if (!walk) return undefined;
    for (const argument of node.arguments.slice(1)) {
      const segment = literalText(argument);
      // An absolute segment starts over (the machine-path rule reads it); anything else is unknown.
      if (segment === undefined || segment.startsWith('/')) break;
      walk = step(walk, segment);
    }
    return walk;
  };

  const found: { index: number; path: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const walk = evaluate(node, 0);
      if (walk?.climbed) found.push({ index: node.getStart(source), path: walk.path });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Folder patterns of a .gitignore (`dist/`, `tests/artifacts/`) and file suffixes (`*.tsbuildinfo`). */
export function ignoredBy(gitignore: string): { folder(path: string): boolean; file(path: string): boolean } {
  const lines = gitignore.split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const folders = lines.filter((line) => line.endsWith('/')).map((line) => line.replace(/^\/|\/$/g, ''));
  const suffixes = lines.filter((line) => /^\*\.[\w.]+$/.test(line)).map((line) => line.slice(1));
  return {
    folder: (path) => {
      const segments = path.split('/');
      return folders.some((pattern) =>
        pattern.includes('/') ? path === pattern || path.startsWith(`${pattern}/`) : segments.includes(pattern),
      );
    },
    file: (path) => suffixes.some((suffix) => path.endsWith(suffix)),
  };
}

function readGitignore(root: string): string {
  const file = join(root, '.gitignore');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/**
 * The repository's files (relative, `/`): what git tracks plus new files it does not ignore, or,
 * without a .git folder (a copy), every file outside the ignored folders.
 */
export function listRepositoryFiles(root: string): string[] {
  if (existsSync(join(root, '.git'))) {
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return [...new Set(listed.split('\0').filter((file) => file && existsSync(join(root, file))))].sort();
  }
  const ignored = ignoredBy(`${readGitignore(root)}\nnode_modules/\ndist/\ndata/\nrelease/\ntests/artifacts/\n`);
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git' && !ignored.folder(path)) walk(path);
      } else if (entry.isFile() && !ignored.file(path)) {
        files.push(path);
      }
    }
  };
  walk('');
  return files.sort();
}

export function repositoryView(root: string, files: readonly string[], gitignore = readGitignore(root)): RepositoryView {
  const held = new Set<string>();
  for (const file of files) {
    for (let path = file; path !== '.'; path = posix.dirname(path)) held.add(path);
  }
  const ignored = ignoredBy(gitignore);
  return {
    root,
    has: (path) => path === '.' || held.has(path) || ignored.folder(path) || existsSync(join(root, path)),
    topFolders: [...new Set(files.filter((file) => file.includes('/')).map((file) => file.split('/')[0]))].sort(),
  };
}

/** Every offence in the repository at `root`; binary files and recordings are not read. */
export function checkRepository(root: string): Offence[] {
  const files = listRepositoryFiles(root);
  const repository = repositoryView(root, files);
  return files.flatMap((file) => {
    if (SKIPPED.test(file)) return [];
    const bytes = readFileSync(join(root, file));
    if (bytes.subarray(0, 8000).includes(0)) return [];
    return findOutsidePaths(file, bytes.toString('utf8'), repository);
  });
}
