import { NotFoundError, ValidationError } from '../../event-sourcing/errors.js';
import { optionalText } from '../../event-sourcing/guards.js';
import { optionalTextProblem, requiredTextProblem } from '../../event-sourcing/text-rules.js';
import { anchorQuote } from '../../sources/domain/text-quote.js';
import { QUOTE_CONTEXT_MAX_LENGTH, QUOTE_EXACT_LENGTH } from './claim.values.js';
import type { ClaimAnchor, SourceLookup, TextQuoteSelector } from './claim.values.js';

/**
 * Where in a source a claim is made: the one statement of how a pasted quote becomes an anchor, used by a
 * proposal and by re-anchoring alike (docs/architecture.md §3).
 */

/** What a command asks to anchor to, and the command function's read of that source. */
export interface AnchorRequest {
  readonly sourceId?: string | null;
  readonly quote?: TextQuoteSelector | null;
  /**
   * The handler's read of the `source-<sourceId>` stream; required when `sourceId` is given.
   * null: no such source.
   */
  readonly source?: SourceLookup | null;
}

/** The limits of a quote as pasted, before it is looked for in the source. */
const requireQuoteShape = (quote: TextQuoteSelector): void => {
  const exact = requiredTextProblem(typeof quote.exact === 'string' ? quote.exact : '', QUOTE_EXACT_LENGTH);
  if (exact) throw new ValidationError(`quote.exact ${exact}`, 'quote.exact');
  for (const side of ['prefix', 'suffix'] as const) {
    const context = quote[side];
    const problem =
      typeof context === 'string' ? optionalTextProblem(context, QUOTE_CONTEXT_MAX_LENGTH) : undefined;
    if (problem) throw new ValidationError(`quote.${side} ${problem}`, `quote.${side}`);
  }
};

/**
 * The anchor a request names, found in the source's text; null when it names neither a source nor a quote.
 * `commandType` names the command in the error that says its handler forgot to read the source.
 */
export const anchorOf = (request: AnchorRequest, commandType: string): ClaimAnchor | null => {
  const sourceId = optionalText(request.sourceId, 'sourceId', 64);
  const quote = request.quote ?? null;
  if (sourceId === null && quote === null) return null;
  if (sourceId === null)
    throw new ValidationError('a quote needs the sourceId of the source it is from', 'sourceId');
  if (quote === null)
    throw new ValidationError(`anchoring to source ${sourceId} needs a quote from its text`, 'quote');
  requireQuoteShape(quote);
  const { source } = request;
  if (source === undefined || (source !== null && source.sourceId !== sourceId)) {
    throw new Error(
      `${commandType} for source ${sourceId} arrived without the handler's read of that source`,
    );
  }
  if (source === null) throw new NotFoundError(`source ${sourceId} not found`);
  if (source.text === null) {
    throw new ValidationError(
      `source ${sourceId} was registered without a text, so no quote can be anchored in it`,
      'sourceId',
    );
  }
  return { sourceId, quote: anchorQuote(source.text, quote) };
};

/** Two anchors mark the same words of the same source. */
export const isSameAnchor = (left: ClaimAnchor | null, right: ClaimAnchor | null): boolean =>
  left !== null &&
  right !== null &&
  left.sourceId === right.sourceId &&
  left.quote.start === right.quote.start &&
  left.quote.end === right.quote.end;
