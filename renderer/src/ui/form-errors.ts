import { ApiError, describeError } from '../api/client';

export type FieldErrors = Record<string, string>;

export interface FormErrors {
  fields: FieldErrors;
  /** Shown in the form's alert: everything that has no input of its own. */
  alert: string | null;
  /** The record the server found already holding what was typed, for a way to open it. */
  existingId?: string;
}

export const noFormErrors: FormErrors = { fields: {}, alert: null };

export interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** Client-side validation with the shared schema, reported the same way as the server's. */
export function formErrorsFromIssues(issues: readonly Issue[], formFields: readonly string[]): FormErrors {
  const fields: FieldErrors = {};
  let alert: string | null = null;
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (formFields.includes(path)) fields[path] ??= issue.message;
    else alert ??= issue.message;
  }
  return { fields, alert };
}

/**
 * Server field errors go beside their inputs; if some field has no input here, or there are no
 * field errors, the server's message goes to the alert so nothing is lost.
 */
export function formErrorsFromFailure(error: unknown, formFields: readonly string[]): FormErrors {
  if (!(error instanceof ApiError) || !error.fields) return { fields: {}, alert: describeError(error) };
  const existing = error.existingId ? { existingId: error.existingId } : {};
  const fields: FieldErrors = {};
  let unmatched = false;
  for (const [path, message] of Object.entries(error.fields)) {
    if (formFields.includes(path)) fields[path] = message;
    else unmatched = true;
  }
  const matchedAny = Object.keys(fields).length > 0;
  return { fields, alert: unmatched || !matchedAny ? error.message : null, ...existing };
}
