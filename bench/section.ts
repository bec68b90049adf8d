import type { BenchEnvironment } from './processes';
import type { Row } from './report';

export interface SectionContext {
  env: BenchEnvironment;
  /** Progress for the person waiting; the table comes at the end. */
  log(message: string): void;
}

/** One group of figures; it returns its rows, or throws and the runner records why. */
export interface Section {
  name: string;
  /** The figures this section produces, named up front so a failure can still say which rows are missing. */
  figures: string[];
  run(context: SectionContext): Promise<Row[]>;
}
