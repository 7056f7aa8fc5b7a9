import type pg from 'pg';
import { withTransaction } from '../db/transaction.js';
import { CATALOGUE_EFFECTIVE_FROM, SERVICES, STANDARDS, WORK_TYPES } from './catalogue.js';

/**
 * Writes the services, work types, standards and their first target versions. Idempotent: rows
 * that exist are left alone, so an administrator's later changes survive restarts.
 */
export async function seedCatalogue(db: pg.ClientBase): Promise<void> {
  await withTransaction(db, async (client) => {
    for (const [i, s] of SERVICES.entries()) {
      await client.query(
        'INSERT INTO service (code, name, sort_order) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING',
        [s.code, s.name, i],
      );
    }
    for (const w of WORK_TYPES) {
      await client.query(
        'INSERT INTO work_type (code, name, service_code) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING',
        [w.code, w.name, w.service],
      );
    }
    for (const [i, s] of STANDARDS.entries()) {
      const inserted = await client.query<{ id: number }>(
        `INSERT INTO standard (code, title, description, service_code, kind, measure, threshold_value,
           threshold_unit, percentile, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (code) DO NOTHING RETURNING id`,
        [
          s.code,
          s.title,
          s.description,
          s.service,
          s.kind,
          s.measure,
          s.threshold?.value ?? null,
          s.threshold?.unit ?? null,
          s.percentile,
          i,
        ],
      );
      const id = inserted.rows[0]?.id;
      if (id === undefined) continue; // already catalogued
      for (const w of s.workTypes) {
        await client.query(
          'INSERT INTO standard_work_type (standard_id, work_type_code) VALUES ($1, $2)',
          [id, w],
        );
      }
      await client.query(
        `INSERT INTO target_version (standard_id, effective_from, target, tolerance, changed_by, reason)
         VALUES ($1, $2, $3, $4, 'catalogue seed', $5)`,
        [id, CATALOGUE_EFFECTIVE_FROM, s.target, s.tolerance, s.targetReason],
      );
    }
  });
}
