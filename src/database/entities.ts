import { AccountEntity } from '../auth/account.entity.js';
import { SignInTokenEntity } from '../auth/sign-in-token.entity.js';
import { DisciplineEntity } from '../disciplines/discipline.entity.js';
import {
  ExpertiseNeedEntity,
  InitiativeEntity,
  InitiativeInitiatorEntity,
  InitiativeThemeEntity,
} from '../initiatives/initiative.entity.js';
import {
  ProfessionalEntity,
  ProfessionalOfferEntity,
  ProfessionalSeekEntity,
} from '../professionals/professional.entity.js';
import { MatchRuleSetEntity } from '../matching/rules/match-rule-set.entity.js';
import { MunicipalityEntity } from '../regions/municipality.entity.js';
import { ProvinceEntity } from '../regions/province.entity.js';

export const ENTITIES = [
  ProvinceEntity,
  MunicipalityEntity,
  DisciplineEntity,
  AccountEntity,
  SignInTokenEntity,
  ProfessionalEntity,
  ProfessionalOfferEntity,
  ProfessionalSeekEntity,
  InitiativeEntity,
  InitiativeInitiatorEntity,
  InitiativeThemeEntity,
  ExpertiseNeedEntity,
  MatchRuleSetEntity,
];
