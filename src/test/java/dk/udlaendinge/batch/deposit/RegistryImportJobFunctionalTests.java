package dk.udlaendinge.batch.deposit;

import dk.udlaendinge.batch.demo.DemoRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dk.udlaendinge.batch.ops.Commands;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.ops.Invocation;
import dk.udlaendinge.batch.support.TestDatabase;

/**
 * The registry import on a real file HSQLDB: a file of 100 rows with 3 bad ones imports 97
 * and names the 3 in the reject report; importing it again changes nothing; a corrected
 * file updates rows in place (upsert by deposit_id).
 */
@SpringBootTest(properties = {TestDatabase.HSQLDB_URL_PROPERTY, TestDatabase.HSQLDB_USERNAME_PROPERTY,
        TestDatabase.HSQLDB_PASSWORD_PROPERTY})
class RegistryImportJobFunctionalTests {

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
    void importsGoodRowsRejectsBadOnesAndIsIdempotent() throws Exception {
        List<Deposit> deposits = DemoRegistry.generate(100, 7);
        Path file = dir.resolve("registry-2014.csv");
        DemoRegistry.writeCsv(file, deposits);
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        String badCprRow = lines.get(11);                        // line 11 of the file
        lines.set(11, badCprRow.replace(deposits.get(10).referenceCpr(), "310299-1234"));
        lines.set(41, lines.get(41).replace(";" + deposits.get(40).municipalityCode() + ";", ";999;"));
        lines.set(71, lines.get(71).substring(0, lines.get(71).lastIndexOf(';'))); // one field short
        Files.write(file, lines, StandardCharsets.UTF_8);

        assertThat(run("import", "--registry", file.toString())).isEqualTo(ExitCodes.COMPLETED);
        assertThat(count("SELECT COUNT(*) FROM deposit")).isEqualTo(97);
        Path rejects = dir.resolve("out/rejects/registry-2014.csv-rejects.csv");
        List<String> report = Files.readAllLines(rejects, StandardCharsets.UTF_8);
        assertThat(report).containsExactly(
                "line;column;reason",
                "12;reference_cpr;value 310299-XXXX is not a real calendar date",
                "42;municipality_code;is not one of the 98 municipality codes: 999",
                "72;-;expected 18 fields separated by semicolons, found 17");
        assertThat(String.join("\n", report)).doesNotContain(deposits.get(10).referenceName());

        // the same file again: recognised, nothing changes
        String before = snapshot();
        assertThat(run("import", "--registry", file.toString())).isEqualTo(ExitCodes.COMPLETED);
        assertThat(snapshot()).isEqualTo(before);

        // a corrected file: the fixed rows come in, the others are updated in place, not doubled
        lines.set(11, badCprRow);
        lines.set(1, lines.get(1).replace(";" + deposits.get(0).city() + ";", ";Nyby;"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertThat(run("import", "--registry", file.toString())).isEqualTo(ExitCodes.COMPLETED);
        assertThat(count("SELECT COUNT(*) FROM deposit")).isEqualTo(98);
        assertThat(jdbc.queryForObject("SELECT city FROM deposit WHERE deposit_id = ?", String.class,
                deposits.get(0).depositId())).isEqualTo("Nyby");
        assertThat(Files.readAllLines(rejects, StandardCharsets.UTF_8)).hasSize(3);
    }

    @Test
    void rejectsAFileWithTheWrongHeaderBeforeTouchingAnything() throws Exception {
        Path file = dir.resolve("wrong-header.csv");
        Files.writeString(file, "deposit_id;case_number\nX;Y\n");
        assertThat(run("import", "--registry", file.toString())).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(Files.exists(dir.resolve("out/rejects/wrong-header.csv-rejects.csv"))).isFalse();
    }

    private int run(String... args) {
        try {
            return commands.execute(Invocation.parse(args));
        } catch (dk.udlaendinge.batch.common.BadInputException e) {
            return ExitCodes.BAD_USAGE;
        }
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    private String snapshot() {
        return String.join("\n", jdbc.queryForList("SELECT deposit_id || city || amount_dkk || expiry_date FROM deposit"
                + " ORDER BY deposit_id", String.class));
    }
}
