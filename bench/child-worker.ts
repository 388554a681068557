import { spawn } from 'node:child_process';

const RESULT_MARK = '@@bench-result ';

/** Prints a worker's result where `runChild` finds it among the worker's other output. */
export function reportResult(result: unknown): void {
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
}

/**
 * Runs a worker in a fresh Node process (so it has its own memory to measure) and returns the
 * result it reported with `reportResult`. The worker is killed after `limitMs`.
 */
export function runChild<T>(
  args: readonly string[],
  options: { cwd: string; limitMs: number; label: string },
): Promise<T> {
  const { cwd, limitMs, label } = options;
  return new Promise<T>((resolve, reject) => {
    const child = spawn(process.execPath, [...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      stdout += text;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label}: no result after ${Math.round(limitMs / 60_000)} minutes`));
    }, limitMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((text) => text.startsWith(RESULT_MARK));
      if (code !== 0 || line === undefined) {
        reject(new Error(`${label} worker failed (exit ${code ?? signal}); see its output above`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARK.length)) as T);
    });
  });
}
