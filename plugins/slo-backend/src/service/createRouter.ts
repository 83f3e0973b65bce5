import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express, { type Request } from 'express';
import { spec } from '../schema/openapi.generated';
import type { SloService } from './SloService';

/**
 * Options of {@link createRouter}.
 *
 * @public
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  service: SloService;
  /**
   * Validates every response against the OpenAPI document; tests turn it on
   * so the router cannot drift from its contract.
   */
  validateResponses?: boolean;
}

const MAX_RANGE_SECONDS = 400 * 86400;

/** Epoch seconds or ISO-8601 → epoch seconds; a 400 that says how to write it otherwise. */
function parseTime(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const text = String(value);
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Math.floor(Number(text));
  }
  const millis = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(millis)) {
    throw new InputError(
      `Invalid "${name}": "${text}". Use epoch seconds (e.g. 1740787200) or an ISO-8601 time (e.g. 2025-03-01T00:00:00Z).`,
    );
  }
  return Math.floor(millis / 1000);
}

function parseWholeNumber(
  value: unknown,
  name: string,
  range: { min: number; max: number },
): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const number = Number(value);
  if (!Number.isInteger(number) || number < range.min || number > range.max) {
    throw new InputError(
      `Invalid "${name}": "${String(value)}". Use a whole number from ${
        range.min
      } to ${range.max}.`,
    );
  }
  return number;
}

/** A canonical entity ref from a query parameter; 400 when it is not one. */
function parseRefParameter(
  value: unknown,
  name: string,
  defaultKind?: string,
): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `Missing "${name}". Pass an entity ref such as ${
        defaultKind ?? 'component'
      }:default/checkout.`,
    );
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch {
    throw new InputError(
      `Invalid "${name}": "${value}". Use an entity ref kind:namespace/name, e.g. ${
        defaultKind ?? 'component'
      }:default/checkout.`,
    );
  }
}

function requiredText(value: unknown, name: string, example: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `Missing "${name}". Pass it as a query parameter, e.g. ${name}=${example}.`,
    );
  }
  return value;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function entityRefFromPath(req: Request): string {
  const { kind, namespace, name } = req.params;
  // An encoded ":" or "/" would make a ref the catalog client cannot parse
  // (a TypeError, answered as 500) or one that names another entity.
  for (const [part, value] of Object.entries({ kind, namespace, name })) {
    if (!value || /[:/]/.test(value)) {
      throw new InputError(
        `Invalid entity ${part} "${value}" in the path: it may not be empty or hold ":" or "/". Use /entities/<kind>/<namespace>/<name>/..., e.g. /entities/component/default/checkout/slos.`,
      );
    }
  }
  return stringifyEntityRef({ kind, namespace, name });
}

/**
 * The SLO API: thin HTTP over {@link SloService}. Validates input against the
 * OpenAPI document and with clear 400s, and takes the caller's credentials for
 * every catalog read.
 *
 * @public
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, service } = options;
  const router = (await createValidatedOpenApiRouter(spec, {
    validatorOptions: { validateResponses: options.validateResponses ?? false },
  })) as unknown as express.Router;

  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/entities/:kind/:namespace/:name/slos', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await service.entitySlos(entityRefFromPath(req), credentials));
  });

  router.get('/entities/:kind/:namespace/:name/problems', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await service.entityProblems(entityRefFromPath(req), credentials));
  });

  router.get('/slos/series', async (req, res) => {
    const credentials = await credentialsOf(req);
    const from = parseTime(req.query.from, 'from');
    const to = parseTime(req.query.to, 'to');
    if (from !== undefined && to !== undefined) {
      if (from >= to) {
        throw new InputError(
          `Invalid range: "from" (${from}) must be before "to" (${to}).`,
        );
      }
      if (to - from > MAX_RANGE_SECONDS) {
        throw new InputError(
          `Invalid range: ${Math.round(
            (to - from) / 86400,
          )} days is longer than the 400 days a series may span; narrow "from" and "to".`,
        );
      }
    }
    res.json(
      await service.series(
        {
          entityRef: parseRefParameter(req.query.entityRef, 'entityRef'),
          name: requiredText(req.query.name, 'name', 'availability'),
          from,
          to,
          maxPoints: parseWholeNumber(req.query.maxPoints, 'maxPoints', {
            min: 1,
            max: 1000,
          }),
          objective: optionalText(req.query.objective),
        },
        credentials,
      ),
    );
  });

  router.get('/slos/history', async (req, res) => {
    const credentials = await credentialsOf(req);
    const period = req.query.period ?? 'month';
    if (period !== 'week' && period !== 'month') {
      throw new InputError(
        `Invalid "period": "${String(period)}". Use week or month.`,
      );
    }
    res.json(
      await service.history(
        {
          entityRef: parseRefParameter(req.query.entityRef, 'entityRef'),
          name: requiredText(req.query.name, 'name', 'availability'),
          period,
          count:
            parseWholeNumber(req.query.count, 'count', { min: 1, max: 60 }) ??
            12,
          objective: optionalText(req.query.objective),
        },
        credentials,
      ),
    );
  });

  router.get('/scorecard', async (req, res) => {
    const credentials = await credentialsOf(req);
    const group =
      req.query.group === undefined
        ? undefined
        : parseRefParameter(req.query.group, 'group', 'group');
    // The charset Express adds to a string body, so the headers stay the same for bytes.
    res
      .type('application/json; charset=utf-8')
      .send(await service.scorecardJson(group, credentials));
  });

  router.get('/rules', async (req, res) => {
    const credentials = await credentialsOf(req);
    const raw = req.query.entityRef;
    const values = ([] as unknown[]).concat(raw ?? []);
    // Once each: a repeated entity would repeat its rule groups, and
    // Prometheus refuses a file that names a group twice.
    const refs = [
      ...new Set(values.map(value => parseRefParameter(value, 'entityRef'))),
    ];
    const text = await service.rules(refs, credentials);
    res.type('text/yaml').send(text);
  });

  router.get('/collector', async (req, res) => {
    await credentialsOf(req);
    res.json(await service.collectorStatus());
  });

  return router;
}
