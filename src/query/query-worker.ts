/**
 * A query worker: a process of its own that opens the query snapshot as `openSnapshotEngine`
 * does, runs the one statement it is sent on standard input and writes the answer as JSON lines
 * on standard output. The parent kills it when the time is up; nothing it runs can reach the
 * store or the file system.
 */
import { text } from 'node:stream/consumers';
import { openSnapshotEngine, runStatement } from './snapshot-engine.js';
import type { WorkerMessage, WorkerRequest } from './worker-protocol.js';

/** Writes one line and resolves once it has left the process (so that exiting loses nothing). */
function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(`${JSON.stringify(message)}\n`, (error) =>
      error ? reject(error) : resolve(),
    );
  });
}

async function main(): Promise<void> {
  const request = JSON.parse(await text(process.stdin)) as WorkerRequest;
  let connection;
  try {
    connection = await openSnapshotEngine(request.snapshot, request.memoryMb);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await send({
      t: 'error',
      message: `the query snapshot cannot be opened: ${message}`,
      position: null,
    });
    return;
  }
  await runStatement(connection, request, send);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
