import type { Professional } from '../../professionals/dto/professional.types.js';
import type { ExpertProfile } from '../expert-index.js';

/**
 * The public profile of a person found in the search index. The index's ExpertProfile has
 * exactly Professional's fields and is frozen, so it is the answer as it is: a page of results
 * copies nothing (reading 20 profiles scattered over the heap is most of what this would cost).
 */
export function profileToProfessional(profile: ExpertProfile): Professional {
  return profile as Professional;
}
