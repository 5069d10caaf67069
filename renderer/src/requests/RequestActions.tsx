import { useState, type FormEvent, type ReactNode } from 'react';
import {
  cancelRequestSchema,
  complaintRequestSchema,
  formatProtocol,
  reiterateRequestSchema,
  requestActionLabels,
  requestActions,
  restartRequestSchema,
  type Request,
  type RequestAction,
} from '@receptivo/shared';
import { useApi } from '../auth/SessionProvider';
import { Dialog } from '../ui/Dialog';
import { FormAlert, TextAreaField } from '../ui/Field';
import { FilePicker } from '../ui/FilePicker';
import type { FormErrors } from '../ui/form-errors';
import { formatDateTime } from '../ui/format';
import { useFormSubmit } from '../ui/use-form-submit';
import { attachmentAccept, attachmentHint, attachmentProblem } from './attachments';
import { cancelRequest, complainAboutRequest, reiterateRequest, restartRequest } from './requests-api';

/** The manual's own words for a done cancellation. */
const cancelledMessage = 'Cancelamento realizado com sucesso';

interface RequestActionsProps {
  request: Request;
  /** The request as the server answered the action, with what to tell the user. */
  onDone: (updated: Request, message: string) => void;
}

/**
 * The lifecycle buttons of the Status Solicitação. Only what the server's `allowedActions` lists is
 * offered: the rules read the server's clock (e.g. the complaint deadline), not this machine's.
 */
export function RequestActions({ request, onDone }: RequestActionsProps) {
  const [open, setOpen] = useState<RequestAction | null>(null);
  const close = () => setOpen(null);
  const done = (updated: Request, message: string) => {
    setOpen(null);
    onDone(updated, message);
  };
  const props = { request, onClose: close, onDone: done };

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
interface ActionProps {
  request: Request;
  onClose: () => void;
  onDone: (updated: Request, message: string) => void;
}

function ReiterateDialog({ request, onClose, onDone }: ActionProps) {
  const api = useApi();
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
      send: async (data) => onDone(await reiterateRequest(api, request.id, data.description, files), 'Reiteração registrada.'),
    });
  }

  return (
    <ActionDialog title={requestActionLabels.reiterate} submitting={submitting} errors={errors} onSubmit={save} onClose={onClose}>
      <TextAreaField label="Descrição" required value={description} error={errors.fields.description} onChange={setDescription} />
      <FilePicker label="Anexo" hint={attachmentHint} error={errors.fields.files} accept={attachmentAccept} multiple files={files} onChange={setFiles} />
    </ActionDialog>
  );
}

function ComplaintDialog({ request, onClose, onDone }: ActionProps) {
  const api = useApi();
  const [description, setDescription] = useState('');
  const { submitting, errors, submit } = useFormSubmit();

  const save = () =>
    submit({
      parsed: complaintRequestSchema.safeParse({ description }),
      fields: ['description'],
      send: async (data) => onDone(await complainAboutRequest(api, request.id, data), 'Reclamação registrada.'),
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

function RestartDialog({ request, onClose, onDone }: ActionProps) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const { submitting, errors, submit } = useFormSubmit();

  const save = () =>
    submit({
      parsed: restartRequestSchema.safeParse({ reason }),
      fields: ['reason'],
      send: async (data) => {
        const updated = await restartRequest(api, request.id, data);
        onDone(updated, `Solicitação reiniciada. Novo prazo: ${formatDateTime(updated.deadline)}.`);
      },
    });

  return (
    <ActionDialog title={requestActionLabels.restart} submitting={submitting} errors={errors} onSubmit={save} onClose={onClose}>
      <TextAreaField label="Motivo do reinício" required value={reason} error={errors.fields.reason} onChange={setReason} />
    </ActionDialog>
  );
}

function CancelDialog({ request, onClose, onDone }: ActionProps) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const { submitting, errors, submit } = useFormSubmit();

  const save = () =>
    submit({
      parsed: cancelRequestSchema.safeParse({ reason: reason.trim() || undefined }),
      fields: ['reason'],
      send: async (data) => onDone(await cancelRequest(api, request.id, data), cancelledMessage),
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
