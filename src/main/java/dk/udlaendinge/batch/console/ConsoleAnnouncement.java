package dk.udlaendinge.batch.console;

import java.net.InetAddress;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dk.udlaendinge.batch.common.Folders;
import dk.udlaendinge.batch.common.batch.RunFiles;

/**
 * Once the daemon's web server listens: one line on the console saying where the console
 * is, or that it is off until a user is configured; and the address in this process's run
 * file, so that {@code ./run.sh status}, refused while the daemon holds the embedded
 * database, can name it.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ConsoleAnnouncement implements ApplicationListener<WebServerInitializedEvent> {

    private final ConsoleProperties properties;

    private final Environment environment;

    private final Folders app;

    ConsoleAnnouncement(ConsoleProperties properties, Environment environment, Folders app) {
        this.properties = properties;
        this.environment = environment;
        this.app = app;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        String url = url(environment.getProperty("server.address"), event.getWebServer().getPort());
        if (properties.users().isEmpty()) {
            System.out.println("Console: off until a user is configured in app.console.users (README, \"Console\");"
                    + " health and metrics at " + url + "actuator/health from this host.");
        }
        else {
            System.out.println("Console: " + url + " (" + properties.users().size() + " user"
                    + (properties.users().size() == 1 ? "" : "s") + ")");
            new RunFiles(app.dataDir()).console(url);
        }
    }

    static String url(String address, int port) {
        String host = address == null || address.isBlank() ? "127.0.0.1" : address;
        try {
            if (InetAddress.getByName(host).isAnyLocalAddress()) {
                host = InetAddress.getLocalHost().getHostName(); // listening everywhere:
                                                                 // name this machine
            }
        }
        catch (java.io.IOException e) {
            // keep the configured address
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port + "/";
    }

}
