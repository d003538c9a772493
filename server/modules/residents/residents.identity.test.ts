import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { decrypt } from '../../lib/crypto';
import { useTestApp } from '../../testing/app';
import { fillMaskedIdentifiers, identityColumns } from './residents.identity';

describe('stored identifier columns', () => {
  const t = useTestApp();

  it('store the masked forms beside the ciphertext, and leave an identifier alone when it is not given', () => {
    const c = identityColumns('11010519491231002X', '13812341234');
    expect(decrypt(c.idNumberEnc)).toBe('11010519491231002X');
    expect(c).toMatchObject({ idNumberRev: 'X20013', idNumberMasked: '110105********002X', phoneLast4: '1234', phoneMasked: '138****1234' });
    expect(identityColumns(undefined, null)).toEqual({ phoneEnc: null, phoneHash: null, phoneLast4: null, phoneMasked: null });
    expect(identityColumns(undefined, undefined)).toEqual({});
  });

  it('fills the masked columns of rows stored before they existed, touching nothing else', async () => {
    type Row = { id: string; id_number_enc: string | null; phone_enc: string | null; id_number_masked: string | null; phone_masked: string | null; version: number; updated_at: string };
    const { rows: before } = await t.db.execute<Row>(sql`select * from residents order by id limit 300`);
    expect(before.length).toBe(300);
    // What a database of an earlier version holds: ciphertext without the masked forms.
    await t.db.execute(sql`update residents set id_number_masked = null, phone_masked = null where id in (select id from residents order by id limit 300)`);
    expect(await fillMaskedIdentifiers(t.db, 120)).toBe(300);
    const { rows: after } = await t.db.execute<Row>(sql`select * from residents order by id limit 300`);
    // The same as written at registration (the seed stores them as the service does).
    expect(after).toEqual(before);
    expect(after.some((r) => r.phone_enc === null && r.phone_masked === null)).toBe(true);
    // Nothing left: the next start finds the pending index empty.
    expect(await fillMaskedIdentifiers(t.db)).toBe(0);
  });
});
