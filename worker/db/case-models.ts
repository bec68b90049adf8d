import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { DocumentType } from '../domain';

/** What the applicant says about the business a case is opened for. */
export interface CaseClaims {
  company_number: string;
  company_name: string;
  vat_number?: string;
  trading_address?: string;
}

export class CaseRow extends Model<InferAttributes<CaseRow>, InferCreationAttributes<CaseRow>> {
  declare id: CreationOptional<string>;
  declare tenant_id: string;
  declare reference: string | null;
  declare claims: CaseClaims;
  declare required_document_types: DocumentType[];
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export class CaseDocument extends Model<InferAttributes<CaseDocument>, InferCreationAttributes<CaseDocument>> {
  declare document_id: string;
  declare case_id: string;
  declare tenant_id: string;
  declare created_at: CreationOptional<Date>;
}

/** One external answer (or recorded input) a decision used; rows are never changed. */
export class EvidenceRow extends Model<InferAttributes<EvidenceRow>, InferCreationAttributes<EvidenceRow>> {
  declare id: CreationOptional<string>;
  declare tenant_id: string;
  declare document_id: string;
  declare task_id: string;
  declare kind: string;
  declare payload: Record<string, unknown>;
  /** Digest of the canonical payload, so a copy handed to an auditor can be checked against it. */
  declare sha256: string;
  declare recorded_at: CreationOptional<Date>;
}

export function defineCaseModels(sequelize: Sequelize): void {
  CaseRow.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      tenant_id: { type: DataTypes.UUID, allowNull: false },
      reference: { type: DataTypes.TEXT, allowNull: true },
      claims: { type: DataTypes.JSONB, allowNull: false },
      required_document_types: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      updated_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'cases', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  CaseDocument.init(
    {
      document_id: { type: DataTypes.UUID, primaryKey: true },
      case_id: { type: DataTypes.UUID, allowNull: false },
      tenant_id: { type: DataTypes.UUID, allowNull: false },
      created_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'case_documents', timestamps: true, createdAt: 'created_at', updatedAt: false },
  );
  EvidenceRow.init(
    {
      id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
      tenant_id: { type: DataTypes.UUID, allowNull: false },
      document_id: { type: DataTypes.UUID, allowNull: false },
      task_id: { type: DataTypes.UUID, allowNull: false },
      kind: { type: DataTypes.TEXT, allowNull: false },
      payload: { type: DataTypes.JSONB, allowNull: false },
      sha256: { type: DataTypes.TEXT, allowNull: false },
      recorded_at: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'evidence_records', timestamps: true, createdAt: 'recorded_at', updatedAt: false },
  );
}
