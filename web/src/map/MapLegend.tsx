import { ACCEPTABILITIES, ACCEPTABILITY_LOOK, KIND_LOOK, RELATION_KINDS } from './map-style.js';

const ARROW_PATHS = {
  triangle: 'M30 2l8 5-8 5z',
  tee: 'M36 1v12',
  square: 'M31 3h7v8h-7z',
  vee: 'M30 2l8 5-8 5',
  circle: 'M34 7m-4 0a4 4 0 1 0 8 0a4 4 0 1 0-8 0',
} as const;

const SHAPE_PATHS = {
  ellipse: 'M12 2a10 10 0 1 0 0.01 0z',
  octagon: 'M8 2h8l6 6v8l-6 6H8l-6-6V8z',
  diamond: 'M12 1l11 11-11 11L1 12z',
} as const;

/** The map's key, drawn with the same colours, dashes, arrows, shapes and icons as the canvas. */
export const MapLegend = () => (
  <div class="map-legend" role="group" aria-label="Legend">
    <ul class="plain">
      {ACCEPTABILITIES.map((name) => {
        const look = ACCEPTABILITY_LOOK[name];
        return (
          <li key={name} data-legend-acceptability={name}>
            <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
              <path d={SHAPE_PATHS[look.shape]} fill={look.color} />
              <image href={look.icon} x="5" y="5" width="14" height="14" />
            </svg>{' '}
            {look.words}
          </li>
        );
      })}
    </ul>
    <ul class="plain">
      {RELATION_KINDS.map((kind) => {
        const look = KIND_LOOK[kind];
        return (
          <li key={kind} data-legend-kind={kind}>
            <svg width="40" height="14" viewBox="0 0 40 14" aria-hidden="true">
              <line
                x1="1"
                y1="7"
                x2="31"
                y2="7"
                stroke={look.color}
                stroke-width={look.width}
                stroke-dasharray={look.dash.join(' ') || undefined}
              />
              <path
                d={ARROW_PATHS[look.arrow]}
                fill={look.arrow === 'vee' || look.arrow === 'tee' ? 'none' : look.color}
                stroke={look.color}
                stroke-width="2"
              />
            </svg>{' '}
            {look.words}
          </li>
        );
      })}
    </ul>
  </div>
);
