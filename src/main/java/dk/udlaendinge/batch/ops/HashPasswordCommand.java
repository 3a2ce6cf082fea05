package dk.udlaendinge.batch.ops;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import picocli.CommandLine.Command;

/**
 * {@code ./run.sh hash-password}: reads a password from the terminal (not echoed, asked
 * twice) or one line from stdin, and prints its bcrypt hash for
 * {@code app.console.users[n].password-hash}. The password is never an argument, so it is
 * not left in the shell's history or the process list. Runs without the application: no
 * database, no start-up.
 */
@Command(name = "hash-password",
        description = "read a console user's password (prompt, or one line on stdin) and print its bcrypt hash")
final class HashPasswordCommand implements BeforeApplication {

    /** The shortest password taken, counted without the blanks around it. */
    static final int MIN_LENGTH = 12;

    @Override
    public int run(LaunchSettings settings) {
        String password;
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password for the console user: ");
            char[] again = console.readPassword("Again: ");
            if (typed == null || again == null || !Arrays.equals(typed, again)) {
                System.err.println("error: the two passwords differ; nothing printed");
                return ExitCodes.BAD_USAGE;
            }
            password = new String(typed);
        }
        else {
            try {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            catch (IOException e) {
                System.err.println("error: stdin could not be read: " + e.getMessage());
                return ExitCodes.BAD_USAGE;
            }
        }
        Optional<String> refused = refusal(password);
        if (refused.isPresent()) {
            System.err.println("error: " + refused.get() + "; nothing printed");
            return ExitCodes.BAD_USAGE;
        }
        System.out.println(new BCryptPasswordEncoder(12).encode(password));
        return ExitCodes.COMPLETED;
    }

    /**
     * Why a password is not taken, if it is not: none given, only blanks (non-breaking
     * spaces too), or fewer than {@value #MIN_LENGTH} characters once the blanks around
     * it are left out. The password itself is never in the answer.
     */
    static Optional<String> refusal(String password) {
        if (password == null) {
            return Optional.of("no password given (type it at the prompt, or give one line on stdin)");
        }
        String inner = stripBlanks(password);
        if (inner.isEmpty()) {
            return Optional.of("the password is only blanks");
        }
        if (inner.codePointCount(0, inner.length()) < MIN_LENGTH) {
            return Optional.of("the password is shorter than " + MIN_LENGTH + " characters (blanks around it not"
                    + " counted); choose a longer one");
        }
        return Optional.empty();
    }

    private static String stripBlanks(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

}
