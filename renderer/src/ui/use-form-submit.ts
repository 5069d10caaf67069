import { useEffect, useRef, useState } from 'react';
import { focusFirstInvalid } from './focus';
import { formErrorsFromFailure, formErrorsFromIssues, noFormErrors, type FormErrors, type Issue } from './form-errors';

/** The result of a shared schema's `safeParse`, without tying the renderer to zod's types. */
export type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };

/**
 * The parse with the new password's confirmation checked too, which the server never sees: a typo
 * in the new password is caught by typing it twice, and a mismatch joins the schema's complaints.
 */
export function withConfirmation<T>(parsed: Parsed<T>, newPassword: string, confirmation: string): Parsed<T> {
  if (newPassword === confirmation) return parsed;
  const mismatch = { path: ['confirmation'], message: 'A confirmação não confere com a nova senha.' };
  return { success: false, error: { issues: [...(parsed.success ? [] : parsed.error.issues), mismatch] } };
}

interface Submission<T> {
  parsed: Parsed<T>;
  /** Paths of the inputs this form shows; errors for any other path go to the form's alert. */
  fields: readonly string[];
  send: (data: T) => Promise<void>;
}

/**
 * The submit cycle every form repeats: validate with the shared schema, send, and put both the
 * client's and the server's complaints beside the inputs they concern, the first of them focused
 * and scrolled into view.
 */
export function useFormSubmit() {
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  /** The form (or dialog) submitted from: where the refused fields are looked for. */
  const submittedFrom = useRef<Element | null>(null);

  useEffect(() => {
    if (Object.keys(errors.fields).length > 0) focusFirstInvalid(submittedFrom.current);
  }, [errors]);

  async function submit<T>({ parsed, fields, send }: Submission<T>): Promise<void> {
    // Submitting focuses the form's button or keeps the cursor in a field; either tells the form.
    submittedFrom.current = document.activeElement?.closest('form, [role="dialog"]') ?? null;
    if (!parsed.success) {
      setErrors(formErrorsFromIssues(parsed.error.issues, fields));
      return;
    }
    setSubmitting(true);
    setErrors(noFormErrors);
    try {
      await send(parsed.data);
    } catch (error) {
      setErrors(formErrorsFromFailure(error, fields));
    } finally {
      setSubmitting(false);
    }
  }

  return { submitting, errors, submit, clearErrors: () => setErrors(noFormErrors) };
}
