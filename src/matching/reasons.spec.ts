import type { MatchReason } from './engine/types.js';
import { reasonsFor } from './reasons.js';

const REASONS: MatchReason[] = [
  { code: 'OFFERS_WHAT_YOU_SEEK', weight: 0.4, audience: 'a', nl: 'Bob biedt X, wat jij zoekt', en: 'Bob offers X, which you seek' },
  { code: 'SEEKS_WHAT_YOU_OFFER', weight: 0.4, audience: 'b', nl: 'Anna zoekt X, wat jij biedt', en: 'Anna seeks X, which you offer' },
  { code: 'MUTUAL', weight: 0.2, audience: 'both', nl: 'jullie kunnen elkaar allebei helpen', en: 'you can both help each other' },
];

describe('reasonsFor', () => {
  it("gives one side's reasons and the shared ones, in that side's language", () => {
    expect(reasonsFor(REASONS, 'a', 'nl')).toEqual([
      { code: 'OFFERS_WHAT_YOU_SEEK', text: 'Bob biedt X, wat jij zoekt', weight: 0.4 },
      { code: 'MUTUAL', text: 'jullie kunnen elkaar allebei helpen', weight: 0.2 },
    ]);
    expect(reasonsFor(REASONS, 'b', 'en').map((r) => r.text)).toEqual(['Anna seeks X, which you offer', 'you can both help each other']);
  });

  it('falls back to Dutch for a language it does not know', () => {
    expect(reasonsFor(REASONS, 'b', 'de')[0].text).toBe('Anna zoekt X, wat jij biedt');
  });
});
