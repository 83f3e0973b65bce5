import { Content, Header, Page } from '@backstage/core-components';
import { ReviewPage } from '../components/ReviewPage';

/**
 * The reliability review with the page chrome the old frontend system
 * expects (the new system's PageBlueprint supplies its own header).
 */
export function LegacyReviewPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Reliability review"
        subtitle="Which SLOs missed, how badly, and the teams' reliability targets"
      />
      <Content noPadding>
        <ReviewPage />
      </Content>
    </Page>
  );
}
