// `npm start`: build, then open the extension in a real VS Code.
//  - With the desktop `code` on PATH: `code --extensionDevelopmentPath=<this folder>`.
//  - Otherwise: code-server on 127.0.0.1 with the extension loaded in development mode; open the
//    printed URL in a browser. Settings and lesson progress persist in .cache/start between runs.
//    Ctrl+C stops it. PORT=<n> picks the port (default: a free one).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './setup.mjs';
import { remoteUri, startVsCode, workbenchUrl } from './vscodeSession.mjs';

const build = spawnSync('node', ['esbuild.js'], { cwd: repoRoot, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const hasDesktopCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
if (hasDesktopCode && !process.env.NORMALIZATION_LAB_USE_CODE_SERVER) {
  const code = spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, repoRoot], { stdio: 'inherit' });
  code.on('exit', (status) => process.exit(status ?? 0));
} else {
  const scratch = path.join(repoRoot, '.cache', 'start');
  fs.mkdirSync(scratch, { recursive: true });
  const session = await startVsCode({
    scratch,
    workspace: repoRoot,
    browser: false,
    port: process.env.PORT ? Number(process.env.PORT) : undefined,
  });
  const url = workbenchUrl(session, [['extensionDevelopmentPath', remoteUri(repoRoot)]]);
  console.log(`\nNormalization Lab is running in code-server (VS Code in the browser). Open:\n\n  ${url}\n\nCtrl+C stops it.`);
  const stop = async () => {
    await session.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  session.server.on('exit', (status) => process.exit(status ?? 1));
}
