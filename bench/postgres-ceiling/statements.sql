-- Caseflow's intake as it runs on PostgreSQL: the statements of one POST /cases whose case is assigned
-- at once, in the same order, one round trip each; run with `pgbench -M prepared`, they go out as named
-- prepared statements, as Caseflow's server sends them.
\set customer random(:first_customer, :last_customer)
\set now 1764000000000
begin;
select user_id from agents
  where not exists (select id from cases where status = 'new')
    and availability = 'available' and removed_at is null and active_cases < capacity
  order by active_cases, last_assigned_at, user_id limit 1 for update skip locked \gset agent_
insert into cases (customer_id, subject, description, order_number, product, reason, desired_outcome,
                   created_at, status, updated_at, assignee_id, assigned_at)
  values (:customer, 'The kettle leaks', 'Water pools under the base after every use.', 'SO-1', 'Kettle',
          'defective', 'refund', :now, 'open', :now, :agent_user_id, :now)
  returning id, subject, description, order_number, product, reason, desired_outcome, priority, status,
    customer_id, assignee_id, created_at, assigned_at, first_response_at, resolved_at, updated_at,
    (select name from users where users.id = cases.customer_id) as customer_name,
    (select name from users where users.id = cases.assignee_id) as assignee_name \gset case_
insert into messages (case_id, author_id, body, visibility, created_at)
  values (:case_id, :customer, 'Water pools under the base after every use.', 'public', :now) returning id;
update agents set active_cases = active_cases + 1, last_assigned_at = :now where user_id = :agent_user_id;
insert into assignments (case_id, agent_id, assigned_at) values (:case_id, :agent_user_id, :now);
insert into activity (type, case_id, agent_id, actor_id, from_value, to_value, reason, visibility, created_at)
  values ('case.created', :case_id, null, :customer, null, 'new', null, 'public', :now),
         ('case.assigned', :case_id, :agent_user_id, null, 'new', 'open', 'auto', 'public', :now);
commit;
select exists (select id from cases where status = 'new') as queued,
  (select user_id from agents where availability = 'available' and removed_at is null and active_cases < capacity
   order by active_cases, last_assigned_at, user_id limit 1) as free_agent_id;
