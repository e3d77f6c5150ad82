/** The users a fresh local stack signs in with. Local only: these never exist in AWS. */
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
