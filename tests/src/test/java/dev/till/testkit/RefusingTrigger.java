package dev.till.testkit;

import org.jdbi.v3.core.Jdbi;

/**
 * A trigger that makes the database refuse the inserts of one table whose {@code reference} (or
 * another text column) is {@value #REFUSED}: it stands for a failure that one request's data
 * causes in the middle of a group's transaction. Its error names the payment actions the
 * transaction had written by then, the one record left of the ids a rolled-back try used.
 * Dropped on close.
 */
public final class RefusingTrigger implements AutoCloseable {
    public static final String REFUSED = "refuse me";

    private final Jdbi jdbi;
    private final String table;

    private RefusingTrigger(Jdbi jdbi, String table) {
        this.jdbi = jdbi;
        this.table = table;
    }

    /** Installs it on {@code table} (a fixed name from the test, never input), which must have a {@code reference} column. */
    public static RefusingTrigger on(Jdbi jdbi, String table) {
        return on(jdbi, table, "reference");
    }

    /** Installs it on {@code table}, testing {@code column} (fixed names from the test, never input). */
    public static RefusingTrigger on(Jdbi jdbi, String table, String column) {
        jdbi.useHandle(h -> {
            h.execute("""
                    CREATE FUNCTION refuse_test_%1$s() RETURNS trigger AS $$
                    BEGIN
                        IF NEW.%3$s = '%2$s' THEN
                            RAISE EXCEPTION 'refused by a test; payment actions this transaction wrote: %%',
                                (SELECT coalesce(string_agg(id, ' ' ORDER BY id), 'none') FROM payment_actions
                                 WHERE xmin = pg_current_xact_id()::xid);
                        END IF;
                        RETURN NEW;
                    END $$ LANGUAGE plpgsql""".formatted(table, REFUSED, column));
            h.execute("CREATE TRIGGER refuse_test_%1$s BEFORE INSERT ON %1$s FOR EACH ROW EXECUTE FUNCTION refuse_test_%1$s()"
                    .formatted(table));
        });
        return new RefusingTrigger(jdbi, table);
    }

    @Override
    public void close() {
        jdbi.useHandle(h -> {
            h.execute("DROP TRIGGER refuse_test_%1$s ON %1$s".formatted(table));
            h.execute("DROP FUNCTION refuse_test_%1$s()".formatted(table));
        });
    }
}
