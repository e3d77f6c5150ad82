/** The pieces every account page shares: a labelled field, a form that shows one error, messages. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { CognitoError } from '../../auth/cognito-api';
import { usePageTitle } from '../../ui/page-title';

export const PASSWORD_HINT = 'At least 8 characters, with upper and lower case letters and a number.';

/** What Cognito's exception means for the person typing. */
export function describeAccountError(error: unknown): string {
  if (!(error instanceof CognitoError)) return 'Something went wrong. Try again.';
  switch (error.code) {
    case 'NotAuthorizedException':
      return 'Wrong email or password.';
    case 'UserNotFoundException':
      return 'No account with this email.';
    case 'UsernameExistsException':
      return 'An account with this email already exists. Sign in instead.';
    case 'InvalidPasswordException':
      return error.message || 'The password does not meet the rules.';
    case 'CodeMismatchException':
      return 'That code is not right. Check the email and try again.';
    case 'ExpiredCodeException':
      return 'That code has expired. Ask for a new one.';
    case 'LimitExceededException':
    case 'TooManyRequestsException':
      return 'Too many attempts. Wait a minute and try again.';
    default:
      return error.message;
  }
}

export function Field(props: {
  label: string;
  name: string;
  type?: string;
  autoComplete?: string;
  inputMode?: 'numeric' | 'email';
  hint?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = `field-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        required
        value={props.value}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.hint && (
        <small id={`${id}-hint`} className="hint">
          {props.hint}
        </small>
      )}
    </div>
  );
}

export function EmailField(props: { value: string; onChange: (value: string) => void }) {
  return (
    <Field label="Email" name="email" type="email" autoComplete="username" inputMode="email" {...props} />
  );
}

export function CodeField(props: { value: string; onChange: (value: string) => void }) {
  return <Field label="Code" name="code" inputMode="numeric" autoComplete="one-time-code" {...props} />;
}

/** A new password, with the pool's rules said up front. */
export function NewPasswordField(props: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <Field name="password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} {...props} />
  );
}

/** Runs `submit`; while it runs the button is busy; a failure shows as one message. */
export function AccountForm(props: {
  title: string;
  submitLabel: string;
  submit: () => Promise<void>;
  children: ReactNode;
  footer?: ReactNode;
  notice?: ReactNode;
}) {
  usePageTitle(props.title);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    props
      .submit()
      .catch((caught: unknown) => setError(describeAccountError(caught)))
      .finally(() => setBusy(false));
  };
  return (
    <main className="page narrow">
      <h1>{props.title}</h1>
      {props.notice}
      <form className="stack" onSubmit={onSubmit} noValidate={false}>
        {props.children}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button className="button primary" type="submit" disabled={busy} aria-busy={busy}>
          {busy ? 'Please wait…' : props.submitLabel}
        </button>
      </form>
      {props.footer && <div className="form-footer">{props.footer}</div>}
    </main>
  );
}
