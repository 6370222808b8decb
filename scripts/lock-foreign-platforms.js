// Records in package-lock.json the platform-specific optional packages (native binaries for macOS,
// Windows, other CPUs) that the registry reachable here does not serve. npm leaves them out of a
// lock it writes here, and `npm ci` then refuses the lock as "out of sync". Each is written as an
// optional entry tagged with its os/cpu (read from its name), which npm ci skips on this platform
// without fetching anything. Run after any `npm install` that rewrites the lock:
//   node scripts/lock-foreign-platforms.js
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const path = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(path, 'utf8'));
const OS = ['darwin', 'win32', 'linux', 'freebsd', 'android', 'openbsd', 'sunos', 'aix', 'wasm32'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'universal'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  return os && cpu ? { os: [os], cpu: [cpu === 'universal' ? 'arm64' : cpu] } : null;
}

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  const base = location === '' ? '' : `${location}/`;
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${base}node_modules/${dep}`;
    const hoisted = `node_modules/${dep}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[hoisted] = { version, ...platform, optional: true };
    added++;
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-foreign-platforms: ${added} entr${added === 1 ? 'y' : 'ies'} added`);
