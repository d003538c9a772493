import { instrumentDefinition } from '../../../common/schemas/assessments.schema';
import { SHIPPED_INSTRUMENTS } from '../../modules/assessments/assessments.instruments';
import { assessmentInstruments } from '../../modules/assessments/assessments.table';
import type { Db } from '../client';

/**
 * Inserts the instruments Linli ships (通用预估, 老年人能力评估 MZ/T 039—2013), each version once:
 * an existing (code, version) is left as it is, so running it again — at every start, or from
 * tests — changes nothing, and an instrument an administrator deactivated stays inactive.
 * The definitions are parsed first: a broken shipped instrument stops the seed, not a form.
 */
export async function seedInstruments(db: Db): Promise<void> {
  const rows = SHIPPED_INSTRUMENTS.map((s) => {
    const definition = instrumentDefinition.parse(s.definition);
    return { code: s.code, version: s.version, name: definition.name.zh, description: definition.description?.zh ?? null, definition };
  });
  await db.insert(assessmentInstruments).values(rows).onConflictDoNothing({ target: [assessmentInstruments.code, assessmentInstruments.version] });
}
