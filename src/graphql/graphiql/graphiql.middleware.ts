import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { GRAPHQL_PATH } from '../graphql-context.js';
import { type GraphiQLAsset, graphiQLAssets } from './graphiql-assets.js';

const { version } = createRequire(import.meta.url)('@graphql-yoga/render-graphiql/package.json') as { version: string };

/** The version is in the path, so a browser may keep the files for good and never mixes two versions. */
export const GRAPHIQL_ASSETS_PATH = `/graphiql/${version}`;

/**
 * Both the page and its files name only this origin; the CSP makes the browser hold to that. Monaco
 * adds style elements of its own and starts its workers from these same files.
 */
const PAGE_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:";

/** Express sets `originalUrl`: the URL before the middleware's mount path was cut off. */
type Request = IncomingMessage & { originalUrl?: string };
type Next = (error?: unknown) => void;

/**
 * GraphiQL served from the app's own files (outside production), so it works with no network:
 * a browser's GET of the GraphQL endpoint gets the page, `GRAPHIQL_ASSETS_PATH/*` the files.
 */
@Injectable()
export class GraphiQLMiddleware implements NestMiddleware<Request, ServerResponse> {
  private assets?: Promise<{ page: string; files: Map<string, GraphiQLAsset> }>;

  async use(req: Request, res: ServerResponse, next: Next): Promise<void> {
    const path = (req.originalUrl ?? req.url ?? '').split('?')[0]!;
    if (path.startsWith(`${GRAPHIQL_ASSETS_PATH}/`)) {
      const file = (await this.load()).files.get(path.slice(GRAPHIQL_ASSETS_PATH.length + 1));
      if (!file) return next();
      res.setHeader('content-type', file.contentType);
      res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      res.setHeader('x-content-type-options', 'nosniff');
      res.end(file.body);
      return;
    }
    if (!wantsPage(req)) return next();
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-security-policy', PAGE_CSP);
    res.end((await this.load()).page);
  }

  /** About 9 MB of scripts: read on the first visit only, never in a process that serves none. */
  private load() {
    this.assets ??= import('@graphql-yoga/render-graphiql/graphiql').then((bundle) => graphiQLAssets(bundle, GRAPHIQL_ASSETS_PATH, GRAPHQL_PATH));
    return this.assets;
  }
}

/** A browser opening the address asks for HTML; GraphQL over GET asks for JSON and goes on to Apollo. */
function wantsPage(req: IncomingMessage): boolean {
  return req.method === 'GET' && /\btext\/html\b/.test(req.headers.accept ?? '');
}
