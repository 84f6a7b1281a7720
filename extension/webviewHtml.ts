// The webview's HTML shell: a strict Content-Security-Policy, scripts only with a nonce, and
// resources only from the bundled dist/ folder.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { logError } from './log';

let fontQuery: string | undefined;

/**
 * The query codicon.css puts on its font's URL (a content hash), so that the preload in the
 * HTML is the very request the stylesheet makes. Read once.
 */
function codiconFontQuery(extensionUri: vscode.Uri): string {
  if (fontQuery === undefined) {
    try {
      const css = readFileSync(vscode.Uri.joinPath(extensionUri, 'dist', 'codicon.css').fsPath, 'utf8');
      fontQuery = /codicon\.ttf(\?[^"')]*)?/.exec(css)?.[1] ?? '';
    } catch (e) {
      // The icons still load, only without the preload matching their request.
      logError('Reading dist/codicon.css for the icon font\'s URL', e);
      fontQuery = '';
    }
  }
  return fontQuery;
}

/**
 * The icon font is preloaded with the styles rather than fetched when the first icon is drawn:
 * the first rows come with 'init' and can be on screen before such a late request is answered,
 * and in VS Code for the Web a webview closed while one of its resource requests is still open
 * leaves the next webview waiting for that request to time out (30 s) before it loads.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', name)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="preload" href="${asset('codicon.ttf')}${codiconFontQuery(extensionUri)}" as="font" type="font/ttf" crossorigin>
<link rel="stylesheet" href="${asset('codicon.css')}">
<link rel="stylesheet" href="${asset('webview.css')}">
<title>Large File Editor</title>
</head>
<body>
<div id="app" role="application" aria-label="Large File Editor"></div>
<script nonce="${nonce}" src="${asset('webview.js')}"></script>
</body>
</html>`;
}
