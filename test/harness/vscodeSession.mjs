// One real VS Code session for tests: code-server on 127.0.0.1 (free port, fresh folders) plus
// Debian's chromium driven by playwright-core. Everything started here runs in its own process
// group and is stopped, pass or fail, by `close()`.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as util from 'node:util';
import { chromium } from 'playwright-core';
import { cacheRoot, ensureToolchain, repoRoot } from './setup.mjs';

const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Kills a whole process group: TERM, then KILL if anything is left after a grace period. */
async function killGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  };
  signalGroup('SIGTERM');
  const exited = await Promise.race([
    new Promise((resolve) => child.once('exit', () => resolve(true))),
    new Promise((resolve) => setTimeout(() => resolve(false), 3000)),
  ]);
  if (!exited) signalGroup('SIGKILL');
}

async function waitForHealth(url, child, limitMs) {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer /healthz within ${limitMs} ms`);
}

function writeJson(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

/**
 * Starts code-server with fresh user-data, extensions and XDG folders under a scratch folder.
 * `options.vsix`: install this packaged extension first (installed mode).
 * `options.settings`: extra user settings (e.g. a colour theme).
 * `options.locale`: VS Code's display language.
 * `options.keybindings`: user keybindings (a UI test reaches a test-only command through one).
 */
export async function startVsCode(options = {}) {
  const toolchain = ensureToolchain();
  const scratchParent = path.join(cacheRoot, 'runs');
  fs.mkdirSync(scratchParent, { recursive: true });
  const scratch = options.scratch ?? fs.mkdtempSync(path.join(scratchParent, `${options.name ?? 'run'}-`));
  const folders = {
    userData: path.join(scratch, 'user-data'),
    extensions: path.join(scratch, 'extensions'),
    workspace: options.workspace ?? path.join(scratch, 'workspace'),
    xdg: path.join(scratch, 'xdg'),
    home: path.join(scratch, 'home'),
  };
  for (const folder of Object.values(folders)) fs.mkdirSync(folder, { recursive: true });
  // VS Code puts its IPC sockets here and requires a private folder.
  fs.mkdirSync(path.join(folders.xdg, 'runtime'), { recursive: true, mode: 0o700 });
  writeJson(path.join(folders.userData, 'User', 'settings.json'), { ...quietSettings, ...(options.settings ?? {}) });
  if (options.keybindings) writeJson(path.join(folders.userData, 'User', 'keybindings.json'), options.keybindings);
  const configFile = path.join(scratch, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  const env = {
    ...toolchain.env24,
    HOME: folders.home,
    XDG_CONFIG_HOME: path.join(folders.xdg, 'config'),
    XDG_DATA_HOME: path.join(folders.xdg, 'data'),
    XDG_CACHE_HOME: path.join(folders.xdg, 'cache'),
    XDG_RUNTIME_DIR: path.join(folders.xdg, 'runtime'),
    VSCODE_CLI: undefined,
    ELECTRON_RUN_AS_NODE: undefined,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];

  const common = [
    '--config', configFile,
    '--user-data-dir', folders.userData,
    '--extensions-dir', folders.extensions,
  ];
  if (options.vsix) {
    const install = spawn(toolchain.nodeBin, [toolchain.codeServerEntry, ...common, '--install-extension', options.vsix, '--force'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    install.stdout.on('data', (chunk) => (output += chunk));
    install.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => install.on('exit', resolve));
    if (code !== 0) throw new Error(`installing ${options.vsix} failed (exit ${code}):\n${output}`);
  }

  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const serverLog = fs.openSync(path.join(scratch, 'code-server.log'), 'w');
  const server = spawn(
    toolchain.nodeBin,
    [
      toolchain.codeServerEntry,
      ...common,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-proxy',
      '--ignore-last-opened',
      '--reconnection-grace-time', '5',
      ...(options.locale ? ['--locale', options.locale] : []),
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    { env, detached: true, stdio: ['ignore', serverLog, serverLog] },
  );
  const session = { scratch, folders, url, server, browser: undefined, page: undefined, logs: [] };
  session.close = async () => {
    await session.browser?.close().catch(() => undefined);
    await killGroup(server);
    fs.closeSync(serverLog);
    // A run's scratch folder is thrown away unless asked to keep it (NORMALIZATION_LAB_KEEP_RUNS=1,
    // for reading code-server's logs); a persistent folder passed in (npm start) is always kept.
    if (!options.scratch && !process.env.NORMALIZATION_LAB_KEEP_RUNS) fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, server, 30_000);
    if (options.browser === false) return session;
    const profile = path.join(scratch, 'chromium-profile');
    session.browser = await chromium.launchPersistentContext(profile, {
      executablePath: toolchain.chromium,
      viewport: { width: 1400, height: 900 },
      headless: true,
      timeout: 30_000,
      env: { ...process.env, HOME: folders.home, XDG_CONFIG_HOME: path.join(folders.xdg, 'chromium') },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    session.page = session.browser.pages()[0] ?? (await session.browser.newPage());
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}

/** The workbench URL: opens the workspace, and (payload) loads extensions or tests. */
export function workbenchUrl(session, payload = []) {
  const params = new URLSearchParams({ folder: session.folders.workspace });
  if (payload.length > 0) params.set('payload', JSON.stringify(payload));
  return `${session.url}/?${params.toString()}`;
}

/**
 * A path inside this machine, as the workbench reaches it through code-server. The Node extension
 * host accepts any authority (`remote`); the web worker host needs the session's real one
 * (`127.0.0.1:PORT`): the workbench runs the tests in the host of the extension whose folder holds
 * them, and compares the URIs with their authority.
 */
export function remoteUri(absolutePath, authority = 'remote') {
  return `vscode-remote://${authority}${absolutePath}`;
}

/** The user setting that moves an extension (id `publisher.name`) into the browser's web worker extension host. */
export function webWorkerSettings(extensionId) {
  return { 'remote.extensionKind': { [extensionId]: ['web'] } };
}

/**
 * Runs the Mocha suite at `testsIndex` inside the extension host and resolves to its exit code.
 * `developmentPath`: load the extension from source (omit when it was installed from a .vsix).
 * `webWorker`: the extension was moved to the web worker host (`webWorkerSettings`); address it there.
 */
export async function runExtensionTests(session, { testsIndex, developmentPath, environment = {}, limitMs = 240_000, onLog, webWorker = false }) {
  const { page } = session;
  let resolveExit;
  const exited = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    const line = util.format(...(Array.isArray(args) ? args : [args]));
    session.logs.push(line);
    onLog?.(line, level);
  });
  const authority = webWorker ? new URL(session.url).host : 'remote';
  const payload = [
    ['extensionTestsPath', remoteUri(testsIndex, authority)],
    ['extensionEnvironment', JSON.stringify(environment)],
  ];
  if (developmentPath) payload.unshift(['extensionDevelopmentPath', remoteUri(developmentPath, authority)]);
  // Only until the page starts loading: on a busy machine the workbench's `load` can take longer
  // than Playwright's 30 s default, and the tests' own limit below covers the rest.
  await page.goto(workbenchUrl(session, payload), { waitUntil: 'commit', timeout: 120_000 });
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), limitMs)));
  const code = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  if (code === 'timeout') throw new Error(`the extension tests did not finish within ${limitMs / 1000} s`);
  return code;
}

export { repoRoot };
