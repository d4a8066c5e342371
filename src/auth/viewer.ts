import { Role } from '../common/enums.js';

/** Who is calling: resolved once per request from the bearer token. */
export interface Viewer {
  accountId: string;
  roles: readonly Role[];
}

export const isAdmin = (viewer: Viewer | null): boolean => viewer?.roles.includes(Role.ADMIN) ?? false;

export function rolesFor(email: string, adminEmails: ReadonlySet<string>): Role[] {
  return adminEmails.has(email.toLowerCase()) ? [Role.PROFESSIONAL, Role.ADMIN] : [Role.PROFESSIONAL];
}
