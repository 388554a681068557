/**
 * The ceiling for the serve benchmark: a bare Fastify route returning a constant, in its own
 * process like the real server. Prints the start line of `clv serve --json` once it listens.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/constant', async () => ({ ok: true }));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ event: 'listening', url })}\n`);
