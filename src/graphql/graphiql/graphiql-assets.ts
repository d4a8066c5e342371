/** What `@graphql-yoga/render-graphiql/graphiql` exports: GraphiQL 5 with React and Monaco, built into plain scripts. */
export interface GraphiQLBundle {
  js: string;
  css: string;
  /** A `data:` URL. */
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

export interface GraphiQLAsset {
  contentType: string;
  body: Buffer;
}

const JS = 'text/javascript; charset=utf-8';
const PAGE_CSS = 'html, body, #graphiql { height: 100%; margin: 0; }';

/** Monaco asks for a worker by label; any label it has no worker of its own for runs in the editor worker. */
const WORKERS = { json: 'json.worker.js', graphql: 'graphql.worker.js', editorWorkerService: 'editor.worker.js' } as const;

/**
 * The GraphiQL page and every file it loads, all under `base` on this origin, so GraphiQL works
 * offline and a page CSP of `'self'` holds. Nothing is inline: the page only points at files.
 */
export function graphiQLAssets(bundle: GraphiQLBundle, base: string, endpoint: string): { page: string; files: Map<string, GraphiQLAsset> } {
  const workerUrls = Object.fromEntries(Object.entries(WORKERS).map(([label, file]) => [label, `${base}/${file}`]));
  const environment = `self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId, label) => { const urls = ${JSON.stringify(workerUrls)}; return urls[label] ?? urls.editorWorkerService; },
};
`;
  const start = `YogaGraphiQL.renderYogaGraphiQL(document.getElementById('graphiql'), ${JSON.stringify({
    endpoint,
    title: 'Verbinder GraphiQL',
    defaultQuery: '{\n  provinces {\n    code\n    name\n  }\n}\n',
  })});
`;
  const favicon = /^data:([^;,]+);base64,(.*)$/.exec(bundle.favicon);
  const files = new Map<string, GraphiQLAsset>([
    ['graphiql.css', { contentType: 'text/css; charset=utf-8', body: Buffer.from(`${bundle.css}\n${PAGE_CSS}`) }],
    ['monaco-environment.js', { contentType: JS, body: Buffer.from(environment) }],
    ['graphiql.js', { contentType: JS, body: Buffer.from(bundle.js) }],
    ['start.js', { contentType: JS, body: Buffer.from(start) }],
    [WORKERS.editorWorkerService, { contentType: JS, body: Buffer.from(bundle.editorWorkerService) }],
    [WORKERS.json, { contentType: JS, body: Buffer.from(bundle.jsonWorker) }],
    [WORKERS.graphql, { contentType: JS, body: Buffer.from(bundle.graphqlWorker) }],
    ...(favicon ? [['favicon.ico', { contentType: favicon[1]!, body: Buffer.from(favicon[2]!, 'base64') }] as const] : []),
  ]);
  const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Verbinder GraphiQL</title>
    ${favicon ? `<link rel="icon" href="${base}/favicon.ico" />` : ''}
    <link rel="stylesheet" href="${base}/graphiql.css" />
  </head>
  <body>
    <div id="graphiql"></div>
    <script src="${base}/monaco-environment.js"></script>
    <script src="${base}/graphiql.js"></script>
    <script src="${base}/start.js"></script>
  </body>
</html>
`;
  return { page, files };
}
