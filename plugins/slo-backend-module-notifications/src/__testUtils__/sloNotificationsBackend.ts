import {
  coreServices,
  createBackendModule,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import type { Notification } from '@backstage/plugin-notifications-common';
// The SLO backend itself: the module is tested where it runs.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin from '@slo-kit/plugin-slo-backend';
import type { EventBucket } from '@slo-kit/plugin-slo-common';
import {
  sloAlertEpisodesExtensionPoint,
  sloBudgetExhaustionExtensionPoint,
  sloSourcesExtensionPoint,
  type SloAlertEpisodeEvent,
  type SloBudgetExhaustionEvent,
  type SloSource,
  type SloSourceRequest,
} from '@slo-kit/plugin-slo-node';
import request from 'supertest';
import sloModuleNotifications from '../index';

/** 2025-03-01T00:00:00Z: the end of the backfill, epoch seconds. */
export const T0 = Date.UTC(2025, 2, 1) / 1000;
/** A minute, in seconds. */
export const MINUTE = 60;
/** A day, in seconds. */
export const DAY = 86400;
/** The id of the one SLO the catalog declares. */
export const SLO_ID = 'component:default/checkout/checkout-availability';

/**
 * Two incidents, seven hours apart: ten minutes each at 20% failed requests
 * (one request a second). With a 99.9% 30-day objective the 1 h/5 m page rule
 * (14.4×) fires from the fifth failing minute, its 1 h burn grows to 33× at
 * the tenth, and it resolves five minutes after the last one; no other rule
 * fires (2 bad minutes: the 6 h window burns 5.6× < 6, the day 1.4× < 3).
 */
export const INCIDENTS: ReadonlyArray<{ from: number; to: number }> = [
  { from: T0 + 10 * MINUTE, to: T0 + 20 * MINUTE },
  { from: T0 + 7 * 3600 + 10 * MINUTE, to: T0 + 7 * 3600 + 20 * MINUTE },
];
const FAILED_SHARE = 0.2;

/** Good and total events of a minute: 60 requests, 12 failed during an incident. */
function minuteCounts(start: number): { good: number; total: number } {
  const failing = INCIDENTS.some(i => start >= i.from && start < i.to);
  return { good: failing ? 60 * (1 - FAILED_SHARE) : 60, total: 60 };
}

/** A source whose burn goes up and down: {@link INCIDENTS}, else all good. */
const burstySource: SloSource = {
  name: 'bursty',
  type: 'bursty',
  capabilities: () => ({
    sliKinds: ['ratio'],
    minBucketSeconds: 60,
    maxBucketsPerRequest: 11000,
  }),
  async fetchBuckets(req: SloSourceRequest) {
    const buckets: EventBucket[] = [];
    for (let s = req.start; s < req.end; s += req.bucketSeconds) {
      let good = 0;
      let total = 0;
      for (let m = s; m < s + req.bucketSeconds; m += MINUTE) {
        const counts = minuteCounts(m);
        good += counts.good;
        total += counts.total;
      }
      buckets.push({
        start: s,
        durationSeconds: req.bucketSeconds,
        good,
        total,
      });
    }
    return { buckets, queryCount: 1 };
  },
  exploreUrl: () => 'https://bursty.invalid/',
};

/**
 * Adds the source, records every alert-episode event the backend announces
 * into `events` (to count announcements: the notifications backend would
 * fold a duplicate into the same notification), and hands out the SLO plugin's scheduler to trigger its cycles. */
function burstySourceModule(
  events: SloAlertEpisodeEvent[],
  exhaustionEvents: SloBudgetExhaustionEvent[],
  onScheduler: (s: SchedulerService) => void,
) {
  return createBackendModule({
    pluginId: 'slo',
    moduleId: 'bursty-source',
    register(reg) {
      reg.registerInit({
        deps: {
          sources: sloSourcesExtensionPoint,
          episodes: sloAlertEpisodesExtensionPoint,
          exhaustion: sloBudgetExhaustionExtensionPoint,
          scheduler: coreServices.scheduler,
        },
        async init({ sources, episodes, exhaustion, scheduler }) {
          sources.addSource(burstySource);
          episodes.addListener(async event => {
            events.push(event);
          });
          exhaustion.addListener(async event => {
            exhaustionEvents.push(event);
          });
          onScheduler(scheduler);
        },
      });
    },
  });
}

/** The user who receives the notifications: a member of the owning team. */
export const ALICE = 'user:default/alice';

/** The catalog: `checkout` declares one SLO over `window`. */
const entitiesWith = (window: string): Entity[] => [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: {
        'slo-kit.dev/slos': [
          '- name: checkout-availability',
          '  objective: 99.9',
          `  window: ${window}`,
          '  sli:',
          '    ratio:',
          '      good: requests_total{code!~"5.."}',
          '      total: requests_total',
        ].join('\n'),
      },
    },
    spec: {
      type: 'service',
      owner: 'group:default/payments',
      lifecycle: 'production',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: ALICE }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: {},
    relations: [{ type: 'memberOf', targetRef: 'group:default/payments' }],
  },
];

/** A started test backend with the SLO and notifications plugins. */
export interface SloNotificationsBackend {
  backend: TestBackend;
  /** Runs one collection cycle at the current (faked) time and waits for it. */
  collect(): Promise<void>;
  /** Alice's notifications, newest first. */
  notifications(): Promise<Notification[]>;
}

/** How {@link startSloNotificationsBackend} sets up its backend. */
export interface SloNotificationsBackendOptions {
  database?: { client: 'pg'; connection: string; prefix: string };
  /** Where announced events are pushed; replicas may share one array. */
  events?: SloAlertEpisodeEvent[];
  /** Where announced budget-exhaustion events are pushed. */
  exhaustionEvents?: SloBudgetExhaustionEvent[];
  /**
   * The SLO's window, default `30d` (its budget outlasts both incidents);
   * with `1d` the first incident exhausts the budget (120 bad events against
   * 86.4 allowed a day) until both have left the window.
   */
  window?: string;
}

/**
 * Starts a backend with the SLO plugin over {@link burstySource}, this
 * module, the real notifications backend and a catalog where alice is in
 * the team that owns `checkout`. `database` is backend config (PostgreSQL for
 * replicas), else SQLite in memory. Collection runs only when `collect` says.
 */
export async function startSloNotificationsBackend(
  options?: SloNotificationsBackendOptions,
): Promise<SloNotificationsBackend> {
  let scheduler: SchedulerService | undefined;
  const extraFeatures = options?.database ? [databaseServiceFactory] : [];
  const backend = await startTestBackend({
    features: [
      sloPlugin,
      burstySourceModule(
        options?.events ?? [],
        options?.exhaustionEvents ?? [],
        s => {
          scheduler = s;
        },
      ),
      sloModuleNotifications,
      notificationsPlugin,
      catalogServiceMock.factory({
        entities: entitiesWith(options?.window ?? '30d'),
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ...extraFeatures,
      mockServices.rootConfig.factory({
        data: {
          ...(options?.database
            ? { backend: { database: options.database } }
            : {}),
          app: { baseUrl: 'http://localhost:3000' },
          slo: {
            defaultSource: 'bursty',
            collector: { bucketSeconds: 60, backfillDays: 3 },
            suggestions: { enabled: false },
          },
        },
      }),
    ],
  });
  return {
    backend,
    // The mock scheduler runs the task and resolves when it is done.
    collect: () => scheduler!.triggerTask('slo-collector'),
    async notifications() {
      const res = await request(backend.server)
        .get('/api/notifications/notifications')
        .set('Authorization', mockCredentials.user.header(ALICE));
      if (res.status !== 200) {
        throw new Error(
          `GET notifications answered ${res.status}: ${res.text}`,
        );
      }
      return res.body.notifications as Notification[];
    },
  };
}
