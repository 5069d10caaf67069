import net, { type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type Manager from 'asterisk-manager';
import { type AmiEvent, CHANNEL_VARIABLE_LINE } from './call-tracker';

/**
 * Reads AMI messages as asterisk-manager 0.2 does, and builds the same objects: keys trimmed and
 * lowercased, values as sent after the first `: `, a repeated key as an array, `Variable` /
 * `ChanVariable` as `{name: value}`, `Response: Follows` command output as `{response: 'follows',
 * content, actionid}`, the greeting line skipped.
 *
 * Why not the library's reader: it splits every chunk with a regular expression, concatenates and
 * shift()s a growing array of lines and rebuilds each message with more splits, about 24 µs a frame
 * (42,000 frames/s on these machines). A real PBX burst is dense — burst-40-calls.ami has 1,837
 * frames within 30 ms around its 40 AgentCalled — so every pop waited ~45 ms behind the parser.
 * This reader finds each message's end in the bytes read and decodes that message once. The library
 * keeps everything else: the socket, the login, actions and their answers, and the dispatch of what
 * is read (its `rawevent`).
 */
export class AmiFrameReader {
  /** Decodes across chunks: a character cut between two chunks is kept until its rest arrives. */
  private readonly decoder = new StringDecoder('utf8');
  /** Text of a message not all read yet. */
  private partial = '';
  /** Lines of the message being read. */
  private lines: string[] = [];
  /** Inside `Response: Follows` output: 1 reading it, 2 after its `--END COMMAND--`. */
  private follow = 0;

  /**
   * `emit` gets each message read; `invalidKey`: for a message with a header name AMI never sends
   * (garbage on the wire, AmiLink skips it), the first such name, lowercased.
   */
  constructor(
    private readonly emit: (frame: AmiEvent, invalidKey?: string) => void,
    private readonly door?: FrameDoor,
  ) {}

  /**
   * Bytes as the socket read them. The chunk is decoded once and its messages are cut from that text:
   * decoding and searching each message's bytes apart (a call into C++ each) was a quarter of what
   * reading a burst cost. A message cut from the chunk's text keeps that text alive while it is kept:
   * the tap keeps dropped ones for a while, as their own text would; what is read is copied out first,
   * since the tracker keeps values of it for a call's life.
   */
  push(chunk: Buffer): void {
    const text = this.partial + this.decoder.write(chunk);
    const door = this.door;
    let start = 0;
    // Where the next channel variable is: looked for once per chunk, not in every message.
    let channelVariable = door ? text.indexOf(CHANNEL_VARIABLE_LINE) : -1;
    for (let end = frameEnd(text, start); end !== -1; start = end, end = frameEnd(text, start)) {
      let frame = text.slice(start, end);
      // An event of its own: not inside a message begun in an earlier frame (command output).
      const isEvent = this.lines.length === 0 && text.startsWith('Event: ', start);
      let eventName: string | undefined;
      if (door && isEvent) {
        if (channelVariable !== -1 && channelVariable < start) channelVariable = text.indexOf(CHANNEL_VARIABLE_LINE, start);
        eventName = nameOf(frame);
        if (!door.admits(eventName, frame, channelVariable !== -1 && channelVariable + CHANNEL_VARIABLE_LINE.length <= end)) {
          door.dropped(frame, eventName);
          continue;
        }
      }
      frame = ownCopy(frame);
      const event = isEvent ? eventOf(frame, eventName ?? nameOf(frame)) : undefined;
      if (event instanceof WithInvalidKey) {
        this.emit(event.message, event.key);
        continue;
      }
      if (event) {
        this.emit(event);
        continue;
      }
      for (let lineStart = 0, lineEnd = frame.indexOf('\n'); lineEnd !== -1; lineStart = lineEnd + 1, lineEnd = frame.indexOf('\n', lineStart)) {
        this.line(frame.slice(lineStart, frame.charCodeAt(lineEnd - 1) === CR && lineEnd > lineStart ? lineEnd - 1 : lineEnd));
      }
    }
    this.partial = text.slice(start);
  }

  private line(line: string): void {
    const lines = this.lines;
    if (lines.length === 0 && line.startsWith('Asterisk Call Manager')) return;
    if (lines.length === 0 && line.slice(0, 9).toLowerCase() === 'response:' && line.toLowerCase().includes('follow')) {
      this.follow = 1;
      lines.push(line);
    } else if (this.follow > 0 && (line === '--END COMMAND--' || line === '--END SMS EVENT--')) {
      this.follow = 2;
      lines.push(line);
    } else if (this.follow > 1 && line === '') {
      this.follow = 0;
      lines.pop();
      const content = lines.join('\n');
      const actionid = /actionid: ([^\r\n]+)/i.exec(content)?.[1];
      this.lines = [];
      this.emit({ response: 'follows', content, ...(actionid !== undefined && { actionid }) });
    } else if (this.follow === 0 && line === '') {
      // A blank line with nothing before it reads as an empty message, as the library has it.
      this.lines = [];
      const message = messageOf(lines);
      this.emit(message, invalidKeyIn(message));
    } else {
      lines.push(line);
    }
  }
}

/**
 * Decides, from an event's name and raw text, whether it is read at all. Most of what a PBX sends
 * (VarSet of other variables, Newexten, Newstate, Cdr…: 9 frames in 10 of a real burst) says
 * nothing to the product: those are handed to `dropped` as text, never split into lines or made
 * into objects, so the events that matter are read sooner.
 */
export interface FrameDoor {
  /** `channelVariables`: whether the message carries a `ChanVariable` line. */
  admits(event: string, frame: string, channelVariables: boolean): boolean;
  /** `event`: the name it was refused by. */
  dropped(frame: string, event: string): void;
}

const CR = 13;

/** What an event's first line (`Event: Name`) names. */
function nameOf(frame: string): string {
  const lineEnd = frame.indexOf('\n');
  return frame.slice(7, frame.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd);
}

/**
 * Where the message starting at `start` ends (after its blank line), or -1 when not all here yet.
 * A PBX ends lines with CRLF; LF alone is read too. A blank line alone is a message of its own.
 */
function frameEnd(text: string, start: number): number {
  const crlf = text.indexOf('\r\n\r\n', start);
  if (crlf !== -1) return crlf + 4;
  const lf = text.indexOf('\n\n', start);
  return lf === -1 ? -1 : lf + 2;
}

/**
 * A string of its own, not a slice of the chunk's text (V8 keeps a slice as a view of its parent).
 * JavaScript has no call that copies a string: a character put in front makes a two-part string,
 * which V8 joins into a new one to slice it, so what follows that character is a view of the new
 * string. 0.5 µs for a 1.5 kB frame, against 6.5 µs through a Buffer and back. The reader's tests
 * hold V8 to it: what is kept of 64 kB chunks does not keep the chunks.
 */
function ownCopy(slice: string): string {
  return ` ${slice}`.slice(1);
}

/** A message's raw text (as a FrameDoor drops it) as the object the reader would have made. */
export function parseFrame(frame: string): AmiEvent {
  return messageOf(frame.split(/\r?\n/).filter((line) => line !== ''));
}

/** A header name as read (`CallerIDNum`), with the `: ` that follows it, and the key it is handed on as. */
interface HeaderName {
  /** How its line starts: `CallerIDNum: `. */
  start: string;
  /** Trimmed and lowercased, as asterisk-manager hands keys over: `calleridnum`. */
  key: string;
  /** Whether AMI could send it (isAmiKey): judged once per name, not in every message. */
  valid: boolean;
}

/** An AMI header name as asterisk-manager leaves it (lowercased, spaces removed). */
const AMI_KEY = /^[a-z0-9_\-().]+$/;

function isAmiKey(key: string): boolean {
  return AMI_KEY.test(key);
}

/** The first key of a message that is no AMI header name, if any. */
function invalidKeyIn(message: AmiEvent): string | undefined {
  for (const key in message) if (!isAmiKey(key)) return key;
  return undefined;
}

/** An event read whole, with a header name AMI never sends (`key`, the first). */
class WithInvalidKey {
  constructor(
    readonly message: AmiEvent,
    readonly key: string,
  ) {}
}

/**
 * Header names as read → as handed on. A PBX uses a few dozen names: looking one up costs less than
 * lowercasing it again in every message. Bounded, should a PBX send names without end.
 */
const HEADER_NAMES = new Map<string, HeaderName>();
const HEADER_NAMES_KEPT = 1000;

function headerNamed(name: string): HeaderName {
  let header = HEADER_NAMES.get(name);
  if (header === undefined) {
    // Copies: a name cut from its message would keep that message's text alive as long as it is kept.
    const own = ownCopy(name);
    const key = ownCopy(own.trim().toLowerCase());
    header = { start: ownCopy(`${own}: `), key, valid: isAmiKey(key) };
    if (HEADER_NAMES.size < HEADER_NAMES_KEPT) HEADER_NAMES.set(own, header);
  }
  return header;
}

/**
 * Per event name, the header names of the last event of that name, in their order. Asterisk writes
 * an event's headers the same way each time: each line is checked in place against the name found
 * there last time, and only a line that differs has its name cut out and looked up. Cutting and
 * looking up every name (hashing each new string) was a third of what parsing an event cost.
 */
interface Layout {
  headers: HeaderName[];
  /**
   * The keys of headers an event had twice in a row, in their order and each null, as an object V8
   * keeps in its fast mode. An event with exactly those headers starts as a copy of it (one step)
   * and has its values set in place. Built key by key, an object of more than ~20 keys (AgentCalled
   * has 33) becomes a hash table: 4.3–5.5 µs to build one of 40 keys against 1.4 µs for the copy, and
   * every later read of the event a hash lookup.
   */
  shape: Shape | undefined;
  /** Events read with these headers again, without the shape, before it is (re)built: see SHAPE_RETRY. */
  shapeDueIn: number;
}

interface Shape {
  headers: readonly HeaderName[];
  object: AmiEvent;
}

const LAYOUTS = new Map<string, Layout>();
const LAYOUTS_KEPT = 300;
/** Headers past this many are looked up each time: an event's layout stays small. */
const LAYOUT_HEADERS = 100;
/**
 * A shape is rebuilt for other headers only once more than this many events came with them again:
 * an event whose headers alternate between two layouts (AgentComplete: 12 changes in 40 in the
 * burst) keeps one shape instead of building one (a JSON round trip) at each change, and headers
 * that cannot have one are tried that seldom.
 */
const SHAPE_RETRY = 8;

function layoutOf(eventName: string): Layout {
  let layout = LAYOUTS.get(eventName);
  if (layout === undefined) {
    layout = { headers: [], shape: undefined, shapeDueIn: 0 };
    // A copy: the name the door cut out would keep the whole chunk it came in alive.
    if (LAYOUTS.size < LAYOUTS_KEPT) LAYOUTS.set(ownCopy(eventName), layout);
  }
  return layout;
}

/**
 * The shape of these headers, or undefined where a copy would not read as the library reads: a name
 * AMI never sends, or one an empty object already has (`constructor`, `__proto__`).
 */
function shapeOf(headers: HeaderName[]): Shape | undefined {
  const keys = headers.map((header) => header.key);
  if (headers.some((header) => !header.valid) || keys.some((key) => key in {})) return undefined;
  // JSON.parse builds an object of many keys in fast mode, as a computed-key loop does not.
  return { headers: [...headers], object: JSON.parse(JSON.stringify(Object.fromEntries(keys.map((key) => [key, null])))) as AmiEvent };
}

function messageOf(lines: string[]): AmiEvent {
  const message: AmiEvent = {};
  for (const line of lines) {
    const colon = line.indexOf(': ');
    if (colon === -1) addHeader(message, line.trim().toLowerCase(), '');
    else addHeader(message, headerNamed(line.slice(0, colon)).key, line.slice(colon + 2));
  }
  return message;
}

/**
 * What `messageOf` makes of an event's lines, read in place in its text (its lines, then a blank
 * line), without cutting each line out first: a third of what parsing an event cost.
 * `eventName`: what its first line names (the door has it already).
 * Undefined when a blank line comes before the end (LF and CRLF mixed can hide two messages in one
 * frame): the line reader takes those.
 */
function eventOf(frame: string, eventName: string): AmiEvent | WithInvalidKey | undefined {
  const layout = layoutOf(eventName);
  return (layout.shape && shapedEventOf(frame, layout.shape)) ?? eventReadOf(frame, layout);
}

/**
 * `text.startsWith(part, at)`, in a third of the time for a header name (59 against 166 ns: V8's
 * startsWith compares a character at a time, indexOf with memcmp). On a mismatch indexOf looks on
 * to the end of the message, which happens only when a layout changes.
 */
function startsAt(text: string, part: string, at: number): boolean {
  return text.indexOf(part, at) === at;
}

/**
 * The event as a copy of its layout's shape with the values set, when its lines are exactly the
 * layout's headers (each checked in place) ending in a blank line at the end; undefined otherwise.
 */
function shapedEventOf(frame: string, { headers, object }: Shape): AmiEvent | undefined {
  const message: AmiEvent = { ...object };
  let index = 0;
  for (let lineStart = 0, lineEnd = frame.indexOf('\n'); lineEnd !== -1; lineStart = lineEnd + 1, lineEnd = frame.indexOf('\n', lineStart), index += 1) {
    const end = lineEnd > lineStart && frame.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
    if (end === lineStart) return index === headers.length && lineEnd + 1 === frame.length ? message : undefined;
    const header = headers[index];
    if (header === undefined || !startsAt(frame, header.start, lineStart)) return undefined;
    addHeader(message, header.key, frame.slice(lineStart + header.start.length, end));
  }
  return undefined;
}

/** The event read line by line against its layout, which it updates; headers that came twice in a row get a shape. */
function eventReadOf(frame: string, layout: Layout): AmiEvent | WithInvalidKey | undefined {
  const message: AmiEvent = {};
  const headers = layout.headers;
  let changed = false;
  let invalidKey: string | undefined;
  let index = 0;
  for (let lineStart = 0, lineEnd = frame.indexOf('\n'); lineEnd !== -1; lineStart = lineEnd + 1, lineEnd = frame.indexOf('\n', lineStart), index += 1) {
    const end = lineEnd > lineStart && frame.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
    if (end === lineStart) {
      if (lineEnd + 1 !== frame.length) return undefined;
      if (index < headers.length) {
        headers.length = index;
        changed = true;
      }
      if (!changed) layout.shapeDueIn -= 1;
      if (layout.shapeDueIn < 0) {
        layout.shape = shapeOf(headers) ?? layout.shape;
        layout.shapeDueIn = SHAPE_RETRY;
      }
      return invalidKey === undefined ? message : new WithInvalidKey(message, invalidKey);
    }
    let header = headers[index];
    // A name has no line break and `start` ends in `: `: a match in place lies within this line.
    if (header === undefined || !startsAt(frame, header.start, lineStart)) {
      changed = true;
      const colon = frame.indexOf(': ', lineStart);
      if (colon === -1 || colon >= end) {
        const key = frame.slice(lineStart, end).trim().toLowerCase();
        if (!isAmiKey(key)) invalidKey ??= key;
        addHeader(message, key, '');
        continue;
      }
      header = headerNamed(frame.slice(lineStart, colon));
      if (index < LAYOUT_HEADERS) headers[index] = header;
    }
    if (!header.valid) invalidKey ??= header.key;
    addHeader(message, header.key, frame.slice(lineStart + header.start.length, end));
  }
  return undefined;
}

/**
 * A header into a message: a repeated key becomes an array. A key not set yet is absent, or null in
 * a copy of a shape; one an empty object already has (`constructor`) counts as set, as the library
 * has it.
 */
function addHeader(message: AmiEvent, key: string, value: string): void {
  if (key === 'variable' || key === 'chanvariable') {
    setVariable(message, key, value);
    return;
  }
  const previous = message[key] as AmiEvent[string] | null | undefined;
  if (previous === undefined || previous === null) message[key] = value;
  else message[key] = Array.isArray(previous) ? [...previous, value] : [previous as string, value];
}

/** `Variable: name=value` (or ChanVariable), gathered into one `{name: value}` object. */
function setVariable(message: AmiEvent, key: 'variable' | 'chanvariable', value: string): void {
  const current = message[key];
  const variables = current !== null && typeof current === 'object' && !Array.isArray(current) ? (current as Record<string, string>) : {};
  const equals = value.indexOf('=');
  variables[equals === -1 ? value : value.slice(0, equals)] = equals === -1 ? '' : value.slice(equals + 1);
  message[key] = variables;
}

export interface FastReaderOptions {
  door?: FrameDoor;
  /**
   * Runs as each chunk arrives, before its messages are read: every message handled until the next
   * chunk came in this one.
   */
  onRead?: () => void;
  /** Runs once every message of a chunk is handled. */
  onHandled?: () => void;
  /**
   * Takes the events (frames with an Event and no Response) as each is read, instead of the library's
   * `managerevent`, which it hands over on process.nextTick once the whole chunk is read: an
   * AgentCalled early in a 64 kB chunk waited for the ~140 frames after it, and a door that asks the
   * state (trackerReads) saw it as it stood before the chunk. Answers to actions (with a Response)
   * still go through the library, which matches them to their callbacks.
   */
  onEvent?: (event: AmiEvent) => void;
  /**
   * Takes the events with a header name AMI never sends (`invalidKey`, the first), instead of
   * onEvent or the library: garbage on the wire. Each name is judged once, as it is first read.
   */
  onInvalid?: (invalidKey: string, event: AmiEvent) => void;
}

/**
 * `manager.connect(…)` with this reader on the socket instead of the library's: the library opens
 * the socket with net.createConnection inside connect(), synchronously, so it is taken there.
 */
export function connectWithFastReader(
  manager: ReturnType<typeof Manager>,
  port: number,
  host: string,
  onConnect: () => void,
  { door, onRead, onHandled, onEvent, onInvalid }: FastReaderOptions = {},
): void {
  const createConnection = net.createConnection;
  let socket: Socket | undefined;
  net.createConnection = ((...args: Parameters<typeof net.createConnection>) => {
    const opened = createConnection(...args);
    // The library asks for text right after; the reader takes bytes and decodes each message itself.
    opened.setEncoding = () => opened;
    return (socket = opened);
  }) as typeof net.createConnection;
  try {
    manager.connect(port, host, onConnect);
  } finally {
    net.createConnection = createConnection;
  }
  if (!socket) throw new Error('asterisk-manager opened no socket');
  const toLibrary = (frame: AmiEvent) => manager.emit('rawevent', frame);
  const reader = new AmiFrameReader((frame, invalidKey) => {
    if (invalidKey !== undefined && frame.event && onInvalid) {
      onInvalid(invalidKey, frame);
      return;
    }
    if (!onEvent || !frame.event || frame.response !== undefined) {
      toLibrary(frame);
      return;
    }
    // As the library hands an event over: a repeated Event header counts once, as text.
    frame.event = String(Array.isArray(frame.event) ? frame.event[0] : frame.event);
    onEvent(frame);
  }, door);
  socket.removeAllListeners('data');
  socket.on('data', (chunk: Buffer) => {
    onRead?.();
    reader.push(chunk);
    onHandled?.();
  });
}
