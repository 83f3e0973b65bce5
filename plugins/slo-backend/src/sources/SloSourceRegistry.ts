import {
  storageBucketSeconds,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import type { SloSource, SloSourceModuleInfo } from '@slo-kit/plugin-slo-node';

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
  private readonly modules: readonly SloSourceModuleInfo[];

  /**
   * @param sources - every registered source; names must be unique
   * @param defaultSource - `slo.defaultSource`; when unset and there is exactly
   *        one source, that one is the default
   * @param modules - the installed source modules that said where their
   *        instances are configured, so that a module without instances is
   *        told apart from no module at all
   */
  constructor(
    sources: SloSource[],
    defaultSource?: string,
    modules: readonly SloSourceModuleInfo[] = [],
  ) {
    this.modules = modules;
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

  /**
   * The SLO's stored bucket length and the length asked from its source
   * (`storageBucketSeconds`), from the configured length and what the SLO's
   * source can answer; the configured length when no source answers it.
   */
  bucketSizesOf(
    definition: Pick<SloDefinition, 'id' | 'source' | 'sourceType' | 'sli'>,
    configuredSeconds: number,
  ): { storage: number; request: number } {
    const resolution = this.resolve(definition);
    return resolution.ok
      ? storageBucketSeconds(
          definition.sli,
          resolution.source.capabilities().minBucketSeconds,
          configuredSeconds,
        )
      : { storage: configuredSeconds, request: configuredSeconds };
  }

  /** A source by instance name. */
  get(name: string): SloSource | undefined {
    return this.byName.get(name);
  }

  /**
   * The name an SLO's source goes by: its own `source`, else the default,
   * else (for an SLO written for one kind of source, `sourceType`) the only
   * source of that kind.
   */
  sourceNameOf(
    definition: Pick<SloDefinition, 'source' | 'sourceType'>,
  ): string {
    if (definition.source) return definition.source;
    const fallback = this.defaultName
      ? this.byName.get(this.defaultName)
      : undefined;
    if (
      !definition.sourceType ||
      !fallback ||
      answersType(fallback, definition.sourceType)
    ) {
      return this.defaultName ?? '';
    }
    const ofType = this.list().filter(
      source => source.type === definition.sourceType,
    );
    return ofType.length === 1 ? ofType[0].name : this.defaultName ?? '';
  }

  /** Why there is no source at all: no module installed, or installed modules without instances. */
  private noSourcesHint(): string {
    if (this.modules.length === 0) {
      return 'No source module is installed; add one to the backend (e.g. @slo-kit/plugin-slo-backend-module-prometheus).';
    }
    const keys = this.modules.map(module => module.configKey);
    return `No sources configured under ${keys.join(' or ')}; add one (e.g. ${
      keys[0]
    }.main) and set slo.defaultSource to its name.`;
  }

  /** The source that answers an SLO, or a message that says how to fix the setup. */
  resolve(
    definition: Pick<SloDefinition, 'id' | 'source' | 'sourceType' | 'sli'>,
  ): SourceResolution {
    const names = [...this.byName.keys()];
    const available = names.length
      ? `Available sources: ${names.join(', ')}.`
      : this.noSourcesHint();
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
    if (definition.sourceType && !answersType(source, definition.sourceType)) {
      const configured = this.list()
        .map(s => `${s.name} (${s.type})`)
        .join(', ');
      return {
        ok: false,
        sourceName: name,
        message: `SLO ${definition.id} is written for a source of type ${
          definition.sourceType
        } (OpenSLO metricSource.type), but ${
          definition.source
            ? `the source it names, "${name}",`
            : `the default source "${name}"`
        } is of type ${
          source.type
        }. Configured sources: ${configured}. Configure a ${
          definition.sourceType
        } source, or name one with metricSourceRef.`,
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

/** Whether a source answers queries written for a source type; demo sources answer every type with synthetic data. */
function answersType(source: SloSource, sourceType: string): boolean {
  return source.isDemo === true || source.type === sourceType;
}
