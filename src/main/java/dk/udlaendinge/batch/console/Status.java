package dk.udlaendinge.batch.console;

/**
 * A status as the console shows it: a word an operator acts on and a colour class. Colour
 * is never the only signal: the word is always there.
 *
 * @param word e.g. "Failed", "Running", "Stale – process gone"
 * @param tone ok, bad, warn, run, off (the CSS class)
 * @param hint what to do next, or empty
 */
record Status(String word, String tone, String hint) {

    static Status of(String batchStatus, boolean stale, Long supersededBy) {
        return of(batchStatus, stale, supersededBy, null, false);
    }

    /**
     * @param laterExecution a later execution of the same run (job instance), which
     * supersedes this one
     * @param stopping stopped, but a partition of it still runs (until it reaches its
     * chunk boundary) Who stopped it is not in the hint: the page's reason line and the
     * overview's advice say it once.
     */
    static Status of(String batchStatus, boolean stale, Long supersededBy, Long laterExecution, boolean stopping) {
        if (stopping || batchStatus.equals("STOPPING")) {
            return new Status("Stopping…", "warn", "it stops at its next chunk boundary; nothing can be done to it"
                    + " until every partition has ended");
        }
        if (stale) {
            return new Status("Stale – process gone", "bad", "restart it (it is recovered first) or abandon it");
        }
        if (supersededBy != null) {
            return new Status(capital(batchStatus) + " – superseded", "off",
                    "execution " + supersededBy + " completed this run");
        }
        if (laterExecution != null && (batchStatus.equals("FAILED") || batchStatus.equals("STOPPED"))) {
            return new Status(capital(batchStatus) + " – superseded", "off",
                    "execution " + laterExecution + " continued this run; act on that one");
        }
        return switch (batchStatus) {
            case "COMPLETED" -> new Status("Completed", "ok", "");
            case "FAILED" -> new Status("Failed", "bad", "restart it to continue where it stopped, or abandon it");
            case "STOPPED" -> new Status("Stopped", "warn", "restart it to continue where it stopped, or abandon it");
            case "STARTING", "STARTED" -> new Status("Running", "run", "");
            case "STOPPING" -> new Status("Stopping", "warn", "it stops at its next chunk boundary");
            case "ABANDONED" -> new Status("Abandoned", "off", "never restarted");
            default -> new Status(capital(batchStatus), "off", "");
        };
    }

    public boolean restartable() {
        return tone.equals("bad") || tone.equals("warn") && !word.startsWith("Stopping");
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : s.charAt(0) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
