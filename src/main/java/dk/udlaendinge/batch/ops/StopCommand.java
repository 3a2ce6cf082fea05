package dk.udlaendinge.batch.ops;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./run.sh stop EXECUTION_ID}: SIGTERM to the live process running that execution,
 * which stops the job gracefully at its next chunk boundary (see {@link Stopper}).
 */
@Command(name = "stop", description = "ask a running execution to stop gracefully (it can be restarted)")
final class StopCommand implements BeforeApplication {

    @Spec
    CommandSpec spec;

    private long executionId;

    @Parameters(paramLabel = "EXECUTION_ID", description = "the EXECUTION_ID to stop; ./run.sh status lists them")
    void executionId(String text) {
        executionId = OptionValues.executionId(spec, text);
    }

    @Override
    public int run(LaunchSettings settings) {
        return Stopper.signal(executionId, settings.dataDir(), System.out, true);
    }

}
