// The signed-in person, for the header and the pages that need a sign-in.
import { useQuery } from 'urql';
import { graphql } from './graphql.js';
import { useSession } from './session.js';

export const MeQuery = graphql(`
  query Me {
    me {
      email
      roles
      preferences { locale }
      professional { id name }
    }
  }
`);

export function useMe() {
  const { token } = useSession();
  // Many parts of a page ask who is signed in: one answer serves them all (the client is new for each session).
  const [result] = useQuery({ query: MeQuery, pause: !token, requestPolicy: 'cache-first' });
  const me = token ? (result.data?.me ?? null) : null;
  return { me, loading: Boolean(token) && result.fetching && !result.data, isAdmin: me?.roles.includes('ADMIN') ?? false };
}
