import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * Serves the page (src/sandbox/page: plain HTML, CSS and ES modules, no build step). The folder is found next to
 * this module when running from source (tsx) or when the build copied it into dist/src/sandbox/page; from a dist
 * build without that copy it falls back to the source folder three levels up. Files are read once at start-up and
 * only names that exist in the folder are served, so no request path ever reaches the file system.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * The page builds its DOM with textContent and never uses innerHTML, so a strict policy costs nothing; it is the
 * second line of defence should some app text ever be rendered unsafely. Images may come from anywhere over https
 * (Block Kit image blocks) but run no code.
 */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface StaticFiles {
  /** Answers and returns true when `pathname` is one of the page's files. */
  serve(pathname: string, res: ServerResponse): boolean;
}

export function pageDirectory(moduleDir: string): string {
  const candidates = [path.join(moduleDir, 'page'), path.resolve(moduleDir, '../../../src/sandbox/page')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`The sandbox page was not found (looked in ${candidates.join(', ')}). Copy src/sandbox/page next to the built sandbox.`);
  return found;
}

export async function loadStaticFiles(dir: string): Promise<StaticFiles> {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of await readdir(dir)) {
    const type = TYPES[path.extname(name)];
    if (type) files.set(`/${name}`, { body: await readFile(path.join(dir, name)), type });
  }
  return {
    serve(pathname, res) {
      const file = files.get(pathname === '/' ? '/index.html' : pathname);
      if (!file) return false;
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length, 'cache-control': 'no-cache', ...SECURITY_HEADERS });
      res.end(file.body);
      return true;
    },
  };
}
