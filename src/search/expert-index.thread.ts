// Entry of the worker thread that holds the search index (see expert-index.remote.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { toDoc } from './expert-doc-row.js';
import { ExpertIndex, type Place } from './expert-index.js';
import type { IndexReply, IndexRequest, RemotePage } from './expert-index.remote.js';

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

/** A page in a few typed arrays: copying them to the API thread is cheap, unlike 20 objects. */
function page(query: Extract<IndexRequest, { op: 'search' }>['query']): RemotePage {
  const { total, hasNextPage, hits } = index.search(query);
  const out: RemotePage = {
    total,
    hasNextPage,
    slots: new Int32Array(hits.length),
    scores: new Float64Array(hits.length),
    distances: new Float64Array(hits.length),
    matched: new Uint16Array(hits.length),
  };
  hits.forEach((hit, i) => {
    out.slots[i] = hit.slot;
    out.scores[i] = hit.score;
    out.distances[i] = hit.distanceKm ?? Number.NaN;
    for (const r of hit.matched) out.matched[i] |= 1 << r;
  });
  return out;
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
