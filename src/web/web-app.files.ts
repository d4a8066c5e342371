import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { projectRoot } from '../database/reference-data.js';

/** Where `npm run build` puts the web app (web/vite.config.ts). */
export function webAppDir(): string {
  return join(projectRoot(), 'dist', 'web');
}

/** The built app's index.html, read once (a new build needs a restart, as the server's own code does). */
@Injectable()
export class WebAppFiles {
  private html: string | null | undefined;

  indexHtml(): string | null {
    if (this.html === undefined) {
      try {
        this.html = readFileSync(join(webAppDir(), 'index.html'), 'utf8');
      } catch {
        this.html = null;
      }
    }
    return this.html;
  }
}
