import { DataTypes, type QueryInterface } from 'sequelize';
import type { Migration } from './migration';

/**
 * A task's generation: 1 when made, one more at each recorded redrive. Messages carry it and a claim
 * requires it, so a message sent before a task ended (a late pg-boss retry, a swept re-send) cannot
 * take the task again once an operator has re-opened it, nor after it failed for good.
 */
export const up: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.addColumn('tasks', 'generation', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 });
};

export const down: Migration = async ({ context: qi }: { context: QueryInterface }) => {
  await qi.removeColumn('tasks', 'generation');
};
