// The machine and software a run measured, for the report.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** @param {string} cmd @param {string[]} args */
function tryRun(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * version returns a package's installed version.
 * @param {string} root repository root
 * @param {string} name
 */
function version(root, name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/**
 * facts returns the machine facts (the Chromium version comes from the
 * running browser).
 * @param {string} root
 */
export function facts(root) {
  const cpus = os.cpus();
  const mem = os.totalmem();
  return {
    cpu: cpus[0] ? cpus[0].model.trim() : 'unknown',
    cores: cpus.length,
    memory: `${(mem / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    go: tryRun('go', ['version']).replace(/^go version /, ''),
    node: process.version,
    commit: tryRun('git', ['-C', root, 'log', '-1', '--format=%h %s']),
    dirty: tryRun('git', ['-C', root, 'status', '--porcelain', '--', 'wasm', 'jsbridge', 'npm/src']) !== '',
    packages: Object.fromEntries(['@microsoft/fetch-event-source', 'eventsource-parser', 'eventsource',
      'playwright-core', 'esbuild'].map((n) => [n, version(root, n)])),
  };
}

/** loadavg returns the 1-minute load average, rounded. */
export function loadavg() {
  return Number(os.loadavg()[0].toFixed(2));
}
