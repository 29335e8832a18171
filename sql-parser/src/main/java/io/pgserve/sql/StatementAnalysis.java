package io.pgserve.sql;

import io.pgserve.sql.ast.*;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a server needs to know about a parsed statement before running it: its kind, whether it returns rows, the
 * command tag of its CommandComplete, the parameters it uses (with the types that can be told from the text) and
 * the tables it names.
 *
 * <pre>{@code
 * StatementAnalysis a = StatementAnalysis.of(SqlParser.parse("SELECT * FROM app.t WHERE d = $1::date LIMIT $2"));
 * a.commandTag();     // "SELECT"
 * a.parameters();     // [$1 pg_catalog.date, $2 pg_catalog.int8]
 * a.tables();         // [[app, t]]
 * }</pre>
 *
 * @param kind        the statement's kind
 * @param returnsRows whether it produces a row set: queries, SHOW, EXPLAIN, FETCH, and INSERT/UPDATE/DELETE with
 *                    RETURNING (EXECUTE and CALL are not known from the text and are false)
 * @param commandTag  the command tag without row counts ({@code "SELECT"}, {@code "INSERT"}, {@code "CREATE TABLE"},
 *                    {@code "DISCARD ALL"}, ...) as PostgreSQL reports it; CREATE TABLE AS reports {@code "SELECT"}
 * @param parameters  the {@code $n} placeholders used, by number, each with an inferred type or null
 * @param tables      the tables (views, sequences) the statement names, qualified as written, without the names
 *                    of its WITH queries, each once, in order of appearance
 */
public record StatementAnalysis(StatementKind kind, boolean returnsRows, String commandTag,
        List<ParameterInfo> parameters, List<List<Identifier>> tables) {

    /**
     * A parameter placeholder.
     *
     * @param index the n of {@code $n}
     * @param type  the type the text gives it, or null: an explicit cast ({@code $1::date}), LIMIT/OFFSET
     *              ({@code int8}), a comparison or arithmetic with a literal or a cast value ({@code $1 = 5} is
     *              {@code int4}, {@code $1 > 1.5} is {@code numeric}, {@code $1 = 'x'} is {@code text},
     *              {@code $1 = true} is {@code bool}), and the same in IN lists, BETWEEN, IS DISTINCT FROM
     */
    public record ParameterInfo(int index, TypeName type) {
    }

    public StatementAnalysis {
        parameters = List.copyOf(parameters);
        tables = List.copyOf(tables);
    }

    /** The analysis of a statement. */
    public static StatementAnalysis of(Statement statement) {
        Walker w = new Walker();
        w.walk(statement);
        Set<List<Identifier>> tables = new LinkedHashSet<>();
        for (List<Identifier> t : w.tables) {
            if (t.size() == 1 && w.cteNames.contains(t.get(0))) {
                continue;
            }
            tables.add(t);
        }
        List<ParameterInfo> params = new ArrayList<>();
        for (Map.Entry<Integer, TypeName> e : w.parameters.entrySet()) {
            params.add(new ParameterInfo(e.getKey(), e.getValue()));
        }
        return new StatementAnalysis(kind(statement), returnsRows(statement), commandTag(statement), params,
                new ArrayList<>(tables));
    }

    // -----------------------------------------------------------------------------------------------------

    private static boolean returnsRows(Statement s) {
        if (s instanceof Query || s instanceof Show || s instanceof Explain) {
            return true;
        } else if (s instanceof Fetch f) {
            return !f.move();
        } else if (s instanceof Insert i) {
            return !i.returning().isEmpty();
        } else if (s instanceof Update u) {
            return !u.returning().isEmpty();
        } else if (s instanceof Delete d) {
            return !d.returning().isEmpty();
        } else if (s instanceof OtherStatement o) {
            return o.kind().returnsRows();
        }
        return false;
    }

    private static StatementKind kind(Statement s) {
        if (s instanceof Query q) {
            return q.body() instanceof Values ? StatementKind.VALUES : StatementKind.SELECT;
        } else if (s instanceof Insert) {
            return StatementKind.INSERT;
        } else if (s instanceof Update) {
            return StatementKind.UPDATE;
        } else if (s instanceof Delete) {
            return StatementKind.DELETE;
        } else if (s instanceof Copy) {
            return StatementKind.COPY;
        } else if (s instanceof SetVariable || s instanceof SetTransaction) {
            return StatementKind.SET;
        } else if (s instanceof ResetVariable) {
            return StatementKind.RESET;
        } else if (s instanceof Show) {
            return StatementKind.SHOW;
        } else if (s instanceof Discard) {
            return StatementKind.DISCARD;
        } else if (s instanceof TransactionStatement t) {
            return switch (t.kind()) {
                case BEGIN, START -> StatementKind.BEGIN;
                case COMMIT -> StatementKind.COMMIT;
                case ROLLBACK -> StatementKind.ROLLBACK;
                case SAVEPOINT -> StatementKind.SAVEPOINT;
                case RELEASE -> StatementKind.RELEASE_SAVEPOINT;
                case ROLLBACK_TO -> StatementKind.ROLLBACK_TO_SAVEPOINT;
                default -> StatementKind.TWO_PHASE;
            };
        } else if (s instanceof Prepare) {
            return StatementKind.PREPARE;
        } else if (s instanceof Execute) {
            return StatementKind.EXECUTE;
        } else if (s instanceof Deallocate) {
            return StatementKind.DEALLOCATE;
        } else if (s instanceof DeclareCursor) {
            return StatementKind.DECLARE;
        } else if (s instanceof Fetch f) {
            return f.move() ? StatementKind.MOVE : StatementKind.FETCH;
        } else if (s instanceof Close) {
            return StatementKind.CLOSE;
        } else if (s instanceof Listen) {
            return StatementKind.LISTEN;
        } else if (s instanceof Unlisten) {
            return StatementKind.UNLISTEN;
        } else if (s instanceof Notify) {
            return StatementKind.NOTIFY;
        } else if (s instanceof Explain) {
            return StatementKind.EXPLAIN;
        } else if (s instanceof Vacuum v) {
            return v.vacuum() ? StatementKind.VACUUM : StatementKind.ANALYZE;
        } else if (s instanceof Call) {
            return StatementKind.CALL;
        } else if (s instanceof Do) {
            return StatementKind.DO;
        } else if (s instanceof Lock) {
            return StatementKind.LOCK;
        } else if (s instanceof OtherStatement o) {
            return o.kind();
        }
        return StatementKind.DDL;
    }

    private static String commandTag(Statement s) {
        if (s instanceof Query || s instanceof CreateTableAs) {
            return "SELECT";
        } else if (s instanceof Insert) {
            return "INSERT";
        } else if (s instanceof Update) {
            return "UPDATE";
        } else if (s instanceof Delete) {
            return "DELETE";
        } else if (s instanceof CreateTable) {
            return "CREATE TABLE";
        } else if (s instanceof AlterTable) {
            return "ALTER TABLE";
        } else if (s instanceof Drop d) {
            return "DROP " + d.type().sql();
        } else if (s instanceof CreateSchema) {
            return "CREATE SCHEMA";
        } else if (s instanceof CreateIndex) {
            return "CREATE INDEX";
        } else if (s instanceof CreateView) {
            return "CREATE VIEW";
        } else if (s instanceof CreateSequence) {
            return "CREATE SEQUENCE";
        } else if (s instanceof AlterSequence) {
            return "ALTER SEQUENCE";
        } else if (s instanceof io.pgserve.sql.ast.CreateEnumType) {
            return "CREATE TYPE";
        } else if (s instanceof io.pgserve.sql.ast.AlterEnumType) {
            return "ALTER TYPE";
        } else if (s instanceof Truncate) {
            return "TRUNCATE TABLE";
        } else if (s instanceof Lock) {
            return "LOCK TABLE";
        } else if (s instanceof Comment) {
            return "COMMENT";
        } else if (s instanceof Copy) {
            return "COPY";
        } else if (s instanceof SetVariable || s instanceof SetTransaction) {
            return "SET";
        } else if (s instanceof ResetVariable) {
            return "RESET";
        } else if (s instanceof Show) {
            return "SHOW";
        } else if (s instanceof TransactionStatement t) {
            return switch (t.kind()) {
                case BEGIN -> "BEGIN";
                case START -> "START TRANSACTION";
                case COMMIT -> "COMMIT";
                case ROLLBACK, ROLLBACK_TO -> "ROLLBACK";
                case SAVEPOINT -> "SAVEPOINT";
                case RELEASE -> "RELEASE";
                case PREPARE -> "PREPARE TRANSACTION";
                case COMMIT_PREPARED -> "COMMIT PREPARED";
                case ROLLBACK_PREPARED -> "ROLLBACK PREPARED";
            };
        } else if (s instanceof Prepare) {
            return "PREPARE";
        } else if (s instanceof Execute) {
            return "EXECUTE";
        } else if (s instanceof Deallocate d) {
            return d.name() == null ? "DEALLOCATE ALL" : "DEALLOCATE";
        } else if (s instanceof DeclareCursor) {
            return "DECLARE CURSOR";
        } else if (s instanceof Fetch f) {
            return f.move() ? "MOVE" : "FETCH";
        } else if (s instanceof Close c) {
            return c.cursor() == null ? "CLOSE CURSOR ALL" : "CLOSE CURSOR";
        } else if (s instanceof Listen) {
            return "LISTEN";
        } else if (s instanceof Unlisten) {
            return "UNLISTEN";
        } else if (s instanceof Notify) {
            return "NOTIFY";
        } else if (s instanceof Explain) {
            return "EXPLAIN";
        } else if (s instanceof Vacuum v) {
            return v.vacuum() ? "VACUUM" : "ANALYZE";
        } else if (s instanceof Discard d) {
            return "DISCARD " + d.target().name();
        } else if (s instanceof Call) {
            return "CALL";
        } else if (s instanceof Do) {
            return "DO";
        } else if (s instanceof Grant g) {
            return g.grant() ? "GRANT" : "REVOKE";
        }
        return ((OtherStatement) s).commandTag();
    }

    // -----------------------------------------------------------------------------------------------------

    /** Walks every record component of the tree, collecting parameters, table names and WITH query names. */
    private static final class Walker {
        private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
            @Override
            protected RecordComponent[] computeValue(Class<?> type) {
                return type.isRecord() ? type.getRecordComponents() : new RecordComponent[0];
            }
        };

        final Map<Integer, TypeName> parameters = new TreeMap<>();
        final List<List<Identifier>> tables = new ArrayList<>();
        final Set<Identifier> cteNames = new HashSet<>();

        void walk(Object node) {
            if (node instanceof List<?> list) {
                for (Object o : list) {
                    walk(o);
                }
                return;
            }
            if (!(node instanceof Node)) {
                return;
            }
            visit((Node) node);
            for (RecordComponent c : COMPONENTS.get(node.getClass())) {
                Class<?> t = c.getType();
                if (t.isPrimitive() || t == String.class || t.isEnum() || t == NodeLocation.class
                        || t == Identifier.class) {
                    continue;
                }
                try {
                    walk(c.getAccessor().invoke(node));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        private void visit(Node n) {
            if (n instanceof Parameter p) {
                parameters.putIfAbsent(p.index(), null);
            } else if (n instanceof TableName t) {
                tables.add(t.name());
            } else if (n instanceof CommonTableExpression c) {
                cteNames.add(c.name());
            } else if (n instanceof Insert i) {
                tables.add(i.table());
            } else if (n instanceof CreateTable c) {
                tables.add(c.name());
            } else if (n instanceof CreateTableAs c) {
                tables.add(c.name());
            } else if (n instanceof CreateView c) {
                tables.add(c.name());
            } else if (n instanceof CreateSequence c) {
                tables.add(c.name());
            } else if (n instanceof AlterSequence c) {
                tables.add(c.name());
            } else if (n instanceof Drop d && d.type() != ObjectType.SCHEMA && d.type() != ObjectType.TYPE
                    && d.type() != ObjectType.DOMAIN && d.type() != ObjectType.EXTENSION) {
                tables.addAll(d.names());
            } else if (n instanceof Constraint c && !c.referencedTable().isEmpty()) {
                tables.add(c.referencedTable());
            } else if (n instanceof VacuumTarget v) {
                tables.add(v.table());
            } else if (n instanceof Grant g && g.objectType() == ObjectType.TABLE && !g.allInSchema()) {
                tables.addAll(g.objects());
            } else if (n instanceof Query q) {
                limitType(q.limit());
                limitType(q.offset());
            } else if (n instanceof TypeCast c && c.operand() instanceof Parameter p) {
                infer(p, c.type());
            } else if (n instanceof BinaryOp b) {
                pair(b.left(), b.right());
            } else if (n instanceof DistinctFrom d) {
                pair(d.left(), d.right());
            } else if (n instanceof Between b) {
                pair(b.operand(), b.lower());
                pair(b.operand(), b.upper());
            } else if (n instanceof InList in) {
                for (Expression v : in.values()) {
                    pair(in.operand(), v);
                }
            } else if (n instanceof QuantifiedComparison q && q.right() instanceof ArrayConstructor a) {
                for (Expression v : a.elements()) {
                    pair(q.left(), v);
                }
            }
        }

        private void limitType(Expression e) {
            if (e instanceof Parameter p) {
                infer(p, TypeName.system("int8"));
            }
        }

        private void pair(Expression a, Expression b) {
            if (a instanceof Parameter p) {
                infer(p, literalType(b));
            }
            if (b instanceof Parameter p) {
                infer(p, literalType(a));
            }
        }

        private void infer(Parameter p, TypeName type) {
            if (type != null && parameters.get(p.index()) == null) {
                parameters.put(p.index(), type);
            }
        }

        /** The type PostgreSQL gives a literal (or a cast value); null when not a literal. */
        private static TypeName literalType(Expression e) {
            if (e instanceof NumericLiteral n) {
                if (!n.isInteger()) {
                    return TypeName.system("numeric");
                }
                try {
                    long v = Long.decode(n.value().replace("_", "").replace("0o", "0").replace("0O", "0"));
                    return TypeName.system(v == (int) v ? "int4" : "int8");
                } catch (NumberFormatException ex) {
                    return TypeName.system("numeric");
                }
            } else if (e instanceof StringLiteral) {
                return TypeName.system("text");
            } else if (e instanceof BooleanLiteral) {
                return TypeName.system("bool");
            } else if (e instanceof TypeCast c && !(c.operand() instanceof Parameter)) {
                return c.type();
            }
            return null;
        }
    }
}
