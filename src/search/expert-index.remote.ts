// The search index in a worker thread of its own. A search for a popular discipline scores tens
// of thousands of people (0.1–1 ms, more for a group); on the API's event loop that time is
// taken from every other request. In a thread it runs beside the event loop, on another core,
// while the event loop goes on with HTTP and GraphQL (BENCHMARKS.md, issue #3).
//
// The thread holds what searching needs (postings, words, the packed facts); this side keeps
// each person's public profile by the slot the thread gave them, so a search's answer crossing
// over is one typed array of numbers. Requests are answered in the order they are sent, so a search
// sent after an update sees it, and the slots of an answer are read before any later change.
// Each answer is handled as it arrives, before the next one.
import { Worker } from 'node:worker_threads';
import type { DocRow } from './expert-doc-row.js';
import { type ExpertHit, type ExpertOffer, type ExpertProfile, type ExpertQuery, type ExpertResult, type Place, SharedStrings, toProfile } from './expert-index.js';

/**
 * A page of hits as the thread sends it: per hit, the slot, the score, the distance (NaN for
 * none) and the requested disciplines met (bit r for discipline r), in that order.
 */
export interface RemotePage {
  total: number;
  hasNextPage: boolean;
  hits: Float64Array;
}
export const HIT_FIELDS = 4;

export type IndexRequest =
  | { id: number; op: 'upsert'; rows: DocRow[] }
  | { id: number; op: 'remove'; ids: string[] }
  | { id: number; op: 'search'; query: ExpertQuery }
  | { id: number; op: 'offering'; disciplineIds: number[]; excluded: string[] };

type Request = IndexRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The answer to an upsert or remove: the slot of each person (-1: was not there), and how many people there are now. */
interface Changed {
  slots: Int32Array;
  size: number;
}

export type IndexReply = { id: number; result: unknown } | { id: number; error: string };

interface Waiting {
  /** Runs on the answer as it arrives; the request's promise resolves with what it returns. */
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class RemoteExpertIndex {
  private readonly worker: Worker;
  /** By the person's slot in the thread's index; null for a free slot. */
  private readonly profiles: (ExpertProfile | null)[] = [];
  private people = 0;
  private readonly strings = new SharedStrings();
  private readonly pending = new Map<number, Waiting>();
  private nextId = 1;
  private failure: Error | null = null;
  /** The last request sent, settled: the thread answers in order, so every earlier one is too. */
  private last: Promise<unknown> = Promise.resolve();

  /** @param maxHeapMb the thread's heap limit (V8's default when not given) */
  constructor(places: readonly Place[], maxHeapMb?: number) {
    this.worker = new Worker(new URL('./expert-index.thread.js', import.meta.url), {
      workerData: { places },
      resourceLimits: maxHeapMb ? { maxOldGenerationSizeMb: maxHeapMb } : undefined,
    });
    // The thread never keeps the process alive: close() ends it on shutdown.
    this.worker.unref();
    this.worker.on('message', (reply: IndexReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.result);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`The search index thread exited (code ${code})`)));
  }

  /** People in the index. */
  get size(): number {
    return this.people;
  }

  /** Whether the thread died: the index must be loaded again into a new one. */
  get failed(): boolean {
    return this.failure !== null;
  }

  /** Adds or replaces people. */
  async upsert(rows: DocRow[]): Promise<void> {
    const profiles = rows.map((row) => toProfile(row, this.strings));
    await this.request({ op: 'upsert', rows }, ({ slots, size }: Changed) => {
      for (let i = 0; i < slots.length; i++) this.profiles[slots[i]] = profiles[i];
      this.people = size;
    });
  }

  /** Removes people. */
  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.request({ op: 'remove', ids }, ({ slots, size }: Changed) => {
      for (const slot of slots) if (slot >= 0) this.profiles[slot] = null;
      this.people = size;
    });
  }

  search(query: ExpertQuery): Promise<ExpertResult> {
    return this.request({ op: 'search', query }, (page: RemotePage): ExpertResult => {
      const hits: ExpertHit[] = [];
      for (let at = 0; at < page.hits.length; at += HIT_FIELDS) {
        const slot = page.hits[at];
        const distance = page.hits[at + 2];
        const bits = page.hits[at + 3];
        const matched: number[] = [];
        for (let r = 0; 1 << r <= bits; r++) if (bits & (1 << r)) matched.push(r);
        hits.push({ profile: this.profiles[slot]!, slot, score: page.hits[at + 1], matched, distanceKm: Number.isNaN(distance) ? null : distance });
      }
      return { total: page.total, hasNextPage: page.hasNextPage, hits };
    });
  }

  /** Everyone opted in who offers any of the disciplines (at any level), except `excluded`. */
  offering(disciplineIds: number[], excluded: ReadonlySet<string>): Promise<{ profile: ExpertProfile; offers: ExpertOffer[] }[]> {
    return this.request({ op: 'offering', disciplineIds, excluded: [...excluded] }, (found: { slot: number; offers: ExpertOffer[] }[]) =>
      found.map(({ slot, offers }) => ({ profile: this.profiles[slot]!, offers })),
    );
  }

  /** Ends the thread once the requests sent so far are answered. */
  async close(): Promise<void> {
    await this.last;
    this.failure ??= new Error('The search index thread was closed');
    await this.worker.terminate();
  }

  /** `handle` runs on the answer as it arrives, before any answer to a later request is handled. */
  private request<A, T>(request: Request, handle: (answer: A) => T): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const answered = new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (value) => {
          try {
            resolve(handle(value as A));
          } catch (error) {
            reject(error as Error);
          }
        },
        reject,
      });
      this.worker.postMessage({ ...request, id });
    });
    this.last = answered.catch(() => undefined);
    return answered;
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
