package dk.udlaendinge.batch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.ops.Commands;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * {@code ./run.sh} on an empty registry: generates the demo registry as import files,
 * imports them through the import job, runs the renewal job for the demo date and the
 * 2015 quotas; a second demo finds everything done and sends nothing again.
 */
@SpringBootTest(properties = { "app.demo.deposits=1500", "spring.mail.host=", TestDatabase.HSQLDB_URL_PROPERTY,
        TestDatabase.HSQLDB_USERNAME_PROPERTY, TestDatabase.HSQLDB_PASSWORD_PROPERTY })
@SlowTest
class DemoFunctionalTests {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add("app.data-dir", () -> dir.resolve("data").toString());
        registry.add("app.output-dir", () -> dir.resolve("out").toString());
    }

    @Autowired
    Commands commands;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void demoImportsRunsTheFirstRenewalSeasonAndTheQuotasOnce() throws Exception {
        assertThat(commands.execute(new String[0])).isEqualTo(ExitCodes.COMPLETED);

        // the generated deposits and the securities of every rule set
        // (docs/RENEWAL-RULES.md)
        int examples = DemoRegistry.ruleSetExamples().size();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deposit", Integer.class)).isEqualTo(1500 + examples);
        assertThat(Files.readAllLines(dir.resolve("demo/registry-demo.csv"))).hasSize(1501 + examples);
        assertThat(Files.readAllLines(dir.resolve("out/rejects/registry-demo.csv-rejects.csv")))
            .containsExactly("line;column;reason");
        int sent = jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice WHERE sent_run_date = DATE '2014-12-01'",
                Integer.class);
        assertThat(sent).isPositive();
        assertThat(Files.readAllLines(dir.resolve("out/journal/2014-12-01/notices.csv"), StandardCharsets.UTF_8))
            .hasSize(sent + 1);
        try (var outbox = Files.list(dir.resolve("out/outbox/2014-12-01"))) {
            assertThat(outbox.filter(p -> p.getFileName().toString().startsWith("notice-")).count()).isEqualTo(
                    jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice WHERE channel = 'DIGITAL'", Long.class));
        }
        assertThat(dir.resolve("out/quota/2015/kvoter-2015.xlsx")).exists();
        assertThat(dir.resolve("out/quota/2015/previous/1/kvoter-2015.csv")).exists();

        // the demo again: nothing new is selected or sent
        assertThat(commands.execute(new String[0])).isEqualTo(ExitCodes.COMPLETED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM renewal_notice", Integer.class)).isEqualTo(sent);

        // a run today on the same registry: the law of today; of the demo's securities
        // only the two
        // five-year ones extended for less than ten years in all are noticed, the
        // ten-year ones
        // (applied from 2017-11-16), the one extended to ten years and the released ones
        // stay silent,
        // and the generated 2008-2014 securities are past their ten years in all
        assertThat(commands.execute(new String[] { "renewal", "--run-date", "2026-12-07" }))
            .isEqualTo(ExitCodes.COMPLETED);
        assertThat(jdbc.queryForList("SELECT deposit_id FROM renewal_notice WHERE sent_run_date = DATE '2026-12-07'",
                String.class))
            .containsExactlyInAnyOrder("DEMO-SET-C-EXTENDED-LESS", "DEMO-SET-C-EXTENDED-LESS-PAPER");
        assertThat(jdbc.queryForList("SELECT extend_until FROM renewal_notice WHERE sent_run_date = DATE '2026-12-07'"
                + " ORDER BY deposit_id", java.sql.Date.class))
            .extracting(java.sql.Date::toString)
            .containsExactly("2027-12-20", "2027-12-27");
    }

}
