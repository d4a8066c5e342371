// Rejects every request whose string input holds a control character, before any resolver
// runs: every string literal of the document and every string in its variables. No text here
// has a use for them, and PostgreSQL refuses NUL in text outright, which surfaced as an
// internal error wherever a string reached SQL. One check for all inputs, so a new argument
// cannot forget it; it answers HTTP 400 with BAD_USER_INPUT naming where the character is.
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, type DocumentNode, GraphQLError, visit } from 'graphql';
import { InvalidInput } from '../common/domain-error.js';

/** C0 control characters other than tab, line feed and carriage return, and DEL. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * What CONTROL_CHARACTER becomes in JSON.stringify's output: escaped as \u00XX, or as \b and
 * \f, and DEL as it is. A match here may be a false alarm (a backslash typed before a "b"),
 * never a miss, so the exact walk below runs only on a match.
 */
const CONTROL_CHARACTER_IN_JSON = /\\u00(?:0[0-8bcef]|1[0-9a-f])|\\[bf]|\u007F/i;

/** Whether `root` may hold a control character: one native pass instead of a walk of every value. */
function mayHoldControlCharacter(root: unknown): boolean {
  try {
    return CONTROL_CHARACTER_IN_JSON.test(JSON.stringify(root) ?? '');
  } catch {
    return true; // nested deeper than JSON.stringify goes: the walk decides
  }
}

/** Where in `root` the first string with a control character is (`variables.f.text`), or null. */
function controlCharacterInValue(root: unknown, rootPath: string): string | null {
  // Iterative: the body is client JSON and may nest deeper than the call stack.
  const pending: [unknown, string][] = [[root, rootPath]];
  while (pending.length) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (CONTROL_CHARACTER.test(value)) return path;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push([value[i], `${path}[${i}]`]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value).reverse()) pending.push([item, `${path}.${key}`]);
    }
  }
  return null;
}

/**
 * Apollo hands a repeated query the same parsed document (its document store), and its
 * literals do not change: each document is visited once.
 */
const literalFindings = new WeakMap<DocumentNode, string | null>();

/** The line and column of the first string literal with a control character, or null. */
function controlCharacterInDocument(document: DocumentNode): string | null {
  const known = literalFindings.get(document);
  if (known !== undefined) return known;
  let found: string | null = null;
  visit(document, {
    StringValue(node) {
      if (!CONTROL_CHARACTER.test(node.value)) return undefined;
      const at = node.loc ? `${node.loc.startToken.line}:${node.loc.startToken.column}` : '?';
      found = `the string at ${at}`;
      return BREAK;
    },
  });
  literalFindings.set(document, found);
  return found;
}

export function controlCharactersPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const literal = controlCharacterInDocument(document);
          const variables = request.variables ?? {};
          const variable = literal || !mayHoldControlCharacter(variables) ? null : controlCharacterInValue(variables, 'variables');
          if (literal === null && variable === null) return;
          const error = new InvalidInput(`${literal ?? variable}: must not contain control characters`, variable ? { field: variable } : undefined);
          // Thrown here, an error without an HTTP status would be answered as 500.
          throw new GraphQLError(error.message, { originalError: error, extensions: { http: { status: 400 } } });
        },
      };
    },
  };
}
