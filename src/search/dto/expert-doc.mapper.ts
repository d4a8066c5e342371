import type { RegionScope, Sector } from '../../common/enums.js';
import type { Professional } from '../../professionals/dto/professional.types.js';
import type { ExpertDoc } from '../expert-index.js';

/** The public profile of a person found in the search index. */
export function docToProfessional(doc: ExpertDoc): Professional {
  return {
    id: doc.id,
    name: doc.name,
    headline: doc.headline,
    bio: doc.bio,
    organisation: doc.organisation,
    sector: doc.sector as Sector,
    scope: doc.scope as RegionScope,
    availableHoursPerMonth: doc.availableHoursPerMonth,
    municipalityCode: doc.municipalityCode,
  };
}
