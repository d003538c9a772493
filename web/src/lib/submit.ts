import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError } from './api';
import { errorMessage } from './feedback';
import { showServerErrors, type IssueText } from './forms';

/** antd's own check of every field: the values, or null when a field is in error (antd shows which). */
export async function validatedValues<V>(form: FormInstance<V>): Promise<V | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}

export type SubmitOptions<T> = {
  /** The toast once saved: a text, or one made from what the save answered (no toast when empty). */
  success?: string | ((result: T) => string | void);
  /** What follows the toast (close, go on, hand the result on); a failure here is shown like the save's. */
  onSaved?: (result: T) => void | Promise<void>;
  /** Where a `version_conflict` goes instead of a toast: the form's conflict notice. */
  onConflict?: () => void;
  /** More to do about a failure once it is shown (not for a conflict that went to onConflict). */
  onError?: (e: unknown) => void;
  /** The form's own texts for some field issues of the server's (as given to validateWith). */
  issueText?: IssueText;
};

/**
 * The save step of a form: `busy` while it runs; once done the success toast, then `onSaved`; on a
 * failure the fields the server named are marked on the form, or else its message is shown in the
 * user's language, and a version conflict goes to `onConflict` when there is one.
 */
export function useFormSubmit(form: FormInstance) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async <T>(save: () => Promise<T>, o: SubmitOptions<T> = {}): Promise<void> => {
    setBusy(true);
    try {
      const result = await save();
      const text = typeof o.success === 'function' ? o.success(result) : o.success;
      if (text) void message.success(text);
      await o.onSaved?.(result);
    } catch (e) {
      if (o.onConflict && e instanceof ApiError && e.code === 'version_conflict') o.onConflict();
      else {
        if (!showServerErrors(form, e, o.issueText)) void message.error(errorMessage(e));
        o.onError?.(e);
      }
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy };
}
