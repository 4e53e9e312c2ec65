/** Each source is one stream, `source-<sourceId>`. */
export const SOURCE_STREAM_PREFIX = 'source-';

export const sourceStreamId = (sourceId: string): string => `${SOURCE_STREAM_PREFIX}${sourceId}`;
