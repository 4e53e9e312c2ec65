import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { argdownText, titleFrom } from '../../src/export/formats/argdown.js';
import { argdownToBundle } from '../../src/import/argdown-bundle.js';
import { EXPORT_FORMATS } from '../../src/export/export.formats.js';
import { NO_EXPORT_SETTINGS } from '../../src/export/export.settings.js';
import { SqliteExportRows } from '../../src/export/export.reader.js';
import { ExportWorld, buildDebate } from './support/export-world.js';
import { parseArgdown } from './support/argdown.js';

// Every character Argdown's lexer treats specially, plus ordinary text, whitespace and non-ASCII.
const ALPHABET = [...'\\@#*_[]<>{}()/.:;,-+=!?"\'`~%&|^$ \t\nab1XZ—“”’é🙂'];
const texts = fc
  .string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 60 })
  .filter((text) => text.trim() !== '');

describe('argdownText', () => {
  it('reads back as the same words, whatever characters the text holds', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const parsed = parseArgdown(`[Statement]: ${argdownText(text)} {"id":"x"}\n`);
        expect(parsed.errors).toEqual([]);
        expect(parsed.byId.get('x')?.text).toBe(text.replace(/\s+/gu, ' ').trim());
      }),
      { numRuns: 500 },
    );
  });

  it('leaves plain prose readable', () => {
    expect(argdownText("Moscow's “multipolar” order, at 50% – as of Oct. 9, 2025.")).toBe(
      "Moscow's “multipolar” order, at 50% – as of Oct. 9, 2025.",
    );
    expect(argdownText('a *b* #c')).toBe('a \\*b\\* \\#c');
    expect(argdownText('U.S. and :smile:')).toBe('U\\.S. and \\:smile:');
  });

  it('makes short titles from the first words', () => {
    expect(
      titleFrom('The Second Central Asia–Russia Summit (Dushanbe, 9 October 2025) was a concrete reflection'),
    ).toBe('The Second Central Asia Russia Summit Dushanbe');
    expect(titleFrom("Moscow's 'multipolar' order")).toBe("Moscow's multipolar order");
    expect(titleFrom('— … —')).toBe('');
  });
});

describe('the Argdown export read by the Argdown importer', () => {
  it('gives back every statement, tag and link as claims and relations, with no problem', () => {
    const world = new ExportWorld();
    try {
      buildDebate(world);
      const text = [
        ...EXPORT_FORMATS.argdown.document(new SqliteExportRows(world.db), NO_EXPORT_SETTINGS),
      ].join('');
      const { bundle, problems } = argdownToBundle(text);
      expect(problems).toEqual([]);
      const claims = bundle['claims'] as Array<{ statement: string; tags?: string[] }>;
      expect(claims).toHaveLength(9 + 5); // live claims, and counterpoints as claims of their own
      expect(
        claims
          .find((claim) => claim.statement === 'Central Asia moved from geopolitical object to subject')
          ?.tags?.sort(),
      ).toEqual(['agency', 'central-asia', 'thesis']);
      expect(
        (bundle['relations'] as Array<{ kind: string }>).map((relation) => relation.kind).sort(),
      ).toEqual(['ATTACKS', 'ATTACKS', 'ATTACKS', 'SUPPORTS', 'SUPPORTS', 'UNDERCUTS']);
    } finally {
      world.close();
    }
  });
});
