// Reads the reference data shipped in data/ (CBS municipalities and provinces).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export interface MunicipalityRef {
  code: string;
  name: string;
  provinceCode: string;
  latitude: number;
  longitude: number;
}

/** The repository root: the nearest folder above this file that holds data/provinces.csv. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'data', 'provinces.csv'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('data/provinces.csv not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(projectRoot(), 'data', file), 'utf8'), { columns: true, skip_empty_lines: true });
}

export function readProvinces(): { code: string; name: string }[] {
  return readCsv('provinces.csv').map((r) => ({ code: r.code, name: r.name }));
}

export function readMunicipalities(): MunicipalityRef[] {
  return readCsv('municipalities.csv').map((r) => ({
    code: r.code,
    name: r.name,
    provinceCode: r.province_code,
    latitude: Number(r.latitude),
    longitude: Number(r.longitude),
  }));
}
