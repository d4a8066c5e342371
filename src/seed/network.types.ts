// The shape of a network to load: produced by the synthetic generator and by the
// hand-written demo network, consumed by the seed loader. Plain TypeScript.
import type { DigestFrequency, ExpertiseLevel, InitiativeStatus, Locale, RegionScope, Sector } from '../common/enums.js';

export interface NetworkExpertise {
  slug: string;
  level: ExpertiseLevel;
}

export interface NetworkProfessional {
  /** Position in the network (0-based); initiatives refer to initiators by it. */
  key: number;
  email: string;
  name: string;
  headline: string | null;
  bio: string | null;
  organisation: string | null;
  sector: Sector;
  municipalityCode: string | null;
  scope: RegionScope;
  offers: NetworkExpertise[];
  /** Discipline slugs. */
  seeks: string[];
  availableHoursPerMonth: number | null;
  locale: Locale;
  optedIn: boolean;
  frequency: DigestFrequency;
}

export interface NetworkNeed {
  slug: string;
  level: ExpertiseLevel;
  hoursPerMonth: number | null;
  fulfilled: boolean;
}

export interface NetworkInitiative {
  key: number;
  title: string;
  summary: string;
  description: string | null;
  lessonsLearned: string | null;
  status: InitiativeStatus;
  municipalityCode: string;
  /** Discipline slugs. */
  themes: string[];
  needs: NetworkNeed[];
  /** Keys of professionals in the same network; at least one. */
  initiatorKeys: number[];
}
