#!/usr/bin/env node
// prestart / predist: puts a better-sqlite3 binary built for Electron's ABI in
// .electron-native/better_sqlite3.node, which main/index.ts hands to
// better-sqlite3 as `nativeBinding`. node_modules is only ever read: it keeps
// the Node build, so `npm test` and the CLI keep working, and `npm start` /
// `npm test` can run in either order after one `npm install`.
//
// 1. prebuild-install --runtime electron in a temp copy of the package
//    (downloads the prebuilt binary from better-sqlite3's GitHub releases);
// 2. else @electron/rebuild in that copy (needs Electron's headers online).
// Either result is checked: plain Node must refuse to load it with Electron's
// NODE_MODULE_VERSION. That catches the `nodedir=/usr` trap, where a rebuild
// under npm "succeeds" while building for Node's ABI.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, '.electron-native');
const outFile = join(outDir, 'better_sqlite3.node');
const metaFile = join(outDir, 'meta.json');

const pkgDir = join(root, 'node_modules', 'better-sqlite3');
const sqliteVersion = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const electronAbi = readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
const platform = process.env.npm_config_platform || process.platform;
const arch = process.env.npm_config_arch || process.arch;
const want = { betterSqlite3: sqliteVersion, electron: electronVersion, abi: electronAbi, platform, arch };

const say = (msg) => console.log(`[prepare-electron-native] ${msg}`);

// The child processes must not inherit npm's nodedir (the trap above).
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(nodedir|runtime|target|disturl)$/i.test(k)));

/** null when the file is an Electron-ABI addon; otherwise why not. */
function checkAbi(file) {
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(file)})`], { encoding: 'utf8', env });
  if (r.status === 0) return `it loads in plain Node ${process.versions.node}, so it was built for Node's ABI (${process.versions.modules}), not Electron's (${electronAbi})`;
  if (!r.stderr.includes(`NODE_MODULE_VERSION ${electronAbi}`)) return `it is not an addon for NODE_MODULE_VERSION ${electronAbi}: ${r.stderr.split('\n').find((l) => l.includes('Error')) ?? r.stderr.slice(0, 200)}`;
  return null;
}

function upToDate() {
  if (!existsSync(outFile) || !existsSync(metaFile)) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(metaFile, 'utf8'))) === JSON.stringify(want);
  } catch {
    return false;
  }
}

function run(label, args, cwd) {
  say(`${label}: ${args.join(' ')}`);
  const r = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.error) return `${label} could not run: ${r.error.message}`;
  if (r.status !== 0) {
    const lines = output.split('\n').map((l) => l.trim());
    const telling = lines.filter((l) => /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|gyp ERR! stack Error|^Error: [^T]|network connectivity|warn install/.test(l));
    return `${label} failed (exit ${r.status}): ${(telling.length ? telling : lines.slice(-3)).slice(0, 3).join(' | ')}`;
  }
  return null;
}

const attempts = [
  {
    label: 'prebuild-install',
    args: (copy) => [join(root, 'node_modules', 'prebuild-install', 'bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform, '--verbose'],
    built: (copy) => join(copy, 'build', 'Release', 'better_sqlite3.node'),
  },
  {
    label: '@electron/rebuild',
    args: (copy) => [join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'), '--version', electronVersion, '--arch', arch, '--module-dir', copy, '--force', '--build-from-source'],
    built: (copy) => join(copy, 'build', 'Release', 'better_sqlite3.node'),
  },
];

if (upToDate()) {
  say(`up to date: ${outFile} (better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}, ${platform}-${arch})`);
  process.exit(0);
}

const failures = [];
for (const attempt of attempts) {
  const work = mkdtempSync(join(tmpdir(), 'paku-electron-native-'));
  const copy = join(work, 'better-sqlite3');
  try {
    // A copy without the Node build: node_modules itself is never written.
    cpSync(pkgDir, copy, { recursive: true, filter: (src) => !src.startsWith(join(pkgDir, 'build')) });
    const failed = run(attempt.label, attempt.args(copy), copy);
    if (failed) {
      failures.push(failed);
      continue;
    }
    const built = attempt.built(copy);
    if (!existsSync(built)) {
      failures.push(`${attempt.label} finished but left no ${built}`);
      continue;
    }
    const wrong = checkAbi(built);
    if (wrong) {
      failures.push(`${attempt.label} produced a binary that is not for Electron: ${wrong}`);
      continue;
    }
    mkdirSync(outDir, { recursive: true });
    copyFileSync(built, outFile);
    writeFileSync(metaFile, JSON.stringify(want, null, 2) + '\n');
    say(`ready: ${outFile} (better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}, ABI ${electronAbi}, ${platform}-${arch}) via ${attempt.label}`);
    process.exit(0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

console.error(`
[prepare-electron-native] FAILED: no better-sqlite3 binary for Electron ${electronVersion} (ABI ${electronAbi}, ${platform}-${arch}).
${failures.map((f) => `  - ${f}`).join('\n')}
The Electron app (npm start / npm run dist) needs it to open its database.
Nothing in node_modules was changed: npm test and the paku-ecoflow CLI still work.
Fix: with internet access (github.com for the prebuilt binary, or electronjs.org headers plus a C++ toolchain),
run: node scripts/prepare-electron-native.mjs`);
process.exit(1);
