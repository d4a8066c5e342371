// The texts of a team member's reasons (team/team-cover.ts computes them as data), in the
// reader's language. Example, nl: "biedt Participatie op niveau expert (gevraagd: ervaren)",
// "12 km van Vlissingen", "10 uur per maand beschikbaar, 8 gevraagd".
import type { Locale } from '../common/enums.js';
import type { TeamReason } from './team/team-cover.js';

export interface TeamReasonView {
  code: string;
  text: string;
  weight: number;
}

export interface TeamReasonNames {
  /** A discipline's name in both languages. */
  discipline(id: number): { nl: string; en: string };
  /** What the initiative's need with this id asks for: its discipline. */
  needDisciplineId(needId: string): number;
  /** The initiative's municipality. */
  place: string;
}

const LEVELS: readonly { nl: string; en: string }[] = [
  { nl: '', en: '' },
  { nl: 'basis', en: 'basic' },
  { nl: 'ervaren', en: 'experienced' },
  { nl: 'expert', en: 'expert' },
];

const hours = (h: number, lang: 'nl' | 'en'): string => (lang === 'nl' ? `${h} uur` : `${h} ${h === 1 ? 'hour' : 'hours'}`);

function text(reason: TeamReason, names: TeamReasonNames, lang: 'nl' | 'en'): string {
  const nl = lang === 'nl';
  switch (reason.code) {
    case 'COVERS_NEED': {
      const offered = names.discipline(reason.offeredDisciplineId)[lang];
      const needed = names.discipline(names.needDisciplineId(reason.needId))[lang];
      const level = LEVELS[reason.levelRank]?.[lang] ?? '';
      const asked = LEVELS[reason.minLevelRank]?.[lang] ?? '';
      if (offered === needed) return nl ? `biedt ${offered} op niveau ${level} (gevraagd: ${asked})` : `offers ${offered} at ${level} level (asked: ${asked})`;
      return nl
        ? `biedt ${offered} op niveau ${level}, voor de behoefte ${needed} (gevraagd: ${asked})`
        : `offers ${offered} at ${level} level, for the need ${needed} (asked: ${asked})`;
    }
    case 'DISTANCE': {
      // 0 km: the same municipality (distances are between municipalities' centres).
      if (reason.km === 0) return `in ${names.place}`;
      const km = Math.max(1, Math.round(reason.km));
      return nl ? `${km} km van ${names.place}` : `${km} km from ${names.place}`;
    }
    case 'DISTANCE_UNKNOWN':
      return nl ? `afstand tot ${names.place} onbekend (geen gemeente opgegeven)` : `distance to ${names.place} unknown (no municipality given)`;
    case 'HOURS': {
      const available = nl ? `${hours(reason.availableHoursPerMonth, lang)} per maand beschikbaar` : `${hours(reason.availableHoursPerMonth, lang)} a month available`;
      if (reason.askedHoursPerMonth === null) return available;
      return nl ? `${available}, ${reason.askedHoursPerMonth} gevraagd` : `${available}, ${reason.askedHoursPerMonth} asked`;
    }
    case 'HOURS_UNKNOWN': {
      const unknown = nl ? 'beschikbare uren onbekend' : 'available hours unknown';
      if (reason.askedHoursPerMonth === null) return unknown;
      return nl ? `${unknown}, ${reason.askedHoursPerMonth} gevraagd` : `${unknown}, ${reason.askedHoursPerMonth} asked`;
    }
  }
}

export function teamReasonTexts(reasons: readonly TeamReason[], names: TeamReasonNames, locale: Locale | string): TeamReasonView[] {
  const lang = locale === 'en' ? 'en' : 'nl';
  return reasons.map((reason) => ({ code: reason.code, text: text(reason, names, lang), weight: reason.weight }));
}
