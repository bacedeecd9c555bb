import type { Generated } from 'kysely';

/** Times are epoch milliseconds on both engines, so every comparison and sort is the same query. */
type Millis = number;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: 'customer' | 'agent' | 'admin';
  password_hash: string | null;
  status: 'active' | 'deactivated' | 'deleted';
  mail_opt_out: Generated<number>;
  created_at: Millis;
  updated_at: Millis;
}

export interface SessionsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_at: Millis;
  expires_at: Millis;
  revoked_at: Millis | null;
}

export interface AgentsTable {
  user_id: number;
  capacity: number;
  availability: 'available' | 'away';
  active_cases: Generated<number>;
  last_assigned_at: Generated<Millis>;
  removed_at: Millis | null;
  notify_on_assignment: Generated<number>;
  created_at: Millis;
  updated_at: Millis;
}

export interface CasesTable {
  id: Generated<number>;
  customer_id: number;
  subject: string;
  description: string;
  order_number: string | null;
  product: string | null;
  reason: string | null;
  desired_outcome: string | null;
  /** Queue rank, PRIORITY_RANK of the contract: 0 urgent … 3 low. */
  priority: Generated<number>;
  team_id: number;
  category: string | null;
  status: 'new' | 'open' | 'pending' | 'resolved' | 'deleted';
  assignee_id: number | null;
  created_at: Millis;
  assigned_at: Millis | null;
  first_response_at: Millis | null;
  resolved_at: Millis | null;
  updated_at: Millis;
  /** JSON array of lower-case words (SPEC §9). */
  tags: Generated<string>;
  /** JSON of the triage record (contract `TriageRecord`); null before triage existed. */
  triage: string | null;
  /** What triage decided, kept beside what the case now says: a difference is a correction. */
  triaged_category: string | null;
  triaged_priority: number | null;
  triage_corrected_at: Millis | null;
  /** SPEC §13, migration 016: due times and 80 % marks in wall-clock millis, computed in business hours. */
  sla_first_response_due_at: Millis | null;
  sla_first_response_risk_at: Millis | null;
  sla_resolution_due_at: Millis | null;
  sla_resolution_risk_at: Millis | null;
  sla_paused_at: Millis | null;
  sla_paused_ms: Generated<number>;
  sla_alerts: Generated<number>;
  sla_next_alert_at: Millis | null;
}

export interface AssignmentsTable {
  id: Generated<number>;
  case_id: number;
  agent_id: number;
  assigned_at: Millis;
  ended_at: Millis | null;
  end_reason: string | null;
}

export interface MessagesTable {
  id: Generated<number>;
  case_id: number;
  author_id: number;
  body: string;
  visibility: 'public' | 'internal';
  created_at: Millis;
}

export interface ActivityTable {
  id: Generated<number>;
  type: string;
  case_id: number | null;
  agent_id: number | null;
  actor_id: number | null;
  from_value: string | null;
  to_value: string | null;
  reason: string | null;
  visibility: 'public' | 'internal';
  created_at: Millis;
}

export interface PasswordResetsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  expires_at: Millis;
  used_at: Millis | null;
  created_at: Millis;
}

export interface MailTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text: string;
  /** The HTML alternative (case mail); null for text-only mail. */
  html: string | null;
  created_at: Millis;
  sent_at: Millis | null;
}

export interface IdempotencyKeysTable {
  user_id: number;
  key: string;
  request_hash: string;
  case_id: number | null;
  created_at: Millis;
}

export interface TeamsTable {
  id: Generated<number>;
  name: string;
  description: string;
  is_default: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface TeamMembersTable {
  team_id: number;
  agent_id: number;
  created_at: Millis;
}

export interface TeamCategoriesTable {
  category: string;
  team_id: number;
}

export interface OutboxTable {
  id: Generated<number>;
  /** JSON array of the transaction's events (OutboxEvent). */
  events: string;
  created_at: Millis;
  dispatched_at: Millis | null;
  streamed_at: Millis | null;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  queue_key: string | null;
  payload: string;
  status: Generated<'queued' | 'dead'>;
  run_at: Millis;
  attempts: Generated<number>;
  locked_until: Millis | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface WebhooksTable {
  id: Generated<number>;
  url: string;
  description: string;
  /** JSON array of event names. */
  events: string;
  secret_sealed: string;
  enabled: number;
  disabled_reason: 'admin' | 'failing' | null;
  failing_since: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event_id: string;
  event_name: string;
  case_id: number | null;
  body: string;
  status: 'pending' | 'delivered' | 'failed' | 'dead';
  next_attempt_at: Millis | null;
  delivered_at: Millis | null;
  created_at: Millis;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  at: Millis;
  status_code: number | null;
  duration_ms: number;
  response: string;
}

export interface LeasesTable {
  name: string;
  holder: string | null;
  expires_at: Millis;
}

export interface KbArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  /** As written; '' when staff wrote none. */
  description: string;
  /** What results and pages show: the description, else the body's first sentences. */
  summary: string;
  body: string;
  category: string;
  /** JSON array of tags. */
  tags: string;
  status: 'draft' | 'published';
  author_id: number | null;
  created_at: Millis;
  updated_at: Millis;
  published_at: Millis | null;
}

/** Migration 018: per UTC day, raised by triggers whenever a write changes a fact of a closed day. */
export interface ReportDayVersionsTable {
  day: number;
  version: number;
}

/** Migration 018: a closed day's report facts for one set of filters (report-days.ts encodes them). */
export interface ReportDaysTable {
  day: number;
  filter: string;
  version: number;
  facts: Uint8Array;
}

export interface KbFeedbackTable {
  id: Generated<number>;
  session: string;
  event: 'shown' | 'opened' | 'deflected' | 'went_on' | 'created';
  /** '' when the event names no article. */
  slug: string;
  case_id: number | null;
  user_id: number;
  created_at: Millis;
}

/** SPEC §14, migration 017: the widget's colour and greeting (one row, id 1). */
export interface WidgetSettingsTable {
  id: number;
  settings: string;
  updated_at: Millis;
}

/** A guest's hold on the one conversation its widget started: the token's hash only. */
export interface WidgetSessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  case_id: number;
  created_at: Millis;
}

export interface SlaSettingsTable {
  id: number;
  /** JSON of the contract's SlaSettings. */
  settings: string;
  updated_at: Millis;
}

export interface CsatRatingsTable {
  case_id: number;
  customer_id: number;
  rating: number;
  comment: string | null;
  created_at: Millis;
}

export interface ReturnsTable {
  /** The RMA number is `R-${1000 + id}`. */
  id: Generated<number>;
  case_id: number;
  state:
    | 'requested'
    | 'approved'
    | 'rejected'
    | 'label_sent'
    | 'received'
    | 'refunded'
    | 'replaced'
    | 'repaired'
    | 'credited';
  /** JSON array of the contract's return items. */
  items: string;
  /** The customer's delivery date, YYYY-MM-DD. */
  delivered_at: string | null;
  /** JSON array of eligibility flags ('late', 'final_sale'). */
  flags: Generated<string>;
  label_attachment_id: string | null;
  created_at: Millis;
  updated_at: Millis;
}

export interface ReturnMovesTable {
  id: Generated<number>;
  return_id: number;
  from_state: string;
  to_state: string;
  reason: string | null;
  actor_id: number | null;
  created_at: Millis;
}

export interface AttachmentsTable {
  /** Random, URL-safe: the download URL names it. */
  id: string;
  uploader_id: number;
  case_id: number | null;
  message_id: number | null;
  is_internal: Generated<number>;
  /** The uploader's file name, for the download's Content-Disposition only. */
  name: string;
  size: number;
  /** Decided by the file's bytes. */
  content_type: string;
  storage_key: string;
  thumbnail_key: string | null;
  created_at: Millis;
  attached_at: Millis | null;
}

export interface Tables {
  returns: ReturnsTable;
  sla_settings: SlaSettingsTable;
  widget_settings: WidgetSettingsTable;
  widget_sessions: WidgetSessionsTable;
  csat_ratings: CsatRatingsTable;
  return_moves: ReturnMovesTable;
  attachments: AttachmentsTable;
  kb_articles: KbArticlesTable;
  kb_feedback: KbFeedbackTable;
  report_day_versions: ReportDayVersionsTable;
  report_days: ReportDaysTable;
  leases: LeasesTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  team_categories: TeamCategoriesTable;
  idempotency_keys: IdempotencyKeysTable;
  users: UsersTable;
  sessions: SessionsTable;
  agents: AgentsTable;
  cases: CasesTable;
  assignments: AssignmentsTable;
  messages: MessagesTable;
  activity: ActivityTable;
  password_resets: PasswordResetsTable;
  mail: MailTable;
}
