-- The same writes as statements.sql in one data-modifying statement (autocommit), plus the check
-- after the commit: what the fewest round trips could reach. Caseflow does not run this.
\set customer random(:first_customer, :last_customer)
\set now 1764000000000
with agent as (
  select user_id from agents
    where not exists (select id from cases where status = 'new')
      and availability = 'available' and removed_at is null and active_cases < capacity
    order by active_cases, last_assigned_at, user_id limit 1 for update skip locked
), new_case as (
  insert into cases (customer_id, subject, description, order_number, product, reason, desired_outcome,
                     created_at, status, updated_at, assignee_id, assigned_at)
    select :customer::integer, 'The kettle leaks', 'Water pools under the base after every use.', 'SO-1', 'Kettle',
           'defective', 'refund', :now::bigint, 'open', :now::bigint, agent.user_id, :now::bigint from agent
    returning id, assignee_id, description
), message as (
  insert into messages (case_id, author_id, body, visibility, created_at)
    select id, :customer::integer, description, 'public', :now::bigint from new_case
), load as (
  update agents set active_cases = active_cases + 1, last_assigned_at = :now::bigint
    from new_case where agents.user_id = new_case.assignee_id
), assignment as (
  insert into assignments (case_id, agent_id, assigned_at) select id, assignee_id, :now::bigint from new_case
), activity_rows as (
  insert into activity (type, case_id, agent_id, actor_id, from_value, to_value, reason, visibility, created_at)
    select v.type, new_case.id, case when v.ord = 2 then new_case.assignee_id end,
           case when v.ord = 1 then :customer::integer end, v.from_value, v.to_value, v.reason, 'public', :now::bigint
    from new_case cross join (values (1, 'case.created', null, 'new', null),
                                     (2, 'case.assigned', 'new', 'open', 'auto')) v(ord, type, from_value, to_value, reason)
    order by v.ord
)
select new_case.id, customer.name, assignee.name from new_case
  join users customer on customer.id = :customer::integer join users assignee on assignee.id = new_case.assignee_id;
select exists (select id from cases where status = 'new') as queued,
  (select user_id from agents where availability = 'available' and removed_at is null and active_cases < capacity
   order by active_cases, last_assigned_at, user_id limit 1) as free_agent_id;
