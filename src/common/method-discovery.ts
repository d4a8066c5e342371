// Finds, at start-up, the methods of every provider that carry a given metadata key: how a
// feature's handlers (jobs/job-handlers.ts, mail/outbox/outbox-composer.ts) reach a core module
// that may not import the feature.
import type { DiscoveryService, MetadataScanner } from '@nestjs/core';

export interface DiscoveredMethod<M> {
  meta: M;
  /** `Class.method`, for error messages and logs. */
  where: string;
  /** The method, bound to its provider. */
  call: (...args: never[]) => unknown;
}

/** Every method of every (static, instantiated) provider whose metadata under `key` is set. */
export function discoverMethods<M>(discovery: DiscoveryService, scanner: MetadataScanner, key: string): DiscoveredMethod<M>[] {
  const found: DiscoveredMethod<M>[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance: unknown = wrapper.instance;
    if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
    const prototype = Object.getPrototypeOf(instance) as object | null;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const fn = (instance as Record<string, unknown>)[method];
      if (typeof fn !== 'function') continue;
      const meta = Reflect.getMetadata(key, fn) as M | undefined;
      if (meta === undefined) continue;
      found.push({ meta, where: `${instance.constructor.name}.${method}`, call: (fn as (...args: never[]) => unknown).bind(instance) });
    }
  }
  return found;
}
