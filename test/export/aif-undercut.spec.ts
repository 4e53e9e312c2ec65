import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SqliteExportRows } from '../../src/export/export.reader.js';
import { aifDocument, type AifNodeset } from '../../src/export/formats/aif.js';
import { ExportWorld, OP_ED_TEXT } from './support/export-world.js';

/**
 * UNDERCUTS in AIF: "C undercuts B" says B's grounds do not carry it, so the CA attacks the inferences into
 * B (its RA nodes), never B's I-node, whenever B is the conclusion of a support.
 */
describe('aif.json: an undercut attacks the inference', () => {
  let world: ExportWorld;
  let nodeset: AifNodeset;
  const ids = { premise: '', conclusion: '', undercutter: '', evidence: '', unrelated: '' };

  beforeAll(() => {
    world = new ExportWorld();
    const opEd = world.registerSource({ title: 'Op-ed', author: 'Zeynep Gizem Özpınar', text: OP_ED_TEXT });
    ids.conclusion = world.propose('Central Asia moved from geopolitical object to subject', {
      sourceId: opEd,
      quote: { exact: 'Central Asia is no longer a geopolitical object; it is a subject' },
    });
    ids.premise = world.propose('The summit was held in Dushanbe, not in Moscow');
    ids.undercutter = world.propose('Where a summit meets says nothing about who sets its agenda');
    ids.unrelated = world.propose('Moscow revives its Eurasian vision');
    world.link(ids.premise, ids.conclusion, 'SUPPORTS');
    ids.evidence = world.attachEvidence(
      ids.conclusion,
      'SUPPORTS',
      'The C5 leaders meet without Russia too',
      {
        title: 'C5 summit records',
      },
    );
    world.attachEvidence(ids.conclusion, 'UNDERMINES', 'Remittances still come from Russia', {
      title: 'World Bank data',
    });
    world.link(ids.undercutter, ids.conclusion, 'UNDERCUTS', 'The venue is not the agenda');
    world.link(ids.unrelated, ids.conclusion, 'ATTACKS');
    nodeset = JSON.parse([...aifDocument(new SqliteExportRows(world.db))].join(''));
  });
  afterAll(() => world.close());

  const node = (id: string) => nodeset.nodes.find((candidate) => candidate.nodeID === id);
  const from = (id: string) => nodeset.edges.filter((edge) => edge.fromID === id).map((edge) => edge.toID);
  const into = (id: string) => nodeset.edges.filter((edge) => edge.toID === id).map((edge) => edge.fromID);

  it('puts one CA per inference into the undercut claim, each aimed at the RA node', () => {
    const conflicts = from(ids.undercutter);
    expect(conflicts).toHaveLength(2); // the SUPPORTS link and the supporting evidence; not the undermining one
    const targets = conflicts.flatMap((conflict) => {
      expect(node(conflict)).toMatchObject({ type: 'CA', text: 'Default Conflict' });
      return from(conflict);
    });
    expect(targets.map((target) => node(target)!.type)).toEqual(['RA', 'RA']);
    // Those RA nodes are the inferences premise → conclusion and evidence → conclusion.
    expect(
      targets.map((inference) => [into(inference).filter((id) => node(id)!.type === 'I'), from(inference)]),
    ).toEqual(
      expect.arrayContaining([
        [[ids.premise], [ids.conclusion]],
        [[ids.evidence], [ids.conclusion]],
      ]),
    );
    // Never the claim itself: the attack stays with ATTACKS.
    const attackersOfTheClaim = into(ids.conclusion)
      .filter((id) => node(id)!.type === 'CA')
      .flatMap((conflict) => into(conflict));
    expect(attackersOfTheClaim).toContain(ids.unrelated);
    expect(attackersOfTheClaim).not.toContain(ids.undercutter);
  });

  it("names the op-ed's author as the speaker of a claim taken from it, quoting its words", () => {
    const locution = nodeset.locutions.find((candidate) => candidate.nodeID === `L_${ids.conclusion}`)!;
    expect(locution.personID).toBe('Zeynep Gizem Özpınar'); // the source's author, not alice who recorded it
    expect(node(`L_${ids.conclusion}`)!.text).toBe(
      'Zeynep Gizem Özpınar: Central Asia is no longer a geopolitical object; it is a subject',
    );
    expect(nodeset.locutions.find((candidate) => candidate.nodeID === `L_${ids.premise}`)!.personID).toBe(
      'alice',
    );
  });
});
