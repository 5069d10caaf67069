import { useState, type FormEvent } from 'react';
import { channelLabels, channels, type Attendance, type Channel } from '@receptivo/shared';
import { describeError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { Field, FormAlert } from '../ui/Field';
import { startAttendance } from './attendances-api';

interface StartAttendanceProps {
  onStarted: (attendance: Attendance) => void;
  /** Takes the focus, e.g. right after the previous attendance was finished, ready for the next call. */
  autoFocus?: boolean;
}

/** [Iniciar atendimento] for a contact that did not come through the telephony (or with CTI off). */
export function StartAttendance({ onStarted, autoFocus }: StartAttendanceProps) {
  const api = useApi();
  const [channel, setChannel] = useState<Channel>('phone');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      onStarted(await startAttendance(api, { channel }));
    } catch (failure) {
      setError(describeError(failure));
      setSubmitting(false);
    }
  }

  return (
    <form className="attendance-start" aria-label="Novo atendimento" onSubmit={onSubmit}>
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
      <button type="submit" className="button button--primary button--block" disabled={submitting} autoFocus={autoFocus}>
        Iniciar atendimento
      </button>
    </form>
  );
}
