package dev.mapiworkbench.sim.transport;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback SMTP proxy in front of a real server (GreenMail) that adds what GreenMail cannot do:
 * STARTTLS or implicit TLS with a test certificate, slow replies, 4xx/5xx answers to chosen
 * commands, and a connection cut in the middle of DATA. It works command by command (the client
 * does not pipeline): one client line, then the server's reply lines up to the last one. What it
 * answers itself never reaches the server; everything else is relayed unchanged.
 */
public final class SmtpFaultProxy implements Closeable {

    /** An answer the proxy gives instead of the server, {@code times} times, to a command with that prefix. */
    private record Rule(String commandPrefix, String reply, AtomicInteger times) {}

    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Rule> rules = new ArrayList<>();
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    /** Every client command seen, AUTH payloads included (for the test that checks what went on the wire). */
    public final ConcurrentLinkedQueue<String> commands = new ConcurrentLinkedQueue<>();

    public final AtomicInteger connections = new AtomicInteger();
    private volatile long replyDelayMillis;
    private volatile int cutDataAfterLines = -1;
    private volatile SSLContext starttls;
    private volatile SSLContext implicitTls;

    public SmtpFaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "smtp-fault-proxy");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Every reply line is held back this long (a slow server). */
    public SmtpFaultProxy slow(long millis) {
        replyDelayMillis = millis;
        return this;
    }

    /** The next {@code times} commands starting with {@code prefix} (case-insensitive) get {@code reply}. */
    public SmtpFaultProxy answer(String prefix, String reply, int times) {
        synchronized (rules) {
            rules.add(new Rule(prefix.toUpperCase(Locale.ROOT), reply, new AtomicInteger(times)));
        }
        return this;
    }

    /** Once: the connection is cut after this many lines of message content (after DATA's 354). */
    public SmtpFaultProxy cutDuringData(int afterLines) {
        cutDataAfterLines = afterLines;
        return this;
    }

    /** Offers STARTTLS (in EHLO replies) and does the TLS handshake itself with this context. */
    public SmtpFaultProxy starttls(SSLContext ctx) {
        starttls = ctx;
        return this;
    }

    /** TLS from the first byte (SMTPS) with this context. */
    public SmtpFaultProxy implicitTls(SSLContext ctx) {
        implicitTls = ctx;
        return this;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "smtp-fault-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private Rule match(String line) {
        String u = line.toUpperCase(Locale.ROOT);
        synchronized (rules) {
            for (Rule r : rules) {
                if (u.startsWith(r.commandPrefix()) && r.times().get() > 0) {
                    r.times().decrementAndGet();
                    return r;
                }
            }
        }
        return null;
    }

    private void serve(Socket accepted) {
        Socket client = accepted;
        try (Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            open.add(server);
            if (implicitTls != null) {
                client = wrap(client, implicitTls);
            }
            BufferedReader fromServer = reader(server);
            OutputStream toServer = server.getOutputStream();
            BufferedReader fromClient = reader(client);
            OutputStream toClient = client.getOutputStream();
            relayReply(fromServer, toClient, false);
            boolean tls = implicitTls != null;
            String line;
            while ((line = fromClient.readLine()) != null) {
                commands.add(line);
                String u = line.toUpperCase(Locale.ROOT);
                if (u.equals("STARTTLS") && starttls != null && !tls) {
                    write(toClient, "220 2.0.0 Ready to start TLS");
                    client = wrap(client, starttls);
                    fromClient = reader(client);
                    toClient = client.getOutputStream();
                    tls = true;
                    continue;
                }
                Rule r = match(line);
                if (r != null) {
                    write(toClient, r.reply());
                    if (r.reply().startsWith("421")) {
                        break;
                    }
                    continue;
                }
                write(toServer, line);
                boolean ehlo = u.startsWith("EHLO") && starttls != null && !tls;
                String code = relayReply(fromServer, toClient, ehlo);
                if (u.equals("DATA") && "354".equals(code)) {
                    if (!relayData(fromClient, toServer)) {
                        return; // cut on purpose
                    }
                    relayReply(fromServer, toClient, false);
                }
                if (u.equals("QUIT")) {
                    break;
                }
            }
        } catch (IOException e) {
            // a cut connection ends this session
        } finally {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing only
            }
        }
    }

    /** Relays the message content up to the lone dot; false when the test asked to cut it off. */
    private boolean relayData(BufferedReader fromClient, OutputStream toServer) throws IOException {
        int n = 0;
        String l;
        while ((l = fromClient.readLine()) != null) {
            if (cutDataAfterLines >= 0 && n >= cutDataAfterLines && !l.equals(".")) {
                cutDataAfterLines = -1;
                synchronized (open) {
                    for (Socket s : open) {
                        s.close();
                    }
                }
                return false;
            }
            write(toServer, l);
            n++;
            if (l.equals(".")) {
                return true;
            }
        }
        return false;
    }

    /** Relays reply lines up to the last one ("NNN text"); returns its code. */
    private String relayReply(BufferedReader fromServer, OutputStream toClient, boolean addStarttls)
            throws IOException {
        String l;
        while ((l = fromServer.readLine()) != null) {
            delay();
            boolean last = l.length() < 4 || l.charAt(3) == ' ';
            if (last && addStarttls) {
                write(toClient, l.substring(0, 3) + "-STARTTLS");
            }
            write(toClient, l);
            if (last) {
                return l.length() >= 3 ? l.substring(0, 3) : l;
            }
        }
        throw new SocketException("the server closed the connection");
    }

    private void delay() {
        long d = replyDelayMillis;
        if (d > 0) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Socket wrap(Socket plain, SSLContext ctx) throws IOException {
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        s.setUseClientMode(false);
        s.startHandshake();
        open.add(s);
        return s;
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing only
                }
            }
        }
    }
}
