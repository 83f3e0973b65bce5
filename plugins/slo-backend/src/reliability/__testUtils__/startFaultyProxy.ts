import {
  createServer,
  type IncomingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy received. */
export interface ProxiedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The form body of a `query_range` POST (or the query string of a GET). */
  form: URLSearchParams;
  /** Epoch milliseconds. */
  receivedAt: number;
}

/** A `query_range` answer as Prometheus writes it. */
export interface PrometheusJson {
  status: string;
  data?: {
    resultType: string;
    result: Array<{
      metric: Record<string, string>;
      values: Array<[number, string]>;
    }>;
  };
  warnings?: string[];
  [key: string]: unknown;
}

/** What the proxy does with one request. */
export type FaultAction =
  /** Pass it on and answer what upstream answered. */
  | { kind: 'forward' }
  /** Pass it on after a delay (a slow or overloaded server). */
  | { kind: 'delay'; ms: number }
  /** Answer this instead of asking upstream. */
  | { kind: 'reply'; status: number; body: string; contentType?: string }
  /** Pass it on, then change upstream's JSON answer before returning it. */
  | { kind: 'transform'; transform: (json: PrometheusJson) => unknown }
  /** Drop the connection without an answer. */
  | { kind: 'hangup' };

/** A proxy started by {@link startFaultyProxy}. */
export interface FaultyProxy {
  url: string;
  /** Every request received, oldest first. */
  requests: ProxiedRequest[];
  /** Decides per request; the default forwards everything. */
  fault: (request: ProxiedRequest) => FaultAction;
  close(): Promise<void>;
}

/**
 * A misbehaving HTTP server on 127.0.0.1 in front of a (real) Prometheus:
 * forwards requests, or answers them slowly, with errors, with broken or
 * partial JSON, as `fault` decides for each one. Records every request, so
 * tests can count what the source was asked.
 */
export async function startFaultyProxy(
  upstream: () => string,
): Promise<FaultyProxy> {
  const requests: ProxiedRequest[] = [];
  const proxy: FaultyProxy = {
    url: '',
    requests,
    fault: () => ({ kind: 'forward' }),
    close: async () => {},
  };

  const forward = async (request: ProxiedRequest, body: Buffer) => {
    const response = await fetch(`${upstream()}${request.path}`, {
      method: request.method,
      headers: {
        'Content-Type':
          String(request.headers['content-type'] ?? '') ||
          'application/x-www-form-urlencoded',
      },
      body: request.method === 'GET' ? undefined : body,
    });
    return {
      status: response.status,
      body: await response.text(),
      contentType: response.headers.get('content-type') ?? 'application/json',
    };
  };

  const send = (
    res: ServerResponse,
    reply: { status: number; body: string; contentType?: string },
  ) => {
    if (res.destroyed) return;
    res.writeHead(reply.status, {
      'Content-Type': reply.contentType ?? 'application/json',
    });
    res.end(reply.body);
  };

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: ProxiedRequest = {
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      headers: req.headers,
      form:
        req.method === 'POST'
          ? new URLSearchParams(body.toString('utf8'))
          : url.searchParams,
      receivedAt: Date.now(),
    };
    requests.push(request);
    try {
      const action = proxy.fault(request);
      switch (action.kind) {
        case 'hangup':
          req.socket.destroy();
          return;
        case 'reply':
          send(res, action);
          return;
        case 'delay':
          await new Promise(resolve => setTimeout(resolve, action.ms));
          if (res.destroyed || req.socket.destroyed) return;
          send(res, await forward(request, body));
          return;
        case 'transform': {
          const answer = await forward(request, body);
          const json = JSON.parse(answer.body) as PrometheusJson;
          send(res, {
            ...answer,
            body: JSON.stringify(action.transform(json)),
          });
          return;
        }
        default:
          send(res, await forward(request, body));
      }
    } catch (error) {
      // Upstream itself is down: answer like a load balancer would.
      send(res, {
        status: 502,
        body: `proxy: ${String(error)}`,
        contentType: 'text/plain',
      });
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}`;
  proxy.close = () =>
    new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
