import { useState, type FormEvent, type ReactNode } from 'react';
import {
  cancelRequestSchema,
  complaintRequestSchema,
  formatProtocol,
  reiterateRequestSchema,
  requestActionLabels,
  requestActions,
  restartRequestSchema,
  type CancelRequest,
  type ComplaintRequest,
  type RequestAction,
  type RestartRequest,
} from '@receptivo/shared';
import { Dialog } from '../ui/Dialog';
import { FormAlert, TextAreaField } from '../ui/Field';
import { FilePicker } from '../ui/FilePicker';
import type { FormErrors } from '../ui/form-errors';
import { formatDateTime } from '../ui/format';
import { useFormSubmit } from '../ui/use-form-submit';
import { attachmentAccept, attachmentHint, attachmentProblem } from './attachments';

/** The manual's own words for a done cancellation. */
const cancelledMessage = 'Cancelamento realizado com sucesso';

/** How one client sends the actions on one request (the desk's /api/requests, the portal's /api/portal/requests), each answering the updated request. */
export interface RequestActionCalls<T> {
  reiterate(description: string, files: readonly File[]): Promise<T>;
  complain(body: ComplaintRequest): Promise<T>;
  restart(body: RestartRequest): Promise<T>;
  cancel(body: CancelRequest): Promise<T>;
}

/** What the buttons read of a request, on the desk and on the portal alike. */
interface ActionableRequest {
  protocol: string;
  allowedActions: readonly RequestAction[];
}

interface RequestActionButtonsProps<T> {
  request: ActionableRequest;
  calls: RequestActionCalls<T>;
  /** The request as the server answered the action, with what to tell the user. */
  onDone: (updated: T, message: string) => void;
}

/**
 * The lifecycle buttons of a request and the form each opens. Only what the server's `allowedActions`
 * lists is offered: the rules read the server's clock (e.g. the complaint deadline), not this machine's.
 */
export function RequestActionButtons<T extends { deadline: string }>({ request, calls, onDone }: RequestActionButtonsProps<T>) {
  const [open, setOpen] = useState<RequestAction | null>(null);
  const close = () => setOpen(null);
  const done = (updated: T, message: string) => {
    setOpen(null);
    onDone(updated, message);
  };
  const props = { request, calls, onClose: close, onDone: done };

  return (
    <>
      {requestActions
        .filter((action) => request.allowedActions.includes(action))
        .map((action) => (
          <button
            key={action}
            type="button"
            // Cancelling cannot be undone: it looks like a danger, never like the main action, and asks first.
            className={action === 'cancel' ? 'button button--danger-secondary' : 'button button--primary'}
            onClick={() => setOpen(action)}
          >
            {requestActionLabels[action]}
          </button>
        ))}
      {open === 'reiterate' && <ReiterateDialog {...props} />}
      {open === 'complaint' && <ComplaintDialog {...props} />}
      {open === 'restart' && <RestartDialog {...props} />}
      {open === 'cancel' && <CancelDialog {...props} />}
    </>
  );
}

/** What each action's dialog gets: the request, and how to end. */
interface ActionProps<T> {
  request: ActionableRequest;
  calls: RequestActionCalls<T>;
  onClose: () => void;
  onDone: (updated: T, message: string) => void;
}

function ReiterateDialog<T extends { deadline: string }>({ calls, onClose, onDone }: ActionProps<T>) {
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const { submitting, errors, submit } = useFormSubmit();

  function save() {
    const parsed = reiterateRequestSchema.safeParse({ description });
    const problem = attachmentProblem(files);
    const descriptionIssues = parsed.success ? [] : parsed.error.issues;
    return submit({
      parsed: problem ? { success: false, error: { issues: [...descriptionIssues, { path: ['files'], message: problem }] } } : parsed,
      fields: ['description', 'files'],
      send: async (data) => onDone(await calls.reiterate(data.description, files), 'Reiteração registrada.'),
    });
  }

  return (
    <ActionDialog title={requestActionLabels.reiterate} submitting={submitting} errors={errors} onSubmit={save} onClose={onClose}>
      <TextAreaField label="Descrição" required value={description} error={errors.fields.description} onChange={setDescription} />
      <FilePicker label="Anexo" hint={attachmentHint} error={errors.fields.files} accept={attachmentAccept} multiple files={files} onChange={setFiles} />
    </ActionDialog>
  );
}

function ComplaintDialog<T extends { deadline: string }>({ calls, onClose, onDone }: ActionProps<T>) {
  const [description, setDescription] = useState('');
  const { submitting, errors, submit } = useFormSubmit();

  const save = () =>
    submit({
      parsed: complaintRequestSchema.safeParse({ description }),
      fields: ['description'],
      send: async (data) => onDone(await calls.complain(data), 'Reclamação registrada.'),
    });

  return (
    <ActionDialog title={requestActionLabels.complaint} submitting={submitting} errors={errors} onSubmit={save} onClose={onClose}>
      <TextAreaField
        label="Descrição da reclamação"
        required
        value={description}
        error={errors.fields.description}
        onChange={setDescription}
      />
    </ActionDialog>
  );
}

function RestartDialog<T extends { deadline: string }>({ calls, onClose, onDone }: ActionProps<T>) {
  const [reason, setReason] = useState('');
  const { submitting, errors, submit } = useFormSubmit();

  const save = () =>
    submit({
      parsed: restartRequestSchema.safeParse({ reason }),
      fields: ['reason'],
      send: async (data) => {
        const updated = await calls.restart(data);
        onDone(updated, `Solicitação reiniciada. Novo prazo: ${formatDateTime(updated.deadline)}.`);
      },
    });

  return (
    <ActionDialog title={requestActionLabels.restart} submitting={submitting} errors={errors} onSubmit={save} onClose={onClose}>
      <TextAreaField label="Motivo do reinício" required value={reason} error={errors.fields.reason} onChange={setReason} />
    </ActionDialog>
  );
}

function CancelDialog<T extends { deadline: string }>({ request, calls, onClose, onDone }: ActionProps<T>) {
  const [reason, setReason] = useState('');
  const { submitting, errors, submit } = useFormSubmit();

  const save = () =>
    submit({
      parsed: cancelRequestSchema.safeParse({ reason: reason.trim() || undefined }),
      fields: ['reason'],
      send: async (data) => onDone(await calls.cancel(data), cancelledMessage),
    });

  return (
    <ActionDialog
      title={requestActionLabels.cancel}
      submitLabel="Confirmar cancelamento"
      cancelLabel="Voltar"
      danger
      submitting={submitting}
      errors={errors}
      onSubmit={save}
      onClose={onClose}
    >
      <p>{`A solicitação ${formatProtocol(request.protocol)} será cancelada. Não é possível desfazer o cancelamento.`}</p>
      <TextAreaField label="Motivo do cancelamento (opcional)" value={reason} error={errors.fields.reason} onChange={setReason} />
    </ActionDialog>
  );
}

interface ActionDialogProps {
  title: string;
  submitLabel?: string;
  cancelLabel?: string;
  danger?: boolean;
  submitting: boolean;
  errors: FormErrors;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** The form of one action in a dialog; the server's refusal (the rule it names) goes to its alert. */
function ActionDialog({
  title,
  submitLabel = 'Salvar',
  cancelLabel = 'Cancelar',
  danger,
  submitting,
  errors,
  onSubmit,
  onClose,
  children,
}: ActionDialogProps) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <Dialog title={title} onClose={submitting ? undefined : onClose}>
      <form className="request-action" onSubmit={submit} noValidate>
        <FormAlert message={errors.alert} />
        {children}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} disabled={submitting}>
            {cancelLabel}
          </button>
          <button type="submit" className={danger ? 'button button--danger' : 'button button--primary'} disabled={submitting}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
