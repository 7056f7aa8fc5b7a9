import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The real server (src/server.ts), as `pnpm start` runs it, in a child process on loopback. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Its exit code (null when ended by a signal). */
  exited: Promise<number | null>;
}

const started: ChildProcess[] = [];

/**
 * Starts the server without demo data on `port` (a free one by default) and waits until
 * /api/health answers; `env` adds to or overrides the environment (DATABASE_URL, limits...).
 * Throws, with what the server printed, when it exits or does not come up in a minute.
 */
export async function startServer(
  env: Record<string, string>,
  options: { port?: number } = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      DEMO_DATA: 'off',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`The server exited:\n${output}`);
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false, // not listening yet
    );
    if (up) return { child, port, output: () => output, exited };
    await sleep(100);
  }
  throw new Error(`The server did not start:\n${output}`);
}

/** Kills every server started by this test file that is still running (for afterAll). */
export function killServers(): void {
  for (const s of started) if (s.exitCode === null && s.signalCode === null) s.kill('SIGKILL');
}
