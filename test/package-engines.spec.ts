import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import semver from 'semver';

type Manifest = { engines?: { node?: string } };
type Lock = { packages: Record<string, Manifest & { version?: string }> };

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as Lock;
const declared = manifest.engines?.node ?? '';

const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('engines', () => {
  it('declares a valid Node range, the same in package.json and package-lock.json', () => {
    expect(semver.validRange(declared)).not.toBeNull();
    expect(lock.packages['']?.engines?.node).toBe(declared);
  });

  // npm only warns (EBADENGINE) when a package wants a newer Node than ours; this makes it fail.
  it('installs only packages that accept every Node version we declare', () => {
    const narrower = Object.entries(lock.packages)
      .filter(([path, pkg]) => path !== '' && pkg.engines?.node !== undefined)
      .filter(([, pkg]) => !semver.subset(declared, pkg.engines!.node!))
      .map(([path, pkg]) => `${nameOf(path)}@${pkg.version} wants node ${pkg.engines!.node}`);
    expect(narrower).toEqual([]);
  });
});
