package dk.udlaendinge.batch.ops;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dk.udlaendinge.batch.notice.RenewalSettings;
import dk.udlaendinge.batch.demo.DemoSettings;
import dk.udlaendinge.batch.demo.DemoRegistry;
import dk.udlaendinge.batch.deposit.Deposit;

/**
 * {@code ./run.sh} or {@code ./run.sh demo}: on an empty registry a generated demo registry is
 * imported; then the renewal job for the demo run date, then the 2015 quota demo.
 */
public final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "generate a demo registry if empty, run the renewal job for the demo date, then the 2015 quota demo";
    }

    @Override
    public int run(Invocation inv, CommandContext context) {
        DemoSettings demo = context.bean(DemoSettings.class);
        LocalDate runDate = demo.runDate();
        Long deposits = context.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM deposit", Long.class);
        if (deposits == null || deposits == 0) {
            context.out().printf("Registry is empty: generating a demo registry of %d deposits (seed %d), with %d"
                    + " securities of every rule set, and importing it…%n", demo.deposits(), demo.seed(),
                    DemoRegistry.ruleSetExamples().size());
            List<Deposit> generated = new java.util.ArrayList<>(DemoRegistry.generate(demo.deposits(),
                    demo.seed()));
            // and a few of every rule set (docs/RENEWAL-RULES.md), in the second import format
            generated.addAll(DemoRegistry.ruleSetExamples());
            // beside the data folder, not in it: case documents may lie in neither the data nor the output
            // folder (common.CaseDocumentLimits), and the demo's documents CSV makes its folder their root
            Path folder = context.dataDir().toAbsolutePath().normalize().resolveSibling("demo");
            Path registry = folder.resolve("registry-demo.csv");
            Path documents = folder.resolve("documents-demo.csv");
            DemoRegistry.writeSecondFormatCsv(registry, generated);
            DemoRegistry.writeDocumentsCsv(documents, generated, runDate, context.bean(RenewalSettings.class).leadDays(), 3, 8_200_000);
            int imported = ImportCommand.importRegistry(context, registry, documents);
            if (imported != ExitCodes.COMPLETED) {
                return imported;
            }
        } else {
            context.out().printf("Registry holds %d deposits; using them for the demo.%n", deposits);
        }
        context.out().printf("Running the renewal job for the demo run date %s (the first renewal season).%n", runDate);
        int renewalCode = RenewalCommand.renew(context, runDate, false);
        context.out().println();
        context.out().println("Quota demo: the 2015 quotas from demo statistics, national figure 4,000, then the"
                + " December 2014 revision to 12,000.");
        int quotaCode = QuotaCommand.launch(context).runDemo();
        return renewalCode != ExitCodes.COMPLETED ? renewalCode : quotaCode;
    }
}
