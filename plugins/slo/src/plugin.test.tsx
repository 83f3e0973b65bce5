import { ApiBlueprint, coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import sloPluginDefault from '.';
import { sloApiRef } from './api';
import { SloClient } from './api/SloClient';
import {
  entitySloCard,
  entitySloContent,
  sloApi,
  sloPlugin,
  sloScorecardPage,
} from './plugin';
import { checkoutEntity, FakeSloApi, plainEntity } from './testing';

describe('sloPlugin (new frontend system)', () => {
  it('is the package’s default export with the plugin id slo', () => {
    expect(sloPluginDefault).toBe(sloPlugin);
    expect(sloPlugin.pluginId).toBe('slo');
  });

  it('has the extensions the app and config refer to by id', () => {
    expect(sloPlugin.getExtension('page:slo')).toBeDefined();
    expect(sloPlugin.getExtension('entity-content:slo')).toBeDefined();
    expect(sloPlugin.getExtension('entity-card:slo')).toBeDefined();
    expect(sloPlugin.getExtension('api:slo')).toBeDefined();
  });

  it('mounts the scorecard page at /slo titled "SLOs by team"', () => {
    const tester = createExtensionTester(sloScorecardPage, {
      apis: [[sloApiRef, new FakeSloApi()]],
    });
    expect(tester.get(coreExtensionData.routePath)).toBe('/slo');
    expect(tester.get(coreExtensionData.title)).toBe('SLOs by team');
  });

  it('renders the scorecard page', async () => {
    const tester = createExtensionTester(sloScorecardPage, {
      apis: [[sloApiRef, new FakeSloApi()]],
    });
    renderInTestApp(tester.reactElement(), { apis: [[sloApiRef, new FakeSloApi()]] });
    expect(await screen.findByTestId('scorecard-summary')).toHaveTextContent('Organisation');
  });

  it('adds an "SLOs" tab at slo for entities with SLO annotations, and for Components, where it shows suggestions', () => {
    const tester = createExtensionTester(entitySloContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('slo');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('SLOs');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction.optional());
    expect(filter?.(checkoutEntity)).toBe(true);
    expect(filter?.(plainEntity)).toBe(true);
    expect(filter?.({ ...plainEntity, kind: 'API' })).toBe(false);
  });

  it('adds an overview card only for entities with SLO annotations', () => {
    const tester = createExtensionTester(entitySloCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction.optional());
    expect(filter?.(checkoutEntity)).toBe(true);
    expect(filter?.(plainEntity)).toBe(false);
  });

  it('renders the tab on an entity page', async () => {
    renderTestApp({
      extensions: [createTestEntityPage({ entity: checkoutEntity }), entitySloContent],
      apis: [[sloApiRef, new FakeSloApi()]],
    });
    expect(await screen.findByTestId('slo-summary')).toHaveTextContent('2 SLOs');
    await screen.findAllByTestId('slo-history-summary');
  });

  it('renders the card on an entity page', async () => {
    renderTestApp({
      extensions: [createTestEntityPage({ entity: checkoutEntity }), entitySloCard],
      apis: [[sloApiRef, new FakeSloApi()]],
    });
    expect(await screen.findByTestId('slo-overview-card')).toHaveTextContent('2 SLOs · 1 meeting');
  });

  it('provides the SLO client as the SLO API', () => {
    const tester = createExtensionTester(sloApi);
    const factory = tester.get(ApiBlueprint.dataRefs.factory);
    expect(factory.api).toBe(sloApiRef);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => '' },
      fetchApi: { fetch: async () => new Response() },
    });
    expect(client).toBeInstanceOf(SloClient);
  });
});
