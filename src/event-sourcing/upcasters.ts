import type { StoredEvent } from './event-store.js';

/** The shape version every event is written with today. */
export const CURRENT_SCHEMA_VERSION = 1;

/** Turns the data of one event type from `fromVersion` to `fromVersion + 1`. */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Stored event types and shapes never change; a new shape adds an upcaster that runs on every read,
 * stepping an event from its stored `schemaVersion` up to the current one.
 */
export class UpcasterRegistry {
  private readonly byType = new Map<string, Map<number, Upcaster>>();

  constructor(
    upcasters: readonly Upcaster[] = [],
    readonly currentVersion = CURRENT_SCHEMA_VERSION,
  ) {
    for (const upcaster of upcasters) {
      const steps = this.byType.get(upcaster.type) ?? new Map<number, Upcaster>();
      steps.set(upcaster.fromVersion, upcaster);
      this.byType.set(upcaster.type, steps);
    }
  }

  apply(event: StoredEvent): StoredEvent {
    const version = Number(event.metadata['schemaVersion'] ?? 1);
    if (version >= this.currentVersion) return event;
    const data = this.upcastData(event.type, event.data, version);
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: this.currentVersion } };
  }

  /** The data of a `type` event written in shape `schemaVersion`, in today's shape. */
  upcastData<Data extends object>(type: string, data: Data, schemaVersion: number): Data {
    const steps = this.byType.get(type);
    let upcast = data as unknown as Record<string, unknown>;
    for (let version = schemaVersion; version < this.currentVersion; version++) {
      const step = steps?.get(version);
      if (step) upcast = step.upcast(upcast);
    }
    return upcast as unknown as Data;
  }
}

/** The upcasters in force. Empty while every stored shape is the current one. */
export const upcasters = new UpcasterRegistry([]);
