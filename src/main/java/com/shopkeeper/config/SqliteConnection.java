package com.shopkeeper.config;

import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.JDBC;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * sqlite-jdbc's connection, kept in step with SQLite when a transaction cannot begin or end.
 *
 * <p>sqlite-jdbc records the new auto-commit mode before it runs {@code BEGIN IMMEDIATE} or
 * {@code COMMIT}. When SQLite refuses the {@code BEGIN} (the write lock stayed held past the busy
 * timeout), the connection goes back to the pool claiming a transaction SQLite never began: the next
 * request that borrows it runs its writes outside any transaction and fails at commit ("cannot commit
 * - no transaction is active"). Found by StagedImportTest: the write after a busy one failed too.
 * Subclassed rather than fixed upstream in the meantime; the rest is sqlite-jdbc's own code.
 */
final class SqliteConnection extends JDBC4Connection {

    SqliteConnection(String url, Properties settings) throws SQLException {
        super(url, address(url), settings);
    }

    @Override
    public void setAutoCommit(boolean on) throws SQLException {
        try {
            super.setAutoCommit(on);
        } catch (SQLException e) {
            // Back to the mode SQLite is really in: no transaction when BEGIN failed, still one when COMMIT did.
            getConnectionConfig().setAutoCommit(!on);
            throw e;
        }
    }

    /** As sqlite-jdbc's {@code JDBC.extractAddress}, which is not public. */
    private static String address(String url) {
        return JDBC.PREFIX.equalsIgnoreCase(url) ? ":memory:" : url.substring(JDBC.PREFIX.length());
    }
}
