/**
 * Who is signed in on this device: Cognito tokens kept in a vault (encrypted in IndexedDB, so an
 * installed PWA stays signed in: token-vault.ts), refreshed a minute before they expire, and the
 * user they describe (email, groups).
 */
import { EventEmitter } from 'eventemitter3';
import { CognitoError, type CognitoApi, type Tokens } from './cognito-api';
import { jwtClaims } from './jwt-claims';
import type { TokenVault } from './token-vault';

export type Role = 'sellers' | 'admins';

export interface SignedInUser {
  id: string;
  email: string;
  groups: Role[];
}

export enum AuthEvent {
  /** Signed in, signed out, or the user's groups changed (after a refresh). */
  Changed = 'changed',
}

interface AuthEvents {
  [AuthEvent.Changed]: [user: SignedInUser | undefined];
}

const REFRESH_BEFORE_EXPIRY_MS = 60_000;

export function userFromIdToken(idToken: string): SignedInUser {
  const claims = jwtClaims<{
    sub: string;
    email?: string;
    'cognito:username'?: string;
    'cognito:groups'?: unknown;
  }>(idToken);
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as Role[]) : [];
  return { id: claims.sub, email: claims.email ?? claims['cognito:username'] ?? '', groups };
}

export class AuthSession extends EventEmitter<AuthEvents> {
  private tokens: Tokens | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<Tokens | undefined> | undefined;
  private currentUser: SignedInUser | undefined;
  /** Vault writes, in the order the session changed (a sign-out never lands before its sign-in). */
  private writes: Promise<void> = Promise.resolve();

  /** The session this device kept, if any (signed out when the vault cannot be read). */
  static async restore(cognito: CognitoApi, vault: TokenVault): Promise<AuthSession> {
    const saved = await vault.load().catch((error: unknown) => {
      console.warn('The saved sign-in could not be read:', error);
      return undefined;
    });
    return new AuthSession(cognito, vault, saved);
  }

  constructor(
    readonly cognito: CognitoApi,
    private readonly vault: TokenVault,
    saved?: Tokens,
  ) {
    super();
    if (!saved) return;
    try {
      this.currentUser = userFromIdToken(saved.idToken);
      this.tokens = saved;
      this.schedule();
    } catch {
      this.persist(undefined);
    }
  }

  /** The same object until the user changes (React compares snapshots by identity). */
  get user(): SignedInUser | undefined {
    return this.currentUser;
  }

  /** Signed in once the tokens are kept on this device: a reload right after finds them. */
  async signIn(email: string, password: string): Promise<SignedInUser> {
    await this.setOnceKept(await this.cognito.signIn(email, password));
    return this.user!;
  }

  /** Done once this device has forgotten the tokens: a reload right after stays signed out. */
  async signOut(): Promise<void> {
    const accessToken = this.tokens?.accessToken;
    await this.setOnceKept(undefined);
    if (accessToken) await this.cognito.globalSignOut(accessToken).catch(() => undefined);
  }

  /** A valid ID token (AppSync's user-pool auth), refreshed first if it is about to expire. */
  async idToken(): Promise<string> {
    return (await this.fresh()).idToken;
  }

  /** A valid access token (transwrap checks the seller with it). */
  async accessToken(): Promise<string> {
    return (await this.fresh()).accessToken;
  }

  private async fresh(): Promise<Tokens> {
    if (!this.tokens) throw new CognitoError('NotSignedIn', 'Sign in first.');
    if (this.tokens.expiresAt - Date.now() > REFRESH_BEFORE_EXPIRY_MS) return this.tokens;
    const tokens = await this.refresh();
    if (!tokens) throw new CognitoError('NotSignedIn', 'Your session ended. Sign in again.');
    return tokens;
  }

  /** Refreshes now; a refused refresh token (revoked, expired) signs the user out. */
  refresh(): Promise<Tokens | undefined> {
    const current = this.tokens;
    if (!current) return Promise.resolve(undefined);
    this.refreshing ??= this.cognito
      .refresh(current.refreshToken)
      .then((tokens) => {
        this.set(tokens);
        return tokens;
      })
      .catch((error: unknown) => {
        // Offline: keep the tokens and try again later; refused: the session is over.
        if (error instanceof CognitoError && error.code === 'NetworkError') {
          this.schedule(30_000);
          return undefined;
        }
        this.set(undefined);
        return undefined;
      })
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private set(tokens: Tokens | undefined): void {
    this.persist(tokens);
    this.apply(tokens);
  }

  /** The session changes only once the vault has it: for what a reload right after must see. */
  private async setOnceKept(tokens: Tokens | undefined): Promise<void> {
    this.persist(tokens);
    await this.writes;
    this.apply(tokens);
  }

  private apply(tokens: Tokens | undefined): void {
    this.tokens = tokens;
    this.schedule();
    const after = tokens && userFromIdToken(tokens.idToken);
    if (JSON.stringify(this.currentUser) === JSON.stringify(after)) return;
    this.currentUser = after;
    this.emit(AuthEvent.Changed, after);
  }

  /** Without a working vault (IndexedDB refused) the session lasts as long as the page. */
  private persist(tokens: Tokens | undefined): void {
    this.writes = this.writes
      .then(() => (tokens ? this.vault.save(tokens) : this.vault.clear()))
      .catch((error: unknown) => console.warn('The sign-in could not be saved on this device:', error));
  }

  private schedule(inMs?: number): void {
    clearTimeout(this.refreshTimer);
    if (!this.tokens) return;
    const due = inMs ?? Math.max(0, this.tokens.expiresAt - Date.now() - REFRESH_BEFORE_EXPIRY_MS);
    this.refreshTimer = setTimeout(() => void this.refresh(), due);
  }
}
