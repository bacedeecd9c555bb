-- Caseflow's intake of one batch of new cases as it runs on PostgreSQL: the statements of one batch
-- (features/cases/intake/intake.pipeline.ts), in the same order, one round trip each; `pgbench -M
-- prepared` sends them as named prepared statements, as Caseflow's server does. Caseflow writes a
-- batch's rows as one multi-row VALUES list; pgbench cannot vary a statement's length, so here they
-- come from arrays. :batch cases per transaction, all for one customer, each to its own agent, all in
-- the default team :team (no category, as bench/intake.ts's single-team scenario sends them).
\set customer random(:first_customer, :last_customer)
\set now 1764000000000
begin;
select category, team_id from team_categories order by category;
select id, name, description, is_default, created_at, updated_at from teams where is_default = 1;
select array_agg(user_id) as ids from (select user_id from agents
  where exists (select agent_id from team_members where team_members.agent_id = agents.user_id
                  and team_members.team_id = :team)
    and not exists (select own.team_id from team_members own where own.agent_id = agents.user_id
                      and exists (select id from cases where cases.team_id = own.team_id and status = 'new'))
    and availability = 'available' and removed_at is null and active_cases < capacity
  order by active_cases, last_assigned_at, user_id limit :batch for update skip locked) a \gset agents_
with c as (insert into cases (customer_id, subject, description, order_number, product, reason, desired_outcome,
                   priority, team_id, category, created_at, status, updated_at, assignee_id, assigned_at)
  select :customer, 'The kettle leaks', 'Water pools under the base after every use.', 'SO-1', 'Kettle',
          'defective', 'refund', 2, :team, null, :now, 'open', :now, a, :now from unnest(:agents_ids::bigint[]) a
  returning id, subject, description, order_number, product, reason, desired_outcome, priority, team_id, category,
    status, customer_id, assignee_id, created_at, assigned_at, first_response_at, resolved_at, updated_at,
    (select name from users where users.id = cases.customer_id) as customer_name,
    (select name from users where users.id = cases.assignee_id) as assignee_name,
    (select name from teams where teams.id = cases.team_id) as team_name)
  select array_agg(id) as ids, array_agg(assignee_id) as agents from c \gset case_
insert into messages (case_id, author_id, body, visibility, created_at)
  select c, :customer, 'Water pools under the base after every use.', 'public', :now from unnest(:case_ids::bigint[]) c;
update agents set active_cases = active_cases + 1, last_assigned_at = :now where user_id = any(:case_agents::bigint[]);
insert into assignments (case_id, agent_id, assigned_at) select c, a, :now from unnest(:case_ids::bigint[], :case_agents::bigint[]) as t(c, a);
insert into activity (type, case_id, agent_id, actor_id, from_value, to_value, reason, visibility, created_at)
  select 'case.created', c, null::int, :customer::int, null, 'new', null, 'public', :now::bigint from unnest(:case_ids::bigint[]) c
  union all
  select 'case.routed', c, null, null, null, :team::text, 'routed: no category → Support (default team)', 'internal', :now
    from unnest(:case_ids::bigint[]) c
  union all
  select 'case.assigned', c, a, null, 'new', 'open', 'auto', 'public', :now from unnest(:case_ids::bigint[], :case_agents::bigint[]) as t(c, a);
commit;
select (select teams.id from teams
  where exists (select id from cases where cases.team_id = teams.id and status = 'new')
    and exists (select user_id from agents
      where exists (select agent_id from team_members where team_members.agent_id = agents.user_id
                      and team_members.team_id = teams.id)
        and availability = 'available' and removed_at is null and active_cases < capacity
      order by active_cases, last_assigned_at, user_id limit 1)
  limit 1) as team_id;
