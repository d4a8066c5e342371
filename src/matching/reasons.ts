// The engine writes each reason for side a, side b or both, in Dutch and English
// (engine/types.ts). Everyone who shows reasons (digests, connection emails, myIntroductions,
// the admin preview) shows one side's view in one language, through this function.
import type { Locale } from '../common/enums.js';
import type { MatchReason } from './engine/types.js';

export interface ReasonView {
  code: string;
  text: string;
  /** This reason's share of the score; one side's shares sum to the score. */
  weight: number;
}

export function reasonsFor(reasons: readonly MatchReason[], side: 'a' | 'b', locale: Locale | string): ReasonView[] {
  const lang = locale === 'en' ? 'en' : 'nl';
  return reasons.filter((r) => r.audience === side || r.audience === 'both').map((r) => ({ code: r.code, text: r[lang], weight: r.weight }));
}
