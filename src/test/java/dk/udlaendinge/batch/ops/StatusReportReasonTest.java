package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What status shows of a stored exit description: the root cause, not the wrapper. */
class StatusReportReasonTest {

    @Test
    void showsTheRootCauseOfAWrappedFailure() {
        String stored = """
                org.springframework.batch.core.step.FatalStepExecutionException: Unable to process chunk
                \tat org.springframework.batch.core.step.item.ChunkOrientedStep.doExecute(ChunkOrientedStep.java:1)
                Caused by: java.lang.IllegalStateException: wrapper
                \tat x.y(Z.java:1)
                Caused by: dk.udlaendinge.batch.delivery.GatewayUnavailableException: SMTP gateway localhost:2525 did not accept message notice-7 after 2 attempt(s) (MailConnectException); check the gateway, then run ./run.sh restart
                \tat a.b(C.java:1)
                """;
        String root = "GatewayUnavailableException: SMTP gateway localhost:2525 did not accept message notice-7"
                + " after 2 attempt(s) (MailConnectException); check the gateway, then run ./run.sh restart";
        assertThat(StatusReport.reason(stored)).isEqualTo(root.length() > 160 ? root.substring(0, 160) + "…" : root);
        assertThat(StatusReport.reason(stored)).startsWith("GatewayUnavailableException: SMTP gateway localhost:2525");
    }

    @Test
    void showsTheFirstLineWhenNothingIsChainedAndCutsLongLines() {
        assertThat(StatusReport.reason("java.lang.IllegalStateException: the input files changed\n\tat a.b(C.java:1)"))
            .isEqualTo("IllegalStateException: the input files changed");
        assertThat(StatusReport.reason("stopped by an operator")).isEqualTo("stopped by an operator");
        assertThat(StatusReport.reason("x".repeat(300))).hasSize(161).endsWith("…");
        assertThat(StatusReport.reason(null)).isEmpty();
    }

}
