package dk.udlaendinge.batch.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import dk.udlaendinge.batch.common.CsvInputFile;
import dk.udlaendinge.batch.delivery.MemoComposer;
import dk.udlaendinge.batch.delivery.MessageKeys;
import dk.udlaendinge.batch.deposit.RegistryColumns;
import dk.udlaendinge.batch.deposit.RegistryImportJobConfiguration;
import dk.udlaendinge.batch.notice.letter.CaseDocumentFactory;
import dk.udlaendinge.batch.quota.QuotaRequests;
import dk.udlaendinge.batch.support.JobFunctionalTest;
import dk.udlaendinge.batch.support.JobRuns;
import dk.udlaendinge.batch.support.TestCertificates;

/**
 * The renewal job with {@code app.digital-post.transport: memo} and a receiver: a local
 * HTTPS server that demands a client certificate (made in the test) and gets the
 * certificate through a Spring Boot SSL bundle, as in production. Three notices are due:
 * one with two case documents, one the receiver answers 503 before 200 (retried), one it
 * refuses with 400 (skipped with its reason); the municipality with a CVR number gets its
 * list as a MeMo message to it. A second run retries only the refused notice: nothing
 * that was delivered goes again.
 */
@JobFunctionalTest
@TestPropertySource(properties = { "app.digital-post.transport=memo", "app.digital-post.memo.ssl-bundle=memo",
        "app.mail.retry.initial-backoff=10ms", "app.mail.retry.max-backoff=20ms",
        "app.mail.municipalities.461.cvr=11223344", "app.renewal.partitions=2" })
class MemoDeliveryFunctionalTests {

    private static final String TWO_DOCUMENTS = "0302842917";

    private static final String BUSY = "0403851234";

    private static final String REFUSED = "0504864321";

    private static final Pattern RECIPIENT = Pattern.compile("<recipientID>([^<]+)</recipientID>");

    private static final Pattern UUID_ELEMENT = Pattern.compile("<messageUUID>([^<]+)</messageUUID>");

    @TempDir
    static Path dir;
    static HttpsServer server;

    /** Every POST by recipient, and the message bodies. */
    static final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    static final Map<String, String> lastBody = new ConcurrentHashMap<>();
    static final List<String> statuses = new CopyOnWriteArrayList<>();
    static volatile boolean refuse = true;

    @DynamicPropertySource
    static void receiver(DynamicPropertyRegistry registry) throws Exception {
        // one receiver per test class (the PostgreSQL subclass gets its own)
        received.clear();
        lastBody.clear();
        statuses.clear();
        refuse = true;
        Path certDir = Files.createDirectories(dir.resolve("certs"));
        TestCertificates certs = TestCertificates.makeIn(certDir);
        SSLContext ctx = certs.serverContext();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ctx.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/memo", MemoDeliveryFunctionalTests::handle);
        server.start();
        registry.add("app.data-dir", () -> dir.resolve("data").toString());
        registry.add("app.output-dir", () -> dir.resolve("out").toString());
        registry.add("app.digital-post.memo.endpoint",
                () -> "https://127.0.0.1:" + server.getAddress().getPort() + "/memo");
        String jks = "spring.ssl.bundle.jks.memo.";
        registry.add(jks + "keystore.location", () -> certs.path("client.p12").toUri().toString());
        registry.add(jks + "keystore.password", () -> TestCertificates.PASSWORD);
        registry.add(jks + "keystore.type", () -> "PKCS12");
        registry.add(jks + "truststore.location", () -> certs.path("client-trust.p12").toUri().toString());
        registry.add(jks + "truststore.password", () -> TestCertificates.PASSWORD);
        registry.add(jks + "truststore.type", () -> "PKCS12");
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = RECIPIENT.matcher(body);
        String recipient = m.find() ? m.group(1) : "none";
        int n = received.computeIfAbsent(recipient, k -> new AtomicInteger()).incrementAndGet();
        lastBody.put(recipient, body);
        int status = recipient.equals(BUSY) && n == 1 ? 503 : recipient.equals(REFUSED) && refuse ? 400 : 200;
        statuses.add(recipient + " " + status);
        byte[] answer = (status == 400 ? "Modtageren er ikke tilmeldt Digital Post" : "")
            .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Autowired
    JobOperatorTestUtils jobs;

    @Autowired
    @Qualifier(RegistryImportJobConfiguration.JOB)
    Job registryImportJob;

    @Autowired
    @Qualifier(RenewalNoticeJobConfiguration.JOB)
    Job renewalNoticeJob;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MemoComposer composer;

    @Autowired
    QuotaRequests quotaRequests;

    @Autowired
    @Qualifier(QuotaRequests.JOB)
    Job quotaJob;

    @Test
    void eachDueNoticeIsOneMemoMessageDeliveredOnceRetriedOrRefusedWithItsReason() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input/docs")).getParent();
        String row = ";FAM/2011/%s;%s;Person %s;Vestergade 4;5000;Odense C;false;person%s@digitalpost.example;Maria Santos;461;9-1-1;"
                + "PLEDGED_ACCOUNT;50000.00;2011-02-10;2011-03-01;;A1";
        Files.writeString(input.resolve("registry.csv"),
                String.join("\n", RegistryColumns.NAMES.stream().reduce((a, b) -> a + ";" + b).orElseThrow(),
                        "MM-0001" + row.formatted("100001", "030284-2917", "A", "a"),
                        "MM-0002" + row.formatted("100002", "040385-1234", "B", "b"),
                        "MM-0003" + row.formatted("100003", "050486-4321", "C", "c")) + "\n");
        Files.writeString(input.resolve("documents.csv"), "deposit_id;path\nMM-0001;docs/MM-0001-a.pdf\n"
                + "MM-0001;docs/MM-0001-b.pdf\nMM-0002;docs/MM-0002-a.pdf\n");
        CaseDocumentFactory.write(input.resolve("docs/MM-0001-a.pdf"), 30_000, "Garanti");
        CaseDocumentFactory.write(input.resolve("docs/MM-0001-b.pdf"), 20_000, "Kvittering");
        CaseDocumentFactory.write(input.resolve("docs/MM-0002-a.pdf"), 10_000, "Garanti");
        JobExecution imported = JobRuns.launch(jobs, registryImportJob,
                new JobParametersBuilder()
                    .addString(RegistryImportJobConfiguration.PARAM_REGISTRY,
                            input.resolve("registry.csv").toAbsolutePath().toString())
                    .addString(RegistryImportJobConfiguration.PARAM_DOCUMENTS,
                            input.resolve("documents.csv").toAbsolutePath().toString())
                    .addString(RegistryImportJobConfiguration.PARAM_FINGERPRINT,
                            CsvInputFile.check(input.resolve("registry.csv"), "registry file", RegistryColumns.NAMES)
                                    + CsvInputFile.check(input.resolve("documents.csv"), "documents file",
                                            RegistryColumns.DOCUMENT_NAMES))
                    .toJobParameters());
        assertThat(imported.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(JobRuns.counts(imported, RegistryImportJobConfiguration.IMPORT_DEPOSITS))
            .isEqualTo("read 3, written 3, skipped 0");

        JobExecution first = JobRuns.launch(jobs, renewalNoticeJob, runDate("2014-12-01"));
        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(received.get(TWO_DOCUMENTS))
            .as(statuses + " "
                    + jdbc.queryForList("SELECT deposit_id, status, channel, reason, skip_reason FROM renewal_notice"))
            .hasValue(1);
        assertThat(received.get(BUSY)).hasValue(2); // 503, then 200
        assertThat(received.get(REFUSED)).hasValue(1); // 400: not retried
        assertThat(received.get("11223344"))
            .as("the list to the municipality's CVR: " + statuses + " "
                    + jdbc.queryForList("SELECT shipment_key, way, recipient FROM municipal_shipment"))
            .hasValue(1);
        assertThat(lastBody.get("11223344")).contains("<idType>CVR</idType>", "<label>Odense Kommune</label>");

        long twoDocs = noticeOf("MM-0001");
        String xml = lastBody.get(TWO_DOCUMENTS);
        Matcher uuid = UUID_ELEMENT.matcher(xml);
        assertThat(uuid.find()).isTrue();
        assertThat(uuid.group(1)).isEqualTo(composer.uuid(MessageKeys.notice(twoDocs)).toString());
        assertThat(xml.split("<AdditionalDocument>", -1)).hasSize(4); // the form and two
                                                                      // case documents
        assertThat(xml).contains("<filename>MM-0001-a.pdf</filename>", "<filename>MM-0001-b.pdf</filename>",
                "<idType>CPR</idType>");
        assertThat(
                jdbc.queryForObject("SELECT message_id FROM renewal_notice WHERE notice_id = ?", String.class, twoDocs))
            .isEqualTo("urn:uuid:" + uuid.group(1));
        assertThat(jdbc.queryForObject("SELECT message_bytes FROM renewal_notice WHERE notice_id = ?", Long.class,
                twoDocs))
            .isEqualTo(xml.getBytes(StandardCharsets.UTF_8).length);

        assertThat(status("MM-0001")).isEqualTo("SENT DIGITAL");
        assertThat(status("MM-0002")).isEqualTo("SENT DIGITAL");
        assertThat(status("MM-0003")).startsWith("SKIPPED");
        assertThat(jdbc.queryForObject("SELECT skip_reason FROM renewal_notice WHERE deposit_id = 'MM-0003'",
                String.class))
            .contains("HTTP 400", "Modtageren er ikke tilmeldt Digital Post")
            .doesNotContain("0504864321", "050486-4321");

        // what operators see: the journal's transport, the run's summary counts delivered
        // and refused
        List<String> journal = Files.readAllLines(dir.resolve("out/journal/2014-12-01/notices.csv"),
                StandardCharsets.UTF_8);
        assertThat(journal.get(0)).endsWith(";message_bytes;extend_until;transport");
        assertThat(journal.subList(1, journal.size())).hasSize(2)
            .allMatch(l -> l.contains(";DIGITAL;") && l.endsWith(";memo"));
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        new RenewalSummary(jdbc, new RenewalOutputs(dir.resolve("out")))
            .print(new PrintStream(summary, true, StandardCharsets.UTF_8), LocalDate.parse("2014-12-01"));
        assertThat(summary.toString(StandardCharsets.UTF_8)).contains("digital 2,",
                "digital post by MeMo: delivered 2, refused 1");

        // the next run: only the refused notice goes again (now taken); nothing delivered
        // is sent twice
        refuse = false;
        assertThat(JobRuns.launch(jobs, renewalNoticeJob, runDate("2014-12-02")).getStatus())
            .isEqualTo(BatchStatus.COMPLETED);
        assertThat(received.get(TWO_DOCUMENTS)).hasValue(1);
        assertThat(received.get(BUSY)).hasValue(2);
        assertThat(received.get(REFUSED)).hasValue(2);
        assertThat(status("MM-0003")).isEqualTo("SENT DIGITAL");
        // the quota workbooks: the municipality with a CVR number gets its workbook as a
        // MeMo message to it
        int before = received.get("11223344").get();
        QuotaRequests.Request quota = quotaRequests.prepare(QuotaRequests.DEMO_YEAR, 4000,
                quotaRequests.demoStatistics(), null);
        assertThat(JobRuns.launch(jobs, quotaJob, quota.parameters()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(received.get("11223344")).hasValue(before + 1);
        assertThat(lastBody.get("11223344")).contains("<idType>CVR</idType>",
                "<encodingFormat>application/vnd.openxmlformats-officedocument.spreadsheetml.sheet</encodingFormat>");
        assertThat(dir.resolve("out/outbox/2014-12-01")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
                p -> assertThat(Files.list(p).filter(f -> f.toString().endsWith(".xml"))).isEmpty());
    }

    private long noticeOf(String depositId) {
        return jdbc.queryForObject("SELECT notice_id FROM renewal_notice WHERE deposit_id = ?", Long.class, depositId);
    }

    private String status(String depositId) {
        return jdbc
            .queryForObject("SELECT status || ' ' || COALESCE(channel, '') FROM renewal_notice WHERE deposit_id = ?",
                    String.class, depositId)
            .strip();
    }

    private static JobParameters runDate(String runDate) {
        return new JobParametersBuilder()
            .addLocalDate(RenewalNoticeJobConfiguration.PARAM_RUN_DATE, java.time.LocalDate.parse(runDate))
            .toJobParameters();
    }

}
