import { useState } from 'react';
import { Link } from 'wouter';
import { arrivalState, useNavigate } from '../../ui/navigation';
import { useAuthSession } from '../../auth/auth-context';
import { AccountForm, EmailField, Field } from './account-form';

/** Where each kind of user starts after signing in. */
function homeFor(groups: string[]): string {
  if (groups.includes('sellers')) return '/live';
  if (groups.includes('admins')) return '/admin';
  return '/';
}

export default function SignInPage() {
  const session = useAuthSession();
  const navigate = useNavigate();
  const state = arrivalState();
  const [email, setEmail] = useState(state.email ?? '');
  const [password, setPassword] = useState('');
  return (
    <AccountForm
      title="Sign in"
      submitLabel="Sign in"
      notice={state.notice && <p className="notice">{state.notice}</p>}
      submit={async () => {
        const user = await session.signIn(email.trim(), password);
        navigate(state.from ?? homeFor(user.groups), {}, { replace: true });
      }}
      footer={
        <>
          <Link href="/forgot-password" state={{ email }}>
            Forgot your password?
          </Link>
          <span>
            New here? <Link href="/sign-up">Create an account</Link>
          </span>
        </>
      }
    >
      <EmailField value={email} onChange={setEmail} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
      />
    </AccountForm>
  );
}
