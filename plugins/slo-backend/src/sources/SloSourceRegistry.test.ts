import { FakeSloSource } from '../testing/FakeSloSource';
import { ratioSlo } from '../testing/testDefinitions';
import { SloSourceRegistry } from './SloSourceRegistry';

const slo = ratioSlo('component:default/checkout', 'availability');

describe('SloSourceRegistry', () => {
  it('uses the only source as the default', () => {
    const registry = new SloSourceRegistry([new FakeSloSource('prom')]);
    expect(registry.resolve(slo)).toMatchObject({
      ok: true,
      source: { name: 'prom' },
    });
  });

  it('asks for slo.defaultSource when there are several sources', () => {
    const registry = new SloSourceRegistry([
      new FakeSloSource('a'),
      new FakeSloSource('b'),
    ]);
    expect(registry.resolve(slo)).toEqual({
      ok: false,
      sourceName: '',
      message:
        'SLO component:default/checkout/availability names no source and slo.defaultSource is not set. Set slo.defaultSource in app-config or add "source:" to the SLO. Available sources: a, b.',
    });
  });

  it('tells an installed but unconfigured module from no module at all', () => {
    expect(new SloSourceRegistry([]).resolve(slo)).toMatchObject({
      ok: false,
      message: expect.stringContaining('No source module is installed'),
    });
    const registry = new SloSourceRegistry([], undefined, [
      { type: 'prometheus', configKey: 'slo.sources.prometheus' },
    ]);
    expect(registry.resolve(slo)).toEqual({
      ok: false,
      sourceName: '',
      message:
        'SLO component:default/checkout/availability names no source and slo.defaultSource is not set. Set slo.defaultSource in app-config or add "source:" to the SLO. No sources configured under slo.sources.prometheus; add one (e.g. slo.sources.prometheus.main) and set slo.defaultSource to its name.',
    });
  });

  it('names a missing default source and the available ones', () => {
    const registry = new SloSourceRegistry([new FakeSloSource('a')], 'thanos');
    expect(registry.resolve(slo)).toMatchObject({
      ok: false,
      message:
        'slo.defaultSource is "thanos", but no source of that name is registered. Available sources: a.',
    });
  });

  describe('routes SLOs written for a source type (OpenSLO metricSource.type)', () => {
    const typed = (name: string, type: string) =>
      Object.assign(new FakeSloSource(name), { type });
    const datadogSlo = { ...slo, sourceType: 'datadog' };

    it('to the only source of that type when the default is of another', () => {
      const registry = new SloSourceRegistry(
        [typed('prom', 'prometheus'), typed('dd', 'datadog')],
        'prom',
      );
      expect(registry.resolve(datadogSlo)).toMatchObject({
        ok: true,
        source: { name: 'dd' },
      });
      expect(registry.resolve(slo)).toMatchObject({ source: { name: 'prom' } });
    });

    it('names the type and the configured sources when none is of that type', () => {
      const registry = new SloSourceRegistry([typed('prom', 'prometheus')]);
      expect(registry.resolve(datadogSlo)).toEqual({
        ok: false,
        sourceName: 'prom',
        message:
          'SLO component:default/checkout/availability is written for a source of type datadog (OpenSLO metricSource.type), but the default source "prom" is of type prometheus. Configured sources: prom (prometheus). Configure a datadog source, or name one with metricSourceRef.',
      });
    });

    it('refuses a named source of another type', () => {
      const registry = new SloSourceRegistry(
        [typed('prom', 'prometheus'), typed('dd', 'datadog')],
        'dd',
      );
      expect(
        registry.resolve({ ...slo, source: 'dd', sourceType: 'prometheus' }),
      ).toMatchObject({
        ok: false,
        message: expect.stringContaining(
          'the source it names, "dd", is of type datadog. Configured sources: prom (prometheus), dd (datadog).',
        ),
      });
    });

    it('lets a demo source answer every type', () => {
      const registry = new SloSourceRegistry([
        new FakeSloSource('demo', {}, true),
      ]);
      expect(registry.resolve(datadogSlo)).toMatchObject({ ok: true });
    });
  });

  it('refuses an SLI kind the source cannot answer', () => {
    const registry = new SloSourceRegistry([
      new FakeSloSource('a', { sliKinds: ['ratio'] }),
    ]);
    const latency = ratioSlo('component:default/checkout', 'latency', {
      sli: { kind: 'latency', mode: 'histogram', metric: 'h', threshold: 0.25 },
    });
    expect(registry.resolve(latency)).toMatchObject({
      ok: false,
      message:
        'Source "a" (fake) cannot answer latency SLIs, which SLO component:default/checkout/latency uses; it answers ratio. Pick another source with "source:".',
    });
  });

  it('refuses two sources with one name', () => {
    expect(
      () =>
        new SloSourceRegistry([new FakeSloSource('a'), new FakeSloSource('a')]),
    ).toThrow(
      'Two SLO sources are named "a" (types fake and fake). Give each source instance a unique name in app-config.',
    );
  });
});
