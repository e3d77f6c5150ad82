/**
 * Who is broadcasting: the seller's Cognito token from `hello`, checked as AppSync checks it
 * (signature against the user pool's JWKS, issuer, app client, expiry, token use). A ticket only
 * counts when the seller it was issued to presents it, so a leaked ticket is useless to others.
 */
import { verifyCognitoToken } from '@golive/common/cognito-token';
import { createRemoteJWKSet } from 'jose';

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
      const { sub } = await verifyCognitoToken(token, {
        keys: this.jwks,
        issuer: this.issuer,
        clientIds: this.clientIds,
      });
      return sub;
    } catch {
      return undefined;
    }
  }
}
