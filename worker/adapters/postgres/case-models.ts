import { DataTypes, type Sequelize } from 'sequelize';
import type { CaseDocumentRecord, CaseRecord } from '../../cases/port';
import type { EvidenceRecord } from '../../evidence/port';
import { timestamp, uuidKey, type RowModel } from './columns';

export interface CaseModels {
  Case: RowModel<
    CaseRecord,
    'id' | 'created_at' | 'updated_at' | 'required_document_types' | 'decision' | 'review_decision' | 'reviewed_at'
  >;
  CaseDocument: RowModel<CaseDocumentRecord, 'created_at'>;
  Evidence: RowModel<EvidenceRecord, 'id' | 'recorded_at'>;
}

export function defineCaseModels(sequelize: Sequelize): CaseModels {
  return {
    Case: sequelize.define(
      'Case',
      {
        id: uuidKey(),
        tenant_id: { type: DataTypes.UUID, allowNull: false },
        reference: { type: DataTypes.TEXT, allowNull: true },
        claims: { type: DataTypes.JSONB, allowNull: false },
        required_document_types: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
        decision: { type: DataTypes.TEXT, allowNull: true },
        review_decision: { type: DataTypes.TEXT, allowNull: true },
        reviewed_at: { type: DataTypes.DATE, allowNull: true },
        created_at: timestamp(),
        updated_at: timestamp(),
      },
      {
        tableName: 'cases',
        indexes: [{ fields: ['tenant_id', 'created_at', 'id'] }, { fields: ['tenant_id', 'decision', 'created_at', 'id'] }],
        timestamps: true,
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
    ),
    CaseDocument: sequelize.define(
      'CaseDocument',
      {
        document_id: { type: DataTypes.UUID, primaryKey: true },
        case_id: { type: DataTypes.UUID, allowNull: false },
        tenant_id: { type: DataTypes.UUID, allowNull: false },
        created_at: timestamp(),
      },
      {
        tableName: 'case_documents',
        indexes: [{ fields: ['case_id'] }, { fields: ['tenant_id'] }],
        timestamps: true,
        createdAt: 'created_at',
        updatedAt: false,
      },
    ),
    Evidence: sequelize.define(
      'Evidence',
      {
        id: uuidKey(),
        tenant_id: { type: DataTypes.UUID, allowNull: false },
        document_id: { type: DataTypes.UUID, allowNull: false },
        task_id: { type: DataTypes.UUID, allowNull: false },
        kind: { type: DataTypes.TEXT, allowNull: false },
        payload: { type: DataTypes.JSONB, allowNull: false },
        sha256: { type: DataTypes.TEXT, allowNull: false },
        recorded_at: timestamp(),
        chain_seq: { type: DataTypes.INTEGER, allowNull: false },
        prev_hash: { type: DataTypes.TEXT, allowNull: false },
        chain_hash: { type: DataTypes.TEXT, allowNull: false },
      },
      {
        tableName: 'evidence_records',
        indexes: [
          { fields: ['document_id', 'recorded_at'] },
          { fields: ['task_id'] },
          { fields: ['tenant_id', 'kind'] },
          { fields: ['tenant_id', 'chain_seq'], unique: true },
        ],
        timestamps: true,
        createdAt: 'recorded_at',
        updatedAt: false,
      },
    ),
  };
}
