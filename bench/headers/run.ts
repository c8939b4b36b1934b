// Header corpus bench: how many of the real-world header spellings in
// shared/domain/fixtures/headerCorpus map to the expected field. Goal: ≥ 95 % right and none
// mapped wrong (a wrong mapping is worse than none). Exits 1 when a goal is missed.
import { scoreAllCorpora } from '../../shared/domain/headerCorpus.test-util';
import { Targets } from '../targets';

const GOAL_RIGHT = 0.95;
const targets = new Targets();
for (const s of scoreAllCorpora()) {
  const pct = (100 * s.right) / s.total;
  console.log(`${s.collection.padEnd(15)} ${String(s.total).padStart(4)} spellings  ${pct.toFixed(1).padStart(5)} % right  ${s.wrong.length} wrong  ${s.missed.length} unmapped`);
  for (const w of s.wrong) console.log(`  WRONG   ${JSON.stringify(w.header)} → ${w.got} (expected ${w.expected ?? 'none'})`);
  for (const m of s.missed) console.log(`  missed  ${JSON.stringify(m.header)} (expected ${m.expected})`);
  targets.check(s.right / s.total >= GOAL_RIGHT, `${s.collection}: ≥ ${GOAL_RIGHT * 100} % right: ${pct.toFixed(1)} %`);
  targets.check(s.wrong.length === 0, `${s.collection}: none mapped wrong: ${s.wrong.length}`);
}
targets.report();
