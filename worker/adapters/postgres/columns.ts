import { DataTypes, type Attributes, type Model, type ModelStatic, type Optional } from 'sequelize';

/** A model of one table: the record's fields, with those the database fills in optional on create. */
export type RowModel<R extends object, Filled extends keyof R> = ModelStatic<Model<R, Optional<R, Filled>> & R>;

export const uuidKey = () => ({ type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 });
/** A fresh definition each time: Sequelize writes the column's name into the object it is given. */
export const timestamp = () => ({ type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW });

/** The plain record behind a model instance (custom getters applied), so no database object leaves the adapter. */
export function plain<M extends Model>(row: M): Attributes<M>;
export function plain<M extends Model>(row: M | null): Attributes<M> | null;
export function plain<M extends Model>(row: M | null): Attributes<M> | null {
  return row ? (row.get({ plain: true }) as Attributes<M>) : null;
}

export const plainAll = <M extends Model>(rows: M[]): Attributes<M>[] => rows.map((r) => plain(r));
