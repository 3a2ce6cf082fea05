package dk.udlaendinge.batch.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The version rule (PostgreSQL 15 or later, for MERGE) and the password-free URL. The
 * tests' embedded server is 15, so an older server is shown through the rule itself.
 */
class DatabaseCheckTest {

    @Test
    void postgresqlOlderThan15IsRefusedNamingTheUrlAndTheFix() {
        assertThatThrownBy(
                () -> DatabaseCheck.checkVersion("jdbc:postgresql://db:5432/registry", "PostgreSQL", 14, "14.22"))
            .isInstanceOf(DatabaseUnavailableException.class)
            .hasMessage("the database at jdbc:postgresql://db:5432/registry is PostgreSQL 14.22, older than supported:"
                    + " use PostgreSQL 15 or later");
    }

    @Test
    void postgresql15AndLaterAndHsqldbPass() {
        assertThatCode(() -> DatabaseCheck.checkVersion("u", "PostgreSQL", 15, "15.14")).doesNotThrowAnyException();
        assertThatCode(() -> DatabaseCheck.checkVersion("u", "PostgreSQL", 17, "17.2")).doesNotThrowAnyException();
        assertThatCode(() -> DatabaseCheck.checkVersion("u", "HSQL Database Engine", 2, "2.7.3"))
            .doesNotThrowAnyException();
    }

    @Test
    void passwordInTheUrlIsMasked() {
        assertThat(DatabaseCheck.withoutPassword("jdbc:postgresql://h/db?user=a&password=secret&ssl=true"))
            .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
        assertThat(DatabaseCheck.withoutPassword("jdbc:hsqldb:file:x;PASSWORD=secret;shutdown=true"))
            .isEqualTo("jdbc:hsqldb:file:x;PASSWORD=***;shutdown=true");
    }

}
