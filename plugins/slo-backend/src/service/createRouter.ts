import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express, {
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import Router from 'express-promise-router';
import { spec } from '../schema/openapi.generated';
import { MethodNotAllowedError, PayloadTooLargeError } from './httpErrors';
import {
  entityRefFromPath,
  historyPeriodParameter,
  objectiveParameter,
  parseRefParameter,
  parseTime,
  parseWholeNumber,
  requiredText,
} from './requestParameters';
import type { SloService } from './SloService';
import { sendJsonBytes } from './sendJsonBytes';
import type { SloReviewService } from '../review/SloReviewService';
import type { CompositeSloService } from '../composites/CompositeSloService';
import type { SloGateService } from '../gate/SloGateService';

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
  /** The deploy gate (`/entities/.../gate`). */
  gate?: SloGateService;
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

  const gateService = options.gate;
  if (gateService) {
    router.get('/entities/:kind/:namespace/:name/gate', async (req, res) => {
      const credentials = await credentialsOf(req);
      const policy = ([] as unknown[])
        .concat(req.query.policy ?? [])
        .map(value => String(value));
      const slo = req.query.slo;
      res.json(
        await gateService.gate(
          {
            entityRef: entityRefFromPath(req),
            policy,
            slo: typeof slo === 'string' && slo !== '' ? slo : undefined,
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
