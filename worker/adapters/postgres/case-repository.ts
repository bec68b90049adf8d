import { QueryTypes } from 'sequelize';
import type { AttachOutcome, CaseMember, CaseRecord, CaseRepository, NewCase, SharedElsewhere } from '../../cases/port';
import { plain } from './columns';
import { PostgresRepository } from './repository';

/** Cases and their documents; every read is scoped to one tenant. */
export class PostgresCaseRepository extends PostgresRepository implements CaseRepository {
  async create(input: NewCase): Promise<CaseRecord> {
    return plain(await this.m.Case.create(input));
  }

  async find(tenantId: string, id: string): Promise<CaseRecord | null> {
    return plain(await this.m.Case.findOne({ where: { id, tenant_id: tenantId } }));
  }

  /** The case a document belongs to, if any. */
  async caseOf(tenantId: string, documentId: string): Promise<CaseRecord | null> {
    const link = await this.m.CaseDocument.findOne({ where: { document_id: documentId, tenant_id: tenantId } });
    return link ? this.find(tenantId, link.case_id) : null;
  }

  /** Puts the document in the case; a document belongs to one case at most. */
  async attach(tenantId: string, caseId: string, documentId: string): Promise<AttachOutcome> {
    const [row, created] = await this.m.CaseDocument.findOrCreate({
      where: { document_id: documentId },
      defaults: { document_id: documentId, case_id: caseId, tenant_id: tenantId },
    });
    if (created) return 'attached';
    return row.case_id === caseId ? 'already_attached' : 'in_other_case';
  }

  /** The case's documents, oldest first, each with its latest result and task. */
  async members(caseId: string): Promise<CaseMember[]> {
    const links = await this.m.CaseDocument.findAll({ where: { case_id: caseId }, order: [['created_at', 'ASC']] });
    const documents = await this.m.Document.findAll({ where: { id: links.map((l) => l.document_id) }, order: [['created_at', 'ASC']] });
    return Promise.all(
      documents.map(async (document) => ({
        document: plain(document),
        result: plain(await this.m.Result.findOne({ where: { document_id: document.id }, order: [['created_at', 'DESC']] })),
        task: plain(await this.m.Task.findOne({ where: { document_id: document.id }, order: [['created_at', 'DESC']] })),
      })),
    );
  }

  /**
   * Documents in the tenant's other cases with the same bytes or the same bank account number
   * (read from their latest result) as any of these. Never crosses tenants.
   */
  sharedElsewhere(tenantId: string, caseId: string, hashes: string[], accounts: string[]): Promise<SharedElsewhere[]> {
    if (hashes.length === 0 && accounts.length === 0) return Promise.resolve([]);
    return this.sequelize.query<SharedElsewhere>(
      `WITH latest AS (
         SELECT DISTINCT ON (r.document_id) r.document_id, r.fields
         FROM results r JOIN case_documents cd ON cd.document_id = r.document_id
         WHERE cd.tenant_id = :tenantId
         ORDER BY r.document_id, r.created_at DESC
       )
       SELECT d.id AS document_id, cd.case_id, c.claims->>'company_number' AS company_number, d.sha256,
              l.fields->'account_number'->>'value' AS account_number, l.fields->'sort_code'->>'value' AS sort_code
       FROM case_documents cd
       JOIN documents d ON d.id = cd.document_id AND d.tenant_id = :tenantId
       JOIN cases c ON c.id = cd.case_id AND c.tenant_id = :tenantId
       LEFT JOIN latest l ON l.document_id = d.id
       WHERE cd.tenant_id = :tenantId AND cd.case_id <> :caseId
         AND (d.sha256 IN (:hashes) OR l.fields->'account_number'->>'value' IN (:accounts))`,
      {
        type: QueryTypes.SELECT,
        // IN () is not valid SQL; an impossible value keeps an empty list harmless.
        replacements: { tenantId, caseId, hashes: hashes.length ? hashes : [''], accounts: accounts.length ? accounts : [''] },
      },
    );
  }
}
