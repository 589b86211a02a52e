// Serves the built renderer from one folder: no path leaves it (.., encoded
// separators, NUL, symlinks pointing out), unknown extension-less paths get
// index.html (client-side routes), everything else unknown is 404.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticAnswer = { status: 200; type: string; body: Buffer } | { status: 400 | 404; message: string };

async function fileInside(root: string, path: string): Promise<string | null> {
  try {
    const real = await realpath(path);
    if (real !== root && !real.startsWith(root + sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

export async function staticFile(rendererDir: string, pathname: string): Promise<StaticAnswer> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400, message: 'Bad path.' };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((seg) => seg === '..')) {
    return { status: 400, message: 'Bad path.' };
  }
  let root: string;
  try {
    root = await realpath(resolve(rendererDir));
  } catch {
    return { status: 404, message: `The window is not built (no ${rendererDir}): run "npm run build:renderer".` };
  }
  const wanted = decoded === '/' ? '/index.html' : decoded;
  let file = await fileInside(root, join(root, wanted));
  if (!file && extname(wanted) === '') file = await fileInside(root, join(root, 'index.html'));
  if (!file) return { status: 404, message: 'Not found.' };
  return { status: 200, type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', body: await readFile(file) };
}
