/**
 * A queue member event as Asterisk 22's app_queue writes it (QueueMemberAdded, …Removed, …Status,
 * …Pause, …Penalty all carry the whole member), for tests that change queues by hand.
 */
export function queueMemberEvent(
  event: string,
  { memberInterface, name, ...fields }: { memberInterface: string; name: string } & Record<string, string>,
): string[] {
  const member: Record<string, string> = {
    Queue: 'atendimento',
    MemberName: name,
    Interface: memberInterface,
    StateInterface: memberInterface,
    Membership: 'dynamic',
    Penalty: '0',
    CallsTaken: '0',
    LastCall: '0',
    LastPause: '0',
    LoginTime: '1795849000',
    InCall: '0',
    Status: '1',
    Paused: '0',
    PausedReason: '',
    Ringinuse: '0',
    Wrapuptime: '0',
    ...fields,
  };
  return [`Event: ${event}`, 'Privilege: agent,all', ...Object.entries(member).map(([key, value]) => `${key}: ${value}`)];
}
