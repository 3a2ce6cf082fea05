package dk.udlaendinge.batch;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dk.udlaendinge.batch.ops.Cli;

/** udlaendinge-batch: renewal notices and refugee quota workbooks. Entry point: {@link Cli}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    public static void main(String[] args) {
        configureMailStreams();
        System.exit(Cli.run(args));
    }

    /**
     * Jakarta Mail looks its StreamProvider up through ServiceLoader on every encode; inside
     * the Boot jar that scan took about 15 % of the send step. Naming the provider skips it.
     */
    public static void configureMailStreams() {
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }
}
