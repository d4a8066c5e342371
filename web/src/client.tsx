// The GraphQL client (urql): one per session, so signing in or out starts with an empty cache.
// A NOT-signed-in answer to a signed-in request means the session ended: sign out here too
// (but not when it answers a sign-in link that no longer works).
import { type ReactNode, useMemo } from 'react';
import { Client, cacheExchange, type CombinedError, fetchExchange, mapExchange, type Operation, Provider } from 'urql';
import { useSession } from './session.js';

export function GraphQLProvider({ children }: { children: ReactNode }) {
  const { token, signOut } = useSession();
  const client = useMemo(
    () =>
      new Client({
        url: '/graphql',
        preferGetMethod: false,
        requestPolicy: 'cache-and-network',
        fetchOptions: (): RequestInit => (token ? { headers: { authorization: `Bearer ${token}` } } : {}),
        exchanges: [
          mapExchange({
            onError(error, operation) {
              // signIn answers UNAUTHENTICATED for a used or expired link: that says nothing of the current session.
              if (token && errorCode(error) === 'UNAUTHENTICATED' && !usesSignIn(operation.query)) signOut();
            },
          }),
          cacheExchange,
          fetchExchange,
        ],
      }),
    [token, signOut],
  );
  return <Provider value={client}>{children}</Provider>;
}

function usesSignIn(query: Operation['query']): boolean {
  return query.definitions.some(
    (definition) =>
      definition.kind === 'OperationDefinition' &&
      definition.selectionSet.selections.some((selection) => selection.kind === 'Field' && selection.name.value === 'signIn'),
  );
}

/** The API's error code (extensions.code) of the first GraphQL error, or NETWORK for no answer. */
export function errorCode(error: CombinedError | undefined): string | null {
  if (!error) return null;
  if (error.networkError) return 'NETWORK';
  return (error.graphQLErrors[0]?.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
}
