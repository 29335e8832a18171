create table t (id int primary key, name text not null, score numeric, d date default '2024-01-02');
insert into t values (1, 'a', 1.5), (2, 'b', null), (3, 'C', 10);
create table u (tid int, tag varchar(10));
insert into u values (1, 'x'), (1, 'y'), (3, 'z'), (null, 'n');
create table arr (id int, xs int[]);
insert into arr values (1, '{1,2,3}'), (2, '{}'), (3, null), (4, '{4,NULL}');
