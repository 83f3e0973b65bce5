import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake Prometheus received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  form: URLSearchParams;
}

/**
 * A fake Prometheus HTTP API on 127.0.0.1 for tests of error mapping,
 * request shape, splitting and concurrency. `handle` answers each request.
 */
export async function startFakePrometheus(
  handle: (
    request: ReceivedRequest,
    response: ServerResponse,
  ) => void | Promise<void>,
) {
  const requests: ReceivedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const received: ReceivedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      headers: req.headers,
      form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
    };
    requests.push(received);
    await handle(received, res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a JSON answer. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * A successful `query_range` answer with one series whose value at each
 * evaluation time comes from `value(time)` (undefined leaves the point out).
 */
export function matrixFor(
  form: URLSearchParams,
  value: (time: number) => number | string | undefined,
  metric: Record<string, string> = {},
) {
  const start = Number(form.get('start'));
  const end = Number(form.get('end'));
  const step = Number(form.get('step'));
  const values: Array<[number, string]> = [];
  for (let time = start; time <= end; time += step) {
    const v = value(time);
    if (v !== undefined) values.push([time, String(v)]);
  }
  return {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: values.length ? [{ metric, values }] : [],
    },
  };
}
