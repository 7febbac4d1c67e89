package dev.mapiworkbench.sim.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for Jakarta Mail that remember the plain sockets they made or wrapped, so
 * {@link #closeAll()} can cut a connection from another thread (a Logoff that chose "Leave in
 * Outbox" while the server is slow). Jakarta Mail's SocketFetcher calls {@code createSocket()} on a
 * plain factory and the layering {@code createSocket(Socket, ...)} on an SSL one (connect, then TLS).
 */
final class TrackingSocketFactories {

    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Plain plain = new Plain();
    private final Tls tls;

    TrackingSocketFactories(SSLSocketFactory ssl) {
        this.tls = new Tls(ssl);
    }

    SocketFactory plain() {
        return plain;
    }

    SSLSocketFactory tls() {
        return tls;
    }

    /** Closes every socket made so far (the in-flight send fails at once with an I/O error). */
    void closeAll() {
        for (Socket s : List.copyOf(open)) {
            open.remove(s);
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is all we want; a failure to close leaves nothing to do
            }
        }
    }

    private Socket track(Socket s) {
        open.removeIf(Socket::isClosed);
        open.add(s);
        return s;
    }

    private final class Plain extends SocketFactory {
        @Override
        public Socket createSocket() {
            return track(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return track(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return track(new Socket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return track(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return track(new Socket(address, port, localAddress, localPort));
        }
    }

    private final class Tls extends SSLSocketFactory {
        private final SSLSocketFactory d;

        Tls(SSLSocketFactory d) {
            this.d = d;
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            track(s);
            return d.createSocket(s, host, port, autoClose);
        }

        @Override
        public Socket createSocket() throws IOException {
            return track(d.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return track(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return track(d.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return track(d.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return track(d.createSocket(address, port, localAddress, localPort));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return d.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return d.getSupportedCipherSuites();
        }
    }
}
