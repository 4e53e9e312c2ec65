// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package/file.
import { readFileSync } from 'node:fs';

const where = (url) => {
  if (!url) return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return `dist/${url.slice(dist + 6)}`;
  const bench = url.indexOf('/bench/');
  if (bench >= 0) return `bench/${url.slice(bench + 7)}`;
  return url.replace(/^file:\/\//, '').replace(/^node:/, 'node:');
};

export const summarizeProfile = (file, top = 25) => {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfTime = new Map();
  profile.samples.forEach((id, index) =>
    selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)),
  );
  const total = [...selfTime.values()].reduce((sum, value) => sum + value, 0);
  const byFunction = new Map();
  const byPlace = new Map();
  for (const [id, micros] of selfTime) {
    const { callFrame } = nodes.get(id);
    const place = where(callFrame.url);
    const key = `${callFrame.functionName || '(anonymous)'} ${place}:${callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
  }
  const share = (entries) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({
        name,
        ms: Math.round(micros / 1000),
        percent: Math.round((micros / total) * 1000) / 10,
      }));
  let idle = 0;
  for (const [key, micros] of byFunction) if (key.startsWith('(idle)')) idle += micros;
  return {
    totalMs: Math.round(total / 1000),
    busyMs: Math.round((total - idle) / 1000),
    functions: share(byFunction),
    places: share(byPlace),
  };
};

// CLI: node bench/lib/profile.mjs FILE.cpuprofile [top]
if (import.meta.url === `file://${process.argv[1]}`) {
  const summary = summarizeProfile(process.argv[2], Number(process.argv[3] ?? 30));
  console.log(`total ${summary.totalMs} ms`);
  for (const entry of summary.functions)
    console.log(`${String(entry.percent).padStart(5)}%  ${String(entry.ms).padStart(6)} ms  ${entry.name}`);
  console.log('\nby file / package:');
  for (const entry of summary.places)
    console.log(`${String(entry.percent).padStart(5)}%  ${String(entry.ms).padStart(6)} ms  ${entry.name}`);
}
