package dk.udlaendinge.batch.ops;

/** Placeholder: replaced by the command-line front end. */
public final class Cli {
    private Cli() {
    }

    public static int run(String[] args) {
        return 0;
    }
}
