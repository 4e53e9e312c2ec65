import { ValidationError } from '../event-sourcing/errors.js';
import { decodeCursor, type CursorPart } from './pagination.js';

/**
 * The two orders a search answers in: best match first while it matches few enough texts to rank, newest
 * first past that. A cursor's key starts with its order's name.
 */
export const RANKED = 'ranked';
export const NEWEST = 'newest';
type SearchOrder = typeof RANKED | typeof NEWEST;

/** What a key of each order holds after its name: (score, tie-breaker) or (position, tie-breaker). */
const CURSOR_PARTS: Readonly<Record<SearchOrder, readonly CursorPart[]>> = {
  [RANKED]: [{ literal: RANKED }, 'score', 'position'],
  [NEWEST]: [{ literal: NEWEST }, 'position', 'position'],
};

const decodes = (after: string, parts: readonly CursorPart[]): boolean => {
  try {
    decodeCursor(after, parts);
    return true;
  } catch {
    return false;
  }
};

/**
 * The cursor of a page of a search. A search that now matches more or fewer `things` may have changed order
 * since the cursor was issued: that is said plainly, not as a cursor the API never issued.
 */
export const decodeSearchCursor = (
  after: string | null | undefined,
  ranked: boolean,
  things: string,
): unknown[] | undefined => {
  const [expected, other]: [SearchOrder, SearchOrder] = ranked ? [RANKED, NEWEST] : [NEWEST, RANKED];
  try {
    return decodeCursor(after, CURSOR_PARTS[expected]);
  } catch (error) {
    if (after && decodes(after, CURSOR_PARTS[other]))
      throw new ValidationError(
        `after belongs to another order of this search (it now matches more or fewer ${things}): start again from the first page`,
        'after',
      );
    throw error;
  }
};
