package io.pgserve.engine.readme;

import io.pgserve.engine.ColumnFilter;
import io.pgserve.engine.ScanRequest;
import io.pgserve.engine.Table;
import io.pgserve.engine.TableColumn;
import io.pgserve.engine.TableScan;
import io.pgserve.server.types.PgType;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The README's table SPI example, verbatim between the markers (ReadmeTableExampleTest checks both). */
// README:begin
class Users implements Table {                    // a key-value store, seen by SQL as public.users(id, name)
    final Map<Integer, String> names = new ConcurrentHashMap<>(Map.of(1, "ada", 2, "bob", 3, "cy"));

    public String schema() { return "public"; }
    public String name() { return "users"; }
    public List<TableColumn> columns() {
        return List.of(TableColumn.of("id", PgType.INT4), TableColumn.of("name", PgType.TEXT));
    }
    public boolean supportsFilter(ColumnFilter f) {  // take "id = constant": the store looks the key up
        return f.column() == 0 && f.op() == ColumnFilter.Op.EQ;
    }
    public TableScan scan(ScanRequest request) {
        List<ColumnFilter> filters = request.filters();  // only those supportsFilter accepted; all must hold
        Stream<Integer> keys = filters.isEmpty() ? names.keySet().stream().sorted()
                : Stream.of((Integer) filters.get(0).value()).filter(names::containsKey)
                        .filter(id -> filters.stream().allMatch(f -> f.value().equals(id)));
        if (request.limit() >= 0) {
            keys = keys.limit(request.limit());
        }
        Iterator<Object[]> rows = keys.map(id -> Arrays.stream(request.projection())
                .mapToObj(c -> c == 0 ? id : names.get(id)).toArray()).iterator();
        return () -> rows.hasNext() ? rows.next() : null;  // null: the end of the scan
    }
}
// README:end
