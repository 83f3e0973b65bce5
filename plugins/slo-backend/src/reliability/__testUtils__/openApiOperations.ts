import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** One operation of the SLO API, as its OpenAPI document declares it. */
export interface ApiOperation {
  method: string;
  /** e.g. `/entities/{kind}/{namespace}/{name}/slos` */
  path: string;
  operationId: string;
  parameters: Array<{ name: string; in: 'path' | 'query'; required: boolean }>;
}

type Parameter = {
  $ref?: string;
  name?: string;
  in?: 'path' | 'query';
  required?: boolean;
};

/**
 * Every operation in `src/schema/openapi.yaml`, so that tests walking the API
 * cover endpoints added later without being told about them.
 */
export function openApiOperations(): ApiOperation[] {
  const document = YAML.parse(
    fs.readFileSync(
      path.resolve(__dirname, '../../schema/openapi.yaml'),
      'utf8',
    ),
  ) as {
    paths: Record<
      string,
      Record<string, { operationId: string; parameters?: Parameter[] }>
    >;
    components: { parameters: Record<string, Parameter> };
  };
  const resolve = (parameter: Parameter): Parameter =>
    parameter.$ref
      ? document.components.parameters[parameter.$ref.split('/').pop()!]
      : parameter;
  return Object.entries(document.paths).flatMap(([apiPath, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method,
      path: apiPath,
      operationId: operation.operationId,
      parameters: (operation.parameters ?? []).map(p => {
        const resolved = resolve(p);
        return {
          name: resolved.name!,
          in: resolved.in!,
          required: resolved.required ?? false,
        };
      }),
    })),
  );
}

/**
 * The operation's URL under `/api/slo`, with the parameters `valueOf` gives
 * (a query parameter without a value is left out).
 */
export function operationUrl(
  operation: ApiOperation,
  valueOf: (parameter: ApiOperation['parameters'][number]) => string | undefined,
): string {
  let url = operation.path;
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    const value = valueOf(parameter);
    if (parameter.in === 'path') {
      url = url.replace(`{${parameter.name}}`, encodeURIComponent(value ?? 'x'));
    } else if (value !== undefined) {
      query.set(parameter.name, value);
    }
  }
  const search = query.toString();
  return `/api/slo${url}${search ? `?${search}` : ''}`;
}
