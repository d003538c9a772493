import { sql } from 'drizzle-orm';
import { maskIdNumber } from '../../../common/validators/id-number.validator';
import { maskPhone } from '../../../common/validators/phone.validator';
import type { Db } from '../../db/client';
import { blindIndex, decrypt, encrypt } from '../../lib/crypto';
import { residents } from './residents.table';

/** 身份证号 (or other ID) → ciphertext, lookup hash, the reversed tail for "last digits" search and the masked form lists show. */
export function idNumberColumns(idNumber: string | null) {
  return {
    idNumberEnc: encrypt(idNumber),
    idNumberHash: blindIndex(idNumber),
    idNumberRev: idNumber ? [...idNumber.slice(-6)].reverse().join('') : null,
    idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
  };
}

/** Mobile number → ciphertext, lookup hash, last four digits for search and the masked form lists show. */
export function phoneColumns(phone: string | null) {
  return {
    phoneEnc: encrypt(phone),
    phoneHash: blindIndex(phone),
    phoneLast4: phone ? phone.slice(-4) : null,
    phoneMasked: phone ? maskPhone(phone) : null,
  };
}

/** The stored identifier columns; `undefined` leaves that identifier as it is (an update that does not touch it). */
export function identityColumns(idNumber: string | null | undefined, phone: string | null | undefined) {
  return { ...(idNumber !== undefined ? idNumberColumns(idNumber) : {}), ...(phone !== undefined ? phoneColumns(phone) : {}) };
}

const maskedPending = sql`(${residents.idNumberEnc} is not null and ${residents.idNumberMasked} is null) or (${residents.phoneEnc} is not null and ${residents.phoneMasked} is null)`;

/**
 * Fills the masked columns of residents stored before they existed (migration 0010): the masked
 * form needs the plaintext, so SQL alone cannot. Walks the partial index of pending rows in
 * batches; once done, the check at each start finds that index empty. Returns the rows filled.
 * Not inside a transaction (it ends with VACUUM).
 */
export async function fillMaskedIdentifiers(db: Db, batch = 2000): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db
      .select({ id: residents.id, idNumberEnc: residents.idNumberEnc, phoneEnc: residents.phoneEnc })
      .from(residents)
      .where(maskedPending)
      .limit(batch);
    if (!rows.length) {
      // Every row filled was rewritten: vacuum now, so that index-only scans (counts, list pages) do not wait for autovacuum.
      if (filled > 0) await db.execute(sql`vacuum (analyze) ${residents}`);
      return filled;
    }
    const mask = (enc: string | null, fn: (v: string) => string) => {
      const v = decrypt(enc);
      return v == null ? null : fn(v);
    };
    const ids = rows.map((r) => r.id);
    const idMasked = rows.map((r) => mask(r.idNumberEnc, maskIdNumber));
    const phoneMasked = rows.map((r) => mask(r.phoneEnc, maskPhone));
    await db.execute(sql`update ${residents} r set id_number_masked = v.id_masked, phone_masked = v.phone_masked
      from (select unnest(${sql.param(ids)}::uuid[]) as id, unnest(${sql.param(idMasked)}::text[]) as id_masked,
                   unnest(${sql.param(phoneMasked)}::text[]) as phone_masked) v
     where r.id = v.id`);
    filled += rows.length;
  }
}
