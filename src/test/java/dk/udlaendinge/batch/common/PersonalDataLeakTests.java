package dk.udlaendinge.batch.common;

import static dk.udlaendinge.batch.support.OpsFixtures.RUN_DATE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import dk.udlaendinge.batch.deposit.RegistryColumns;
import dk.udlaendinge.batch.notice.letter.CaseDocumentFactory;
import dk.udlaendinge.batch.support.TestDatabase;
import dk.udlaendinge.batch.support.SmtpTestServer;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.FaultyLink;
import dk.udlaendinge.batch.ops.ExitCodes;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * docs/REGISTRY.md, "Personal data": runs the jobs on a registry (an import with bad
 * rows, a renewal that fails on a gateway outage and skips a vanished case document, a
 * restart, status), then scans every line the application printed or logged and every
 * column of the job repository's tables (BATCH_*, contexts and exit messages included)
 * for each person's CPR number, names, addresses and mailbox. A finding names the deposit
 * and the place, never the value.
 */
@SlowTest
class PersonalDataLeakTests {

    static {
        OpsFixtures.init();
    }

    private static final int SMTP_PORT = OpsFixtures.freePort();

    @RegisterExtension
    static final GreenMailExtension greenMail = SmtpTestServer.perTest(SMTP_PORT);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void noCprNameOrAddressInLogsOutputJobParametersContextsOrExitMessages(TestDatabase.Kind kind) throws Exception {
        Path data = tmp.resolve("data");
        TestDatabase db = kind.create(data);
        Path out = tmp.resolve("out");
        // 41 deposits, 26 due, the 41st the first on paper: every way a notice goes, at a
        // third of the letters 150 rendered (each due notice renders one, a run's main
        // cost)
        List<Deposit> deposits = DemoRegistry.generate(41, 77);
        // bad rows: an impossible CPR, a row cut short (the parser quotes raw lines), a
        // bad postal code
        Deposit badCpr = person("BAD-CPR", "321399-1234", "Zacharias Kvistgaard", "Hjortekærsvej 99");
        Deposit shortRow = person("BAD-SHORT", "110285-2231", "Yrsa Bøgelund", "Tranegårdsvej 77");
        Deposit badPostal = person("BAD-POSTAL", "150574-1187", "Xenia Lykkegaard", "Ørnevej 55");
        StringBuilder csv = new StringBuilder(String.join(";", RegistryColumns.NAMES)).append('\n');
        deposits.forEach(d -> csv.append(row(d)).append('\n'));
        csv.append(row(badCpr)).append('\n');
        csv.append(String.join(";", shortRow.depositId(), shortRow.caseNumber(), shortRow.referenceCpr(),
                shortRow.referenceName(), shortRow.addressLine()))
            .append('\n');
        csv.append(row(badPostal).replace(";1234;", ";12;")).append('\n');
        Path registry = Files.writeString(tmp.resolve("registry.csv"), csv, StandardCharsets.UTF_8);
        // a case document that will have vanished when its notice is sent
        Deposit withDocument = deposits.stream()
            .filter(d -> !d.digitalPostExempt()
                    && OpsFixtures.dueDepositIds(List.of(d), RUN_DATE).contains(d.depositId()))
            .findFirst()
            .orElseThrow();
        Path document = CaseDocumentFactory.write(tmp.resolve("docs").resolve("guarantee.pdf"), 10_000, "Guarantee");
        Path documentsCsv = Files.writeString(tmp.resolve("docs").resolve("documents.csv"),
                "deposit_id;path\n" + withDocument.depositId() + ";guarantee.pdf\n", StandardCharsets.UTF_8);

        List<OpsFixtures.Result> results = new ArrayList<>();
        try (FaultyLink link = new FaultyLink(SMTP_PORT)) {
            Map<String, String> props = OpsFixtures.props(db, data, out, link.port());
            results.add(OpsFixtures.cli(props, "import", "--registry", registry.toString(), "--documents",
                    documentsCsv.toString()));
            assertThat(results.get(0).code()).as(results.get(0).toString()).isZero();
            Files.delete(document);
            link.cut();
            results.add(OpsFixtures.cli(props, "renewal", "--run-date", RUN_DATE.toString()));
            assertThat(results.get(1).code()).as(results.get(1).toString()).isEqualTo(ExitCodes.FAILED);
            link.restore();
            results.add(OpsFixtures.cli(props, "restart"));
            assertThat(results.get(2).code()).as(results.get(2).toString()).isZero();
            results.add(OpsFixtures.cli(props, "status"));
            assertThat(results.get(3).out()).contains("Notices skipped and waiting").contains("FAILED");
        }
        assertThat(Files.list(out.resolve("rejects")).toList()).as("the bad rows were rejected into a report")
            .isNotEmpty();

        Map<String, String> places = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            places.put("command " + (i + 1) + " output", results.get(i).all());
        }
        Path logFile = data.resolve("logs").resolve("udlaendinge-batch.log");
        assertThat(logFile).as("the rotating log file under the data folder").isRegularFile();
        places.put("log file", Files.readString(logFile, StandardCharsets.UTF_8));
        places.putAll(jobRepositoryText(db));
        assertThat(places.keySet()).contains("BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION_CONTEXT",
                "BATCH_STEP_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION");
        assertThat(places.get("BATCH_STEP_EXECUTION")).as("the outage's exit message is in the repository")
            .contains("SMTP gateway");

        List<Deposit> everyone = new ArrayList<>(deposits);
        everyone.addAll(List.of(badCpr, shortRow, badPostal));
        List<String> findings = new ArrayList<>();
        for (Deposit d : everyone) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("CPR", d.referenceCpr());
            values.put("CPR digits", d.referenceCpr().replace("-", ""));
            values.put("name", d.referenceName());
            values.put("spouse name", d.spouseName());
            values.put("address", d.addressLine());
            values.put("postal address", d.postalCode() + " " + d.city());
            if (d.digitalPostAddress() != null) {
                values.put("mailbox", d.digitalPostAddress());
            }
            values.forEach((what, value) -> places.forEach((where, text) -> {
                if (text.contains(value)) {
                    findings.add(what + " of " + d.depositId() + " in " + where);
                }
            }));
        }
        assertThat(findings).as("personal data found (values withheld)").isEmpty();
    }

    /** Every BATCH_* table as text, one line per row, every column. */
    private static Map<String, String> jobRepositoryText(TestDatabase db) {
        return db.with(jdbc -> {
            Map<String, String> tables = new LinkedHashMap<>();
            // upper case on HSQLDB, lower case on PostgreSQL
            for (String table : jdbc.queryForList(
                    "SELECT UPPER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
                            + " WHERE UPPER(TABLE_SCHEMA) = 'PUBLIC' AND UPPER(TABLE_NAME) LIKE 'BATCH_%'",
                    String.class)) {
                StringBuilder text = new StringBuilder();
                jdbc.query("SELECT * FROM " + table, rs -> {
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        text.append(rs.getString(c)).append(" | ");
                    }
                    text.append('\n');
                });
                tables.put(table, text.toString());
            }
            return tables;
        });
    }

    private static Deposit person(String id, String cpr, String name, String address) {
        Deposit t = DemoRegistry.generate(1, id.hashCode()).get(0);
        return new Deposit(id, "FAM/2013/" + Math.abs(id.hashCode() % 100000), cpr, name, address, "1234", "Aarhus C",
                false,
                name.toLowerCase().replace(' ', '.').replace('ø', 'o').replace('æ', 'a').replace('å', 'a')
                        + "@digitalpost.example",
                "Hedda " + name.split(" ")[1], 751, t.legalBasis(), t.securityForm(), t.amountDkk(), t.postedDate(),
                t.permitGrantedDate(), null, t.danishTest());
    }

    private static String row(Deposit d) {
        return String.join(";", Stream.of(d.depositId(), d.caseNumber(), d.referenceCpr(), d.referenceName(),
                d.addressLine(), d.postalCode(), d.city(), String.valueOf(d.digitalPostExempt()),
                d.digitalPostAddress() == null ? "" : d.digitalPostAddress(), d.spouseName(),
                String.valueOf(d.municipalityCode()), d.legalBasis().code(), d.securityForm().name(),
                d.amountDkk().toPlainString(), d.postedDate().toString(), d.permitGrantedDate().toString(),
                d.permanentResidenceDate() == null ? "" : d.permanentResidenceDate().toString(), d.danishTest().name())
            .toList());
    }

}
