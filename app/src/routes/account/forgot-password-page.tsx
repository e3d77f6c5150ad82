/** Ask for a reset code, then choose a new password with it. */
import { useState } from 'react';
import { Link } from 'wouter';
import { arrivalState, useNavigate } from '../../ui/navigation';
import { useAuthSession } from '../../auth/auth-context';
import { AccountForm, CodeField, EmailField, NewPasswordField } from './account-form';

export default function ForgotPasswordPage() {
  const { cognito } = useAuthSession();
  const navigate = useNavigate();
  const initialEmail = arrivalState().email ?? '';
  const [step, setStep] = useState<'email' | 'reset'>('email');
  const [email, setEmail] = useState(initialEmail);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');

  if (step === 'email')
    return (
      <AccountForm
        title="Reset your password"
        submitLabel="Send a code"
        submit={async () => {
          await cognito.forgotPassword(email.trim());
          setStep('reset');
        }}
        footer={<Link href="/sign-in">Back to sign in</Link>}
      >
        <EmailField value={email} onChange={setEmail} />
      </AccountForm>
    );

  return (
    <AccountForm
      title="Choose a new password"
      submitLabel="Set password"
      notice={
        <p className="notice">
          If <strong>{email}</strong> has an account, a code is on its way there.
        </p>
      }
      footer={
        <>
          <button className="link-button" type="button" onClick={() => setStep('email')}>
            Send a new code
          </button>
          <Link href="/sign-in">Back to sign in</Link>
        </>
      }
      submit={async () => {
        await cognito.confirmForgotPassword(email.trim(), code.trim(), password);
        navigate('/sign-in', { email, notice: 'Password changed. Sign in with the new one.' });
      }}
    >
      <CodeField value={code} onChange={setCode} />
      <NewPasswordField label="New password" value={password} onChange={setPassword} />
    </AccountForm>
  );
}
