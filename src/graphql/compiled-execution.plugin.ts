// Executes the queries a client sends again and again with graphql-jit instead of graphql-js.
//
// graphql-js interprets the query for every field of every answer: a page of 20 search results
// is about 200 field executions, each with its own argument coercion, path and promise
// bookkeeping. graphql-jit compiles a query once into a function that does the same work
// directly (BENCHMARKS.md, issue #3). Apollo Server has no executor option; its
// `responseForOperation` hook is the documented way for a plugin to answer an operation itself.
//
// What stays with graphql-js, through Apollo's own pipeline:
// - mutations and subscriptions (never run twice, see below);
// - a query the first time it is seen (compiling costs more than one execution, and a client
//   that sends ever-new queries must not make the server compile them all);
// - any answer that has errors (or a compiled execution that threw). graphql-jit's result is
//   then dropped and the query executed again by graphql-js, so every error reaches the client
//   through Apollo's error handling and `formatError` (graphql-errors.ts), exactly as without
//   this plugin. Queries only read (the rate limits apply to sign-in mutations), so running one
//   twice changes nothing but the cost of that error path.
//
// Parsing, validation and the query limits (query-limits.ts) run before this hook as before.
import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { Logger } from '@nestjs/common';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/**
 * Distinct queries whose compiled form (or sighting count) is kept. A client application sends
 * a fixed set of queries; a compiled one holds its generated code (tens of KB).
 */
const CACHE_SIZE = 500;
/** Executions by graphql-js before a query is compiled. */
const COMPILE_AFTER = 1;

interface Entry {
  seen: number;
  /** The compiled query; null when graphql-jit could not compile it (graphql-js runs it). */
  compiled?: CompiledQuery | null;
  schema?: GraphQLSchema;
}

/** What the plugin did, for tests and diagnostics. */
export interface CompiledExecutionCounts {
  /** Answers that graphql-jit produced. */
  compiled: number;
  /** Compiled executions whose answer had errors, so graphql-js ran the query again. */
  redone: number;
}

export function compiledExecutionPlugin<TContext extends object>(
  counts: CompiledExecutionCounts = { compiled: 0, redone: 0 },
): ApolloServerPlugin<TContext> {
  const entries = new LRUCache<string, Entry>({ max: CACHE_SIZE });
  const logger = new Logger('GraphQL');

  function compile(context: GraphQLRequestContextResponseForOperation<TContext>, operationName: string | undefined): CompiledQuery | null {
    try {
      const result = compileQuery(context.schema, context.document, operationName);
      return isCompiledQuery(result) ? result : null;
    } catch (error) {
      logger.warn({ err: error, operationName }, 'graphql-jit could not compile a query; graphql-js runs it');
      return null;
    }
  }

  function compiledFor(context: GraphQLRequestContextResponseForOperation<TContext>): CompiledQuery | null {
    const operationName = context.request.operationName ?? undefined;
    const key = `${context.queryHash}\0${operationName ?? ''}`;
    let entry = entries.get(key);
    if (!entry) {
      entries.set(key, { seen: 1 });
      return null;
    }
    if (entry.compiled === undefined || entry.schema !== context.schema) {
      if (++entry.seen <= COMPILE_AFTER) return null;
      entry = { seen: entry.seen, compiled: compile(context, operationName), schema: context.schema };
      entries.set(key, entry);
    }
    return entry.compiled ?? null;
  }

  return {
    async requestDidStart() {
      return {
        async responseForOperation(context): Promise<GraphQLResponse | null> {
          // Apollo's type says `operation` is always set here, but it is undefined when
          // operationName names no operation of the document, or a document of several operations
          // comes without one; graphql-js then answers OPERATION_RESOLUTION_FAILURE (HTTP 400).
          if (context.operation?.operation !== 'query') return null;
          const compiled = compiledFor(context);
          if (!compiled) return null;
          const result = await Promise.resolve()
            .then(() => compiled.query(undefined, context.contextValue, context.request.variables ?? {}))
            .catch(() => null);
          if (result === null || result.errors?.length) {
            counts.redone += 1;
            return null;
          }
          counts.compiled += 1;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: result.data } } };
        },
      };
    },
  };
}
