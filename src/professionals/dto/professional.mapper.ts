import type { AccountRecord } from '../../auth/accounts.service.js';
import type { ProfessionalEntity } from '../professional.entity.js';
import type { MatchingPreferences, Professional } from './professional.types.js';

export function toProfessional(e: ProfessionalEntity): Professional {
  return {
    id: e.id,
    name: e.name,
    headline: e.headline,
    bio: e.bio,
    organisation: e.organisation,
    sector: e.sector,
    scope: e.scope,
    availableHoursPerMonth: e.availableHoursPerMonth,
    municipalityCode: e.municipalityCode,
  };
}

export function toPreferences(a: AccountRecord): MatchingPreferences {
  return {
    optedIn: a.optedIn,
    frequency: a.frequency,
    maxIntroductionsPerDigest: a.maxIntroductionsPerDigest,
    locale: a.locale,
  };
}
