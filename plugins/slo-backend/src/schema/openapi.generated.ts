// GENERATED FILE: do not edit. Source: openapi.yaml; run `yarn generate:openapi`.
/* eslint-disable */

/**
 * The SLO API's OpenAPI 3.1 document.
 *
 * @internal
 */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'slo',
    version: '1',
    description:
      'SLOs of catalog entities: status, series, history, team scorecards, validation problems and the matching Prometheus rules. Every endpoint needs Backstage credentials and shows only entities the caller may read.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  paths: {
    '/health': {
      get: {
        operationId: 'GetHealth',
        description:
          'Liveness of the plugin. Needs no credentials and tells nothing else.',
        responses: {
          '200': {
            description: 'The plugin is up.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['status'],
                  properties: {
                    status: {
                      type: 'string',
                      const: 'ok',
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/slos': {
      get: {
        operationId: 'GetEntitySlos',
        description:
          "An entity's SLOs with their current evaluation and collection status, and its validation problems.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The entity's SLOs.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntitySlosResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/problems': {
      get: {
        operationId: 'GetEntityProblems',
        description: "Every problem found in an entity's SLO declarations.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description:
              "The entity's problems; empty when its declarations are valid.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityProblemsResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/suggestions': {
      get: {
        operationId: 'GetEntitySuggestions',
        description:
          'Suggested SLOs for an entity that declares none, as the suggestion job last stored them: each template with data, its attainment over the last 30 days and the objective suggested, and the annotation that applies them. Empty for an entity that declares SLOs or was not searched yet.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The entity's suggestions.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntitySuggestionsResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/composites': {
      get: {
        operationId: 'GetEntityComposites',
        description:
          'The composite SLOs an entity declares in slo-kit.dev/composite-slos (a System\'s journeys), each with its evaluation (events pooled, or SLIs weighted) and each member\'s contribution; with the problems of the annotation and of its members. A member entity the caller may not read is shown as "another entity", without name or figures.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description:
              "The entity's composites; empty when it declares none.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityCompositesResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/gate': {
      get: {
        operationId: 'GetEntityGate',
        description:
          'Deploy gate: the entity\'s SLOs (or one, `slo`) judged against an error-budget policy from their stored evaluation. `decision` is allowed, blocked or unknown ("cannot tell"), with `exitCode` 0, 1 or 2 for a pipeline and a one-line `reason`. Data that cannot be trusted (stale, a source that could not be read, no events, too few) is never judged: it gives unknown, never allowed. The answer is 200 whatever the decision; a policy that cannot be read is a 400 naming each bad term. See docs/error-budget-policy.md.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'policy',
            in: 'query',
            allowReserved: true,
            required: true,
            description:
              'Policy terms, comma-separated or repeated: budget-left>=X%, attainment>=X%, burn-rate-<window><X, not-paging, not-alerting, state!=<state> (or ==). Encode `>`, `<` and `%` in a URL (curl --data-urlencode does).',
            style: 'form',
            explode: true,
            schema: {
              type: 'array',
              items: {
                type: 'string',
              },
            },
          },
          {
            name: 'slo',
            in: 'query',
            allowReserved: true,
            description: 'Judge only this SLO of the entity.',
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: "The gate's decision.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/GateResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/slos/series': {
      get: {
        operationId: 'GetSloSeries',
        description:
          "One SLO's time series, downsampled to at most maxPoints points (default 500).",
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            $ref: '#/components/parameters/sloName',
          },
          {
            name: 'from',
            in: 'query',
            allowReserved: true,
            description:
              'Range start, epoch seconds or ISO-8601; default one SLO window before `to`.',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'to',
            in: 'query',
            allowReserved: true,
            description: 'Range end, epoch seconds or ISO-8601; default now.',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'maxPoints',
            in: 'query',
            allowReserved: true,
            description: 'At most this many points, 1 to 1000; default 500.',
            schema: {
              type: 'string',
              pattern: '^[0-9]+$',
            },
          },
          {
            $ref: '#/components/parameters/objective',
          },
        ],
        responses: {
          '200': {
            description: 'The series.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SloSeriesResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/slos/history': {
      get: {
        operationId: 'GetSloHistory',
        description:
          "One SLO's attainment per calendar week or month, oldest first, the current period last.",
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            $ref: '#/components/parameters/sloName',
          },
          {
            name: 'period',
            in: 'query',
            allowReserved: true,
            description: 'week or month; default month.',
            schema: {
              type: 'string',
              enum: ['week', 'month'],
            },
          },
          {
            name: 'count',
            in: 'query',
            allowReserved: true,
            description:
              'Number of periods, 1 to 60, the current one included; default 12.',
            schema: {
              type: 'string',
              pattern: '^[0-9]+$',
            },
          },
          {
            $ref: '#/components/parameters/objective',
          },
        ],
        responses: {
          '200': {
            description: 'The history.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SloHistoryResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/composites/history': {
      get: {
        operationId: 'GetCompositeHistory',
        description:
          "A composite's attainment per calendar week or month, oldest first, the current period last: an events composite's from its members' pooled buckets; a weighted composite's SLI in each period is the weighted mean of its members' SLIs over that period (good and total are then the members' pooled events, for volume only).",
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            name: 'name',
            in: 'query',
            required: true,
            allowReserved: true,
            description:
              'Name of the composite, as declared in slo-kit.dev/composite-slos.',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'period',
            in: 'query',
            allowReserved: true,
            description: 'week or month; default month.',
            schema: {
              type: 'string',
              enum: ['week', 'month'],
            },
          },
          {
            name: 'count',
            in: 'query',
            allowReserved: true,
            description:
              'Number of periods, 1 to 60, the current one included; default 12.',
            schema: {
              type: 'string',
              pattern: '^[0-9]+$',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The history.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SloHistoryResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/composites/series': {
      get: {
        operationId: 'GetCompositeSeries',
        description:
          "A composite's time series, downsampled to at most maxPoints points (default 500): an events composite's from its members' pooled buckets; a weighted composite's on the same points, each point's sli the weighted mean of the members' SLIs over the window ending at it and its burnRate that of the weighted SLI over its span (good and total are then the members' pooled events, for volume only).",
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            name: 'name',
            in: 'query',
            required: true,
            allowReserved: true,
            description:
              'Name of the composite, as declared in slo-kit.dev/composite-slos.',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'from',
            in: 'query',
            allowReserved: true,
            description:
              'Range start, epoch seconds or ISO-8601; default one window before `to`.',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'to',
            in: 'query',
            allowReserved: true,
            description: 'Range end, epoch seconds or ISO-8601; default now.',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'maxPoints',
            in: 'query',
            allowReserved: true,
            description: 'At most this many points, 1 to 1000; default 500.',
            schema: {
              type: 'string',
              pattern: '^[0-9]+$',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The series.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SloSeriesResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/slos/periods': {
      get: {
        operationId: 'GetSloPeriods',
        description:
          "One SLO's reliability-review figures per calendar week, month or quarter, oldest first: counts, attainment, verdict, share of the period's budget spent, minutes paging and budget-burn episodes, and whether the counts are exact.",
        parameters: [
          {
            $ref: '#/components/parameters/entityRef',
          },
          {
            $ref: '#/components/parameters/sloName',
          },
          {
            $ref: '#/components/parameters/reviewPeriod',
          },
          {
            $ref: '#/components/parameters/reviewCount',
          },
          {
            $ref: '#/components/parameters/reviewFrom',
          },
          {
            $ref: '#/components/parameters/reviewTo',
          },
          {
            $ref: '#/components/parameters/reviewTimeZone',
          },
          {
            $ref: '#/components/parameters/objective',
          },
        ],
        responses: {
          '200': {
            description: 'The periods.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SloPeriodsResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/review': {
      get: {
        operationId: 'GetReliabilityReview',
        description:
          "The reliability review of the organisation, or of one group and its sub-groups: every SLO the caller may read per calendar period, rolled up by team, with the teams' reliability targets.",
        parameters: [
          {
            name: 'group',
            in: 'query',
            allowReserved: true,
            description:
              'A Group entity ref, e.g. group:default/payments; default the whole organisation.',
            schema: {
              type: 'string',
            },
          },
          {
            $ref: '#/components/parameters/reviewPeriod',
          },
          {
            $ref: '#/components/parameters/reviewCount',
          },
          {
            $ref: '#/components/parameters/reviewFrom',
          },
          {
            $ref: '#/components/parameters/reviewTo',
          },
          {
            $ref: '#/components/parameters/reviewTimeZone',
          },
          {
            $ref: '#/components/parameters/objective',
          },
        ],
        responses: {
          '200': {
            description: 'The review.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReliabilityReviewResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecard': {
      get: {
        operationId: 'GetScorecard',
        description:
          "SLO roll-up by ownership. Without `group`, every visible group and every SLO row; with it, the rows of that group's own and its sub-groups' entities.",
        parameters: [
          {
            name: 'group',
            in: 'query',
            allowReserved: true,
            description: 'A Group entity ref, e.g. group:default/payments.',
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The scorecard.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ScorecardResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/rules': {
      get: {
        operationId: 'GetPrometheusRules',
        description:
          "Prometheus recording and multi-window multi-burn-rate alerting rules for the SLOs and the `events` composite SLOs of the given entities (all visible entities when none is given), as a Prometheus rule file. A composite with a member the caller may not read, and every `weighted` composite, is listed in the file's top comment as not exported.",
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            allowReserved: true,
            description: 'An entity ref; repeat for several entities.',
            style: 'form',
            explode: true,
            schema: {
              type: 'array',
              items: {
                type: 'string',
              },
            },
          },
        ],
        responses: {
          '200': {
            description: 'A Prometheus rule file.',
            content: {
              'text/yaml': {
                schema: {
                  type: 'string',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
          '404': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/collector': {
      get: {
        operationId: 'GetCollectorStatus',
        description: 'The registered sources and the last collection cycle.',
        responses: {
          '200': {
            description: 'Collector status.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CollectorStatusResponse',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
  components: {
    parameters: {
      reviewPeriod: {
        name: 'period',
        in: 'query',
        allowReserved: true,
        description:
          'week, month or quarter; default quarter for /review, month for /slos/periods.',
        schema: {
          type: 'string',
          enum: ['week', 'month', 'quarter'],
        },
      },
      reviewCount: {
        name: 'count',
        in: 'query',
        allowReserved: true,
        description:
          'Periods, the last one included; at most 4 quarters, 12 months or 26 weeks.',
        schema: {
          type: 'string',
          pattern: '^[0-9]+$',
        },
      },
      reviewFrom: {
        name: 'from',
        in: 'query',
        allowReserved: true,
        description:
          'A time in the first period (epoch seconds or ISO-8601); instead of count.',
        schema: {
          type: 'string',
        },
      },
      reviewTo: {
        name: 'to',
        in: 'query',
        allowReserved: true,
        description:
          'A time in the last period (epoch seconds or ISO-8601); default now.',
        schema: {
          type: 'string',
        },
      },
      reviewTimeZone: {
        name: 'timeZone',
        in: 'query',
        allowReserved: true,
        description:
          'IANA zone of the periods of SLOs with rolling windows; default slo.review.timeZone (UTC). Calendar SLOs keep their own zone.',
        schema: {
          type: 'string',
        },
      },
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      entityRef: {
        name: 'entityRef',
        in: 'query',
        allowReserved: true,
        required: true,
        description: 'The entity ref, e.g. component:default/checkout.',
        schema: {
          type: 'string',
        },
      },
      sloName: {
        name: 'name',
        in: 'query',
        allowReserved: true,
        required: true,
        description: "The SLO's name within the entity.",
        schema: {
          type: 'string',
        },
      },
      objective: {
        name: 'objective',
        in: 'query',
        allowReserved: true,
        allowEmptyValue: true,
        description:
          'Name of the objective; default the primary (first) one. Empty names the unnamed objective of an SLO that has a single, unnamed one.',
        schema: {
          type: 'string',
        },
      },
    },
    responses: {
      ErrorResponse: {
        description: 'An error.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
          request: {
            type: 'object',
          },
          response: {
            type: 'object',
          },
        },
      },
      NullableNumber: {
        type: ['number', 'null'],
      },
      NullableString: {
        type: ['string', 'null'],
      },
      ValidationProblem: {
        type: 'object',
        required: ['entityRef', 'annotation', 'path', 'message'],
        properties: {
          entityRef: {
            type: 'string',
          },
          annotation: {
            type: 'string',
          },
          path: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          found: {
            type: 'string',
          },
          expected: {
            type: 'string',
          },
          didYouMean: {
            type: 'string',
          },
        },
      },
      EventQuery: {
        oneOf: [
          {
            type: 'object',
            required: ['selector'],
            properties: {
              selector: {
                type: 'string',
              },
            },
          },
          {
            type: 'object',
            required: ['query'],
            properties: {
              query: {
                type: 'string',
              },
            },
          },
        ],
      },
      SliSpec: {
        type: 'object',
        required: ['kind'],
        description:
          'The SLI; fields by kind as in SloDefinition (ratio, latency, timeSlice).',
        properties: {
          kind: {
            type: 'string',
            enum: ['ratio', 'latency', 'timeSlice'],
          },
          mode: {
            type: 'string',
            enum: ['histogram', 'gauge'],
          },
          good: {
            $ref: '#/components/schemas/EventQuery',
          },
          bad: {
            $ref: '#/components/schemas/EventQuery',
          },
          total: {
            $ref: '#/components/schemas/EventQuery',
          },
          metric: {
            type: 'string',
          },
          query: {
            type: 'string',
          },
          operator: {
            type: 'string',
            enum: ['<', '<=', '>', '>='],
          },
          threshold: {
            type: 'number',
          },
          sliceSeconds: {
            type: 'number',
          },
          sliceRatios: {
            type: 'boolean',
            description:
              "Time slices only; true when the SLI is the average of the slices' good/total ratios (OpenSLO RatioTimeslices).",
          },
          value: {
            type: 'object',
          },
        },
      },
      SloWindow: {
        type: 'object',
        required: ['type', 'label'],
        properties: {
          type: {
            type: 'string',
            enum: ['rolling', 'calendar'],
          },
          durationSeconds: {
            type: 'number',
          },
          unit: {
            type: 'string',
            enum: ['week', 'month', 'quarter'],
          },
          timeZone: {
            type: 'string',
          },
          label: {
            type: 'string',
          },
        },
      },
      SloDefinition: {
        type: 'object',
        required: [
          'id',
          'entityRef',
          'name',
          'sli',
          'objectives',
          'window',
          'labels',
          'origin',
        ],
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          source: {
            type: 'string',
          },
          sourceType: {
            description:
              "The kind of source the SLI's queries are written in (prometheus, datadog), from OpenSLO's metricSource.type; the SLO is only sent to a source of this type.",
            type: 'string',
          },
          sli: {
            $ref: '#/components/schemas/SliSpec',
          },
          objectives: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'target'],
              properties: {
                name: {
                  type: 'string',
                },
                target: {
                  type: 'number',
                },
              },
            },
          },
          window: {
            $ref: '#/components/schemas/SloWindow',
          },
          labels: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          minimumEvents: {
            type: 'number',
          },
          corrections: {
            description:
              'The corrections of the entity that apply to this SLO (slo-kit.dev/corrections, OpenSLO BudgetAdjustment); buckets they overlap leave every figure.',
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloCorrection',
            },
          },
          origin: {
            type: 'object',
            required: ['kind', 'annotation'],
            properties: {
              kind: {
                type: 'string',
                enum: ['annotation', 'template', 'openslo'],
              },
              annotation: {
                type: 'string',
              },
              detail: {
                type: 'string',
              },
            },
          },
        },
      },
      CorrectionCategory: {
        type: 'string',
        enum: ['planned-maintenance', 'bad-data', 'outside-our-control'],
      },
      CorrectionOrigin: {
        type: 'object',
        required: ['kind', 'annotation'],
        properties: {
          kind: {
            type: 'string',
            enum: ['annotation', 'openslo'],
          },
          annotation: {
            type: 'string',
          },
          detail: {
            type: 'string',
          },
        },
      },
      SloCorrection: {
        description:
          "A range, one-off or recurring, excluded from an SLO's budget: every event of a bucket that overlaps an occurrence leaves good and total alike.",
        type: 'object',
        required: [
          'name',
          'entityRef',
          'category',
          'reason',
          'start',
          'durationSeconds',
          'timeZone',
          'target',
          'origin',
        ],
        properties: {
          name: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          category: {
            $ref: '#/components/schemas/CorrectionCategory',
          },
          reason: {
            type: 'string',
          },
          start: {
            description: 'Start of the first occurrence, epoch seconds.',
            type: 'number',
          },
          durationSeconds: {
            type: 'number',
          },
          timeZone: {
            type: 'string',
          },
          recurrence: {
            type: 'object',
            required: ['frequency', 'interval', 'text'],
            properties: {
              frequency: {
                type: 'string',
                enum: ['daily', 'weekly', 'monthly'],
              },
              interval: {
                type: 'number',
              },
              byDay: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['weekday'],
                  properties: {
                    weekday: {
                      type: 'number',
                    },
                    ordinal: {
                      type: 'number',
                    },
                  },
                },
              },
              count: {
                type: 'number',
              },
              until: {
                type: 'number',
              },
              text: {
                type: 'string',
              },
            },
          },
          target: {
            type: 'object',
            required: ['kind'],
            properties: {
              kind: {
                type: 'string',
                enum: ['entity', 'slos', 'labels'],
              },
              names: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
              labels: {
                type: 'object',
                additionalProperties: {
                  type: 'string',
                },
              },
            },
          },
          origin: {
            $ref: '#/components/schemas/CorrectionOrigin',
          },
        },
      },
      SloCorrectionListing: {
        description:
          "A correction of an SLO with its occurrences in the SLO's current window and the next one ahead.",
        type: 'object',
        required: [
          'name',
          'category',
          'reason',
          'timeZone',
          'durationSeconds',
          'origin',
          'occurrences',
        ],
        properties: {
          name: {
            type: 'string',
          },
          category: {
            $ref: '#/components/schemas/CorrectionCategory',
          },
          reason: {
            type: 'string',
          },
          timeZone: {
            type: 'string',
          },
          durationSeconds: {
            type: 'number',
          },
          recurrence: {
            description:
              'The recurrence rule as written; absent for a one-off correction.',
            type: 'string',
          },
          origin: {
            $ref: '#/components/schemas/CorrectionOrigin',
          },
          occurrences: {
            type: 'array',
            items: {
              type: 'object',
              required: ['start', 'end', 'excludedStart', 'excludedEnd'],
              properties: {
                start: {
                  type: 'number',
                },
                end: {
                  type: 'number',
                },
                excludedStart: {
                  description:
                    'Epoch seconds; the whole buckets whose events are excluded start here.',
                  type: 'number',
                },
                excludedEnd: {
                  type: 'number',
                },
              },
            },
          },
          next: {
            type: 'object',
            required: ['start', 'end'],
            properties: {
              start: {
                type: 'number',
              },
              end: {
                type: 'number',
              },
            },
          },
        },
      },
      DataState: {
        type: 'string',
        enum: ['ok', 'no-data', 'partial', 'low-traffic', 'stale', 'error'],
      },
      Health: {
        description:
          "The SLO's status, from most to least urgent: paging (a page alert fires), breaching (attainment below the objective), at-risk (meeting it, but a ticket alert fires or less than 25% of the budget is left), unknown (too little data to judge), met. Decided by one rule (slo-common sloHealth).",
        type: 'string',
        enum: ['paging', 'breaching', 'at-risk', 'unknown', 'met'],
      },
      AlertEpisode: {
        description:
          'The alert episode under way: since when an alert of this severity has fired without a break, read back from the stored buckets.',
        type: 'object',
        required: ['severity', 'since', 'startedBefore'],
        properties: {
          severity: {
            type: 'string',
            enum: ['page', 'ticket'],
          },
          since: {
            description: 'Epoch seconds, the first bucket end of the run.',
            type: 'number',
          },
          startedBefore: {
            description:
              'True when the alert already fired at the earliest time the backend looked back to; the episode is older than since.',
            type: 'boolean',
          },
        },
      },
      BurnRateAlertState: {
        type: 'object',
        required: [
          'severity',
          'factor',
          'longWindowSeconds',
          'shortWindowSeconds',
          'budgetFraction',
          'longBurnRate',
          'shortBurnRate',
          'firing',
          'canFire',
        ],
        properties: {
          severity: {
            type: 'string',
            enum: ['page', 'ticket'],
          },
          factor: {
            type: 'number',
          },
          longWindowSeconds: {
            type: 'number',
          },
          shortWindowSeconds: {
            type: 'number',
          },
          budgetFraction: {
            type: 'number',
          },
          longBurnRate: {
            $ref: '#/components/schemas/NullableNumber',
          },
          shortBurnRate: {
            $ref: '#/components/schemas/NullableNumber',
          },
          firing: {
            type: 'boolean',
          },
          canFire: {
            type: 'boolean',
          },
        },
      },
      SloEvaluation: {
        type: 'object',
        required: [
          'at',
          'objective',
          'windowStart',
          'windowEnd',
          'good',
          'total',
          'sli',
          'errorBudget',
          'burnRates',
          'alerts',
          'forecast',
          'dataState',
          'coverage',
          'health',
        ],
        properties: {
          at: {
            type: 'number',
          },
          objective: {
            type: 'object',
            required: ['name', 'target'],
            properties: {
              name: {
                type: 'string',
              },
              target: {
                type: 'number',
              },
            },
          },
          windowStart: {
            type: 'number',
          },
          windowEnd: {
            type: 'number',
          },
          periodEnd: {
            type: 'number',
          },
          good: {
            type: 'number',
          },
          total: {
            type: 'number',
          },
          sli: {
            $ref: '#/components/schemas/NullableNumber',
          },
          errorBudget: {
            type: 'object',
            required: [
              'allowedBad',
              'bad',
              'consumedFraction',
              'remainingFraction',
              'exhausted',
            ],
            properties: {
              allowedBad: {
                type: 'number',
              },
              bad: {
                type: 'number',
              },
              consumedFraction: {
                $ref: '#/components/schemas/NullableNumber',
              },
              remainingFraction: {
                $ref: '#/components/schemas/NullableNumber',
              },
              exhausted: {
                type: 'boolean',
              },
              wholeWindow: {
                type: 'object',
                required: [
                  'allowedBad',
                  'consumedFraction',
                  'remainingFraction',
                ],
                properties: {
                  allowedBad: {
                    $ref: '#/components/schemas/NullableNumber',
                  },
                  consumedFraction: {
                    $ref: '#/components/schemas/NullableNumber',
                  },
                  remainingFraction: {
                    $ref: '#/components/schemas/NullableNumber',
                  },
                },
              },
            },
          },
          burnRates: {
            type: 'object',
            additionalProperties: {
              $ref: '#/components/schemas/NullableNumber',
            },
          },
          alerts: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/BurnRateAlertState',
            },
          },
          forecast: {
            type: 'object',
            required: ['exhaustedAtCurrentRate', 'exhaustedAtAverageRate'],
            properties: {
              exhaustedAtCurrentRate: {
                $ref: '#/components/schemas/NullableNumber',
              },
              exhaustedAtAverageRate: {
                $ref: '#/components/schemas/NullableNumber',
              },
            },
          },
          dataState: {
            $ref: '#/components/schemas/DataState',
          },
          coverage: {
            type: 'number',
          },
          health: {
            $ref: '#/components/schemas/Health',
          },
          episode: {
            oneOf: [
              {
                type: 'null',
              },
              {
                $ref: '#/components/schemas/AlertEpisode',
              },
            ],
          },
        },
      },
      SloCollectionStatus: {
        type: 'object',
        required: [
          'source',
          'sourceType',
          'demo',
          'lastSuccessAt',
          'lastAttemptAt',
          'lastErrorAt',
          'lastError',
          'collectedUntil',
          'consecutiveFailures',
        ],
        properties: {
          source: {
            type: 'string',
          },
          sourceType: {
            type: 'string',
          },
          demo: {
            type: 'boolean',
          },
          lastSuccessAt: {
            $ref: '#/components/schemas/NullableString',
          },
          lastAttemptAt: {
            $ref: '#/components/schemas/NullableString',
          },
          lastErrorAt: {
            $ref: '#/components/schemas/NullableString',
          },
          lastError: {
            $ref: '#/components/schemas/NullableString',
          },
          collectedUntil: {
            $ref: '#/components/schemas/NullableString',
          },
          consecutiveFailures: {
            type: 'integer',
            minimum: 0,
            description:
              'Collection attempts that failed in a row since the last success.',
          },
          deferral: {
            $ref: '#/components/schemas/SloCollectionDeferral',
          },
        },
      },
      SloCollectionDeferral: {
        description:
          "Present while a query budget of the source (its queriesPerHour, or its rate limit) stretches this SLO's collection: it is collected less often than every cycle and keeps its figures in between.",
        type: 'object',
        required: ['at', 'reason', 'intervalSeconds'],
        properties: {
          at: {
            type: 'string',
            description: 'When a budget last deferred it, ISO-8601.',
          },
          reason: {
            type: 'string',
            description: 'The budget and what was spent, for people.',
          },
          intervalSeconds: {
            description:
              'About how often the SLO is collected, in seconds; null when unknown.',
            oneOf: [
              {
                type: 'null',
              },
              {
                type: 'integer',
                minimum: 1,
              },
            ],
          },
        },
      },
      SloStatus: {
        type: 'object',
        required: ['definition', 'evaluations', 'collection'],
        properties: {
          definition: {
            $ref: '#/components/schemas/SloDefinition',
          },
          evaluations: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloEvaluation',
            },
          },
          collection: {
            $ref: '#/components/schemas/SloCollectionStatus',
          },
          exploreUrl: {
            type: 'string',
          },
          corrections: {
            description:
              "The SLO's corrections with their occurrences in its current window; absent when none.",
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloCorrectionListing',
            },
          },
        },
      },
      EntitySlosResponse: {
        type: 'object',
        required: ['entityRef', 'slos', 'problems', 'now'],
        properties: {
          entityRef: {
            type: 'string',
          },
          slos: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloStatus',
            },
          },
          problems: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ValidationProblem',
            },
          },
          now: {
            type: 'string',
          },
        },
      },
      WeightedCompositeEvaluation: {
        description:
          'The current window of a weighted composite: SLI = sum of weight × member SLI over the sum of weights (members with data), budget remaining 1 − (1 − SLI)/(1 − objective), burn rate per alert window with the weighted SLI over that window.',
        type: 'object',
        required: [
          'at',
          'objective',
          'windowStart',
          'windowEnd',
          'sli',
          'errorBudgetRemaining',
          'burnRates',
          'alerts',
          'health',
          'memberSlis',
        ],
        properties: {
          at: {
            type: 'number',
          },
          objective: {
            type: 'number',
          },
          windowStart: {
            type: 'number',
          },
          windowEnd: {
            type: 'number',
          },
          sli: {
            $ref: '#/components/schemas/NullableNumber',
          },
          errorBudgetRemaining: {
            $ref: '#/components/schemas/NullableNumber',
          },
          burnRates: {
            type: 'object',
            additionalProperties: {
              $ref: '#/components/schemas/NullableNumber',
            },
          },
          alerts: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/BurnRateAlertState',
            },
          },
          health: {
            $ref: '#/components/schemas/Health',
          },
          memberSlis: {
            description:
              "Each member's SLI over the window, in member order; null without events, or for a member the caller may not read.",
            type: 'array',
            items: {
              $ref: '#/components/schemas/NullableNumber',
            },
          },
        },
      },
      CompositeMemberStatus: {
        description:
          'A member as the caller may see it: with its figures, or, when the caller may not read its entity, only visible false and the label "another entity".',
        type: 'object',
        required: ['visible'],
        properties: {
          visible: {
            type: 'boolean',
          },
          label: {
            type: 'string',
            enum: ['another entity'],
          },
          entityRef: {
            type: 'string',
          },
          sloName: {
            type: 'string',
          },
          weight: {
            type: 'number',
          },
          good: {
            type: 'number',
          },
          total: {
            type: 'number',
          },
          sli: {
            $ref: '#/components/schemas/NullableNumber',
          },
          badShare: {
            description:
              "Share of the composite's bad events (events) or of its weighted shortfall (weighted); null when there is nothing bad.",
            allOf: [
              {
                $ref: '#/components/schemas/NullableNumber',
              },
            ],
          },
          health: {
            $ref: '#/components/schemas/Health',
          },
          dataState: {
            $ref: '#/components/schemas/DataState',
          },
        },
      },
      CompositeSloStatus: {
        type: 'object',
        required: [
          'name',
          'objective',
          'window',
          'semantics',
          'health',
          'dataState',
          'partialMembers',
          'gridMismatch',
          'members',
        ],
        properties: {
          name: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          objective: {
            type: 'number',
          },
          window: {
            $ref: '#/components/schemas/SloWindow',
          },
          semantics: {
            type: 'string',
            enum: ['events', 'weighted'],
          },
          evaluation: {
            description:
              'For events semantics, the ordinary evaluation of the pooled buckets.',
            allOf: [
              {
                $ref: '#/components/schemas/SloEvaluation',
              },
            ],
          },
          weighted: {
            description: 'For weighted semantics.',
            allOf: [
              {
                $ref: '#/components/schemas/WeightedCompositeEvaluation',
              },
            ],
          },
          health: {
            $ref: '#/components/schemas/Health',
          },
          dataState: {
            $ref: '#/components/schemas/DataState',
          },
          partialMembers: {
            description:
              'Members without data or with stale collection, which make the composite partial.',
            type: 'array',
            items: {
              type: 'string',
            },
          },
          gridMismatch: {
            description: "Set when the members' buckets are not on one grid.",
            allOf: [
              {
                $ref: '#/components/schemas/NullableString',
              },
            ],
          },
          members: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CompositeMemberStatus',
            },
          },
        },
      },
      EntityCompositesResponse: {
        type: 'object',
        required: ['entityRef', 'composites', 'problems', 'now'],
        properties: {
          entityRef: {
            type: 'string',
          },
          composites: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CompositeSloStatus',
            },
          },
          problems: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ValidationProblem',
            },
          },
          now: {
            type: 'string',
          },
        },
      },
      EntityProblemsResponse: {
        type: 'object',
        required: ['entityRef', 'problems'],
        properties: {
          entityRef: {
            type: 'string',
          },
          problems: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ValidationProblem',
            },
          },
        },
      },
      SloSeriesPoint: {
        type: 'object',
        description:
          "One point of a series. good, total and burnRate are over the point's span [from, t); sli and budgetRemaining over the SLO window (or calendar period so far) ending at t. The last point ends at the evaluation time.",
        required: [
          'from',
          't',
          'good',
          'total',
          'sli',
          'budgetRemaining',
          'burnRate',
        ],
        properties: {
          from: {
            type: 'number',
            description: "Start of the point's span, epoch seconds.",
          },
          t: {
            type: 'number',
            description: "End of the point's span, epoch seconds.",
          },
          good: {
            type: 'number',
          },
          total: {
            type: 'number',
          },
          sli: {
            $ref: '#/components/schemas/NullableNumber',
          },
          budgetRemaining: {
            $ref: '#/components/schemas/NullableNumber',
          },
          burnRate: {
            $ref: '#/components/schemas/NullableNumber',
          },
        },
      },
      SloSeriesResponse: {
        type: 'object',
        required: ['sloId', 'from', 'to', 'stepSeconds', 'points'],
        properties: {
          sloId: {
            type: 'string',
          },
          from: {
            type: 'number',
          },
          to: {
            type: 'number',
          },
          stepSeconds: {
            type: 'number',
          },
          points: {
            type: 'array',
            maxItems: 1000,
            items: {
              $ref: '#/components/schemas/SloSeriesPoint',
            },
          },
        },
      },
      SloPeriod: {
        type: 'object',
        required: [
          'start',
          'end',
          'label',
          'good',
          'total',
          'sli',
          'verdict',
          'met',
          'inProgress',
          'coverage',
        ],
        properties: {
          start: {
            type: 'number',
          },
          end: {
            type: 'number',
          },
          label: {
            type: 'string',
          },
          good: {
            type: 'number',
          },
          total: {
            type: 'number',
          },
          sli: {
            $ref: '#/components/schemas/NullableNumber',
          },
          verdict: {
            $ref: '#/components/schemas/PeriodVerdict',
          },
          met: {
            description:
              'true when met, false when missed, null without a verdict (low-traffic, no-data).',
            type: ['boolean', 'null'],
          },
          inProgress: {
            type: 'boolean',
          },
          coverage: {
            type: 'number',
          },
        },
      },
      PeriodVerdict: {
        description:
          "What a period says about an SLO: met or missed its objective; low-traffic when it had fewer events than the SLO's minimum (no verdict); no-data without events.",
        type: 'string',
        enum: ['met', 'missed', 'low-traffic', 'no-data'],
      },
      SloHistoryResponse: {
        type: 'object',
        required: ['sloId', 'period', 'minimumEvents', 'periods'],
        properties: {
          sloId: {
            type: 'string',
          },
          period: {
            type: 'string',
            enum: ['week', 'month'],
          },
          minimumEvents: {
            description:
              'Fewest events a period needs for a verdict; 0 when any event is enough.',
            type: 'number',
          },
          periods: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloPeriod',
            },
          },
        },
      },
      ReviewEpisode: {
        type: 'object',
        required: [
          'start',
          'end',
          'ongoing',
          'startedBefore',
          'severity',
          'peakBurnRate',
          'pageMinutes',
          'budgetSpent',
        ],
        properties: {
          start: {
            description:
              'Start of the first bucket at whose end an alert fired, epoch seconds.',
            type: 'number',
          },
          end: {
            description:
              'The first bucket end with no alert firing (or the last examined, when ongoing), epoch seconds.',
            type: 'number',
          },
          ongoing: {
            type: 'boolean',
          },
          startedBefore: {
            type: 'boolean',
          },
          severity: {
            type: 'string',
            enum: ['page', 'ticket'],
          },
          peakBurnRate: {
            type: 'number',
          },
          pageMinutes: {
            type: 'number',
          },
          budgetSpent: {
            description:
              'Bad events of the episode over the allowed bad events of its period.',
            $ref: '#/components/schemas/NullableNumber',
          },
        },
      },
      SloReviewPeriod: {
        allOf: [
          {
            $ref: '#/components/schemas/SloPeriod',
          },
          {
            type: 'object',
            required: [
              'timeZone',
              'budgetSpent',
              'exact',
              'pageMinutes',
              'episodes',
              'episodesFrom',
            ],
            properties: {
              timeZone: {
                type: 'string',
              },
              budgetSpent: {
                description:
                  "Share of the period's error budget spent (above 1 when overspent).",
                $ref: '#/components/schemas/NullableNumber',
              },
              exact: {
                type: 'boolean',
              },
              approximateReason: {
                type: 'string',
              },
              pageMinutes: {
                $ref: '#/components/schemas/NullableNumber',
              },
              episodes: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/ReviewEpisode',
                },
              },
              episodesFrom: {
                description:
                  'From when in the period alert states are known; null when not at all.',
                $ref: '#/components/schemas/NullableNumber',
              },
            },
          },
        ],
      },
      SloPeriodsResponse: {
        type: 'object',
        required: [
          'sloId',
          'entityRef',
          'name',
          'period',
          'timeZone',
          'objective',
          'minimumEvents',
          'at',
          'periods',
        ],
        properties: {
          sloId: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          period: {
            type: 'string',
            enum: ['week', 'month', 'quarter'],
          },
          timeZone: {
            type: 'string',
          },
          objective: {
            type: 'number',
          },
          minimumEvents: {
            type: 'number',
          },
          at: {
            type: 'string',
          },
          periods: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloReviewPeriod',
            },
          },
        },
      },
      ReviewTeamPeriod: {
        type: 'object',
        required: [
          'label',
          'slos',
          'met',
          'missed',
          'unjudged',
          'shareMet',
          'overspent',
          'episodes',
          'pageMinutes',
        ],
        properties: {
          label: {
            type: 'string',
          },
          slos: {
            type: 'number',
          },
          met: {
            type: 'number',
          },
          missed: {
            type: 'number',
          },
          unjudged: {
            type: 'number',
          },
          shareMet: {
            $ref: '#/components/schemas/NullableNumber',
          },
          overspent: {
            type: 'number',
          },
          episodes: {
            type: 'number',
          },
          pageMinutes: {
            $ref: '#/components/schemas/NullableNumber',
          },
        },
      },
      TargetStatus: {
        type: 'string',
        enum: ['met', 'missed', 'on-track', 'at-risk', 'no-data'],
      },
      ReviewTarget: {
        type: 'object',
        required: ['name', 'share', 'period', 'labels', 'periods', 'current'],
        properties: {
          name: {
            type: 'string',
          },
          share: {
            type: 'number',
          },
          period: {
            type: 'string',
            enum: ['week', 'month', 'quarter'],
          },
          labels: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          periods: {
            type: 'array',
            items: {
              type: 'object',
              required: ['label', 'judged', 'met', 'shareMet', 'status'],
              properties: {
                label: {
                  type: 'string',
                },
                judged: {
                  type: 'number',
                },
                met: {
                  type: 'number',
                },
                shareMet: {
                  $ref: '#/components/schemas/NullableNumber',
                },
                status: {
                  $ref: '#/components/schemas/TargetStatus',
                },
              },
            },
          },
          current: {
            oneOf: [
              {
                $ref: '#/components/schemas/TargetStatus',
              },
              {
                type: 'null',
              },
            ],
          },
        },
      },
      ReviewSlo: {
        type: 'object',
        required: [
          'entityRef',
          'entityTitle',
          'name',
          'ownerRefs',
          'system',
          'labels',
          'objective',
          'window',
          'periods',
          'missedPeriods',
          'judgedPeriods',
          'worstBudgetSpent',
          'pagingHours',
          'episodes',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          entityTitle: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          ownerRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          system: {
            $ref: '#/components/schemas/NullableString',
          },
          labels: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          objective: {
            type: 'number',
          },
          window: {
            type: 'string',
          },
          periods: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloReviewPeriod',
            },
          },
          missedPeriods: {
            type: 'number',
          },
          judgedPeriods: {
            type: 'number',
          },
          worstBudgetSpent: {
            oneOf: [
              {
                type: 'null',
              },
              {
                type: 'object',
                required: ['value', 'label'],
                properties: {
                  value: {
                    type: 'number',
                  },
                  label: {
                    type: 'string',
                  },
                },
              },
            ],
          },
          pagingHours: {
            $ref: '#/components/schemas/NullableNumber',
          },
          episodes: {
            type: 'number',
          },
          composite: {
            description:
              'Set for a composite SLO of a System or Domain (slo-kit.dev/composite-slos): how its members combine. Absent for plain SLOs.',
            type: 'string',
            enum: ['events', 'weighted'],
          },
        },
      },
      ReliabilityReviewResponse: {
        type: 'object',
        required: [
          'now',
          'period',
          'timeZone',
          'groupRef',
          'periods',
          'summary',
          'teams',
          'slos',
          'problems',
        ],
        properties: {
          now: {
            type: 'string',
          },
          period: {
            type: 'string',
            enum: ['week', 'month', 'quarter'],
          },
          timeZone: {
            type: 'string',
          },
          groupRef: {
            $ref: '#/components/schemas/NullableString',
          },
          periods: {
            type: 'array',
            items: {
              type: 'object',
              required: ['start', 'end', 'label', 'current'],
              properties: {
                start: {
                  type: 'number',
                },
                end: {
                  type: 'number',
                },
                label: {
                  type: 'string',
                },
                current: {
                  type: 'boolean',
                },
              },
            },
          },
          summary: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ReviewTeamPeriod',
            },
          },
          teams: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'groupRef',
                'title',
                'parentRef',
                'sloIndexes',
                'periods',
                'targets',
              ],
              properties: {
                groupRef: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
                parentRef: {
                  $ref: '#/components/schemas/NullableString',
                },
                sloIndexes: {
                  type: 'array',
                  items: {
                    type: 'number',
                  },
                },
                periods: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/ReviewTeamPeriod',
                  },
                },
                targets: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/ReviewTarget',
                  },
                },
              },
            },
          },
          slos: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ReviewSlo',
            },
          },
          problems: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ValidationProblem',
            },
          },
        },
      },
      ScorecardSlo: {
        type: 'object',
        required: [
          'entityRef',
          'entityTitle',
          'name',
          'objective',
          'window',
          'sli',
          'budgetRemaining',
          'health',
          'paging',
          'ticketing',
          'dataState',
          'previousPeriodSli',
          'previousPeriodVerdict',
          'changePoints',
          'sparkline',
          'demo',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          entityTitle: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          objective: {
            type: 'number',
          },
          window: {
            type: 'string',
          },
          sli: {
            $ref: '#/components/schemas/NullableNumber',
          },
          budgetRemaining: {
            $ref: '#/components/schemas/NullableNumber',
          },
          health: {
            $ref: '#/components/schemas/Health',
          },
          paging: {
            type: 'boolean',
          },
          ticketing: {
            type: 'boolean',
          },
          dataState: {
            $ref: '#/components/schemas/DataState',
          },
          previousPeriodSli: {
            $ref: '#/components/schemas/NullableNumber',
          },
          previousPeriodVerdict: {
            $ref: '#/components/schemas/PeriodVerdict',
          },
          changePoints: {
            description:
              "Attainment now minus in the previous period, in percentage points, as both figures are shown (each truncated to the objective's decimals); null when the status is unknown now or the previous period has no verdict.",
            type: ['number', 'null'],
          },
          sparkline: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/NullableNumber',
            },
          },
          demo: {
            type: 'boolean',
          },
          composite: {
            description:
              'Set for a composite SLO of a System or Domain (slo-kit.dev/composite-slos): how its members combine. Absent for plain SLOs.',
            type: 'string',
            enum: ['events', 'weighted'],
          },
        },
      },
      ScorecardGroup: {
        type: 'object',
        required: [
          'groupRef',
          'title',
          'parentRef',
          'childRefs',
          'services',
          'slos',
          'meeting',
          'unknown',
          'meetingShare',
          'paging',
          'trend',
          'worstBudget',
        ],
        properties: {
          groupRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          parentRef: {
            $ref: '#/components/schemas/NullableString',
          },
          childRefs: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          services: {
            type: 'number',
          },
          slos: {
            type: 'number',
          },
          meeting: {
            type: 'number',
          },
          unknown: {
            type: 'number',
          },
          meetingShare: {
            $ref: '#/components/schemas/NullableNumber',
          },
          paging: {
            type: 'number',
          },
          trend: {
            $ref: '#/components/schemas/ScorecardTrend',
          },
          withoutSlos: {
            $ref: '#/components/schemas/ServicesWithoutSlos',
          },
          worstBudget: {
            oneOf: [
              {
                type: 'null',
              },
              {
                type: 'object',
                required: [
                  'entityRef',
                  'entityTitle',
                  'name',
                  'budgetRemaining',
                ],
                properties: {
                  entityRef: {
                    type: 'string',
                  },
                  entityTitle: {
                    type: 'string',
                  },
                  name: {
                    type: 'string',
                  },
                  budgetRemaining: {
                    type: 'number',
                  },
                },
              },
            ],
          },
        },
      },
      ScorecardTrend: {
        description:
          'Change of the share of SLOs meeting their objective since the previous period, over the SLOs whose status is known in both periods.',
        type: 'object',
        required: ['compared', 'meetingBefore', 'meetingNow', 'points'],
        properties: {
          compared: {
            description:
              'SLOs known now and with a verdict (met or missed) in the previous period.',
            type: 'number',
          },
          meetingBefore: {
            type: 'number',
          },
          meetingNow: {
            type: 'number',
          },
          points: {
            description:
              '(meetingNow - meetingBefore) / compared in percentage points, one decimal, a change other than zero at least 0.1; null when compared is 0.',
            type: ['number', 'null'],
          },
        },
      },
      ServicesWithoutSlos: {
        description:
          'Components the caller may read that declare no SLO, and of those how many have a suggested SLO ready.',
        type: 'object',
        required: ['services', 'withSuggestion'],
        properties: {
          services: {
            type: 'number',
          },
          withSuggestion: {
            type: 'number',
          },
        },
      },
      SloSuggestion: {
        type: 'object',
        required: [
          'entityRef',
          'template',
          'parameters',
          'windowStart',
          'windowEnd',
          'good',
          'total',
          'attainment',
          'objective',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          template: {
            description:
              "The template's name; also the SLO's name once applied.",
            type: 'string',
          },
          family: {
            description: 'The instrumentation, e.g. Istio.',
            type: 'string',
          },
          parameters: {
            type: 'object',
            additionalProperties: {
              type: 'string',
            },
          },
          windowStart: {
            description:
              'Start of the span the attainment covers, epoch seconds (exclusive).',
            type: 'number',
          },
          windowEnd: {
            description: 'End of that span, epoch seconds.',
            type: 'number',
          },
          good: {
            type: 'number',
          },
          total: {
            type: 'number',
          },
          attainment: {
            description: 'good / total, 0..1.',
            type: 'number',
          },
          objective: {
            description: 'The suggested objective in percent, e.g. 99.9.',
            type: 'number',
          },
          templateObjective: {
            type: 'number',
          },
        },
      },
      EntitySuggestionsResponse: {
        type: 'object',
        required: ['entityRef', 'suggestions', 'annotation', 'checkedAt'],
        properties: {
          entityRef: {
            type: 'string',
          },
          suggestions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/SloSuggestion',
            },
          },
          annotation: {
            description:
              'The slo-kit.dev/templates value that applies every suggestion; null without suggestions.',
            $ref: '#/components/schemas/NullableString',
          },
          checkedAt: {
            description:
              'When the suggestion job last searched the entity; null when it has not yet.',
            $ref: '#/components/schemas/NullableString',
          },
        },
      },
      ScorecardFigures: {
        description:
          'Figures of a set of scorecard rows. meetingShare is meeting over the SLOs whose status is known (slos - unknown).',
        type: 'object',
        required: [
          'services',
          'slos',
          'meeting',
          'unknown',
          'meetingShare',
          'paging',
          'trend',
        ],
        properties: {
          services: {
            type: 'number',
          },
          slos: {
            type: 'number',
          },
          meeting: {
            type: 'number',
          },
          unknown: {
            type: 'number',
          },
          meetingShare: {
            $ref: '#/components/schemas/NullableNumber',
          },
          paging: {
            type: 'number',
          },
          trend: {
            $ref: '#/components/schemas/ScorecardTrend',
          },
          withoutSlos: {
            $ref: '#/components/schemas/ServicesWithoutSlos',
          },
        },
      },
      ScorecardResponse: {
        type: 'object',
        required: ['now', 'summary', 'groups', 'slos'],
        properties: {
          now: {
            type: 'string',
          },
          summary: {
            $ref: '#/components/schemas/ScorecardFigures',
          },
          groups: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScorecardGroup',
            },
          },
          slos: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScorecardSlo',
            },
          },
        },
      },
      GateDecision: {
        description:
          'allowed (exit 0), blocked (exit 1) or unknown, "cannot tell" (exit 2).',
        type: 'string',
        enum: ['allowed', 'blocked', 'unknown'],
      },
      GateSloResult: {
        type: 'object',
        required: ['name', 'decision', 'reasons'],
        properties: {
          name: {
            type: 'string',
          },
          decision: {
            $ref: '#/components/schemas/GateDecision',
          },
          reasons: {
            description:
              'For blocked, each failing term; for unknown, why it cannot be judged; empty when allowed.',
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      GateResponse: {
        type: 'object',
        required: [
          'entityRef',
          'policy',
          'at',
          'decision',
          'exitCode',
          'reason',
          'slos',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          policy: {
            description:
              'The policy as read, terms comma-separated in their normal spelling.',
            type: 'string',
          },
          slo: {
            description: 'The SLO judged, when one was named.',
            type: 'string',
          },
          at: {
            description: 'The evaluation time of the figures judged, ISO-8601.',
            type: 'string',
          },
          decision: {
            $ref: '#/components/schemas/GateDecision',
          },
          exitCode: {
            type: 'integer',
            enum: [0, 1, 2],
          },
          reason: {
            description:
              'One line, e.g. "blocked: checkout-availability: budget left -30.00%, policy budget-left>=0%".',
            type: 'string',
          },
          slos: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/GateSloResult',
            },
          },
        },
      },
      CollectorStatusResponse: {
        type: 'object',
        required: ['sources', 'lastRun'],
        properties: {
          sources: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'type', 'demo'],
              properties: {
                name: {
                  type: 'string',
                },
                type: {
                  type: 'string',
                },
                demo: {
                  type: 'boolean',
                },
                default: {
                  type: 'boolean',
                },
              },
            },
          },
          lastRun: {
            oneOf: [
              {
                type: 'null',
              },
              {
                type: 'object',
                required: [
                  'startedAt',
                  'durationMs',
                  'sloCount',
                  'failedCount',
                  'bucketsWritten',
                ],
                properties: {
                  startedAt: {
                    type: 'string',
                  },
                  durationMs: {
                    type: 'number',
                  },
                  sloCount: {
                    type: 'number',
                  },
                  failedCount: {
                    type: 'number',
                  },
                  bucketsWritten: {
                    type: 'number',
                  },
                },
              },
            ],
          },
        },
      },
    },
  },
} as const;
