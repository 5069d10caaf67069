import { useState } from 'react';
import { formErrorsFromFailure, formErrorsFromIssues, noFormErrors, type FormErrors, type Issue } from './form-errors';

/** The result of a shared schema's `safeParse`, without tying the renderer to zod's types. */
type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };

interface Submission<T> {
  parsed: Parsed<T>;
  /** Paths of the inputs this form shows; errors for any other path go to the form's alert. */
  fields: readonly string[];
  send: (data: T) => Promise<void>;
}

/**
 * The submit cycle every form repeats: validate with the shared schema, send, and put both the
 * client's and the server's complaints beside the inputs they concern.
 */
export function useFormSubmit() {
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  async function submit<T>({ parsed, fields, send }: Submission<T>): Promise<void> {
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
