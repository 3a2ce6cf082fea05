package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code ./run.sh hash-password}: a password of blanks or under 12 characters gets no
 * hash.
 */
class HashPasswordCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private PrintStream stdout;

    private PrintStream stderr;

    private InputStream stdin;

    @BeforeEach
    void capture() {
        stdout = System.out;
        stderr = System.err;
        stdin = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
        System.setIn(stdin);
    }

    @Test
    void theRule() {
        assertThat(HashPasswordCommand.refusal(null)).isPresent();
        assertThat(HashPasswordCommand.refusal("")).contains("the password is only blanks");
        assertThat(HashPasswordCommand.refusal(" ".repeat(20))).contains("the password is only blanks");
        assertThat(HashPasswordCommand.refusal("\u00a0\t\u00a0 \u2007 \u00a0 \u00a0 \u00a0"))
            .contains("the password is only blanks");
        assertThat(HashPasswordCommand.refusal("elleve tegn")).get().asString().contains("shorter than 12");
        // blanks around a short password do not make it long
        assertThat(HashPasswordCommand.refusal("   elleve tegn   ")).get().asString().contains("shorter than 12");
        assertThat(HashPasswordCommand.refusal("tolv tegn ok")).isEmpty();
        assertThat(HashPasswordCommand.refusal("æøåæøåæøåæøå")).isEmpty();
    }

    @Test
    void aShortPasswordOnStdinIsRefusedWithExitTwoAndNoHash() {
        assertThat(hash("kort\n")).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: the password is shorter than 12")
            .doesNotContain("kort");
    }

    @Test
    void aPasswordOfBlanksIsRefused() {
        assertThat(hash("              \n")).isEqualTo(ExitCodes.BAD_USAGE);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
            .isEqualTo("error: the password is only blanks; nothing printed\n");
    }

    @Test
    void aLongEnoughPasswordGivesItsBcryptHash() {
        assertThat(hash("en lang nok adgangskode\n")).isEqualTo(ExitCodes.COMPLETED);
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(hash).startsWith("$2a$12$");
        assertThat(new BCryptPasswordEncoder().matches("en lang nok adgangskode", hash)).isTrue();
    }

    private static int hash(String stdinText) {
        System.setIn(new ByteArrayInputStream(stdinText.getBytes(StandardCharsets.UTF_8)));
        return Cli.run(new String[] { "hash-password" });
    }

}
