import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import type { SloSource } from '@slo-kit/plugin-slo-node';

/**
 * Where an SLO's counts come from, or why they cannot be collected.
 *
 * @public
 */
export type SourceResolution =
  | { ok: true; source: SloSource }
  | { ok: false; sourceName: string; message: string };

/**
 * The sources that modules registered, by instance name, and the default one.
 *
 * @public
 */
export class SloSourceRegistry {
  private readonly byName = new Map<string, SloSource>();
  private readonly defaultName?: string;

  /**
   * @param sources - every registered source; names must be unique
   * @param defaultSource - `slo.defaultSource`; when unset and there is exactly
   *        one source, that one is the default
   */
  constructor(sources: SloSource[], defaultSource?: string) {
    for (const source of sources) {
      if (this.byName.has(source.name)) {
        throw new Error(
          `Two SLO sources are named "${source.name}" (types ${
            this.byName.get(source.name)!.type
          } and ${
            source.type
          }). Give each source instance a unique name in app-config.`,
        );
      }
      this.byName.set(source.name, source);
    }
    this.defaultName =
      defaultSource ?? (sources.length === 1 ? sources[0].name : undefined);
  }

  /** Every source, in registration order. */
  list(): SloSource[] {
    return [...this.byName.values()];
  }

  /** A source by instance name. */
  get(name: string): SloSource | undefined {
    return this.byName.get(name);
  }

  /** The name an SLO's source goes by: its own `source`, or the default. */
  sourceNameOf(definition: Pick<SloDefinition, 'source'>): string {
    return definition.source ?? this.defaultName ?? '';
  }

  /** The source that answers an SLO, or a message that says how to fix the setup. */
  resolve(
    definition: Pick<SloDefinition, 'id' | 'source' | 'sli'>,
  ): SourceResolution {
    const names = [...this.byName.keys()];
    const available = names.length
      ? `Available sources: ${names.join(', ')}.`
      : 'No source module is installed; add one to the backend (e.g. @slo-kit/plugin-slo-backend-module-prometheus).';
    const name = this.sourceNameOf(definition);
    if (!name) {
      return {
        ok: false,
        sourceName: '',
        message: `SLO ${definition.id} names no source and slo.defaultSource is not set. Set slo.defaultSource in app-config or add "source:" to the SLO. ${available}`,
      };
    }
    const source = this.byName.get(name);
    if (!source) {
      const where = definition.source
        ? `SLO ${definition.id} names source "${name}"`
        : `slo.defaultSource is "${name}"`;
      return {
        ok: false,
        sourceName: name,
        message: `${where}, but no source of that name is registered. ${available}`,
      };
    }
    const kinds = source.capabilities().sliKinds;
    if (!kinds.includes(definition.sli.kind)) {
      return {
        ok: false,
        sourceName: name,
        message: `Source "${name}" (${source.type}) cannot answer ${
          definition.sli.kind
        } SLIs, which SLO ${definition.id} uses; it answers ${kinds.join(
          ', ',
        )}. Pick another source with "source:".`,
      };
    }
    return { ok: true, source };
  }
}
