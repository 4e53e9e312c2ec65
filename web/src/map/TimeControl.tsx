import type { Moment } from './map-moments.js';

const when = (at: string) =>
  new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Words for an event type: ClaimLinked → "claim linked". */
export const eventWords = (type: string): string =>
  type
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();

/**
 * The map's time control: a slider over the moments something changed (the last step is "now", live),
 * with previous / next / now buttons for the keyboard and for exact steps.
 */
export const TimeControl = ({
  moments,
  index,
  onChange,
}: {
  moments: readonly Moment[];
  /** moments.length means now. */
  index: number;
  onChange: (index: number) => void;
}) => {
  const now = moments.length;
  const moment = index < now ? moments[index] : undefined;
  return (
    <section class="map-time" aria-label="The debate through time">
      <label for="map-time-slider">Moment</label>
      <input
        id="map-time-slider"
        type="range"
        min={0}
        max={now}
        step={1}
        value={index}
        aria-valuetext={moment ? `${index + 1} of ${now}: ${when(moment.at)}` : 'now'}
        onInput={(event) => onChange(Number(event.currentTarget.value))}
      />
      <button type="button" onClick={() => onChange(Math.max(0, index - 1))} disabled={index <= 0}>
        Previous change
      </button>
      <button type="button" onClick={() => onChange(Math.min(now, index + 1))} disabled={index >= now}>
        Next change
      </button>
      <button type="button" onClick={() => onChange(now)} disabled={index >= now}>
        Now
      </button>
      <output for="map-time-slider" data-testid="map-moment" data-as-of={moment?.at ?? ''}>
        {moment
          ? `Change ${index + 1} of ${now}, ${when(moment.at)}: ${moment.events
              .slice(0, 3)
              .map((event) => `${event.actor.id} — ${eventWords(event.type)}`)
              .join('; ')}${moment.events.length > 3 ? ` and ${moment.events.length - 3} more` : ''}`
          : `Now (live), after ${now} changes`}
      </output>
    </section>
  );
};
