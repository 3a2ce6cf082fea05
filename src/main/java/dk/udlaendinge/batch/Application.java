package dk.udlaendinge.batch;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * udlaendinge-batch: renewal notices and refugee quota workbooks. The Boot configuration
 * only; the process starts at {@code ops.Cli} (the jar's Main-Class), which starts this
 * application for the commands that need it, so the dependency runs one way
 * (docs/ARCHITECTURE.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    /**
     * Two library settings the send step's profile asked for (both can be overridden with
     * -D): Jakarta Mail looks its StreamProvider up through ServiceLoader on every
     * encode, which inside the Boot jar took about 15 % of the step, so the provider is
     * named; and PDFBox deflates at level 6 by default, while level 1 renders letters
     * about 20 % faster for 5 % larger files.
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
