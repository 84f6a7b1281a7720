// `npm start`: builds and packages the extension, generates a multi-GB sample log once, and
// serves VS Code for the browser (code-server, on 127.0.0.1 only) with the packaged extension
// installed and the sample open in the Large File Editor. Prints the URL; Ctrl+C stops it.
//   PORT=8080 npm start      the short address on a fixed port instead of a free one
//   SAMPLE_SIZE=8G npm start a bigger (or smaller) sample
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { ensureCodeServer } from './code-server/install.mjs';
import { declareDisplayLanguage, freshProfile, installExtension, startCodeServer } from './code-server/server.mjs';
import { startRedirect } from './code-server/redirect.mjs';
import { workbenchUrl } from './code-server/urls.mjs';
import { generate, parseSize } from './generate.mjs';
import { mustRun } from './lib/run.mjs';
import { packageVsix } from './package.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sampleDir = path.join(root, '.cache', 'sample');
const sample = path.join(sampleDir, 'sample.log');
const size = parseSize(process.env.SAMPLE_SIZE ?? '2G');

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

async function main() {
  await mustRun(process.execPath, [path.join(root, 'scripts', 'prereqs.mjs'), 'start'], { timeoutMs: 20 * 60_000 });
  // The compilers, vsce and code-server say a lot: it goes to a log, and only a failure's end shows.
  mkdirSync(path.join(root, 'results'), { recursive: true });
  const buildLog = path.join(root, 'results', 'npm-start.log');
  rmSync(buildLog, { force: true });
  console.log(`Building and packaging the extension (details: ${path.relative(root, buildLog)})…`);
  await build({ logFile: buildLog });
  const vsix = await packageVsix({ logFile: buildLog });

  mkdirSync(sampleDir, { recursive: true });
  console.log(`Sample log: ${path.relative(root, sample)} (${(size / 2 ** 30).toFixed(1)} GiB; generated once, then reused)…`);
  generate('log', size, sample);

  console.log('Starting VS Code for the browser (code-server)…');
  const codeServer = await ensureCodeServer();
  // A new profile each start: the installed extension is always the one just built.
  const profiles = path.join(root, '.vscode-test', 'start');
  rmSync(profiles, { recursive: true, force: true });
  const profile = freshProfile(profiles, {
    // Opens logs in this editor; the extension also takes over any file this big opened as text
    // (the association alone can lose to the workbench's first start).
    'workbench.editorAssociations': { '*.log': 'largeFile.editor' },
    'files.exclude': { '**/*.stamp': true },
  });
  await installExtension(codeServer, profile, vsix, { logFile: buildLog });
  if (process.env.LFE_LOCALE) declareDisplayLanguage(profile, process.env.LFE_LOCALE);

  const log = path.join(profile.dir, 'code-server.log');
  // LFE_LOCALE=zh-cn npm start: VS Code (and the extension) in Simplified Chinese.
  const server = await startCodeServer(codeServer, { profile, folder: sampleDir, logFile: log, locale: process.env.LFE_LOCALE });
  const long = workbenchUrl(server.url, { folder: sampleDir, openFile: sample });
  const short = await startRedirect(long, process.env.PORT ? Number(process.env.PORT) : 0);

  console.log(`
VS Code is running with the Large File Editor and the sample log open. Open:

    ${short.url}

Files open read-only: the first key you type offers In place (Enter) or Copy (C). code-server
saves files automatically (files.autoSave: afterDelay), but the Large File Editor writes a file
only when you save it yourself: Ctrl+S in the editor.
Ctrl+C stops it. Server log: ${path.relative(root, log)}; the .vsix: ${path.relative(root, vsix)}.`);
  if (onPath('code')) {
    console.log(`A desktop VS Code is on your PATH too: code --install-extension ${path.relative(root, vsix)} && code ${path.relative(root, sample)}`);
  }
  await new Promise((resolve) => server.process.once('exit', resolve));
  short.close();
  console.error('code-server exited.');
  process.exit(1);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
