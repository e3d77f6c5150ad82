/** Create an account (it can sell), then confirm it with the code Cognito emails. */
import { useState } from 'react';
import { Link } from 'wouter';
import { useNavigate } from '../../ui/navigation';
import { useAuthSession } from '../../auth/auth-context';
import { AccountForm, CodeField, EmailField, NewPasswordField } from './account-form';

export default function SignUpPage() {
  const { cognito } = useAuthSession();
  const navigate = useNavigate();
  const [step, setStep] = useState<'details' | 'confirm'>('details');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [resent, setResent] = useState(false);
  const signIn = (notice: string) => navigate('/sign-in', { email, notice });

  if (step === 'details')
    return (
      <AccountForm
        title="Create an account"
        submitLabel="Create account"
        submit={async () => {
          const { confirmed } = await cognito.signUp(email.trim(), password);
          if (confirmed) signIn('Your account is ready. Sign in.');
          else setStep('confirm');
        }}
        footer={
          <span>
            Have an account? <Link href="/sign-in">Sign in</Link>
          </span>
        }
      >
        <EmailField value={email} onChange={setEmail} />
        <NewPasswordField label="Password" value={password} onChange={setPassword} />
      </AccountForm>
    );

  return (
    <AccountForm
      title="Confirm your email"
      submitLabel="Confirm"
      notice={
        <p className="notice">
          We sent a code to <strong>{email}</strong>. It may take a minute to arrive.
        </p>
      }
      submit={async () => {
        await cognito.confirmSignUp(email.trim(), code.trim());
        signIn('Your email is confirmed. Sign in.');
      }}
      footer={
        <>
          <button
            className="link-button"
            type="button"
            disabled={resent}
            onClick={() => void cognito.resendCode(email.trim()).then(() => setResent(true))}
          >
            {resent ? 'A new code is on its way' : 'Send a new code'}
          </button>
          <button className="link-button" type="button" onClick={() => setStep('details')}>
            Use a different email
          </button>
        </>
      }
    >
      <CodeField value={code} onChange={setCode} />
    </AccountForm>
  );
}
