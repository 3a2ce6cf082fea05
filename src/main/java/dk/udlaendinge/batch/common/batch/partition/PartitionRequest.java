package dk.udlaendinge.batch.common.batch.partition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One partition request as it travels over the broker: a map of plain values (a JMS
 * MapMessage), never a serialized Java object, because a worker must not deserialize
 * whatever arrives on its queue. {@code token} is a random value the manager also wrote
 * into the partition's execution context: a worker whose database does not hold it is not
 * looking at the manager's database.
 */
public record PartitionRequest(String stepName, long stepExecutionId, long jobExecutionId, String contract,
        String token) {

    /** The queue the requests go to. */
    public static final String QUEUE = "udlaendinge.partition.requests";

    /**
     * Where requests end that no worker may run (refused by a worker's checks, or offered
     * app.broker.max-delivery-attempts times): kept for the operator to look at, never
     * run.
     */
    public static final String DEAD_LETTERS = "udlaendinge.partition.dead";

    /** The context key holding the token of the request that was sent for a partition. */
    public static final String TOKEN = "partition.token";

    /** The context key holding the worker-step contract the manager runs. */
    public static final String CONTRACT = "partition.contract";

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("stepName", stepName);
        map.put("stepExecutionId", stepExecutionId);
        map.put("jobExecutionId", jobExecutionId);
        map.put("contract", contract);
        map.put("token", token);
        return map;
    }

    /**
     * Reads a request; anything else on the queue is refused with a message that quotes
     * no content.
     */
    public static PartitionRequest fromMap(Object payload) {
        if (payload instanceof Unreadable u) {
            throw new IllegalArgumentException("not a partition request (" + u.what() + ")");
        }
        if (!(payload instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a partition request (a "
                    + (payload == null ? "null" : payload.getClass().getSimpleName()) + " payload)");
        }
        return new PartitionRequest(text(map, "stepName"), number(map, "stepExecutionId"),
                number(map, "jobExecutionId"), text(map, "contract"), text(map, "token"));
    }

    /**
     * A message on the queue that is not a map message: its body is never read, let alone
     * deserialized.
     */
    public record Unreadable(String what) {
    }

    private static String text(Map<?, ?> map, String key) {
        // printable only: a value is named in a log line, and a line break would forge
        // another
        if (map.get(key) instanceof String s && !s.isBlank() && s.length() <= 200
                && s.chars().noneMatch(Character::isISOControl)) {
            return s;
        }
        throw new IllegalArgumentException("not a partition request (no valid '" + key + "')");
    }

    private static long number(Map<?, ?> map, String key) {
        if (map.get(key) instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("not a partition request (no valid '" + key + "')");
    }
}
