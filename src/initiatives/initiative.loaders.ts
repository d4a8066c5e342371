// The initiatives' DataLoaders (see graphql/loaders.ts): declared into Loaders, fetched
// through InitiativesService.
import DataLoader from 'dataloader';
import type { Loaders } from '../graphql/loaders.js';
import type { ExpertiseNeedEntity, InitiativeEntity } from './initiative.entity.js';
import type { InitiativesService } from './initiatives.service.js';

declare module '../graphql/loaders.js' {
  interface Loaders {
    /** The initiatives a professional initiated, by professional id. */
    initiativesOfProfessional: DataLoader<string, InitiativeEntity[]>;
    themes: DataLoader<string, number[]>;
    needs: DataLoader<string, ExpertiseNeedEntity[]>;
  }
}

export function initiativeLoaders(initiatives: InitiativesService): Pick<Loaders, 'initiativesOfProfessional' | 'themes' | 'needs'> {
  return {
    initiativesOfProfessional: new DataLoader((ids) => initiatives.ofInitiators(ids)),
    themes: new DataLoader((ids) => initiatives.themesOf(ids)),
    needs: new DataLoader((ids) => initiatives.needsOf(ids)),
  };
}
