import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  createUserSchema,
  roleLabels,
  roles,
  updateUserSchema,
  type IssuedPassword,
  type Role,
  type UpdateUser,
  type User,
} from '@receptivo/shared';
import { useApi } from '../auth/SessionProvider';
import { Dialog } from '../ui/Dialog';
import { CheckboxField, Field, FormAlert } from '../ui/Field';
import {
  formErrorsFromFailure,
  formErrorsFromIssues,
  noFormErrors,
  type FieldErrors,
  type FormErrors,
} from '../ui/form-errors';
import { organsQuery } from '../attendances/attendances-api';
import { createUser, updateUser } from './users-api';

interface ProfileValues {
  name: string;
  role: Role;
  extension: string;
  /** Only the back office works for an organ. */
  organId: string;
}

/** Name, role and extension: the part of a user that both creation and edition change. */
function ProfileFields({
  values,
  errors,
  onChange,
}: {
  values: ProfileValues;
  errors: FieldErrors;
  onChange: (values: ProfileValues) => void;
}) {
  const organs = useQuery(organsQuery(useApi()));
  return (
    <>
      <Field label="Nome" error={errors.name}>
        {(control) => (
          <input
            {...control}
            autoComplete="off"
            value={values.name}
            onChange={(event) => onChange({ ...values, name: event.target.value })}
          />
        )}
      </Field>
      <Field label="Perfil" error={errors.role}>
        {(control) => (
          <select
            {...control}
            value={values.role}
            onChange={(event) => onChange({ ...values, role: event.target.value as Role })}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {values.role === 'backoffice' && (
        <Field
          label="Órgão"
          hint={organs.isError ? 'Não foi possível carregar a lista de órgãos.' : 'A retaguarda atende as solicitações deste órgão.'}
          error={errors.organId}
        >
          {(control) => (
            <select
              {...control}
              value={values.organId}
              disabled={!organs.isSuccess}
              onChange={(event) => onChange({ ...values, organId: event.target.value })}
            >
              <option value="">Escolha o órgão</option>
              {organs.data?.map((organ) => (
                <option key={organ.id} value={organ.id}>
                  {organ.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Ramal" hint="Opcional. Só dígitos, como no PABX." error={errors.extension}>
        {(control) => (
          <input
            {...control}
            inputMode="numeric"
            autoComplete="off"
            className="input--short"
            value={values.extension}
            onChange={(event) => onChange({ ...values, extension: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}

/** An empty extension means "no extension", which the API spells null. */
const extensionOrNull = (extension: string) => extension.trim() || null;
const organOrNull = (profile: ProfileValues) => (profile.role === 'backoffice' && profile.organId) || null;

const createFields = ['username', 'name', 'role', 'extension', 'organId'] as const;

export function CreateUserDialog({
  onCreated,
  onClose,
}: {
  onCreated: (issued: IssuedPassword) => void;
  onClose: () => void;
}) {
  const api = useApi();
  const [username, setUsername] = useState('');
  const [profile, setProfile] = useState<ProfileValues>({ name: '', role: 'attendant', extension: '', organId: '' });
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createUserSchema.safeParse({
      username,
      name: profile.name,
      role: profile.role,
      extension: extensionOrNull(profile.extension),
      organId: organOrNull(profile) ?? undefined,
    });
    if (!parsed.success) {
      setErrors(formErrorsFromIssues(parsed.error.issues, createFields));
      return;
    }
    setSubmitting(true);
    setErrors(noFormErrors);
    try {
      onCreated(await createUser(api, parsed.data));
    } catch (error) {
      setErrors(formErrorsFromFailure(error, createFields));
      setSubmitting(false);
    }
  }

  return (
    <Dialog title="Novo usuário" onClose={submitting ? undefined : onClose}>
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.alert} />
        <Field
          label="Usuário"
          hint="Login de acesso: letras minúsculas, números, ponto, hífen ou sublinhado."
          error={errors.fields.username}
        >
          {(control) => (
            <input
              {...control}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          )}
        </Field>
        <ProfileFields values={profile} errors={errors.fields} onChange={setProfile} />
        <p className="field__hint">A senha inicial é gerada pelo sistema e exibida uma única vez.</p>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} disabled={submitting}>
            Cancelar
          </button>
          <button type="submit" className="button button--primary" disabled={submitting}>
            Salvar
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const editFields = ['name', 'role', 'extension', 'organId', 'active'] as const;

export function EditUserDialog({
  user,
  onSaved,
  onClose,
}: {
  user: User;
  onSaved: (user: User) => void;
  onClose: () => void;
}) {
  const api = useApi();
  const [profile, setProfile] = useState<ProfileValues>({
    name: user.name,
    role: user.role,
    extension: user.extension ?? '',
    organId: user.organ?.id ?? '',
  });
  const [active, setActive] = useState(user.active);
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Only what changed is sent, so a concurrent edit of another field is not overwritten.
    const patch: UpdateUser = {};
    if (profile.name.trim() !== user.name) patch.name = profile.name;
    if (profile.role !== user.role) patch.role = profile.role;
    const extension = extensionOrNull(profile.extension);
    if (extension !== user.extension) patch.extension = extension;
    const organId = organOrNull(profile);
    if (organId !== (user.organ?.id ?? null)) patch.organId = organId;
    if (active !== user.active) patch.active = active;

    const parsed = updateUserSchema.safeParse(patch);
    if (!parsed.success) {
      setErrors(formErrorsFromIssues(parsed.error.issues, editFields));
      return;
    }
    setSubmitting(true);
    setErrors(noFormErrors);
    try {
      onSaved(await updateUser(api, user.id, parsed.data));
    } catch (error) {
      setErrors(formErrorsFromFailure(error, editFields));
      setSubmitting(false);
    }
  }

  return (
    <Dialog title={`Editar usuário ${user.username}`} onClose={submitting ? undefined : onClose}>
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.alert} />
        <ProfileFields values={profile} errors={errors.fields} onChange={setProfile} />
        <CheckboxField
          label="Ativo"
          checked={active}
          onChange={setActive}
          hint="Usuários inativos não conseguem entrar no sistema."
          error={errors.fields.active}
        />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} disabled={submitting}>
            Cancelar
          </button>
          <button type="submit" className="button button--primary" disabled={submitting}>
            Salvar
          </button>
        </div>
      </form>
    </Dialog>
  );
}
