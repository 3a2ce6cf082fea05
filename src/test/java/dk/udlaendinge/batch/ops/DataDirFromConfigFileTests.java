package dk.udlaendinge.batch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dk.udlaendinge.batch.common.batch.RunFiles;
import dk.udlaendinge.batch.support.OpsFixtures;
import dk.udlaendinge.batch.support.SlowTest;

/**
 * {@code app.data-dir} set only in {@code config/application.yml} (the operator's
 * documented file, no environment variable, no {@code -D}) moves everything: the
 * database, the log, the run files, the owner-only lockdown and the refusal while another
 * process holds the database. Run as {@code run.sh} runs it: a child JVM whose working
 * directory holds {@code config/}.
 */
@SlowTest
class DataDirFromConfigFileTests {

    @TempDir
    Path project;

    @Test
    void theDataFolderOfTheConfigFileHoldsTheDatabaseLogAndRunFiles() throws Exception {
        writeConfig("elsewhere-data");

        OpsFixtures.Result status = OpsFixtures
            .startIn(project, Map.of("spring.mail.host", ""), project.resolve("logs"), "status", "status")
            .await(Duration.ofMinutes(3));

        assertThat(status.code()).as(status.toString()).isEqualTo(ExitCodes.COMPLETED);
        Path data = project.resolve("elsewhere-data");
        assertThat(data.resolve("db")).isDirectory();
        assertThat(data.resolve("logs").resolve("udlaendinge-batch.log")).isRegularFile();
        assertThat(data.resolve("run")).isDirectory();
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(project.resolve("data")).as("nothing is left in ./data").doesNotExist();
    }

    /**
     * Another process registered in the configured data folder is the one the refusal
     * names.
     */
    @Test
    void theRefusalLooksInTheDataFolderOfTheConfigFile() throws Exception {
        writeConfig("elsewhere-data");
        Path data = project.resolve("elsewhere-data");
        RunFiles thisJvm = new RunFiles(data); // a live process (this test) that holds
                                               // the database
        thisJvm.register("daemon");
        try {
            OpsFixtures.Result refused = OpsFixtures
                .startIn(project, Map.of("spring.mail.host", ""), project.resolve("logs"), "refused", "status")
                .await(Duration.ofMinutes(3));

            assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED);
            assertThat(refused.err()).contains("refused: the database in " + data.toRealPath(),
                    "Process " + ProcessHandle.current().pid() + " is running 'daemon'");
        }
        finally {
            thisJvm.unregister();
        }
    }

    private void writeConfig(String dataDir) throws Exception {
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config").resolve("application.yml"), """
                app:
                  data-dir: ./%s
                  output-dir: ./out
                """.formatted(dataDir));
    }

}
