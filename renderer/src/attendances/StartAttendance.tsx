import { useRef, useState, type FormEvent } from 'react';
import { channelLabels, channels, type Attendance, type Channel } from '@receptivo/shared';
import { describeError } from '../api/client';
import { useDrafts } from '../offline/DraftsProvider';
import { localAttendanceId } from '../offline/ids';
import { Field, FormAlert } from '../ui/Field';
import { ShortcutHint, shortcuts, useShortcut } from '../ui/shortcuts';

interface StartAttendanceProps {
  /** Started by the server, or kept as a draft (`queued`) until it is reached: the attendance goes on. */
  onStarted: (started: { attendance: Attendance } | { queued: true }) => void;
  /** Takes the focus, e.g. right after the previous attendance was finished, ready for the next call. */
  autoFocus?: boolean;
}

/** [Iniciar atendimento] for a contact that did not come through the telephony (or with CTI off). */
export function StartAttendance({ onStarted, autoFocus }: StartAttendanceProps) {
  const { queue } = useDrafts();
  const [channel, setChannel] = useState<Channel>('phone');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useShortcut(shortcuts.start, () => form.current?.requestSubmit(), !submitting);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const outcome = await queue.submit({ id: localAttendanceId(), protocol: '' }, { kind: 'start', body: { channel } });
      onStarted(outcome.state === 'sent' ? { attendance: outcome.answer } : { queued: true });
    } catch (failure) {
      setError(describeError(failure));
      setSubmitting(false);
    }
  }

  return (
    <form ref={form} className="attendance-start" aria-label="Novo atendimento" onSubmit={onSubmit}>
      <h2 className="attendance-start__title">Novo atendimento</h2>
      <FormAlert message={error} />
      <Field label="Meio de comunicação">
        {(control) => (
          <select {...control} value={channel} onChange={(event) => setChannel(event.target.value as Channel)}>
            {channels.map((option) => (
              <option key={option} value={option}>
                {channelLabels[option]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button
        type="submit"
        className="button button--primary button--block"
        disabled={submitting}
        autoFocus={autoFocus}
        aria-keyshortcuts={shortcuts.start.label}
      >
        Iniciar atendimento <ShortcutHint shortcut={shortcuts.start} />
      </button>
    </form>
  );
}
