package dk.udlaendinge.batch.ops;

/**
 * A command that runs without the application (no database opened, nothing of Spring's
 * started): {@code help}, {@code stop}, {@code broker}, {@code hash-password}.
 */
interface BeforeApplication {

    /**
     * @return the exit code ({@link ExitCodes})
     */
    int run(LaunchSettings settings);

}
