package io.pgserve.testing.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SqlScriptsTest {

    @Test
    void migration_order_is_flyways_then_natural_then_repeatables() {
        List<String> names = new ArrayList<>(List.of("R__views.sql", "V10__c.sql", "b/002_x.sql", "V2__b.sql",
                "a/10_y.sql", "V1.1__a.sql", "V1__a.sql", "a/2_z.sql"));
        names.sort(SqlScripts::compareNames);
        assertEquals(List.of("V1__a.sql", "V1.1__a.sql", "V2__b.sql", "V10__c.sql", "b/002_x.sql", "a/2_z.sql",
                "a/10_y.sql", "R__views.sql"), names); // by file name: 002_x and 2_z tie on 2, then x < z
    }

    @Test
    void a_failing_script_names_the_file_line_statement_and_error() {
        List<SqlScripts.Script> scripts = SqlScripts.find("classpath:db/migration", getClass().getClassLoader());
        assertEquals(4, scripts.size());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SqlScripts.run(
                io.pgserve.engine.SqlEngine.memdb().newSession(),
                new SqlScripts.Script("broken.sql", "CREATE TABLE t (id int);\n\nINSERT INTO missing VALUES (1);")));
        assertEquals("broken.sql, line 3: INSERT INTO missing VALUES (1)\n"
                + "  ERROR 42P01 relation \"missing\" does not exist", e.getMessage());
    }

    @Test
    void normalization_ignores_spacing_case_and_comments_but_not_literals() {
        assertEquals(SqlNormalizer.normalize("SELECT a FROM t WHERE b = 'X'"),
                SqlNormalizer.normalize("select  A /* c */ from T -- d\n where (b='X');"));
        assertNotEquals(SqlNormalizer.normalize("SELECT a FROM t WHERE b = 'X'"),
                SqlNormalizer.normalize("SELECT a FROM t WHERE b = 'x'"));
        assertEquals(SqlNormalizer.normalize("VACUUM FULL \"T\""), SqlNormalizer.normalize("vacuum   full \"T\";"));
        assertNotEquals(SqlNormalizer.normalize("VACUUM FULL \"T\""), SqlNormalizer.normalize("VACUUM FULL t"));
    }
}
