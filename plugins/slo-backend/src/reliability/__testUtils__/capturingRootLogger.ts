import {
  coreServices,
  createServiceFactory,
  type LoggerService,
} from '@backstage/backend-plugin-api';

/** Errors as text with their cause chain, so nothing they carry escapes the check. */
function serialize(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v instanceof Error
      ? { name: v.name, message: v.message, stack: v.stack, cause: v.cause }
      : v,
  );
}

/**
 * A root logger that keeps every line every plugin logs, with its metadata
 * and any error's message, stack and cause, for tests that look for what
 * must never be logged. Unlike the production logger it redacts nothing, so
 * a secret found here was logged by the code itself.
 */
export function capturingRootLogger() {
  const lines: string[] = [];
  const make = (fields: Record<string, unknown>): LoggerService => {
    const log =
      (level: string) => (message: string, meta?: Error | object) => {
        lines.push(serialize({ level, message, fields, meta }));
      };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: meta => make({ ...fields, ...meta }),
    };
  };
  const factory = createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => make({}),
  });
  return { lines, factory };
}
