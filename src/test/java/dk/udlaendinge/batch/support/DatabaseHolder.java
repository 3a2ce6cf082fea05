package dk.udlaendinge.batch.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A separate process that holds the registry database open (as a running job would) until
 * its standard input closes or it is killed: the lock another command must respect.
 */
public final class DatabaseHolder {

    private DatabaseHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(OpsFixtures.url(Path.of(args[0])), "SA", "")) {
            System.out.println("holding");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to let go
            }
        }
    }

}
