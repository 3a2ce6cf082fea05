package dk.udlaendinge.batch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link between the application and the real SMTP server that a test can cut (the
 * gateway goes down: open connections drop, new ones are refused), restore, or slow down.
 * Real sockets both ways; nothing about SMTP is imitated.
 */
public final class FaultyLink implements AutoCloseable {

    private static final byte[] END_OF_DATA = { '\r', '\n', '.', '\r', '\n' };

    private final int port;

    private final int targetPort;

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private volatile ServerSocket server;

    private volatile long delayPerReadNanos;

    private volatile boolean held;

    private volatile int messagesLeft = Integer.MAX_VALUE;

    public FaultyLink(int targetPort) {
        this.port = OpsFixtures.freePort();
        this.targetPort = targetPort;
        restore();
    }

    public int port() {
        return port;
    }

    /** Every read from the application waits this long: a slow gateway. */
    public FaultyLink throttle(Duration perRead) {
        this.delayPerReadNanos = perRead.toNanos();
        return this;
    }

    /**
     * Nothing from the application gets through until {@link #release()}: a send in
     * progress stalls, so a test can act while the job is certainly still running.
     */
    public FaultyLink hold() {
        held = true;
        return this;
    }

    public void release() {
        synchronized (this) {
            held = false;
            notifyAll();
        }
    }

    private void awaitRelease() throws InterruptedException {
        synchronized (this) {
            while (held) {
                wait();
            }
        }
    }

    /**
     * The gateway goes down in the middle of the next message after {@code messages} more
     * complete ones: the link forwards that message up to its end-of-data mark, then
     * cuts, so the server never accepts it. {@link #restore()} lifts the limit.
     */
    public FaultyLink cutAfterMessages(int messages) {
        this.messagesLeft = messages;
        return this;
    }

    public synchronized void restore() {
        messagesLeft = Integer.MAX_VALUE;
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("localhost", port));
            server = s;
            Thread accept = new Thread(() -> acceptLoop(s), "faulty-link-accept");
            accept.setDaemon(true);
            accept.start();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The gateway goes away: the listener closes and every open connection drops. */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        sockets.forEach(FaultyLink::closeQuietly);
        sockets.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket("localhost", targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            }
            catch (IOException e) {
                // closed by cut(), or the target refused: the client sees a dropped
                // connection
            }
        }
    }

    private void pump(Socket from, Socket to, boolean throttled) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            int matched = 0; // how much of END_OF_DATA the stream has just shown, across
                             // reads
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (throttled) {
                        awaitRelease();
                    }
                    long delay = throttled ? delayPerReadNanos : 0;
                    if (delay > 0) {
                        Thread.sleep(delay / 1_000_000, (int) (delay % 1_000_000));
                    }
                    if (throttled && messagesLeft != Integer.MAX_VALUE) {
                        for (int i = 0; i < n; i++) {
                            matched = buffer[i] == END_OF_DATA[matched] ? matched + 1
                                    : buffer[i] == END_OF_DATA[0] ? 1 : 0;
                            if (matched == END_OF_DATA.length) {
                                matched = 0;
                                if (messagesLeft-- <= 0) {
                                    out.write(buffer, 0, Math.max(0, i - 2)); // all but
                                                                              // the final
                                                                              // ".\r\n":
                                                                              // never
                                                                              // accepted
                                    out.flush();
                                    cut();
                                    return;
                                }
                            }
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
            catch (IOException | InterruptedException e) {
                // connection dropped
            }
            finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "faulty-link-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        }
        catch (Exception ignored) {
            // already closed
        }
    }

}
