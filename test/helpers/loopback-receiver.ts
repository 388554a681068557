import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the receiver answers the next requests. */
export type ReceiverMode = 'ok' | 'fail' | 'hang';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered: 200, 500, or 0 when it hung up without answering. */
  answered: number;
}

export interface LoopbackReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Answer 200, 500, or hold the request until the client gives up. */
  mode: ReceiverMode;
  /** Stop listening (connections are refused) until `up`. */
  down(): Promise<void>;
  /** Listen again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records every request it gets. */
export async function loopbackReceiver(): Promise<LoopbackReceiver> {
  const requests: ReceivedRequest[] = [];
  const state = { mode: 'ok' as ReceiverMode };
  const hanging = new Set<() => void>();
  const make = (): Server =>
    createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const record: ReceivedRequest = {
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          answered: 0,
        };
        requests.push(record);
        if (state.mode === 'hang') {
          // Never answers; the socket is destroyed when the test closes the receiver.
          const end = (): void => void response.destroy();
          hanging.add(end);
          response.on('close', () => hanging.delete(end));
          return;
        }
        record.answered = state.mode === 'ok' ? 200 : 500;
        response.writeHead(record.answered, { 'content-type': 'application/json' });
        response.end(state.mode === 'ok' ? '{"ok":true}' : '{"error":"receiver failed"}');
      });
    });
  let server = make();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const stop = async (): Promise<void> => {
    for (const end of hanging) end();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    get mode() {
      return state.mode;
    },
    set mode(mode: ReceiverMode) {
      state.mode = mode;
    },
    down: stop,
    async up() {
      server = make();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async close() {
      if (server.listening) await stop();
    },
  };
}
