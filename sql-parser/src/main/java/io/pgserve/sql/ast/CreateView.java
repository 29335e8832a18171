package io.pgserve.sql.ast;

import java.util.List;

/**
 * {@code CREATE [OR REPLACE] [TEMP] [RECURSIVE] VIEW name [(columns)] [WITH (...)] AS query [WITH [CASCADED | LOCAL] CHECK OPTION]}.
 */
public record CreateView(boolean orReplace, Persistence persistence, boolean recursive, List<Identifier> name, List<Identifier> columns, List<Option> options, Query query, CheckOption checkOption, NodeLocation location) implements Statement {
    public CreateView {
        name = List.copyOf(name);
        columns = List.copyOf(columns);
        options = List.copyOf(options);
    }

    public enum CheckOption { NONE, LOCAL, CASCADED }
}
