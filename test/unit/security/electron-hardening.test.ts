// Static security checks over the sources (ARCHITECTURE §3.5): they run in
// `npm test` on machines without the Electron binary, so the hardening cannot
// silently disappear in a refactor.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

function files(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) return files(rel);
    return /\.tsx?$/.test(name) ? [rel] : [];
  });
}

/** The object literal passed as webPreferences in windows.ts. */
function webPreferences(): string {
  const src = read('main/windows.ts');
  const start = src.indexOf('webPreferences: {');
  expect(start).toBeGreaterThan(0);
  return src.slice(start, src.indexOf('}', start));
}

const cspOf = (text: string) => /Content-Security-Policy"\s*content="([^"]+)"/.exec(text)?.[1];

describe('window hardening', () => {
  it.each(['sandbox: true', 'contextIsolation: true', 'nodeIntegration: false', 'webviewTag: false', 'nodeIntegrationInSubFrames: false', 'webSecurity: true'])(
    'sets %s explicitly',
    (setting) => {
      expect(webPreferences()).toContain(setting);
    },
  );

  it('uses the bundled CJS preload', () => {
    expect(webPreferences()).toContain('preload: this.#opts.preloadPath');
    expect(read('main/index.ts')).toMatch(/preload['"], ['"]index\.cjs['"]/);
  });

  it('never weakens a window anywhere in main/ or preload/', () => {
    const weak = /(nodeIntegration|nodeIntegrationInWorker|webviewTag|allowRunningInsecureContent|experimentalFeatures)\s*:\s*true|(sandbox|contextIsolation|webSecurity)\s*:\s*false/;
    const offenders = [...files('main'), ...files('preload')].filter((f) => weak.test(read(f)));
    expect(offenders).toEqual([]);
  });

  it('creates BrowserWindows only in windows.ts', () => {
    const offenders = files('main').filter((f) => f !== 'main/windows.ts' && /new BrowserWindow\(/.test(read(f)));
    expect(offenders).toEqual([]);
  });
});

describe('navigation, window.open and permissions', () => {
  const src = read('main/web-security.ts');

  it('denies every window.open', () => {
    expect(src).toMatch(/setWindowOpenHandler\([\s\S]*?return \{ action: 'deny' \}/);
    expect(src).not.toMatch(/action: 'allow'/);
  });

  it('blocks navigation and redirects away from our page', () => {
    expect(src).toMatch(/'will-navigate'/);
    expect(src).toMatch(/'will-redirect'/);
    expect(src).toMatch(/if \(isAppUrl\(url\)\) return;\s*event\.preventDefault\(\)/);
    expect(src).toMatch(/'will-attach-webview'[\s\S]*?preventDefault\(\)/);
  });

  it('hands only https links to the system browser', () => {
    expect(src).toMatch(/if \(parsed\.protocol !== 'https:'\)[\s\S]*?return;[\s\S]*?shell\.openExternal/);
  });

  it('denies permission requests and checks', () => {
    expect(src).toMatch(/setPermissionRequestHandler\([\s\S]*?callback\(false\)/);
    expect(src).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
  });

  it('is wired for the default session and every webContents', () => {
    const index = read('main/index.ts');
    expect(index).toMatch(/hardenSession\(session\.defaultSession/);
    expect(index).toMatch(/'web-contents-created'[\s\S]*?hardenWebContents\(/);
  });
});

describe('content security policy', () => {
  const header = /CONTENT_SECURITY_POLICY =\s*"([^"]+)"/.exec(read('main/web-security.ts'))?.[1];
  const meta = cspOf(read('renderer/index.html'));

  it('sends the same policy as a header that index.html carries as a meta tag', () => {
    expect(header).toBeDefined();
    expect(meta).toBe(header);
    expect(read('main/web-security.ts')).toMatch(/onHeadersReceived[\s\S]*?'Content-Security-Policy': \[CONTENT_SECURITY_POLICY\]/);
  });

  it('is strict: self only, no eval, no inline script, no plugins', () => {
    const directives = Object.fromEntries((header ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(header).not.toMatch(/unsafe-eval/);
    expect(header).not.toMatch(/\*/);
  });
});

describe('IPC and preload', () => {
  it('exposes one object built from the contract and nothing generic', () => {
    const preload = read('preload/index.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/INVOKE_CHANNELS\.map/);
    expect(preload).not.toMatch(/ipcRenderer\.(send|sendSync|sendTo|postMessage)\(/);
  });

  it('checks the sender frame before handling a call', () => {
    const ipc = read('main/ipc.ts');
    expect(ipc).toMatch(/const refused = opts\.checkSender\(event\);\s*if \(refused\)/);
    expect(ipc).toMatch(/frame\.parent !== null/);
  });

  it('keeps one instance', () => {
    expect(read('main/index.ts')).toMatch(/requestSingleInstanceLock\(\)/);
  });
});
