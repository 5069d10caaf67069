/**
 * Reads Asterisk's configuration dialect as Asterisk 20 and 22 do (main/config.c, pbx_config), for
 * the tests of deploy/asterisk and for a fake PBX set up as deploy/asterisk/manager.conf (built with
 * the replay server, so the benches, plain Node, load it too): sections `[name]`, templates `[name](!)`, inheritance
 * `[name](base,…)`, `key = value` and `key => value` (split at the first `=`), `;` comments (`\;`
 * escapes one) and `;-- … --;` blocks; in extensions.conf, `exten =>` and `same =>` lines with
 * priorities `1`, `n` and `(label)`s. Hand-written: npm has no parser of this dialect (the one
 * once published, asterisk-config, is no longer in the registry) and the tests start no Asterisk.
 * What Asterisk would refuse or only warn about (a line without `=`, a line before any section, an
 * unknown base, `#include`) is an error here, so a file that passes loads cleanly.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ConfigVariable {
  name: string;
  value: string;
  /** Written with `=>` (an "object" line: exten, member…). */
  object: boolean;
  line: number;
}

export interface ConfigSection {
  name: string;
  /** `(!)`: a template, only inherited from. */
  template: boolean;
  /** The sections it inherits from, in order. */
  bases: string[];
  /** Its own variables, in order. */
  variables: ConfigVariable[];
  line: number;
}

export class ConfigSyntaxError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'ConfigSyntaxError';
  }
}

/** A line without its comment: `;` starts one unless escaped as `\;` (the escape is kept out). */
function withoutComment(line: string): string {
  let text = '';
  for (let index = 0; index < line.length; index++) {
    if (line[index] === '\\' && line[index + 1] === ';') {
      text += ';';
      index++;
    } else if (line[index] === ';') {
      break;
    } else {
      text += line[index];
    }
  }
  return text.trim();
}

export function parseConfig(text: string, file: string): ConfigSection[] {
  const sections: ConfigSection[] = [];
  let current: ConfigSection | undefined;
  let inBlockComment = false;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    let source = raw.replace(/\r$/, '');
    // `;-- … --;` may span lines; what follows its end on the same line still counts.
    if (inBlockComment) {
      const end = source.indexOf('--;');
      if (end < 0) return;
      inBlockComment = false;
      source = source.slice(end + 3);
    }
    const blockStart = source.indexOf(';--');
    if (blockStart >= 0 && source[blockStart - 1] !== '\\') {
      const end = source.indexOf('--;', blockStart + 3);
      if (end < 0) inBlockComment = true;
      source = source.slice(0, blockStart) + (end < 0 ? '' : source.slice(end + 3));
    }
    const content = withoutComment(source);
    if (content === '') return;

    if (content.startsWith('#')) throw new ConfigSyntaxError(file, line, `directive ${content.split(/\s/)[0]}: keep each file whole (this check reads no other file)`);
    if (content.startsWith('[')) {
      const header = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(content);
      if (!header) throw new ConfigSyntaxError(file, line, `malformed section header "${content}"`);
      const options = header[2] === undefined ? [] : header[2].split(',').map((option) => option.trim());
      if (options.includes('+')) throw new ConfigSyntaxError(file, line, `[${header[1]}](+) appends to a section elsewhere: write it whole`);
      const bases = options.filter((option) => option !== '!');
      for (const base of bases) {
        if (base === '' || !sections.some((section) => section.name === base)) {
          throw new ConfigSyntaxError(file, line, `[${header[1]}] inherits from "${base}", which is not defined above it`);
        }
      }
      current = { name: header[1].trim(), template: options.includes('!'), bases, variables: [], line };
      sections.push(current);
      return;
    }
    const equals = content.indexOf('=');
    if (equals < 0) throw new ConfigSyntaxError(file, line, `no "=" in "${content}"`);
    if (!current) throw new ConfigSyntaxError(file, line, 'a setting before any [section]');
    const name = content.slice(0, equals).trim();
    if (name === '' || name.endsWith('+')) throw new ConfigSyntaxError(file, line, `no variable name (or a "+=") in "${content}"`);
    const object = content[equals + 1] === '>';
    current.variables.push({ name, value: content.slice(equals + (object ? 2 : 1)).trim(), object, line });
  });
  if (inBlockComment) throw new ConfigSyntaxError(file, text.split('\n').length, 'a ;-- block comment never closed with --;');
  return sections;
}

/**
 * A section's variables as Asterisk builds them: each base's (its own bases first), then its own.
 * Bases are found among the sections defined before it, as Asterisk looks them up.
 */
export function effectiveVariables(sections: readonly ConfigSection[], section: ConfigSection): ConfigVariable[] {
  const position = sections.indexOf(section);
  const inherited = section.bases.flatMap((baseName) => {
    const base = sections.slice(0, position).findLast((candidate) => candidate.name === baseName)!;
    return effectiveVariables(sections, base);
  });
  return [...inherited, ...section.variables];
}

/** The one value of a setting (the last one, as modules that read every line end up with), or undefined. */
export function setting(variables: readonly ConfigVariable[], name: string): string | undefined {
  return variables.findLast((variable) => variable.name.toLowerCase() === name.toLowerCase())?.value;
}

/** A comma list such as `read = call,agent`, trimmed and lowercased. */
export const commaList = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean);

/** deploy/asterisk, what docs/asterisk.md tells a telephony admin to install. */
export const DEPLOYED_ASTERISK_DIR = join(__dirname, '..', '..', '..', '..', 'deploy', 'asterisk');

/** A file of deploy/asterisk, read as Asterisk reads it. */
export const deployedConfig = (name: string): ConfigSection[] => parseConfig(readFileSync(join(DEPLOYED_ASTERISK_DIR, name), 'utf8'), name);

/** The AMI user of deploy/asterisk/manager.conf as the replay server takes one: its read and write classes and its eventfilter lines. */
export function deployedManagerUser(): { read: string[]; write: string[]; eventFilters: string[] } {
  const sections = deployedConfig('manager.conf');
  const user = sections.find((section) => !section.template && section.name !== 'general')!;
  const variables = effectiveVariables(sections, user);
  return {
    read: commaList(setting(variables, 'read')),
    write: commaList(setting(variables, 'write')),
    eventFilters: variables.filter((variable) => variable.name === 'eventfilter').map((variable) => variable.value),
  };
}

// ---- extensions.conf

export interface DialplanStep {
  context: string;
  extension: string;
  priority: number;
  label: string | null;
  application: string;
  /** The application's argument text, inside its parentheses ('' when none). */
  data: string;
  line: number;
}

export interface Dialplan {
  /** context → extension → steps in priority order. */
  contexts: Map<string, Map<string, DialplanStep[]>>;
}

/** Sections of extensions.conf that hold settings, not contexts. */
const SETTINGS_SECTIONS = new Set(['general', 'globals']);

/** The dialplan of extensions.conf's sections; every malformed step is an error naming its line. */
export function readDialplan(sections: readonly ConfigSection[], file: string): Dialplan {
  const contexts = new Map<string, Map<string, DialplanStep[]>>();
  for (const section of sections) {
    if (SETTINGS_SECTIONS.has(section.name) || section.template) continue;
    if (contexts.has(section.name)) throw new ConfigSyntaxError(file, section.line, `context [${section.name}] defined twice`);
    const extensions = new Map<string, DialplanStep[]>();
    contexts.set(section.name, extensions);
    let last: { extension: string; priority: number } | undefined;
    for (const variable of effectiveVariables(sections, section)) {
      const fail = (problem: string): never => {
        throw new ConfigSyntaxError(file, variable.line, problem);
      };
      // An include is a dialplan line; the files here have none, and targets are checked within a context.
      if (variable.name === 'include') continue;
      if (variable.name !== 'exten' && variable.name !== 'same') fail(`"${variable.name}" is not a dialplan line (exten, same or include)`);
      let rest = variable.value;
      let extension: string;
      if (variable.name === 'exten') {
        const comma = rest.indexOf(',');
        if (comma <= 0) fail(`exten => needs "extension,priority,application": "${variable.value}"`);
        extension = rest.slice(0, comma).trim();
        rest = rest.slice(comma + 1);
      } else {
        if (!last) fail('same => with no exten => before it in this context');
        extension = last!.extension;
      }
      const step = /^\s*(\d+|n|hint)(?:\(([A-Za-z_][\w]*)\))?\s*,\s*(.*)$/s.exec(rest);
      if (!step) fail(`priority must be a number or n, with an optional (label): "${variable.value}"`);
      const [, priorityText, label, applicationText] = step!;
      if (priorityText === 'hint') continue;
      const steps = extensions.get(extension) ?? [];
      const previous = steps.at(-1);
      const priority = priorityText === 'n' ? (previous ? previous.priority + 1 : fail(`extension ${extension} starts with priority n: its first step is 1`)) : Number(priorityText);
      if (!previous && priority !== 1) fail(`extension ${extension} starts at priority ${priority}: its first step is 1`);
      if (previous && priority <= previous.priority) fail(`priority ${priority} of ${extension} does not come after ${previous.priority}`);
      if (label && steps.some((earlier) => earlier.label === label)) fail(`label ${label} used twice in extension ${extension}`);
      const application = /^([A-Za-z]\w*)(?:\((.*)\))?$/s.exec(applicationText.trim());
      if (!application) fail(`malformed application "${applicationText.trim()}": write Name(arguments)`);
      steps.push({ context: section.name, extension, priority, label: label ?? null, application: application![1], data: application![2] ?? '', line: variable.line });
      extensions.set(extension, steps);
      last = { extension, priority };
    }
  }
  return { contexts };
}

/** Whether a dialed extension matches an extension of the dialplan (literal, or a `_` pattern). */
export function extensionMatches(pattern: string, extension: string): boolean {
  if (!pattern.startsWith('_')) return pattern === extension;
  let source = '';
  for (let index = 1; index < pattern.length; index++) {
    const character = pattern[index];
    if (character === 'X') source += '[0-9]';
    else if (character === 'Z') source += '[1-9]';
    else if (character === 'N') source += '[2-9]';
    else if (character === '.') source += '.+';
    else if (character === '!') source += '.*';
    else if (character === '[') {
      const end = pattern.indexOf(']', index);
      source += pattern.slice(index, end + 1);
      index = end;
    } else source += character.replace(/[.*+?^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`).test(extension);
}

export interface GotoTarget {
  context: string;
  extension: string;
  /** A priority number or a label. */
  priority: string;
}

/**
 * The places a Goto, GotoIf or Gosub of `step` can send the call: `[[context,]extension,]priority`,
 * GotoIf's `condition?iftrue[:iffalse]`, each side optional. A target built from a variable cannot be
 * followed: it is an error.
 */
export function gotoTargets(step: DialplanStep): GotoTarget[] {
  const application = step.application.toLowerCase();
  let destinations: string[];
  if (application === 'goto' || application === 'gosub') destinations = [step.data.replace(/\(.*\)$/s, '')];
  else if (application === 'gotoif') {
    const question = step.data.indexOf('?');
    if (question < 0) throw new Error(`line ${step.line}: GotoIf without "?": ${step.data}`);
    destinations = step.data.slice(question + 1).split(':');
  } else return [];
  return destinations
    .map((destination) => destination.trim())
    .filter(Boolean)
    .map((destination) => {
      if (destination.includes('$')) throw new Error(`line ${step.line}: the target "${destination}" is built from a variable and cannot be checked`);
      const parts = destination.split(',').map((part) => part.trim());
      if (parts.length > 3) throw new Error(`line ${step.line}: malformed target "${destination}"`);
      const [priority, extension = step.extension, context = step.context] = parts.reverse();
      return { context, extension, priority };
    });
}

/** Whether a target lands on a step: its context, an extension matching it, and that priority or label. */
export function targetExists(dialplan: Dialplan, target: GotoTarget): boolean {
  const extensions = dialplan.contexts.get(target.context);
  if (!extensions) return false;
  return [...extensions].some(
    ([pattern, steps]) =>
      extensionMatches(pattern, target.extension) &&
      steps.some((step) => String(step.priority) === target.priority || step.label === target.priority),
  );
}
