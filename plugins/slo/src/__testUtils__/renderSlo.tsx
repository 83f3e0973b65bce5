import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp, type TestAppOptions } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { ReactElement } from 'react';
import { sloApiRef } from '../api';
import { FakeSloApi } from '../testing';

/**
 * Renders an element in a test app with a {@link FakeSloApi} (or the given
 * one) and, when `entity` is set, an entity context. Synchronous on purpose:
 * follow it directly with a `findBy` query so the fake API's answers land
 * while Testing Library waits (inside act).
 */
export function renderSlo(
  element: ReactElement,
  options: { api?: FakeSloApi; entity?: Entity } & Omit<TestAppOptions, 'apis'> = {},
) {
  const { api = new FakeSloApi(), entity, ...rest } = options;
  const wrapped = entity ? <EntityProvider entity={entity}>{element}</EntityProvider> : element;
  const result = renderInTestApp(wrapped, { ...rest, apis: [[sloApiRef, api]] });
  return { ...result, api };
}
