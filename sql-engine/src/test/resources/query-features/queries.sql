-- set-returning functions
select * from generate_series(1, 5)
select * from generate_series(1, 10, 3) as g
select g.x from generate_series(5, 1, -2) as g(x)
select * from generate_series(1, 3) with ordinality
select * from generate_series(1, 3) with ordinality as t(a, b)
select generate_series(1, 3), 'x'
select generate_series(1, 3) as a, generate_series(1, 5) as b
select id, generate_series(1, id) from t order by 1, 2
select * from generate_series(2147483640, 2147483647, 4)
select * from generate_series(1, 3000000000, 1000000000)
select * from generate_series(1.5, 3)
select * from generate_series(0.1, 0.5, 0.2)
select * from generate_series('2024-01-01'::timestamp, '2024-01-02', '6 hours')
select * from generate_series('2024-01-31'::timestamp, '2024-05-01', '1 month')
select * from generate_series('2024-01-01 00:00+00'::timestamptz, '2024-01-01 02:00+00', '1 hour')
select * from generate_series(1, 3, 0)
select * from generate_series(3, 1)
select count(*), sum(g) from generate_series(1, 100000) g
select unnest('{1,2,3}'::int[])
select * from unnest('{a,b}'::text[]) with ordinality as u(v, n)
select id, unnest(xs) from arr order by 1, 2
select t.id, g from t, generate_series(1, t.id) g order by 1, 2
select t.id, g from t cross join lateral generate_series(1, t.id) g order by 1, 2
select * from generate_series(1, null::int)
select 1 where generate_series(1, 2) > 1
select * from lower('ABC')
select * from lower('ABC') as l(x)
select generate_series(1, 2) + 10
select count(*) from (select generate_series(1, 3) from t) s
select * from generate_series(1, 100000000) limit 3
-- sub-SELECTs in expressions
select id, (select tag from u where u.tid = t.id and tag <> 'y') from t order by id
select id, (select tag from u where u.tid = t.id) from t order by id
select (select 1 where false) as x, (select max(id) from t) as m
select id from t where id in (select tid from u) order by id
select id from t where id not in (select tid from u where tid is not null) order by id
select id from t where id not in (select tid from u) order by id
select id from t where exists (select 1 from u where u.tid = t.id) order by id
select id from t where not exists (select 1 from u where u.tid = t.id) order by id
select id, exists (select from u where tid = id) from t order by id
select id from t where id > all (select tid from u where tid is not null) order by id
select id from t where id >= all (select tid from u where tid is not null) order by id
select id from t where id = any (select tid from u) order by id
select id from t where id < some (select tid from u) order by id
select id, id in (select tid from u) as i, id not in (select tid from u) as ni from t order by id
select null::int in (select 1), null::int in (select 1 where false), 1 in (select null::int), 1 = all (select 1 where false)
select id, (select count(*) from u where u.tid = t.id) as c from t order by c desc, id
select id, (select (select t.id * 10 + u.tid) from u where u.tid = t.id limit 1) from t order by id
select name from t where score > (select avg(score) from t)
select (select name from t where id = u.tid) as n, tag from u order by tag
select id from t where id = (select tid from u where tag = 'z')
select (select id, name from t)
select id, (select id from t) from t
select 1 in (select 1, 2)
select id, (select sum(x) from (select t.id as x union all select 10) s) as s from t order by id
select d.tid, d.n from (select tid, count(*) as n from u group by tid) d where d.n > (select count(*) from t where id = 3) order by 1
select tid, count(*) from u group by tid having count(*) > (select min(id) from t) order by 1
select id, (select count(*) from u where tid = t.id) from t group by id order by 1
select array(select id from t order by id desc)
select t.id, s.tag from t, lateral (select tag from u where u.tid = t.id order by tag desc limit 1) s order by 1
select t.id, s.tag from t left join lateral (select tag from u where u.tid = t.id) s on true order by 1, 2
select * from t where id = (select max(id) from t)
-- WITH
with x as (select id, name from t where id < 3) select * from x order by id
with x(a, b) as (select id, name from t) select a, b from x where a = 2
with x as (select id from t), y as (select id * 2 as d from x) select * from y order by d
with x as materialized (select id from t) select a.id, b.id from x a join x b on a.id = b.id order by 1
with x as not materialized (select id from t) select count(*) from x
with x(a, b, c) as (select 1, 2) select * from x
with x as (select 1), x as (select 2) select * from x
select * from (with x as (select 5 as v) select v from x) s
select (with x as (select t.id * 2 as v) select v from x) from t order by 1
with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select * from r
with recursive r(n) as (select 1 union select n % 3 + 1 from r) select * from r order by n
with recursive r(n) as (select 1 union all select n + 1 from r) select * from r limit 4
with recursive r(n, f) as (select 1, 1::numeric union all select n + 1, f * (n + 1) from r where n < 10) select n, f from r order by n desc limit 2
with recursive r(n) as (select 1 union all select n + 1.5 from r where n < 5) select * from r
with recursive r as (select 1 as n, 'a'::text as s union all select n + 1, concat(s, 'a') from r where n < 3) select * from r
with recursive r(n) as (select n from r) select * from r
with recursive x as (select 7 as v) select * from x
with recursive tree(id, path) as (select id, name from t where id = 1 union all select t.id, concat(tree.path, '>', t.name) from tree join t on t.id = tree.id + 1) select * from tree order by id
-- joins
select t.id, u.tag from t right join u on u.tid = t.id order by 2
select t.id, u.tag from t full join u on u.tid = t.id order by 1, 2
select t.id, u.tag from t full join u on u.tid = t.id and u.tag <> 'y' order by 1, 2
select * from t natural join (select 1 as id, 'q' as extra) s
select * from (select 1 as k, 'a' as v) a full join (select 2 as k, 'b' as w) b using (k) order by k
select k, a.k, b.k from (select 1 as k) a right join (select 2 as k) b using (k)
select * from (values (1, 'a'), (2, 'b')) as v(k, s) join (values (2, 'x'), (3, 'y')) as w(k, z) using (k)
select j.tid, j.tag, j.id from (u join t on u.tid = t.id) as j order by 1, 2
select x.a from (u join t on u.tid = t.id) as x(a) order by 1
select * from t join (u join (select 3 as z) q on q.z = u.tid) on t.id = u.tid
select t.id, u.tag from t, u where t.id = u.tid and u.tag > 'x' order by 1, 2
select count(*) from t a cross join t b cross join t c
select t.id, g from t left join generate_series(1, 2) g on g = t.id order by 1, 2
select * from t a join t b on a.id = b.id and b.name = a.name where a.id = 1
select t.id from t full join u on u.tid = t.id right join t t2 on t2.id = u.tid order by 1
select * from t join u using (nope)
select * from t a join t b on c.id = a.id
select * from t full join lateral (select t.id) s on true
-- DISTINCT ON, VALUES, set operations, limits
select distinct on (tid) tid, tag from u order by tid, tag desc
select distinct on (tid) tag from u order by tid nulls first, tag
select distinct on (1) tid, tag from u order by 1, 2
select distinct on (tid) tid, tag from u order by tag
select distinct on (tid, tag) tid from u order by tag, tid
select distinct on (length(tag)) tag from u order by length(tag), tag desc
select * from (values (1, 'x'), (2, null)) as v(a, b) order by a
select * from (values (1), (2.5)) as v
select id from t union select tid from u order by 1 limit 3
select id from t intersect all select tid from u order by 1
select id from t except select tid from u
select 1 union all select 2.5 order by 1 desc
select name from t order by score desc nulls last limit 2
select id from t order by id desc limit 1 offset 1
select id from t order by id fetch first 2 rows only
select id from t order by id offset 10
select * from t fetch first 1 rows with ties
select tid from u order by tid fetch first 1 rows with ties
select tid from u order by tid nulls first offset 1 fetch first 1 rows with ties
select tag from u order by tid desc fetch first 2 rows with ties
select tid from u union all select id from t order by 1 fetch first 2 rows with ties
select 1 union select 'x'
select 1 as a union select '2' order by a
select 'a' union all select 'b' except select 'a'
select null union select 1.5
select id, 'k' from t union all select 7, null order by 1
select * from (select 'z' union select 'y') s(v) order by v
-- more combinations
select tid, count(*) from u group by tid having exists (select 1 from t where t.id = u.tid) order by 1
select id from t order by (select count(*) from u where u.tid = t.id) desc, id
select t.id, u.tag from t join u on u.tid = t.id and u.tag = (select max(tag) from u u2 where u2.tid = t.id) order by 1
select id, (select (select count(*) from u where u.tid = t.id and u.tag > s.x) from (select 'x' as x) s) from t order by 1
with c as (select id from t) select id, (select count(*) from c where c.id <= t.id) from t order by 1
with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) select t.id, r.n from t join r on r.n = t.id order by 1
select t.id, s.c from t, lateral (select count(*) as c from u where u.tid = t.id) s order by 1
select distinct on (tid % 2) tid, tag from u where tid is not null order by tid % 2, tag
select * from generate_series('2024-01-01'::date, '2024-01-03'::date, '1 day')
select * from generate_series(5.0, 1, -1.5)
select unnest('{{1,2},{3,4}}'::int[])
select unnest(null::int[])
select x, unnest('{a,b}'::text[]) from (values (1), (2)) v(x) order by 1, 2
select generate_series(1, 2), generate_series(1, 2) order by 1
select * from (select generate_series(1, 3) as g) s where g > 1
select id from t where id in (select 1 union select 3) order by 1
select id from t where (select count(*) from u where u.tid = t.id) = 2
select count(*) filter (where exists (select 1 from u where u.tid = t.id)) from t
select id, row_number() over (order by (select count(*) from u where u.tid = t.id) desc, id) from t order by 1
select * from t where exists (select * from u where u.tid = t.id having count(*) > 1)
select a.id, b.id from t a left join t b on b.id = a.id + 1 where b.id is null
select * from (select 1 as x) a natural full join (select 2 as x) b
select * from t full join u on false order by id, tag
select (select tag from u order by tag limit 1 offset 1)
select id from t where id = any (select unnest('{1,3}'::int[])) order by 1
select max(g) from generate_series(1, 10) g where g % 3 = 0
select * from t cross join lateral (select t.id * 2 as d) x where x.d > 2 order by id
select id, (select name from t t2 where t2.id = t.id + 1) from t order by id
select 1 from t having (select true)
values (1, 'a'), (2, 'b') order by 1 desc limit 1
select * from (values (1), (null)) v(x) where x not in (select null::int)
select g from generate_series(1, 5) g except select id from t order by 1
select id from t where (id, name) in (select tid, tag from u) order by 1
select id from t where (id, name) in (select 1, 'a' union all select 3, 'x') order by 1
select (1, null::text) in (select 1, 'a'), (2, null::text) in (select 1, 'a'), (1, 'b') not in (select 1, 'a')
select id from t where (id, 1) in (select 1) order by 1
select 1::int8 in (select 1), 2 in (select 2::int8), 1.0 in (select 1), 'a'::varchar in (select 'a'::text)
select id from t where (id, name) <> all (select 1, 'a') order by 1
