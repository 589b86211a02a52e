// Session and webContents hardening (ARCHITECTURE §3.5): every permission
// request denied, window.open denied, navigation away from our page blocked,
// only https links handed to the system browser, <webview> refused, and the
// CSP sent as a header too (the renderer's index.html carries the same meta).
import { shell, type Session, type WebContents } from 'electron';
import type { Logger } from './core/logger';

/** The same policy as renderer/index.html's meta tag; recharts needs inline styles. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

/** Links open in the system browser only when they are https (Fiddle's safelyOpenWebURL). */
function openExternalIfHttps(url: string, log: Logger): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'https:') {
    log.warn('refused to open a non-https link', { protocol: parsed.protocol });
    return;
  }
  void shell.openExternal(parsed.toString()).catch((e: unknown) => log.warn('could not open the link', { error: e }));
}

export function hardenSession(session: Session, logger: Logger): void {
  const log = logger.child('security');
  session.setPermissionRequestHandler((_wc, permission, callback) => {
    log.warn('permission request denied', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function hardenWebContents(contents: WebContents, isAppUrl: (url: string) => boolean, logger: Logger): void {
  const log = logger.child('security');
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfHttps(url, log);
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log.warn('navigation away from the app blocked');
    openExternalIfHttps(url, log);
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
}
