/**
 * Who is broadcasting: the seller's Cognito token from `hello`, checked as AppSync checks it
 * (signature against the user pool's JWKS, issuer, app client, expiry, token use). A ticket only
 * counts when the seller it was issued to presents it, so a leaked ticket is useless to others.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';

export class SellerVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly issuer: string,
    private readonly clientIds: string[],
  ) {
    // Cognito publishes its keys here; jose caches them and refetches on an unknown key id.
    this.jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  }

  /** The seller's id (the token's `sub`), or undefined if the token is not a valid one of ours. */
  async sellerOf(token: string): Promise<string | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.jwks, { issuer: this.issuer });
      const client = payload.token_use === 'id' ? payload.aud : payload.client_id;
      if (payload.token_use !== 'id' && payload.token_use !== 'access') return undefined;
      if (typeof client !== 'string' || !this.clientIds.includes(client)) return undefined;
      return typeof payload.sub === 'string' ? payload.sub : undefined;
    } catch {
      return undefined;
    }
  }
}
