// URLs of the code-server workbench. Shared by the harness, `npm start` and the e2e tests.
import path from 'node:path';

/**
 * The URI by which the browser workbench names a path on the code-server machine. Plain file
 * paths in the payload are not understood ("No extension host found that can launch the test
 * runner"); this form is.
 * @param {number} port
 * @param {string} absPath
 */
export function remoteUri(port, absPath) {
  // The workbench percent-decodes the path, so a '%', '#' or '?' in a file name must be encoded.
  const encoded = absPath.split(path.sep).map(encodeURIComponent).join('/');
  return `vscode-remote://127.0.0.1:${port}${encoded}`;
}

/**
 * A workbench URL that opens `folder`. `openFile` names a file to open at startup; `payload`
 * adds other startup options the web workbench reads (extensionDevelopmentPath,
 * extensionTestsPath, ...).
 * @param {string} baseUrl  e.g. http://127.0.0.1:8080/
 * @param {{ folder?: string, openFile?: string, payload?: ReadonlyArray<readonly [string, string]> }} options
 */
export function workbenchUrl(baseUrl, { folder, openFile, payload = [] }) {
  const url = new URL(baseUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const all = [...payload];
  if (openFile) all.push(['openFile', remoteUri(port, openFile)]);
  if (folder) url.searchParams.set('folder', folder);
  if (all.length > 0) url.searchParams.set('payload', JSON.stringify(all));
  return url.toString();
}
