package dk.udlaendinge.batch.ops;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.demo.DemoSettings;
import dk.udlaendinge.batch.notice.RenewalSettings;
import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;
import picocli.CommandLine.Command;

/**
 * {@code ./run.sh} or {@code ./run.sh demo}: on an empty registry a generated demo
 * registry is imported; then the renewal job for the demo run date, then the 2015 quota
 * demo.
 */
@Component
@Scope("prototype")
@Command(name = "demo", description = "generate a demo registry if empty, run the renewal job for the demo date, then"
        + " the 2015 quota demo")
final class DemoCommand implements Callable<Integer> {

    private final DemoSettings demo;

    private final Folders folders;

    private final RenewalSettings renewal;

    private final JdbcTemplate jdbc;

    private final ImportLaunch imports;

    private final RenewalLaunch renewals;

    private final QuotaLaunch quotas;

    DemoCommand(DemoSettings demo, Folders folders, RenewalSettings renewal, JdbcTemplate jdbc, ImportLaunch imports,
            RenewalLaunch renewals, QuotaLaunch quotas) {
        this.demo = demo;
        this.folders = folders;
        this.renewal = renewal;
        this.jdbc = jdbc;
        this.imports = imports;
        this.renewals = renewals;
        this.quotas = quotas;
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        LocalDate runDate = demo.runDate();
        Long deposits = jdbc.queryForObject("SELECT COUNT(*) FROM deposit", Long.class);
        if (deposits == null || deposits == 0) {
            out.printf(
                    "Registry is empty: generating a demo registry of %d deposits (seed %d), with %d"
                            + " securities of every rule set, and importing it…%n",
                    demo.deposits(), demo.seed(), DemoRegistry.ruleSetExamples().size());
            List<Deposit> generated = new java.util.ArrayList<>(DemoRegistry.generate(demo.deposits(), demo.seed()));
            // and a few of every rule set (docs/RENEWAL-RULES.md), in the second import
            // format
            generated.addAll(DemoRegistry.ruleSetExamples());
            // beside the data folder, not in it: case documents may lie in neither the
            // data nor the output
            // folder (common.CaseDocumentLimits), and the demo's documents CSV makes its
            // folder their root
            Path folder = folders.dataDir().toAbsolutePath().normalize().resolveSibling("demo");
            Path registry = folder.resolve("registry-demo.csv");
            Path documents = folder.resolve("documents-demo.csv");
            DemoRegistry.writeSecondFormatCsv(registry, generated);
            DemoRegistry.writeDocumentsCsv(documents, generated, runDate, renewal.leadDays(), 3, 8_200_000);
            int imported = imports.importRegistry(registry, documents, out);
            if (imported != ExitCodes.COMPLETED) {
                return imported;
            }
        }
        else {
            out.printf("Registry holds %d deposits; using them for the demo.%n", deposits);
        }
        out.printf("Running the renewal job for the demo run date %s (the first renewal season).%n", runDate);
        int renewalCode = renewals.renew(runDate, false, out);
        out.println();
        out.println("Quota demo: the 2015 quotas from demo statistics, national figure 4,000, then the"
                + " December 2014 revision to 12,000.");
        int quotaCode = quotas.runDemo(out, System.err);
        return renewalCode != ExitCodes.COMPLETED ? renewalCode : quotaCode;
    }

}
