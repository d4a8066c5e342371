// Entry of the worker thread that holds the search index (see expert-index.remote.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { toDoc } from './expert-doc-row.js';
import { ExpertIndex, type Place } from './expert-index.js';
import { HIT_FIELDS, type IndexReply, type IndexRequest, type RemotePage } from './expert-index.remote.js';

const index = new ExpertIndex((workerData as { places: Place[] }).places);

function answer(request: IndexRequest): unknown {
  switch (request.op) {
    case 'upsert': {
      const slots = Int32Array.from(request.rows, (row) => index.upsert(toDoc(row)));
      return { slots, size: index.size };
    }
    case 'remove': {
      const slots = Int32Array.from(request.ids, (id) => index.remove(id));
      return { slots, size: index.size };
    }
    case 'search':
      return page(request.query);
    case 'offering':
      return index.offering(request.disciplineIds, new Set(request.excluded)).map(({ slot, offers }) => ({ slot, offers }));
  }
}

/**
 * A page in one typed array, four numbers a hit (HIT_FIELDS): copying it to the API thread is
 * cheap, unlike 20 objects or one typed array per column (each a buffer of its own to allocate).
 */
function page(query: Extract<IndexRequest, { op: 'search' }>['query']): RemotePage {
  const { total, hasNextPage, hits } = index.search(query);
  const values = new Float64Array(hits.length * HIT_FIELDS);
  hits.forEach((hit, i) => {
    let matched = 0;
    for (const r of hit.matched) matched |= 1 << r;
    values.set([hit.slot, hit.score, hit.distanceKm ?? Number.NaN, matched], i * HIT_FIELDS);
  });
  return { total, hasNextPage, hits: values };
}

parentPort!.on('message', (request: IndexRequest) => {
  let reply: IndexReply;
  try {
    reply = { id: request.id, result: answer(request) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
