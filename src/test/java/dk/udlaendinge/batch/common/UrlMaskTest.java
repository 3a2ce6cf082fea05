package dk.udlaendinge.batch.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** The one masking rule for URLs in printed and logged text (issue 20, item 9). */
class UrlMaskTest {

    @Test
    void masksTheBrokerUrlsUserAndPasswordParameters() {
        assertThat(UrlMask.mask("tcp://localhost:61616?user=batch&password=s3cret"))
            .isEqualTo("tcp://localhost:61616?user=batch&password=***");
        assertThat(UrlMask
            .mask("tcp://h:1?sslEnabled=true&trustStorePath=/a/b.p12&trustStorePassword=tpw&keyStorePassword=k"))
            .isEqualTo("tcp://h:1?sslEnabled=true&trustStorePath=/a/b.p12&trustStorePassword=***&keyStorePassword=***");
        assertThat(UrlMask.mask("(tcp://a:1,tcp://b:2)?password=p&ha=true"))
            .isEqualTo("(tcp://a:1,tcp://b:2)?password=***&ha=true");
    }

    @Test
    void masksAPasswordInTheUserInfo() {
        assertThat(UrlMask.mask("jdbc:postgresql://batch:pw@db.example:5432/registry"))
            .isEqualTo("jdbc:postgresql://batch:***@db.example:5432/registry");
        assertThat(UrlMask.mask("cannot connect to the database at jdbc:postgresql://u:p@ss@h/db: check"))
            .isEqualTo("cannot connect to the database at jdbc:postgresql://u:***@h/db: check");
        assertThat(UrlMask.mask("java.net.UnknownHostException: batch:pw-in-user-info@localhost"))
            .as("the PostgreSQL driver's host name")
            .isEqualTo("java.net.UnknownHostException: batch:***@localhost");
        assertThat(UrlMask.mask("jdbc:hsqldb:file:/data/db/registry;password=x;shutdown=true"))
            .isEqualTo("jdbc:hsqldb:file:/data/db/registry;password=***;shutdown=true");
        assertThat(UrlMask.mask("jdbc:postgresql://db:5432/registry?PASSWORD=x&ssl=true"))
            .isEqualTo("jdbc:postgresql://db:5432/registry?PASSWORD=***&ssl=true");
    }

    @Test
    void leavesTextWithoutSecretsAlone() {
        for (String s : new String[] { "tcp://localhost:61616", "jdbc:postgresql://db:5432/registry?ssl=true",
                "jdbc:hsqldb:file:./data/db/registry", "user batch@example.dk wrote", "RCPT TO:<a@example.dk>", "",
                "the password is wrong" }) {
            assertThat(UrlMask.mask(s)).isEqualTo(s);
        }
        assertThat(UrlMask.mask(null)).isNull();
    }

    @Test
    void aMaskedCopyKeepsTheTraceAndMasksEveryMessageInTheChain() {
        Throwable t = new IllegalStateException("wrapped jdbc:postgresql://u:topsecret@h/db",
                new SQLException("Connection to h refused; url=jdbc:postgresql://h/db?password=topsecret"));
        StringWriter trace = new StringWriter();
        UrlMask.maskedCopy(t).printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("topsecret")
            .contains("java.lang.IllegalStateException: wrapped")
            .contains("Caused by: java.sql.SQLException: Connection to h refused")
            .contains("\tat ");
    }

}
