package dk.udlaendinge.batch.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

import dk.udlaendinge.batch.notice.letter.CaseDocumentFactory;
import dk.udlaendinge.batch.ops.Commands;

/**
 * What the console tests share: users with real bcrypt hashes, and the sample registry
 * imported for real.
 */
final class ConsoleFixtures {

    static final String VIEWER = "vera";
    static final String OPERATOR = "otto";
    static final String PASSWORD = "correct horse battery staple";

    /** Cost 4: the lowest bcrypt allows, so logging in costs the tests nothing. */
    private static final String HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

    private ConsoleFixtures() {
    }

    static void users(DynamicPropertyRegistry registry) {
        registry.add("app.console.users[0].name", () -> VIEWER);
        registry.add("app.console.users[0].password-hash", () -> HASH);
        registry.add("app.console.users[0].role", () -> "VIEWER");
        registry.add("app.console.users[1].name", () -> OPERATOR);
        registry.add("app.console.users[1].password-hash", () -> HASH);
        registry.add("app.console.users[1].role", () -> "OPERATOR");
    }

    /**
     * Imports the six sample deposits with their case documents, then removes one
     * document so that the send step skips its notice with a reason, as a real night
     * would.
     */
    static void importSamples(Commands commands) {
        try {
            Path input = tempDir("console-input");
            Files.createDirectories(input.resolve("docs"));
            for (String name : List.of("registry-example.csv", "documents-example.csv")) {
                try (InputStream in = ConsoleFixtures.class.getResourceAsStream("/samples/" + name)) {
                    Files.copy(in, input.resolve(name));
                }
            }
            CaseDocumentFactory.write(input.resolve("docs/EX-0002-anfordringsgaranti.pdf"), 40_000,
                    "Anfordringsgaranti");
            CaseDocumentFactory.write(input.resolve("docs/EX-0005-pantsaetningserklaering.pdf"), 40_000, "Pant");
            run(commands, "import", "--registry", input.resolve("registry-example.csv").toString(), "--documents",
                    input.resolve("documents-example.csv").toString());
            Files.delete(input.resolve("docs/EX-0002-anfordringsgaranti.pdf"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix);
            dir.toFile().deleteOnExit();
            return dir;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int run(Commands commands, String... args) {
        return commands.execute(args);
    }

    /**
     * Every CPR number, name and address line of the sample registry: none may appear on
     * a page.
     */
    static List<String> personalValues() {
        List<String> values = new ArrayList<>();
        try (InputStream in = ConsoleFixtures.class.getResourceAsStream("/samples/registry-example.csv")) {
            List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                .toList();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(";", -1);
                values.add(f[2]); // reference_cpr
                values.add(f[2].replace("-", ""));
                values.add(f[3]); // reference_name
                values.add(f[4]); // address_line
                values.add(f[9]); // spouse_name
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

}
