/** A JWT's claims, read without verifying (the API and transwrap verify; the app only displays). */
export function jwtClaims<T>(jwt: string): T {
  const payload = (jwt.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(payload), (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}
