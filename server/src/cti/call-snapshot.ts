import {
  type AmiEvent,
  type CallEffect,
  type CallTrackerConfig,
  type CallTrackerState,
  type TrackedAgent,
  type TrackedCall,
  announceAgents,
  membershipOf,
  newCall,
  text,
} from './call-tracker';

/** What Asterisk says is true now: the items of QueueStatus and CoreShowChannels. */
export interface AmiSnapshot {
  /** QueueParams, QueueMember and QueueEntry items (the calls and agents need the last two). */
  queueStatus: AmiEvent[];
  /** CoreShowChannel items. */
  channels: AmiEvent[];
}

/**
 * After a (re)connect the events missed while the link was down are gone: the snapshot replaces
 * the agents and decides the fate of every tracked call, so no pop stays stuck.
 * - a call with no channel left ended while we were away (answered: hangup; else abandoned);
 * - a call whose channels include a queue member's answered it (the answer is announced when it
 *   was missed, so its attendance still starts);
 * - a caller still waiting in a queue we did not know of is tracked, to pop at its next AgentCalled.
 */
export function createSnapshotReconciler(config: CallTrackerConfig) {
  const extensionIn = (channel: string | null): string | null => (channel ? (config.agentPattern.exec(channel)?.[1] ?? null) : null);

  return function reconcile(state: CallTrackerState, snapshot: AmiSnapshot, now: number): { state: CallTrackerState; effects: CallEffect[] } {
    const effects: CallEffect[] = [];
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

    const channelsByCall = new Map<string, AmiEvent[]>();
    for (const channel of snapshot.channels) {
      const linkedid = text(channel.linkedid);
      if (linkedid) channelsByCall.set(linkedid, [...(channelsByCall.get(linkedid) ?? []), channel]);
    }
    const waiting = new Map<string, AmiEvent>();
    for (const item of snapshot.queueStatus) {
      const uniqueid = text(item.uniqueid);
      if (item.event === 'QueueEntry' && uniqueid) waiting.set(uniqueid, item);
    }

    const calls = new Map<string, TrackedCall>();
    const touched = new Set<string>([...state.announced.keys(), ...agents.keys()]);
    for (const tracked of state.calls.values()) {
      const call: TrackedCall = { ...tracked, ringing: [...tracked.ringing] };
      for (const extension of call.ringing) touched.add(extension);
      const channels = channelsByCall.get(call.id);
      if (!channels) {
        const reason = call.answeredBy ? 'hangup' : 'abandoned';
        for (const extension of call.ringing) effects.push({ type: 'ring_stopped', extension, callId: call.id, reason });
        const talkSeconds = call.answeredAt === null ? null : Math.max(0, Math.round((now - call.answeredAt) / 1000));
        effects.push({ type: 'ended', callId: call.id, reason, answeredBy: call.answeredBy, talkSeconds });
        continue;
      }
      const answeredBy = channels.map((channel) => extensionIn(text(channel.channel))).find((extension) => extension !== null && agents.has(extension));
      if (!call.answeredBy && answeredBy && !(call.callerUniqueid && waiting.has(call.callerUniqueid))) {
        for (const extension of call.ringing) {
          if (extension !== answeredBy) effects.push({ type: 'ring_stopped', extension, callId: call.id, reason: 'answered_elsewhere' });
        }
        call.ringing = [];
        call.answeredBy = answeredBy;
        call.answeredAt = now;
        touched.add(answeredBy);
        const waitSeconds = call.joinedAt === null ? 0 : Math.max(0, Math.round((now - call.joinedAt) / 1000));
        effects.push({ type: 'answered', extension: answeredBy, call, waitSeconds });
      }
      calls.set(call.id, call);
    }

    for (const [uniqueid, entry] of waiting) {
      const linkedid = [...channelsByCall].find(([, channels]) => channels.some((channel) => text(channel.uniqueid) === uniqueid))?.[0] ?? uniqueid;
      if (calls.has(linkedid)) continue;
      const wait = Number(text(entry.wait) ?? 0);
      calls.set(linkedid, {
        ...newCall(linkedid),
        queue: text(entry.queue),
        callerNumber: text(entry.calleridnum),
        callerName: text(entry.calleridname),
        callerUniqueid: uniqueid,
        joinedAt: now - (Number.isFinite(wait) ? wait : 0) * 1000,
      });
    }

    const announced = announceAgents(touched, calls, agents, state.announced, effects);
    return { state: { calls, agents, announced }, effects };
  };
}
