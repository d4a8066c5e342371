// The professionals' DataLoaders (see graphql/loaders.ts): declared into Loaders, fetched
// through ProfessionalsService.
import DataLoader from 'dataloader';
import type { ExpertiseLevel } from '../common/enums.js';
import { byId, type Loaders } from '../graphql/loaders.js';
import type { ProfessionalEntity } from './professional.entity.js';
import type { ProfessionalsService } from './professionals.service.js';

export interface OfferRow {
  disciplineId: number;
  level: ExpertiseLevel;
}

declare module '../graphql/loaders.js' {
  interface Loaders {
    professional: DataLoader<string, ProfessionalEntity | null>;
    offers: DataLoader<string, OfferRow[]>;
    seeks: DataLoader<string, number[]>;
    /** The initiators of an initiative, by initiative id. */
    initiators: DataLoader<string, ProfessionalEntity[]>;
  }
}

export function professionalLoaders(professionals: ProfessionalsService): Pick<Loaders, 'professional' | 'offers' | 'seeks' | 'initiators'> {
  return {
    professional: new DataLoader(async (ids) => byId(ids, await professionals.byIds(ids))),
    offers: new DataLoader((ids) => professionals.offersOf(ids)),
    seeks: new DataLoader((ids) => professionals.seeksOf(ids)),
    initiators: new DataLoader((ids) => professionals.initiatorsOf(ids)),
  };
}
