/**
 * A work item's columns after its (source, source_ref) key, in the order every bulk writer
 * (the demo seed's COPY, the import's merge) gives them.
 */
export const WORK_ITEM_COLUMNS = [
  'work_type_code',
  'service_code',
  'team_id',
  'channel',
  'customer_group',
  'received_at',
  'completed_at',
  'received_date',
  'completed_date',
  'elapsed_seconds',
  'elapsed_working_days',
  'elapsed_calendar_days',
  'within_threshold',
  'rules_version',
];
