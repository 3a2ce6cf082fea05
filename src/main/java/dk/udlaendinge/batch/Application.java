package dk.udlaendinge.batch;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dk.udlaendinge.batch.ops.Cli;

/** udlaendinge-batch: renewal notices and refugee quota workbooks. Entry point: {@link Cli}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    public static void main(String[] args) {
        configureLibraries();
        System.exit(Cli.run(args));
    }

    /**
     * Two library settings the send step's profile asked for (both can be overridden with -D):
     * Jakarta Mail looks its StreamProvider up through ServiceLoader on every encode, which
     * inside the Boot jar took about 15 % of the step, so the provider is named; and PDFBox
     * deflates at level 6 by default, while level 1 renders letters about 20 % faster for
     * 5 % larger files.
     */
    public static void configureLibraries() {
        setIfAbsent("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        setIfAbsent("org.apache.pdfbox.filter.deflatelevel", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
