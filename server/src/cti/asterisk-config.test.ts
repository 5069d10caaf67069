import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readEnvironment } from '../config/environment';
import { CALLBACK_USER_EVENT, CALL_BACK_EVENTS } from '../supervision/call-backs';
import { QUEUE_STATS_EVENTS } from '../supervision/queue-stats';
import {
  type ConfigSection,
  type Dialplan,
  type DialplanStep,
  ConfigSyntaxError,
  commaList,
  deployedConfig,
  deployedManagerUser,
  effectiveVariables,
  gotoTargets,
  parseConfig,
  readDialplan,
  setting,
  targetExists,
} from './replay/asterisk-config';
import { URA_USER_EVENT, trackerReads, uraUserEventKey } from './call-tracker';
import { ReadAlso } from './read-also';
import { managerUserHearing } from './replay/ami-replay-server';
import { readTranscript } from './replay/ami-transcript';
import { AMI_FIXTURES_DIR, AMI_LOAD_FIXTURES_DIR } from './replay/fixtures';

/**
 * deploy/asterisk is what docs/asterisk.md tells a telephony admin to install. No Asterisk runs in
 * the tests, so these read the files as Asterisk 20 and 22 would and hold them to what the server
 * reads: the events and actions of its AMI link, the URA variables and UserEvent of CTI_URA_FIELDS,
 * the member interfaces of CTI_AGENT_PATTERN (both at their defaults).
 */

const ROOT = join(__dirname, '..', '..', '..');

const defaults = readEnvironment({});
const uraVariables = Object.keys(defaults.CTI_URA_FIELDS);
const agentPattern = new RegExp(defaults.CTI_AGENT_PATTERN);

/** Sections of a file that Asterisk uses as they are: not templates. */
const concrete = (sections: readonly ConfigSection[]) => sections.filter((section) => !section.template);
const named = (sections: readonly ConfigSection[], name: string) => concrete(sections).filter((section) => section.name === name);
const pjsipType = (sections: readonly ConfigSection[], section: ConfigSection) => setting(effectiveVariables(sections, section), 'type');

/**
 * Who may run each action the desk sends, as Asterisk 20 and 22 register them (main/manager.c,
 * apps/app_queue.c): any one of the classes suffices; none means every logged-in user.
 */
const ACTION_CLASSES: Record<string, string[]> = {
  Ping: [],
  QueueStatus: [],
  QueueSummary: [],
  CoreShowChannels: ['system', 'reporting'],
  Getvar: ['call', 'reporting'],
  QueuePause: ['agent'],
  QueueAdd: ['agent'],
  QueueRemove: ['agent'],
  Setvar: ['call'],
  Redirect: ['call'],
  Hangup: ['system', 'call'],
  Originate: ['originate'],
};

/**
 * Classes that let a client change or run the PBX itself: never for the desk. (originate is needed
 * to call abandoned callers back; an Originate of System, Exec and the like needs system as well,
 * which stays out.)
 */
const FORBIDDEN_WRITE = ['all', 'system', 'command', 'config'];

/** Settings manager.conf knows (Asterisk 20 and 22), besides TLS. */
const MANAGER_GENERAL_KEYS = new Set(['enabled', 'webenabled', 'port', 'bindaddr', 'allowmultiplelogin', 'displayconnects', 'timestampevents', 'channelvars', 'debug', 'authtimeout', 'authlimit', 'httptimeout', 'brokeneventsaction', 'disabledevents']);
const MANAGER_USER_KEYS = new Set(['secret', 'deny', 'permit', 'acl', 'setvar', 'read', 'write', 'writetimeout', 'displayconnects', 'allowmultiplelogin', 'eventfilter']);

/**
 * Queue settings Asterisk 20 and 22 both know (app_queue.c, queue_set_param, and [general]). Older
 * guides also set eventmemberstatus and eventwhencalled: gone since Asterisk 12, where
 * QueueMemberStatus and AgentCalled are always sent; Asterisk 22 warns "Unknown keyword" for them.
 */
const QUEUE_KEYS = new Set(
  'announce announce-frequency announce-holdtime announce-position announce-position-limit announce-position-only-up announce-round-seconds announce-to-first-user autofill autopause autopausebusy autopausedelay autopauseunavail context defaultrule joinempty leavewhenempty log-restricted-caller-id maxlen member memberdelay membergosub min-announce-frequency monitor-format music musicclass musiconhold penaltymemberslimit periodic-announce periodic-announce-frequency periodic-announce-startdelay queue-callerannounce queue-callswaiting queue-holdtime queue-minute queue-minutes queue-quantity1 queue-quantity2 queue-reporthold queue-seconds queue-thankyou queue-thereare queue-youarenext random-periodic-announce relative-periodic-announce reportholdtime retry ringinuse servicelevel setinterfacevar setqueueentryvar setqueuevar strategy timeout timeoutpriority timeoutrestart weight wrapuptime'.split(' '),
);
const QUEUE_GENERAL_KEYS = new Set(['autofill', 'force_longest_waiting_caller', 'log-caller-id-name', 'log_membername_as_agent', 'log_unpause_on_reason_change', 'monitor-type', 'negative_penalty_invalid', 'persistentmembers', 'realtime_rules', 'shared_lastcall']);

/** Settings that may repeat in one section; any other set twice (say, by a template and again) is ambiguous. */
const REPEATABLE = new Set(['member', 'permit', 'deny', 'allow', 'disallow', 'exten', 'same', 'include', 'match', 'eventfilter', 'setvar']);

function expectNoRepeatedSettings(sections: readonly ConfigSection[], file: string) {
  for (const section of concrete(sections)) {
    const names = effectiveVariables(sections, section).map((variable) => variable.name.toLowerCase()).filter((name) => !REPEATABLE.has(name));
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    expect({ file, section: section.name, repeated }).toEqual({ file, section: section.name, repeated: [] });
  }
}

/** The AMI actions the server sends (`action: 'Name'` in its code, tests and the replay server left out). */
function actionsTheServerSends(): string[] {
  const found = new Set<string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!['testing', 'replay'].includes(entry.name)) walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/(?<!\w)action:\s*'([A-Z]\w*)'/g)) found.add(match[1]);
      }
    }
  };
  walk(join(ROOT, 'server', 'src'));
  return [...found].sort();
}

/** Every event of the recordings the server reads (the tracker's, supervision's, call-backs'), with its recording. */
function eventsTheServerReads(): { file: string; event: string; lines: string[] }[] {
  const reads = trackerReads({ agentPattern, uraFields: defaults.CTI_URA_FIELDS });
  // What supervision and call-backs ask the door for (readAlso).
  const readAlso = new ReadAlso();
  readAlso.add([...QUEUE_STATS_EVENTS, ...CALL_BACK_EVENTS], [CALLBACK_USER_EVENT]);
  const read: { file: string; event: string; lines: string[] }[] = [];
  for (const folder of [AMI_FIXTURES_DIR, AMI_LOAD_FIXTURES_DIR]) {
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ami'))) {
      for (const { lines } of readTranscript(join(folder, file))) {
        const event = /^Event: (.+)$/.exec(lines[0] ?? '')?.[1];
        const text = lines.join('\r\n');
        if (event && (reads(event, text) || readAlso.reads(event, text))) read.push({ file, event, lines });
      }
    }
  }
  return read;
}

/** The class of each event the server reads, as Asterisk 22 sent them in the recordings. */
function classesOfEventsRead(): Map<string, Set<string>> {
  const classes = new Map<string, Set<string>>();
  for (const { event, lines } of eventsTheServerReads()) {
    // List items answer an action (they carry its ActionID): no read class governs them.
    if (lines.some((line) => /^ActionID:/i.test(line))) continue;
    const privilege = lines.find((line) => line.startsWith('Privilege: '))!.slice('Privilege: '.length);
    const eventClass = privilege.split(',')[0];
    classes.set(eventClass, (classes.get(eventClass) ?? new Set()).add(event));
  }
  return classes;
}

describe('deploy/asterisk, read as Asterisk reads it', () => {
  const manager = deployedConfig('manager.conf');
  const queues = deployedConfig('queues.conf');
  const pjsip = deployedConfig('pjsip.conf');
  const extensions = deployedConfig('extensions.conf');
  const dialplan: Dialplan = readDialplan(extensions, 'extensions.conf');

  const queueSections = concrete(queues).filter((section) => section.name !== 'general');
  const members = queueSections.flatMap((queue) =>
    effectiveVariables(queues, queue)
      .filter((variable) => variable.name === 'member')
      .map((variable) => ({ queue: queue.name, line: variable.line, interface: variable.value.split(',')[0].trim() })),
  );
  const endpointNamed = (name: string) => named(pjsip, name).find((section) => pjsipType(pjsip, section) === 'endpoint');

  describe('manager.conf: one AMI user with what the desk needs and no more', () => {
    const general = named(manager, 'general')[0];
    const users = concrete(manager).filter((section) => section.name !== 'general');
    const user = users[0];
    const variables = effectiveVariables(manager, user);

    it('has AMI on, one user (AMI_USER) with a secret, reachable only from the addresses it permits', () => {
      expect(setting(general.variables, 'enabled')).toBe('yes');
      expect(users.map((section) => section.name)).toEqual(['receptivo']);
      expect(setting(variables, 'secret')).toEqual(expect.stringMatching(/\S/));
      expect(variables.filter((variable) => variable.name === 'deny').map((variable) => variable.value)).toEqual(['0.0.0.0/0.0.0.0']);
      expect(variables.filter((variable) => variable.name === 'permit').length).toBeGreaterThan(0);
      for (const variable of general.variables) expect(MANAGER_GENERAL_KEYS).toContain(variable.name);
      for (const variable of variables) expect(MANAGER_USER_KEYS).toContain(variable.name);
      expectNoRepeatedSettings(manager, 'manager.conf');
    });

    it('reads exactly the classes of the events the tracker and supervision read, and hides none of them', () => {
      const needed = classesOfEventsRead();
      // The recordings hold every kind of event the desk reads, each in its class.
      expect(Object.fromEntries([...needed].map(([eventClass, events]) => [eventClass, [...events].sort()]))).toMatchObject({
        call: expect.arrayContaining(['Hangup']),
        agent: expect.arrayContaining(['AgentCalled', 'AgentConnect', 'QueueCallerJoin', 'QueueMemberStatus']),
        dialplan: ['VarSet'],
        user: ['UserEvent'],
      });
      expect(commaList(setting(variables, 'read')).sort()).toEqual([...needed.keys()].sort());
      // Channel variables on every event of a channel would only add traffic.
      expect(setting(general.variables, 'channelvars')).toBeUndefined();
    });

    it('filters the events it hears down to those the desk reads, hiding none of them in any recording', () => {
      const user = deployedManagerUser();
      expect(user.eventFilters.length).toBeGreaterThan(0);
      // What means the same to Asterisk's POSIX regcomp and to JavaScript: no escapes, classes or lookarounds of one only.
      for (const filter of user.eventFilters) expect(filter).toMatch(/^[\w ^:()|[\]{},.*!-]+$/);
      const hears = managerUserHearing(user);
      const hidden = eventsTheServerReads().filter(({ lines }) => !hears(lines));
      expect(hidden.map(({ file, lines }) => `${file}: ${lines.slice(0, 4).join(' | ')}`)).toEqual([]);
      // Nine frames in ten of a burst say nothing to the desk: they stay on the PBX.
      const burst = readTranscript(join(AMI_LOAD_FIXTURES_DIR, 'burst-40-calls.ami')).filter(({ lines }) => lines[0]?.startsWith('Event: ') && !lines.some((line) => /^ActionID:/i.test(line)));
      const heard = burst.filter(({ lines }) => hears(lines));
      expect(heard.length / burst.length).toBeLessThan(0.2);
      // Every URA variable, with or without its inheritance prefixes; no other variable of the same start.
      const varSet = (variable: string) => ['Event: VarSet', 'Privilege: dialplan,all', 'Channel: PJSIP/troncal-00000001', `Variable: ${variable}`, 'Value: 1', 'Uniqueid: 1.1', 'Linkedid: 1.1'];
      for (const variable of uraVariables) for (const prefix of ['', '_', '__']) expect({ variable: prefix + variable, heard: hears(varSet(prefix + variable)) }).toEqual({ variable: prefix + variable, heard: true });
      expect(hears(varSet(`${uraVariables[0]}_ANTIGO`))).toBe(false);
      expect(hears(varSet('DIALSTATUS'))).toBe(false);
      // An event whose name starts with one the desk reads is another event.
      expect(hears(['Event: HangupRequest', 'Privilege: call,all', 'Channel: PJSIP/1001-00000001', 'Linkedid: 1.1'])).toBe(false);
    });

    it('may send every action the server sends, with the weakest classes that allow them and none that run the PBX', () => {
      const sent = actionsTheServerSends();
      expect(sent).toEqual(expect.arrayContaining(['Ping', 'QueueStatus', 'CoreShowChannels', 'Getvar', 'QueuePause', 'Originate']));
      for (const action of sent) expect({ action, known: action in ACTION_CLASSES }).toEqual({ action, known: true });
      const write = commaList(setting(variables, 'write'));
      for (const action of sent) {
        const classes = ACTION_CLASSES[action];
        if (classes.length > 0) expect({ action, allowedBy: write.filter((writeClass) => classes.includes(writeClass)) }).toEqual({ action, allowedBy: [expect.any(String)] });
      }
      // Each class is there for an action that no other class of the list allows.
      for (const writeClass of write) {
        const without = write.filter((other) => other !== writeClass);
        const needs = sent.filter((action) => ACTION_CLASSES[action].length > 0 && !ACTION_CLASSES[action].some((allowed) => without.includes(allowed)));
        expect({ writeClass, needs: needs.length > 0 }).toEqual({ writeClass, needs: true });
      }
      for (const forbidden of FORBIDDEN_WRITE) expect(write).not.toContain(forbidden);
      // Where an action takes either class, the weaker one: reporting reads, call and system change channels and the PBX.
      expect(write.sort()).toEqual(['agent', 'originate', 'reporting']);
    });
  });

  describe('queues.conf: queues whose members the desk recognises', () => {
    it('uses only settings Asterisk 20 and 22 know, none twice', () => {
      for (const section of concrete(queues)) {
        const known = section.name === 'general' ? QUEUE_GENERAL_KEYS : QUEUE_KEYS;
        for (const variable of effectiveVariables(queues, section)) {
          expect({ queue: section.name, line: variable.line, setting: variable.name, known: known.has(variable.name) }).toEqual({
            queue: section.name,
            line: variable.line,
            setting: variable.name,
            known: true,
          });
        }
      }
      expectNoRepeatedSettings(queues, 'queues.conf');
    });

    it('sets the member variables on answer and leaves wrap-up to Receptivo', () => {
      expect(queueSections.map((queue) => queue.name)).toEqual(['atendimento']);
      for (const queue of queueSections) {
        const variables = effectiveVariables(queues, queue);
        expect({ queue: queue.name, setinterfacevar: setting(variables, 'setinterfacevar') }).toEqual({ queue: queue.name, setinterfacevar: 'yes' });
        // A PBX wrap-up would keep the attendant from calls without the desk knowing: Receptivo pauses with CTI_WRAP_UP_REASON instead.
        expect({ queue: queue.name, wrapuptime: setting(variables, 'wrapuptime') ?? '0' }).toEqual({ queue: queue.name, wrapuptime: '0' });
        expect({ queue: queue.name, autopause: setting(variables, 'autopause') }).toEqual({ queue: queue.name, autopause: 'no' });
      }
    });

    it('has members PJSIP/<extension> that CTI_AGENT_PATTERN reads the extension from, each a softphone of pjsip.conf', () => {
      expect(members.length).toBeGreaterThan(0);
      for (const member of members) {
        const extension = agentPattern.exec(member.interface)?.[1];
        expect({ member: member.interface, extension }).toEqual({ member: member.interface, extension: expect.stringMatching(/^\d+$/) });
        expect(member.interface).toBe(`PJSIP/${extension}`);
        expect({ member: member.interface, endpoint: endpointNamed(extension!)?.name }).toEqual({ member: member.interface, endpoint: extension });
      }
    });
  });

  describe('pjsip.conf: one endpoint, auth and aor per attendant', () => {
    it('gives every section a type Asterisk knows and every inheritance a template', () => {
      const types = ['transport', 'endpoint', 'auth', 'aor', 'identify', 'registration', 'domain_alias', 'acl', 'system', 'global'];
      for (const section of concrete(pjsip)) {
        const type = pjsipType(pjsip, section);
        expect({ section: section.name, type, known: types.includes(type ?? '') }).toEqual({ section: section.name, type, known: true });
      }
      expectNoRepeatedSettings(pjsip, 'pjsip.conf');
    });

    it('lets each attendant register and be called: endpoint → auth with username and password, aor for one contact', () => {
      const attendants = concrete(pjsip).filter((section) => pjsipType(pjsip, section) === 'endpoint' && setting(effectiveVariables(pjsip, section), 'auth'));
      // Every softphone that registers is a queue member, and every member a softphone.
      expect(attendants.map((section) => `PJSIP/${section.name}`).sort()).toEqual(members.map((member) => member.interface).sort());
      for (const endpoint of attendants) {
        const variables = effectiveVariables(pjsip, endpoint);
        const auth = named(pjsip, setting(variables, 'auth')!).find((section) => pjsipType(pjsip, section) === 'auth');
        const authVariables = auth ? effectiveVariables(pjsip, auth) : [];
        expect({ endpoint: endpoint.name, username: setting(authVariables, 'username'), password: setting(authVariables, 'password') }).toEqual({
          endpoint: endpoint.name,
          username: endpoint.name,
          password: expect.stringMatching(/\S/),
        });
        const aors = commaList(setting(variables, 'aors'));
        expect({ endpoint: endpoint.name, aors }).toEqual({ endpoint: endpoint.name, aors: [endpoint.name] });
        const aor = named(pjsip, aors[0]).find((section) => pjsipType(pjsip, section) === 'aor');
        expect({ endpoint: endpoint.name, maxContacts: Number(setting(aor ? effectiveVariables(pjsip, aor) : [], 'max_contacts')) }).toEqual({ endpoint: endpoint.name, maxContacts: 1 });
      }
    });

    it('sends every endpoint to a context of extensions.conf', () => {
      const endpoints = concrete(pjsip).filter((section) => pjsipType(pjsip, section) === 'endpoint');
      for (const endpoint of endpoints) {
        const context = setting(effectiveVariables(pjsip, endpoint), 'context');
        expect({ endpoint: endpoint.name, context, defined: dialplan.contexts.has(context ?? '') }).toEqual({ endpoint: endpoint.name, context, defined: true });
      }
    });
  });

  describe('extensions.conf: a URA that hands the desk what it reads', () => {
    const steps = [...dialplan.contexts.values()].flatMap((extensionsOf) => [...extensionsOf.values()].flat());
    const queueSteps = steps.filter((step) => step.application === 'Queue');
    /** The steps of the extension that queues the caller, up to the Queue(). */
    const beforeQueue = (queueStep: DialplanStep) =>
      dialplan.contexts.get(queueStep.context)!.get(queueStep.extension)!.filter((step) => step.priority < queueStep.priority);
    /** `Set(__URA_CPF=…)` → URA_CPF: the name Asterisk keeps and Getvar finds, without the inheritance prefix. */
    const variableSet = (step: DialplanStep) => (step.application === 'Set' ? step.data.slice(0, step.data.indexOf('=')).replace(/^_+/, '') : null);

    it('every Goto and GotoIf lands on a step that exists, every Queue on a queue of queues.conf', () => {
      const targets = steps.flatMap((step) => gotoTargets(step).map((target) => ({ line: step.line, target })));
      expect(targets.length).toBeGreaterThan(0);
      for (const { line, target } of targets) expect({ line, target, exists: targetExists(dialplan, target) }).toEqual({ line, target, exists: true });
      expect(queueSteps.length).toBeGreaterThan(0);
      for (const step of queueSteps) expect(queueSections.map((queue) => queue.name)).toContain(step.data.split(',')[0].trim());
    });

    it('sets exactly the variables of CTI_URA_FIELDS before queueing the caller', () => {
      for (const queueStep of queueSteps) {
        const set = beforeQueue(queueStep).map(variableSet).filter((name): name is string => name !== null && /^URA_/i.test(name));
        expect({ queue: queueStep.line, set: set.sort() }).toEqual({ queue: queueStep.line, set: [...uraVariables].sort() });
      }
    });

    it('sends the UserEvent the tracker listens for, after those variables, with one key per variable carrying its value', () => {
      for (const queueStep of queueSteps) {
        const before = beforeQueue(queueStep);
        const events = before.filter((step) => step.application === 'UserEvent');
        expect(events.map((step) => step.data.split(',')[0].trim().toUpperCase())).toEqual([URA_USER_EVENT]);
        const [event] = events;
        const pairs = event.data.split(',').slice(1).map((pair) => {
          const colon = pair.indexOf(':');
          return [pair.slice(0, colon).trim(), pair.slice(colon + 1).trim()];
        });
        // The tracker reads a key as the variable's name without URA_, any case (asterisk-manager lowercases it).
        expect(pairs.map(([key]) => key.toLowerCase()).sort()).toEqual(uraVariables.map(uraUserEventKey).sort());
        for (const [key, value] of pairs) {
          const variable = uraVariables.find((name) => uraUserEventKey(name) === key.toLowerCase())!;
          expect({ key, value }).toEqual({ key, value: `\${${variable}}` });
        }
        const lastSet = Math.max(...before.filter((step) => uraVariables.includes(variableSet(step) ?? '')).map((step) => step.priority));
        expect(event.priority).toBeGreaterThan(lastSet);
      }
    });
  });
});

describe('the Asterisk configuration reader', () => {
  const parse = (text: string) => parseConfig(text, 'test.conf');

  it('reads templates, inheritance, => lines and comments as Asterisk does', () => {
    const sections = parse(
      ['[base](!) ; a template', 'type = endpoint', 'context = a\\;b', ';-- a block', 'comment --;', '[1001](base)', 'member => PJSIP/1001,0,Ana'].join('\n'),
    );
    expect(sections.map(({ name, template, bases }) => ({ name, template, bases }))).toEqual([
      { name: 'base', template: true, bases: [] },
      { name: '1001', template: false, bases: ['base'] },
    ]);
    expect(effectiveVariables(sections, sections[1]).map(({ name, value, object }) => [name, value, object])).toEqual([
      ['type', 'endpoint', false],
      ['context', 'a;b', false],
      ['member', 'PJSIP/1001,0,Ana', true],
    ]);
  });

  it('refuses what Asterisk refuses or would skip with a warning, naming the line', () => {
    expect(() => parse('[a]\nno equals sign')).toThrow(new ConfigSyntaxError('test.conf', 2, 'no "=" in "no equals sign"'));
    expect(() => parse('key = value')).toThrow(ConfigSyntaxError);
    expect(() => parse('[a](missing)\nx = 1')).toThrow(/inherits from "missing"/);
    expect(() => parse('#include other.conf')).toThrow(/directive #include/);
    expect(() => parse('[a\nx = 1')).toThrow(/malformed section header/);
  });

  it('reads priorities and labels, and refuses a dialplan Asterisk would misnumber', () => {
    const dialplan = readDialplan(parse('[ura]\nexten => s,1,Answer()\n same => n(menu),Read(X,menu,1)\n same => n,GotoIf($[${X} = 1]?menu:ura,s,1)'), 'test.conf');
    const steps = dialplan.contexts.get('ura')!.get('s')!;
    expect(steps.map(({ priority, label, application }) => [priority, label, application])).toEqual([
      [1, null, 'Answer'],
      [2, 'menu', 'Read'],
      [3, null, 'GotoIf'],
    ]);
    expect(gotoTargets(steps[2])).toEqual([
      { context: 'ura', extension: 's', priority: 'menu' },
      { context: 'ura', extension: 's', priority: '1' },
    ]);
    expect(targetExists(dialplan, { context: 'ura', extension: 's', priority: 'nowhere' })).toBe(false);
    expect(() => readDialplan(parse('[c]\nexten => s,n,Answer()'), 't')).toThrow(/starts with priority n/);
    expect(() => readDialplan(parse('[c]\nexten => s,1,Answer()\nexten => s,1,Hangup()'), 't')).toThrow(/priority 1 of s does not come after 1/);
    expect(() => readDialplan(parse('[c]\nexten => s,1(a),Answer()\n same => n(a),Hangup()'), 't')).toThrow(/label a used twice/);
    expect(() => readDialplan(parse('[c]\nsame => n,Answer()'), 't')).toThrow(/same => with no exten/);
  });
});
