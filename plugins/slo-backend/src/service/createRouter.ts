import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import Router from 'express-promise-router';
import { spec } from '../schema/openapi.generated';
import { MethodNotAllowedError, PayloadTooLargeError } from './httpErrors';
import type { SloService } from './SloService';
import { sendJsonBytes } from './sendJsonBytes';
import type { SloReviewService } from '../review/SloReviewService';
import type { CompositeSloService } from '../composites/CompositeSloService';

/**
 * Options of {@link createRouter}.
 *
 * @public
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  service: SloService;
  /** The reliability review (`/review`, `/slos/periods`). */
  review?: SloReviewService;
  /** Composite SLOs (`/entities/.../composites`). */
  composites?: CompositeSloService;
  /**
   * Validates every response against the OpenAPI document; tests turn it on
   * so the router cannot drift from its contract.
   */
  validateResponses?: boolean;
}

/**
 * Largest request body accepted unread (express.json's default limit): the
 * API reads no body, and a larger one is refused with 413 before it is read.
 */
const MAX_BODY_BYTES = 100 * 1024;

/** Latest time parsed: 9999-12-31T23:59:59Z. Larger numbers lose their last digits. */
const MAX_EPOCH_SECONDS = 253_402_300_799;

/** Epoch seconds or ISO-8601 → epoch seconds; a 400 that says how to write it otherwise. */
function parseTime(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') {
    return undefined;
  }
  const text = String(value);
  const seconds = /^\d+(\.\d+)?$/.test(text)
    ? Math.floor(Number(text))
    : Math.floor(
        (/^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN) / 1000,
      );
  if (!(seconds <= MAX_EPOCH_SECONDS)) {
    throw new InputError(
      `Invalid "${name}": "${text}". Use epoch seconds (e.g. 1740787200) or an ISO-8601 time (e.g. 2025-03-01T00:00:00Z).`,
    );
  }
  return seconds;
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

const catalogNames = makeValidator();

/**
 * What the catalog allows in each part of an entity ref (its default
 * validators), so a ref no entity can have is refused here instead of being
 * sent to the catalog, which answers such lookups with its own errors.
 */
const refPartRules: Record<
  keyof CompoundEntityRef,
  { test: (value: string) => boolean; rule: string }
> = {
  kind: {
    test: value => catalogNames.isValidKind(value),
    rule: 'a kind is 1 to 63 letters or digits, beginning with a letter',
  },
  namespace: {
    // The catalog compares namespaces without regard to case.
    test: value =>
      catalogNames.isValidNamespace(value.toLocaleLowerCase('en-US')),
    rule: 'a namespace is 1 to 63 lowercase letters, digits or "-", beginning and ending with a letter or digit',
  },
  name: {
    test: value => catalogNames.isValidEntityName(value),
    rule: 'a name is 1 to 63 letters, digits, "-", "_" or ".", beginning and ending with a letter or digit',
  },
};

/** The first part of a ref that no catalog entity can have, with the rule it breaks. */
function invalidRefPart(
  ref: CompoundEntityRef,
): { part: keyof CompoundEntityRef; rule: string } | undefined {
  for (const part of ['kind', 'namespace', 'name'] as const) {
    if (!refPartRules[part].test(ref[part])) {
      return { part, rule: refPartRules[part].rule };
    }
  }
  return undefined;
}

/** A value quoted for a message: control characters escaped, at most 60 characters. */
function quoted(value: string): string {
  const shown = JSON.stringify(value.slice(0, 60)).slice(1, -1);
  return `"${shown}${value.length > 60 ? '…' : ''}"`;
}

/** A canonical entity ref from a query parameter; 400 when it is not one. */
function parseRefParameter(
  value: unknown,
  name: string,
  defaultKind?: string,
): string {
  const example = `${defaultKind ?? 'component'}:default/checkout`;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `Missing "${name}". Pass an entity ref such as ${example}.`,
    );
  }
  const usage = `Use an entity ref kind:namespace/name, e.g. ${example}.`;
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(value, { defaultKind, defaultNamespace: 'default' });
  } catch {
    throw new InputError(`Invalid "${name}": ${quoted(value)}. ${usage}`);
  }
  const invalid = invalidRefPart(ref);
  if (invalid) {
    throw new InputError(
      `Invalid "${name}": ${quoted(value)}: ${quoted(
        ref[invalid.part],
      )} is not a valid entity ${invalid.part}; ${invalid.rule}. ${usage}`,
    );
  }
  return stringifyEntityRef(ref);
}

function requiredText(value: unknown, name: string, example: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `Missing "${name}". Pass it as a query parameter, e.g. ${name}=${example}.`,
    );
  }
  return value;
}

/** An objective's name; empty names the unnamed objective of an SLO that has one. */
/** The `period` of a history request: week or month, default month. */
function historyPeriodParameter(value: unknown): 'week' | 'month' {
  const period = value ?? 'month';
  if (period !== 'week' && period !== 'month') {
    throw new InputError(
      `Invalid "period": "${String(period)}". Use week or month.`,
    );
  }
  return period;
}

function objectiveParameter(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function entityRefFromPath(req: Request): string {
  const { kind, namespace, name } = req.params;
  const ref = { kind, namespace, name };
  const invalid = invalidRefPart(ref);
  if (invalid) {
    throw new InputError(
      `Invalid entity ${invalid.part} ${quoted(
        ref[invalid.part],
      )} in the path: ${
        invalid.rule
      }. Use /entities/<kind>/<namespace>/<name>/..., e.g. /entities/component/default/checkout/slos.`,
    );
  }
  return stringifyEntityRef(ref);
}

/** Refuses a body the API would never read, by its declared length. */
function refuseLargeBodies(req: Request, _res: Response, next: NextFunction) {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(
      `The request has a body of ${length} bytes; the SLO API reads no request body and refuses one over ${MAX_BODY_BYTES} bytes. Send the request without a body.`,
    );
  }
  next();
}

/** Answers a documented path asked with a method other than GET (or HEAD). */
function refuseOtherMethods(req: Request, res: Response) {
  res.setHeader('Allow', 'GET, HEAD');
  throw new MethodNotAllowedError(
    `${req.method} is not served at ${req.path}; the SLO API only reads: use GET.`,
  );
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

  router.get(
    '/entities/:kind/:namespace/:name/suggestions',
    async (req, res) => {
      const credentials = await credentialsOf(req);
      res.json(
        await service.entitySuggestions(entityRefFromPath(req), credentials),
      );
    },
  );

  const compositeService = options.composites;
  if (compositeService) {
    router.get(
      '/entities/:kind/:namespace/:name/composites',
      async (req, res) => {
        const credentials = await credentialsOf(req);
        res.json(
          await compositeService.entityComposites(
            entityRefFromPath(req),
            credentials,
          ),
        );
      },
    );
    router.get('/composites/series', async (req, res) => {
      const credentials = await credentialsOf(req);
      res.json(
        await compositeService.series(
          {
            entityRef: parseRefParameter(req.query.entityRef, 'entityRef'),
            name: requiredText(req.query.name, 'name', 'checkout-journey'),
            from: parseTime(req.query.from, 'from'),
            to: parseTime(req.query.to, 'to'),
            maxPoints: parseWholeNumber(req.query.maxPoints, 'maxPoints', {
              min: 1,
              max: 1000,
            }),
          },
          credentials,
        ),
      );
    });
    router.get('/composites/history', async (req, res) => {
      const credentials = await credentialsOf(req);
      const period = historyPeriodParameter(req.query.period);
      res.json(
        await compositeService.history(
          {
            entityRef: parseRefParameter(req.query.entityRef, 'entityRef'),
            name: requiredText(req.query.name, 'name', 'checkout-journey'),
            period,
            count:
              parseWholeNumber(req.query.count, 'count', { min: 1, max: 60 }) ??
              12,
          },
          credentials,
        ),
      );
    });
  }

  router.get('/entities/:kind/:namespace/:name/problems', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await service.entityProblems(entityRefFromPath(req), credentials));
  });

  router.get('/slos/series', async (req, res) => {
    const credentials = await credentialsOf(req);
    // The range is checked once, in the service, where the defaults are known.
    const from = parseTime(req.query.from, 'from');
    const to = parseTime(req.query.to, 'to');
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
          objective: objectiveParameter(req.query.objective),
        },
        credentials,
      ),
    );
  });

  router.get('/slos/history', async (req, res) => {
    const credentials = await credentialsOf(req);
    const period = historyPeriodParameter(req.query.period);
    res.json(
      await service.history(
        {
          entityRef: parseRefParameter(req.query.entityRef, 'entityRef'),
          name: requiredText(req.query.name, 'name', 'availability'),
          period,
          count:
            parseWholeNumber(req.query.count, 'count', { min: 1, max: 60 }) ??
            12,
          objective: objectiveParameter(req.query.objective),
        },
        credentials,
      ),
    );
  });

  const reviewService = options.review;
  if (reviewService) {
    const reviewRequest = (req: Request) => ({
      period: req.query.period,
      count: parseWholeNumber(req.query.count, 'count', { min: 1, max: 60 }),
      from: parseTime(req.query.from, 'from'),
      to: parseTime(req.query.to, 'to'),
      timeZone: req.query.timeZone,
      objective: objectiveParameter(req.query.objective),
    });

    router.get('/slos/periods', async (req, res) => {
      const credentials = await credentialsOf(req);
      res.json(
        await reviewService.sloPeriods(
          {
            ...reviewRequest(req),
            entityRef: parseRefParameter(req.query.entityRef, 'entityRef'),
            name: requiredText(req.query.name, 'name', 'availability'),
          },
          credentials,
        ),
      );
    });

    router.get('/review', async (req, res) => {
      const credentials = await credentialsOf(req);
      sendJsonBytes(
        req,
        res,
        await reviewService.reviewJson(
          {
            ...reviewRequest(req),
            groupRef:
              req.query.group === undefined
                ? undefined
                : parseRefParameter(req.query.group, 'group', 'group'),
          },
          credentials,
        ),
      );
    });
  }

  router.get('/scorecard', async (req, res) => {
    const credentials = await credentialsOf(req);
    const group =
      req.query.group === undefined
        ? undefined
        : parseRefParameter(req.query.group, 'group', 'group');
    sendJsonBytes(req, res, await service.scorecardJson(group, credentials));
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
    // Events composites of those entities (or of every visible one) too.
    const composites = await options.composites?.rulesComposites(
      refs,
      credentials,
    );
    const text = await service.rules(refs, credentials, composites);
    res.type('text/yaml').send(text);
  });

  router.get('/collector', async (req, res) => {
    await credentialsOf(req);
    res.json(await service.collectorStatus());
  });

  // Outside the validated router, whose error handler turns every error
  // into a 400.
  const outer = Router();
  outer.use(refuseLargeBodies);
  outer.use(router);
  for (const path of Object.keys(spec.paths)) {
    outer.all(path.replace(/\{(\w+)\}/g, ':$1'), refuseOtherMethods);
  }
  return outer;
}
