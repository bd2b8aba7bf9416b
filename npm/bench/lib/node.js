// Runs Node measures, each in a fresh child process (node/worker.mjs).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { benchDir } from './build.js';

const worker = path.join(benchDir, 'node', 'worker.mjs');

/**
 * nodeTask runs one task in a fresh `node --expose-gc` and returns its
 * JSON result; stderr passes through. Rejects on a non-zero exit.
 * @param {object} task
 */
export function nodeTask(task) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', worker, JSON.stringify(task)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`node worker ${task.measure} exited with ${code}`));
      const lines = out.trim().split('\n');
      try {
        resolve(JSON.parse(lines[lines.length - 1]));
      } catch (err) {
        reject(new Error(`node worker ${task.measure}: bad output: ${out.slice(-500)}`));
      }
    });
  });
}
