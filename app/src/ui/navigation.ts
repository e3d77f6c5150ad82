/** Moving between pages with something to say on arrival (an email to prefill, a notice). */
import { useLocation } from 'wouter';

export interface ArrivalState {
  email?: string;
  notice?: string;
  /** Where to return after signing in. */
  from?: string;
}

export function useNavigate(): (to: string, state?: ArrivalState, options?: { replace?: boolean }) => void {
  const [, navigate] = useLocation();
  return (to, state, options) => navigate(to, { state, replace: options?.replace });
}

/** What the page that sent the user here said (history.state survives a reload, as it should). */
export function arrivalState(): ArrivalState {
  return (window.history.state as ArrivalState | null) ?? {};
}
