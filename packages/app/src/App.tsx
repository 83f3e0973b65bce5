import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import sloPlugin from '@slo-kit/plugin-slo';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';
import { techInsightsChecksModule } from './modules/techInsights';

export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    userSettingsPlugin,
    notificationsPlugin,
    sloPlugin,
    navModule,
    signInModule,
    techInsightsChecksModule,
  ],
});
