import { QueryTypes } from 'sequelize';
import type { DirectUploadRepository, DirectUploadSlot } from '../../persistence/port';
import type { SqlExecutor } from '../../persistence/port';
import { PostgresRepository } from './repository';

const COLUMNS = 'id, tenant_id, storage_key, content_type, max_bytes::float8 AS max_bytes, expires_at, registered_at';

export class PostgresDirectUploadRepository extends PostgresRepository implements DirectUploadRepository {
  async create(slot: Omit<DirectUploadSlot, 'registered_at'>): Promise<void> {
    await this.sequelize.query(
      `INSERT INTO direct_uploads (id, tenant_id, storage_key, content_type, max_bytes, expires_at, created_at)
       VALUES (:id, :tenant_id, :storage_key, :content_type, :max_bytes, :expires_at, now())`,
      { replacements: { ...slot }, type: QueryTypes.INSERT },
    );
  }

  async find(tenantId: string, storageKey: string): Promise<DirectUploadSlot | null> {
    const [row] = await this.sequelize.query<DirectUploadSlot>(
      `SELECT ${COLUMNS} FROM direct_uploads WHERE storage_key = :storageKey AND tenant_id = :tenantId`,
      { replacements: { tenantId, storageKey }, type: QueryTypes.SELECT },
    );
    return row ?? null;
  }

  async spendWithin(transaction: SqlExecutor, id: string, now: Date): Promise<boolean> {
    const { rows } = await transaction.executeSql(
      'UPDATE direct_uploads SET registered_at = $2 WHERE id = $1 AND registered_at IS NULL AND expires_at > $2 RETURNING id',
      [id, now],
    );
    return rows.length === 1;
  }

  async expired(before: Date, limit: number): Promise<DirectUploadSlot[]> {
    return this.sequelize.query<DirectUploadSlot>(
      `SELECT ${COLUMNS} FROM direct_uploads WHERE registered_at IS NULL AND expires_at < :before ORDER BY expires_at LIMIT :limit`,
      { replacements: { before, limit }, type: QueryTypes.SELECT },
    );
  }

  async remove(id: string): Promise<void> {
    await this.sequelize.query('DELETE FROM direct_uploads WHERE id = :id', { replacements: { id }, type: QueryTypes.DELETE });
  }
}
