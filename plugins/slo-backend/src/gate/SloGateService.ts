import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  evaluateGate,
  gateSloInputFromStatus,
  parseGatePolicy,
  type GateResponse,
} from '@slo-kit/plugin-slo-common';
import type { SloService } from '../service/SloService';

/**
 * The deploy gate of the API: an entity's SLOs, read with the caller's
 * credentials and evaluated as stored, judged against an error-budget policy.
 *
 * @public
 */
export class SloGateService {
  constructor(
    private readonly options: {
      service: Pick<SloService, 'entitySlos'>;
    },
  ) {}

  /**
   * `GET /entities/:kind/:namespace/:name/gate?policy=...&slo=...`. A policy
   * that cannot be read is an InputError naming every bad term; an entity the
   * caller may not read is not found, as for its SLOs.
   */
  async gate(
    request: { entityRef: string; policy: string[]; slo?: string },
    credentials: BackstageCredentials,
  ): Promise<GateResponse> {
    const parsed = parseGatePolicy(request.policy);
    if (!parsed.policy) {
      throw new InputError(
        `Invalid "policy": ${parsed.problems
          .map(problem => problem.message)
          .join(' ')} See docs/error-budget-policy.md.`,
      );
    }
    const entity = await this.options.service.entitySlos(
      request.entityRef,
      credentials,
    );
    const result = evaluateGate(
      parsed.policy,
      entity.slos.map(gateSloInputFromStatus),
      {
        entityRef: entity.entityRef,
        sloName: request.slo,
        problems: entity.problems,
      },
    );
    const judged = entity.slos.find(
      slo => request.slo === undefined || slo.definition.name === request.slo,
    );
    return {
      entityRef: entity.entityRef,
      policy: parsed.policy.text,
      ...(request.slo !== undefined ? { slo: request.slo } : {}),
      at: judged?.evaluations[0]
        ? new Date(judged.evaluations[0].at * 1000).toISOString()
        : entity.now,
      ...result,
    };
  }
}
