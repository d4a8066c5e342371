import { Role } from '../common/enums.js';

/** Who is calling: resolved once per request from the bearer token. */
export interface Viewer {
  accountId: string;
  roles: readonly Role[];
}

export const isAdmin = (viewer: Viewer | null): boolean => viewer?.roles.includes(Role.ADMIN) ?? false;

/**
 * Finds the caller behind a bearer token (null when the token is invalid or the account is gone).
 * Also the injection token: auth's AuthService implements it and the app binds it
 * (graphql-bindings.module.ts), so graphql/ knows no feature.
 */
export abstract class ViewerLookup {
  abstract viewerFromToken(token: string): Promise<Viewer | null>;
}
