package dk.udlaendinge.batch.console;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code ./run.sh hash-password}: reads a password from the terminal (not echoed) or from stdin,
 * and prints its bcrypt hash for {@code app.console.users[n].password-hash}. The password is
 * never an argument, so it is not left in the shell's history or the process list.
 */
public final class HashPassword {

    private HashPassword() {
    }

    public static void main(String[] args) throws IOException {
        String password;
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("Password for the console user: ");
            char[] again = console.readPassword("Again: ");
            if (typed == null || again == null || !java.util.Arrays.equals(typed, again)) {
                System.err.println("error: the two passwords differ; nothing printed");
                System.exit(2);
            }
            password = new String(typed);
        } else {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null || password.length() < 12) {
            System.err.println("error: give a password of at least 12 characters (on stdin or at the prompt)");
            System.exit(2);
        }
        System.out.println(new BCryptPasswordEncoder(12).encode(password));
    }
}
