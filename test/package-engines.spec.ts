import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import semver from 'semver';

type Manifest = { engines?: { node?: string } };
type Lock = { packages: Record<string, Manifest & { version?: string }> };

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as Lock;
const declared = manifest.engines?.node ?? '';

/**
 * Installed packages whose `engines.node` is narrower than ours, with the reason we keep them.
 * nestjs-pino 5 is the only line made for Nest 12 and declares Node >=22.12 in every release; its
 * ESM build (the one we import) runs on Node 20.19+, which every e2e test shows on Node 20. The
 * v4 line declares Node >=14 but is CommonJS written for Nest <=11: against Nest 12 (ESM only) its
 * module types resolve to `any`.
 */
const narrowerOnPurpose: Record<string, string> = { 'nestjs-pino': '>=22.12.0' };

const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('engines', () => {
  it('declares a valid Node range, the same in package.json and package-lock.json', () => {
    expect(semver.validRange(declared)).not.toBeNull();
    expect(lock.packages['']?.engines?.node).toBe(declared);
  });

  it('installs only packages that accept every Node version we declare', () => {
    const narrower = Object.entries(lock.packages)
      .filter(([path, pkg]) => path !== '' && pkg.engines?.node !== undefined)
      .filter(([, pkg]) => !semver.subset(declared, pkg.engines!.node!))
      .map(([path, pkg]) => `${nameOf(path)}@${pkg.version} wants node ${pkg.engines!.node}`);
    const expected = Object.entries(lock.packages)
      .filter(([path]) => narrowerOnPurpose[nameOf(path)] !== undefined)
      .map(([path, pkg]) => `${nameOf(path)}@${pkg.version} wants node ${pkg.engines?.node}`);
    // An exception that no longer applies fails too, so the list above never outlives its reason.
    expect(narrower.sort()).toEqual(expected.sort());
    for (const [name, range] of Object.entries(narrowerOnPurpose)) {
      expect(expected.some((line) => line.startsWith(`${name}@`) && line.endsWith(`node ${range}`))).toBe(true);
    }
  });
});
