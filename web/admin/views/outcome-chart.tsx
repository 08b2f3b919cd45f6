import type { Locale } from '../../../common/domain/locale';
import type { Messages } from '../../../i18n';
import { type DayCounts, outcomeGroups, stackedBars, totals } from '../outcome-chart';

/** The SVG's coordinate space; CSS scales it to the page's width. */
const view = { width: 720, height: 260 };
const area = { x: 44, y: 12, width: 664, height: 200 };

/**
 * Recoveries per day as stacked bars, drawn on the server (no script). The picture is one
 * image to screen readers, named by its title and summed up by its description; the numbers
 * themselves are in a table that only they read. Colours come from the stylesheet (.o-<group>)
 * and the legend names them, so the colour is never the only way to tell the outcomes apart.
 */
export function OutcomeChart(props: {
  series: DayCounts[];
  locale: Locale;
  t: Messages['admin']['dashboard'];
}) {
  const { series, t } = props;
  const number = new Intl.NumberFormat(props.locale);
  const date = new Intl.DateTimeFormat(props.locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  const dayLabel = (day: string) => date.format(new Date(`${day}T00:00:00Z`));
  const sums = totals(series);
  const { ticks, bars } = stackedBars(series, area);
  const summary = [
    t.chartSummary(series.length, sums.all),
    ...outcomeGroups.map((g) => `${t.groups[g]}: ${number.format(sums[g])}.`),
  ].join(' ');
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${view.width} ${view.height}`}
        role="img"
        aria-labelledby="outcomes-chart-title outcomes-chart-desc"
      >
        <title id="outcomes-chart-title">{t.chartTitle(series.length)}</title>
        <desc id="outcomes-chart-desc">{summary}</desc>
        {ticks.map((tick) => (
          <g class="tick">
            <line x1={area.x} x2={area.x + area.width} y1={tick.y} y2={tick.y} />
            <text x={area.x - 8} y={tick.y} text-anchor="end" dominant-baseline="middle">
              {number.format(tick.value)}
            </text>
          </g>
        ))}
        {bars.map((bar) => (
          <g class="bar">
            {/* A pointer resting on a bar shows the day's numbers. */}
            <title>
              {`${dayLabel(bar.day)}: ${bar.segments
                .map((s) => `${t.groups[s.group]} ${number.format(s.count)}`)
                .join(', ')}`}
            </title>
            {bar.segments.map((s) => (
              <rect class={`o-${s.group}`} x={bar.x} y={s.y} width={bar.width} height={s.height} />
            ))}
            {bar.labelled ? (
              <text
                class="day"
                x={bar.x + bar.width / 2}
                y={area.y + area.height + 20}
                text-anchor="middle"
              >
                {dayLabel(bar.day)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <figcaption>
        <ul class="legend">
          {outcomeGroups.map((g) => (
            <li>
              <span class={`swatch o-${g}`} aria-hidden="true" />
              {`${t.groups[g]} (${number.format(sums[g])})`}
            </li>
          ))}
        </ul>
      </figcaption>
      {/* A wrapper hides it: a table would stretch to its content despite a 1px width. */}
      <div class="visually-hidden">
        <table>
          <caption>{t.chartTitle(series.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.dayHeader}</th>
              {outcomeGroups.map((g) => (
                <th scope="col">{t.groups[g]}</th>
              ))}
              <th scope="col">{t.totalHeader}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((day) => (
              <tr>
                <th scope="row">{dayLabel(day.day)}</th>
                {outcomeGroups.map((g) => (
                  <td>{number.format(day.counts[g])}</td>
                ))}
                <td>{number.format(day.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
