package dk.udlaendinge.batch.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small real SMTP server on a loopback port that answers like a Digital Post gateway
 * with closed mailboxes: {@code RCPT TO} of an address in {@link #refuse} gets that reply
 * (for example {@code 550 5.1.1 <x@y>: mailbox closed}, quoting the address as real
 * servers do); every other message is accepted and its {@code Message-ID} kept. Plain
 * SMTP, no STARTTLS (a relay on a loopback address needs none).
 */
public final class RefusingSmtpServer implements AutoCloseable {

    private final ServerSocket server;

    private final Map<String, String> refuse = new ConcurrentHashMap<>();

    private final List<String> accepted = new CopyOnWriteArrayList<>();

    private final List<String> refusedRecipients = new CopyOnWriteArrayList<>();

    private final Thread acceptor;

    public RefusingSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "refusing-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * {@code RCPT TO:<address>} gets {@code reply} (a whole reply line such as "550 5.1.1
     * closed").
     */
    public RefusingSmtpServer refuse(String address, String reply) {
        refuse.put(address.toLowerCase(Locale.ROOT), reply);
        return this;
    }

    /** Message-IDs of the messages accepted, in order. */
    public List<String> acceptedMessageIds() {
        return List.copyOf(accepted);
    }

    /** Addresses refused at RCPT TO, once per attempt. */
    public List<String> refusedRecipients() {
        return List.copyOf(refusedRecipients);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> converse(socket), "refusing-smtp-session");
                t.setDaemon(true);
                t.start();
            }
            catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 refusing.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-refusing.test\r\n250-8BITMIME\r\n250 SIZE 104857600");
                }
                else if (upper.startsWith("HELO") || upper.startsWith("MAIL FROM") || upper.startsWith("RSET")
                        || upper.startsWith("NOOP")) {
                    reply(out, "250 2.0.0 OK");
                }
                else if (upper.startsWith("RCPT TO")) {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'))
                        .toLowerCase(Locale.ROOT);
                    String refusal = refuse.get(address);
                    if (refusal != null) {
                        refusedRecipients.add(address);
                        reply(out, refusal);
                    }
                    else {
                        reply(out, "250 2.1.5 OK");
                    }
                }
                else if (upper.startsWith("DATA")) {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    String messageId = null;
                    String data;
                    while ((data = in.readLine()) != null && !data.equals(".")) {
                        if (messageId == null && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                            messageId = data.substring(11).strip();
                        }
                    }
                    accepted.add(String.valueOf(messageId));
                    reply(out, "250 2.0.0 queued");
                }
                else if (upper.startsWith("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                }
                else {
                    reply(out, "502 5.5.2 not implemented");
                }
            }
        }
        catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

}
