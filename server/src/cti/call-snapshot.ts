import { type AmiEvent, type CallEffect, type CallTracker, type CallTrackerConfig, type TrackedAgent, type TrackedCall, membershipOf, newCall, text } from './call-tracker';

/** What Asterisk says is true now: the items of QueueStatus and CoreShowChannels. */
export interface AmiSnapshot {
  /** QueueParams, QueueMember and QueueEntry items (the calls and agents need the last two). */
  queueStatus: AmiEvent[];
  /** CoreShowChannel items. */
  channels: AmiEvent[];
  /** URA data read with Getvar from the caller channel of each call the tracker did not know, by Linkedid. */
  ura?: ReadonlyMap<string, Record<string, string>>;
}

/** One call as its channels and the queue entries show it. */
export interface SnapshotCall {
  id: string;
  /** The channel that runs the queue (or the call's first channel): its variables hold the URA data. */
  callerChannel: string;
  callerUniqueid: string;
  callerNumber: string | null;
  callerName: string | null;
  queue: string | null;
  /** Seconds in the queue, while the caller is still waiting. */
  waitingSeconds: number | null;
  /** The member whose channel is bridged with the caller. */
  answeredBy: string | null;
  /** Members whose phones ring for this call now. */
  ringing: string[];
}

const CHANNEL_UP = '6';

/**
 * Reads what QueueStatus and CoreShowChannels say: the queue members by extension, and every call
 * (by Linkedid) that is waiting in a queue, ringing at members, answered by one (its channel shares
 * the caller's bridge), or still in the URA.
 */
export function createSnapshotReader(config: CallTrackerConfig) {
  const extensionIn = (channel: string | null): string | null => (channel ? (config.agentPattern.exec(channel)?.[1] ?? null) : null);

  const agentsIn = (snapshot: AmiSnapshot): Map<string, TrackedAgent> => {
    const agents = new Map<string, TrackedAgent>();
    for (const item of snapshot.queueStatus) {
      if (item.event !== 'QueueMember') continue;
      const location = text(item.location) ?? text(item.interface);
      const extension = extensionIn(location);
      const queue = text(item.queue);
      if (!extension || !queue) continue;
      const agent = agents.get(extension) ?? { extension, name: text(item.name), interface: location, memberships: {} };
      agent.memberships[queue] = membershipOf(item);
      agents.set(extension, agent);
    }
    return agents;
  };

  const callsIn = (snapshot: AmiSnapshot, members: ReadonlyMap<string, TrackedAgent>): Map<string, SnapshotCall> => {
    const waiting = new Map<string, AmiEvent>();
    for (const item of snapshot.queueStatus) {
      const uniqueid = text(item.uniqueid);
      if (item.event === 'QueueEntry' && uniqueid) waiting.set(uniqueid, item);
    }
    const channelsByCall = new Map<string, AmiEvent[]>();
    for (const channel of snapshot.channels) {
      const linkedid = text(channel.linkedid);
      if (linkedid) channelsByCall.set(linkedid, [...(channelsByCall.get(linkedid) ?? []), channel]);
    }
    const calls = new Map<string, SnapshotCall>();
    for (const [id, channels] of channelsByCall) {
      const memberOf = (channel: AmiEvent) => {
        const extension = extensionIn(text(channel.channel));
        return extension && members.has(extension) ? extension : null;
      };
      const caller =
        channels.find((channel) => text(channel.application) === 'Queue') ??
        channels.find((channel) => waiting.has(text(channel.uniqueid) ?? '')) ??
        channels.find((channel) => text(channel.uniqueid) === id && !memberOf(channel));
      const callerChannel = caller && text(caller.channel);
      const callerUniqueid = caller && text(caller.uniqueid);
      if (!caller || !callerChannel || !callerUniqueid) continue;
      const entry = waiting.get(callerUniqueid);
      const memberChannels = channels.filter((channel) => channel !== caller && memberOf(channel));
      const bridge = text(caller.bridgeid);
      const bridged = bridge ? memberChannels.find((channel) => text(channel.bridgeid) === bridge) : undefined;
      // Without a bridge id (older PBXs), a member's channel up while the caller left the queue.
      const answering = bridged ?? (entry ? undefined : memberChannels.find((channel) => text(channel.channelstate) === CHANNEL_UP));
      const answeredBy = answering ? memberOf(answering) : null;
      calls.set(id, {
        id,
        callerChannel,
        callerUniqueid,
        callerNumber: text(entry?.calleridnum) ?? text(caller.calleridnum),
        callerName: text(entry?.calleridname) ?? text(caller.calleridname),
        queue: text(entry?.queue) ?? (text(caller.application) === 'Queue' ? (text(caller.applicationdata)?.split(',')[0] ?? null) : null),
        waitingSeconds: entry ? Number(text(entry.wait) ?? 0) || 0 : null,
        answeredBy,
        ringing: answeredBy || !entry ? [] : [...new Set(memberChannels.map(memberOf).filter((extension): extension is string => extension !== null))],
      });
    }
    return calls;
  };

  return { agentsIn, callsIn };
}

/**
 * The moment a member's last call ended, in ms, when the PBX says it was at or after `since` (ms).
 * LastCall counts whole seconds: an end within the second `since` falls in counts, at `since`.
 */
export function lastCallEnd(agent: TrackedAgent | undefined, since: number): number | null {
  const lastCall = Math.max(0, ...Object.values(agent?.memberships ?? {}).map((membership) => membership.lastCall));
  return lastCall >= Math.floor(since / 1000) ? Math.max(lastCall * 1000, since) : null;
}

/**
 * After a (re)connect or a server restart the events missed meanwhile are gone: the snapshot
 * replaces the agents and decides the fate of every call, so no pop stays stuck and no answered
 * call goes without its attendance.
 * - a tracked call with no channel left ended while we were away: answered, with its talk time up
 *   to the member's LastCall when the PBX has it (else up to now); otherwise abandoned;
 * - a tracked call answered meanwhile is announced as answered; its ringing is brought up to date;
 * - a call we did not know (a restart) is taken as it stands: answered (announced, so its attendance
 *   starts), ringing at members (popped), waiting in a queue, or in the URA with URA data (both
 *   caller_known: its customer is looked up).
 */
export function createSnapshotReconciler(config: CallTrackerConfig) {
  const reader = createSnapshotReader(config);

  /** Replaces what the tracker holds with what the snapshot shows; what that means comes back. */
  return function reconcile(tracker: CallTracker, snapshot: AmiSnapshot, now: number): CallEffect[] {
    const effects: CallEffect[] = [];
    const agents = reader.agentsIn(snapshot);
    const seen = reader.callsIn(snapshot, agents);
    const calls = new Map<string, TrackedCall>();
    const touched = new Set<string>([...tracker.announced.keys(), ...agents.keys()]);
    const answer = (call: TrackedCall, extension: string, waitSeconds: number) => {
      for (const ringing of call.ringing) {
        if (ringing !== extension) effects.push({ type: 'ring_stopped', extension: ringing, callId: call.id, reason: 'answered_elsewhere' });
      }
      call.ringing = [];
      call.answeredBy = extension;
      call.answeredAt = now;
      touched.add(extension);
      effects.push({ type: 'answered', extension, call, waitSeconds });
    };
    const waitOf = (call: TrackedCall) => (call.joinedAt === null ? 0 : Math.max(0, Math.round((now - call.joinedAt) / 1000)));

    for (const tracked of tracker.calls.values()) {
      const call: TrackedCall = { ...tracked, ringing: [...tracked.ringing] };
      for (const extension of call.ringing) touched.add(extension);
      const found = seen.get(call.id);
      if (!found) {
        const reason = call.answeredBy ? 'hangup' : 'abandoned';
        for (const extension of call.ringing) effects.push({ type: 'ring_stopped', extension, callId: call.id, reason });
        const endedAt = call.answeredBy && call.answeredAt !== null ? (lastCallEnd(agents.get(call.answeredBy), call.answeredAt) ?? now) : now;
        const talkSeconds = call.answeredAt === null ? null : Math.max(0, Math.round((endedAt - call.answeredAt) / 1000));
        effects.push({ type: 'ended', callId: call.id, call: tracked, reason, answeredBy: call.answeredBy, talkSeconds, endedAt });
        continue;
      }
      if (!call.answeredBy && found.answeredBy) {
        answer(call, found.answeredBy, waitOf(call));
      } else if (!call.answeredBy) {
        for (const extension of call.ringing.filter((ringing) => !found.ringing.includes(ringing))) {
          effects.push({ type: 'ring_stopped', extension, callId: call.id, reason: 'not_answered' });
        }
        call.ringing = call.ringing.filter((ringing) => found.ringing.includes(ringing));
        for (const extension of found.ringing.filter((ringing) => !call.ringing.includes(ringing))) {
          call.ringing.push(extension);
          touched.add(extension);
          effects.push({ type: 'ringing', extension, call, waitSeconds: waitOf(call) });
        }
      }
      calls.set(call.id, call);
    }

    for (const found of seen.values()) {
      if (calls.has(found.id) || tracker.calls.has(found.id)) continue;
      const ura = snapshot.ura?.get(found.id) ?? {};
      const inUra = found.waitingSeconds === null && !found.answeredBy;
      // Only URA data opens a call before the queue, as with VarSet: other channels leave no trace.
      if (inUra && Object.keys(ura).length === 0) continue;
      const call: TrackedCall = {
        ...newCall(found.id),
        callerNumber: found.callerNumber,
        callerName: found.callerName,
        queue: found.queue,
        callerUniqueid: found.callerUniqueid,
        joinedAt: found.waitingSeconds === null ? null : now - found.waitingSeconds * 1000,
        ura: { ...ura },
      };
      if (found.answeredBy) answer(call, found.answeredBy, 0);
      else effects.push({ type: 'caller_known', call });
      for (const extension of found.ringing) {
        call.ringing.push(extension);
        touched.add(extension);
        effects.push({ type: 'ringing', extension, call, waitSeconds: waitOf(call) });
      }
      calls.set(call.id, call);
    }

    tracker.replace(calls, agents, touched, effects);
    return effects;
  };
}
