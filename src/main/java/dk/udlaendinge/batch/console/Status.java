package dk.udlaendinge.batch.console;

/**
 * A status as the console shows it: a word an operator acts on and a colour class. Colour is
 * never the only signal: the word is always there.
 *
 * @param word  e.g. "Failed", "Running", "Stale – process gone"
 * @param tone  ok, bad, warn, run, off (the CSS class)
 * @param hint  what to do next, or empty
 */
record Status(String word, String tone, String hint) {

    static Status of(String batchStatus, boolean stale, Long supersededBy) {
        if (stale) {
            return new Status("Stale – process gone", "bad", "restart it (it is recovered first) or abandon it");
        }
        if (supersededBy != null) {
            return new Status(capital(batchStatus) + " – superseded", "off",
                    "execution " + supersededBy + " completed this run");
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
        return tone.equals("bad") || tone.equals("warn") && !word.equals("Stopping");
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : s.charAt(0) + s.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
