// The acceptance and usefulness rate of each run as an inline SVG line chart, drawn from the
// data (no chart library: two polylines and their axes need none). Lines differ by colour,
// dash pattern and marker shape, so colour is not the only cue; the figure's caption names what
// it shows, and the run table beside it holds the same numbers as text.
import { useTranslation } from 'react-i18next';
import { formatMoment, formatPercent } from './format.js';

export interface RatePoint {
  when: string | null;
  acceptanceRate: number;
  usefulnessRate: number;
}

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 48, right: 16, top: 16, bottom: 36 };

export function RatesChart({ points }: { points: RatePoint[] }) {
  const { t, i18n } = useTranslation('beheer');
  const language = i18n.language;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? innerW / 2 : (i * innerW) / (points.length - 1));
  const y = (rate: number) => PAD.top + innerH - Math.max(0, Math.min(1, rate)) * innerH;
  const line = (key: 'acceptanceRate' | 'usefulnessRate') => points.map((p, i) => `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
  const last = points.at(-1);
  const label = last
    ? t('chart.label', {
        count: points.length,
        acceptance: formatPercent(language, last.acceptanceRate),
        usefulness: formatPercent(language, last.usefulnessRate),
      })
    : '';

  return (
    <figure className="verbinder-admin-chart" aria-labelledby="chart-caption">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
        {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="verbinder-admin-chart__grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" className="verbinder-admin-chart__tick">
              {formatPercent(language, tick)}
            </text>
          </g>
        ))}
        {points.map((p, i) =>
          points.length <= 8 || i === 0 || i === points.length - 1 ? (
            <text key={i} x={x(i)} y={HEIGHT - 12} textAnchor="middle" className="verbinder-admin-chart__tick">
              {p.when ? new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short' }).format(new Date(p.when)) : '—'}
            </text>
          ) : null,
        )}
        <polyline points={line('acceptanceRate')} className="verbinder-admin-chart__acceptance" fill="none" />
        <polyline points={line('usefulnessRate')} className="verbinder-admin-chart__usefulness" fill="none" />
        {points.map((p, i) => (
          <g key={i}>
            <circle cx={x(i)} cy={y(p.acceptanceRate)} r={4} className="verbinder-admin-chart__acceptance-marker">
              <title>{`${formatMoment(language, p.when)}: ${t('chart.acceptance')} ${formatPercent(language, p.acceptanceRate)}`}</title>
            </circle>
            <rect x={x(i) - 4} y={y(p.usefulnessRate) - 4} width={8} height={8} className="verbinder-admin-chart__usefulness-marker">
              <title>{`${formatMoment(language, p.when)}: ${t('chart.usefulness')} ${formatPercent(language, p.usefulnessRate)}`}</title>
            </rect>
          </g>
        ))}
      </svg>
      <figcaption id="chart-caption">
        {t('chart.caption')}{' '}
        <span className="verbinder-admin-legend">
          <span className="verbinder-admin-legend__acceptance" aria-hidden="true" /> {t('chart.acceptance')}
        </span>{' '}
        <span className="verbinder-admin-legend">
          <span className="verbinder-admin-legend__usefulness" aria-hidden="true" /> {t('chart.usefulness')}
        </span>
      </figcaption>
    </figure>
  );
}
