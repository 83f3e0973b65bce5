import { Content, Header, Page } from '@backstage/core-components';
import { SloScorecardPage } from '../components/SloScorecardPage';

/**
 * The scorecard with the page chrome the old frontend system expects (the
 * new system's PageBlueprint supplies its own header).
 */
export function LegacyScorecardPage() {
  return (
    <Page themeId="tool">
      <Header title="SLO Scorecard" subtitle="Service level objectives by team" />
      <Content noPadding>
        <SloScorecardPage />
      </Content>
    </Page>
  );
}
