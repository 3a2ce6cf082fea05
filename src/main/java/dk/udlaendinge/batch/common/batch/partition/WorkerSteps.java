package dk.udlaendinge.batch.common.batch.partition;

import java.util.Map;

/**
 * The worker steps a job offers to remote workers (bean names), each with the version of
 * its contract: what its partition's context holds and what it reads and writes. A job
 * raises the version when that changes, so a worker of another release refuses its
 * requests.
 */
public record WorkerSteps(Map<String, String> contracts) {

    public WorkerSteps {
        contracts = Map.copyOf(contracts);
    }
}
