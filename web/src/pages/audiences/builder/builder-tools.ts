import type { RuleDataset } from '../../../rules/datasets';
import type { FieldErrors } from '../../../rules/field-errors';

/** What every card of the builder reads besides its node: the names it may choose from and errors. */
export interface BuilderTools {
  /** Attribute names in the store with their top values (GET /metrics/attributes). */
  attributes: { name: string; values: string[] }[];
  /** Other saved audiences, for "member of audience". */
  audiences: { id: string; name: string }[];
  /** Datasets with a customer_id and their columns (GET /query/schema), for "in dataset". */
  datasets: RuleDataset[];
  errors: FieldErrors;
}
