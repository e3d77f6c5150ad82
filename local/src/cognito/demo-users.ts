/** The users a fresh local stack signs in with. Local only: these never exist in AWS. */
import { randomBytes } from 'node:crypto';
import type { Group } from '@golive/common/user-groups';

export interface DemoUser {
  username: string;
  password: string;
  groups: Group[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'seller@example.com', password: 'Seller-demo-1', groups: ['sellers'] },
  { username: 'admin@example.com', password: 'Admin-demo-1', groups: ['admins'] },
];

/**
 * The demo users with fresh random passwords: in LAN mode everyone on the network can reach the
 * stack, and the passwords above are published in this repository. The pool's policy (8+ chars,
 * upper, lower, digit) is met by the fixed tail.
 */
export function withRandomPasswords(users: readonly DemoUser[]): DemoUser[] {
  return users.map((user) => ({ ...user, password: `${randomBytes(9).toString('hex')}-Lan7` }));
}
