// Every migration, in order. Listed explicitly: ES modules cannot be globbed at run time.
import { InitialSchema1764400000000 } from './1764400000000-initial-schema.js';
import { ReferenceData1764400000001 } from './1764400000001-reference-data.js';
import { ProfessionalChangeLog1764400000002 } from './1764400000002-professional-change-log.js';
import { Matching1764400000003 } from './1764400000003-matching.js';
import { IntroductionsAndOutbox1764400000004 } from './1764400000004-introductions-and-outbox.js';
import { IntroductionRecipientIndex1764400000005 } from './1764400000005-introduction-recipient-index.js';
import { MatchRunShards1764400000006 } from './1764400000006-match-run-shards.js';
import { DropRedundantIntroductionRunIndex1764400000007 } from './1764400000007-drop-redundant-introduction-run-index.js';

export const MIGRATIONS = [
  InitialSchema1764400000000,
  ReferenceData1764400000001,
  ProfessionalChangeLog1764400000002,
  Matching1764400000003,
  IntroductionsAndOutbox1764400000004,
  IntroductionRecipientIndex1764400000005,
  MatchRunShards1764400000006,
  DropRedundantIntroductionRunIndex1764400000007,
];
