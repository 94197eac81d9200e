// What the app's pages may do: load the app's own files and nothing else. Every response carries the
// Content-Security-Policy; no page navigates, opens a window, attaches a <webview> or asks for a device.
import type { Session, WebContents } from 'electron';

/** The policy on every response: the app's own files only, no eval, no plugins, never framed. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The one permission the app's page uses: writing text to the clipboard (the Copy buttons; Chromium
 * grants it only during a click). Camera, notifications, openExternal and every other one are refused.
 */
const APP_PAGE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Whether a request comes from the app's own page: the main window's main frame. */
export type AppPageTest = (contents: WebContents | null, isMainFrame: boolean) => boolean;

/** Sets the CSP header on every response of the session and refuses every permission but the page's own. */
export function guardSession(session: Session, isAppPage: AppPageTest): void {
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }),
  );
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(APP_PAGE_PERMISSIONS.has(permission) && isAppPage(contents, details.isMainFrame)),
  );
  session.setPermissionCheckHandler(
    (contents, permission, _origin, details) =>
      APP_PAGE_PERMISSIONS.has(permission) && isAppPage(contents, details.isMainFrame),
  );
}

/**
 * Keeps a page where it is: no navigation, no new window (a link opens nothing, not even in the
 * browser: the app links only to its own views) and no <webview>.
 */
export function guardContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
