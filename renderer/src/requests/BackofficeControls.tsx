import { useId, useState, type FormEvent } from 'react';
import { changeRequestStatusSchema, requestStatusLabels, type ChangeRequestStatus, type Request } from '@receptivo/shared';
import { useApi } from '../auth/SessionProvider';
import { FormAlert, TextAreaField } from '../ui/Field';
import { useFormSubmit } from '../ui/use-form-submit';
import { changeRequestStatus } from './requests-api';

interface BackofficeControlsProps {
  request: Request;
  onDone: (updated: Request, message: string) => void;
}

/** The organ's side of a request: take it up ([Em andamento]) or answer the citizen and finish it. */
export function BackofficeControls({ request, onDone }: BackofficeControlsProps) {
  const api = useApi();
  const titleId = useId();
  const [response, setResponse] = useState(request.response ?? '');
  const { submitting, errors, submit } = useFormSubmit();
  const active = request.status === 'open' || request.status === 'in_progress';
  const leadsGroup = request.groupOf === null && request.group.length > 1;

  function change(status: ChangeRequestStatus['status']) {
    const text = response.trim();
    return submit({
      parsed: changeRequestStatusSchema.safeParse(text ? { status, response: text } : { status }),
      fields: ['response'],
      send: async (body) => {
        const updated = await changeRequestStatus(api, request.id, body);
        onDone(updated, `Situação alterada para ${requestStatusLabels[updated.status]}.`);
      },
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void change('finished');
  }

  return (
    <section className="backoffice-controls" aria-labelledby={titleId}>
      <h3 id={titleId}>Retaguarda</h3>
      {leadsGroup && (
        <p className="alert alert--notice">
          {`Esta é a primeira solicitação de um grupo de ${request.group.length}: a mudança de situação e a resposta valem para todo o grupo.`}
        </p>
      )}
      {!active ? (
        <p className="muted">{`Solicitação ${requestStatusLabels[request.status].toLowerCase()}: não há mudança de situação a fazer.`}</p>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <FormAlert message={errors.alert} />
          <TextAreaField
            label="Resposta ao cidadão"
            hint="Obrigatória para finalizar; o cidadão a recebe por e-mail."
            value={response}
            error={errors.fields.response}
            onChange={setResponse}
          />
          <div className="form-actions form-actions--start">
            {request.status === 'open' && (
              <button type="button" className="button" disabled={submitting} onClick={() => change('in_progress')}>
                Em andamento
              </button>
            )}
            <button type="submit" className="button button--primary" disabled={submitting}>
              Finalizar
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
