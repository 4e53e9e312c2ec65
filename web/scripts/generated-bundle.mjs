/**
 * A synthetic import bundle for the map's browser test and benchmark: `count` claims whose statements say
 * plainly what they are ("Generated claim 17"), in small debates of `debateSize` claims, each claim after a
 * debate's first linked to an earlier one of its debate with the five link kinds in turn. No source, no
 * quotes, no facts.
 */
const KINDS = ['SUPPORTS', 'ATTACKS', 'UNDERCUTS', 'REFINES', 'DUPLICATES'];

export const generatedBundle = (count, { debateSize = 10 } = {}) => {
  const claims = [];
  const relations = [];
  for (let index = 1; index <= count; index++) {
    const debate = Math.ceil(index / debateSize);
    claims.push({ id: `gen-${index}`, statement: `Generated claim ${index}`, tags: [`debate-${debate}`] });
    const first = (debate - 1) * debateSize + 1;
    if (index > first) {
      const parent = first + Math.floor((index - first - 1) / 2);
      relations.push({
        from: `gen-${index}`,
        to: `gen-${parent}`,
        kind: KINDS[(index - first - 1) % KINDS.length],
      });
    }
  }
  return {
    format: 'claimtrail-bundle',
    version: 1,
    sources: [],
    claims,
    evidence: [],
    counterpoints: [],
    relations,
    assessments: [],
  };
};
