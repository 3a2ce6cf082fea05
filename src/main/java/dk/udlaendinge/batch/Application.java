package dk.udlaendinge.batch;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dk.udlaendinge.batch.ops.Cli;

/** udlaendinge-batch: renewal notices and refugee quota workbooks. Entry point: {@link Cli}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
