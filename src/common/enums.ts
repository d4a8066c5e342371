// Domain enums shared by entities, GraphQL types and the pure matching/seed code.
// Plain TypeScript: no framework imports, so pure modules may use them.

export enum Role {
  PROFESSIONAL = 'PROFESSIONAL',
  ADMIN = 'ADMIN',
}

export enum Sector {
  GOVERNMENT = 'GOVERNMENT',
  SCIENCE = 'SCIENCE',
  BUSINESS = 'BUSINESS',
  SOCIAL_ENTERPRISE = 'SOCIAL_ENTERPRISE',
  INSTITUTION = 'INSTITUTION',
  CITIZEN = 'CITIZEN',
}

export enum ExpertiseLevel {
  BASIC = 'BASIC',
  EXPERIENCED = 'EXPERIENCED',
  EXPERT = 'EXPERT',
}

/** Ordinal of a level, so levels can be compared (`>= minLevel`). */
export const LEVEL_RANK: Readonly<Record<ExpertiseLevel, number>> = {
  [ExpertiseLevel.BASIC]: 1,
  [ExpertiseLevel.EXPERIENCED]: 2,
  [ExpertiseLevel.EXPERT]: 3,
};

export enum RegionScope {
  LOCAL = 'LOCAL',
  PROVINCE = 'PROVINCE',
  NATIONAL = 'NATIONAL',
}

export enum DigestFrequency {
  WEEKLY = 'WEEKLY',
  BIWEEKLY = 'BIWEEKLY',
  MONTHLY = 'MONTHLY',
  PAUSED = 'PAUSED',
}

export enum InitiativeStatus {
  IDEA = 'IDEA',
  STARTING = 'STARTING',
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  STOPPED = 'STOPPED',
}

export type Locale = 'nl' | 'en';
export const LOCALES: readonly Locale[] = ['nl', 'en'];
