import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useReviewHref } from './reviewPath';

/**
 * Props of {@link EntityGroupReviewCard}.
 *
 * @public
 */
export interface EntityGroupReviewCardProps {
  /**
   * Where the app mounts the review page; default the new frontend system's
   * route, else `/slo-review`. Apps on the old frontend system that mount
   * `SloReviewPage` elsewhere pass their path.
   */
  reviewPath?: string;
}

/**
 * A Group's way to its reliability review: which SLOs of the team and its
 * sub-teams missed, how badly, and its reliability targets.
 *
 * @public
 */
export function EntityGroupReviewCard(props: EntityGroupReviewCardProps) {
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  const title =
    (entity.spec?.profile as { displayName?: string } | undefined)
      ?.displayName ||
    entity.metadata.title ||
    entity.metadata.name;
  const href = useReviewHref(groupRef, props.reviewPath);
  return (
    <InfoCard title="Reliability review">
      <Typography variant="body2" sx={{ mb: 1 }}>
        Which SLOs of {title} and its sub-teams missed over the last quarters,
        how badly, and where the team stands against its reliability targets.
      </Typography>
      <Link
        component={RouterLink}
        href={href}
        underline="always"
        data-testid="group-review-link"
      >
        Open the reliability review of {title}
      </Link>
    </InfoCard>
  );
}
