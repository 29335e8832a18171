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
