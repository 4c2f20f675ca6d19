package lddgan.report;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.message.Header;
import org.rapaio.jupyter.kernel.message.MessageId;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * rapaio-jupyter-kernel 3.0.1's own kernel ({@code MainApp.kernel}) connected to real channels on loopback, as
 * during a cell's execution, and a Jupyter client's IOPub subscription that reads what it publishes off the wire.
 */
final class RapaioIoPub implements AutoCloseable {
    private static final String DELIMITER = "<IDS|MSG>";
    private static final int PROBES_PER_SUBSCRIBER = 10;

    private final Channels channels;
    private final ZMQ.Context context = ZMQ.context(1);
    private final int iopubPort;
    private ZMQ.Socket sub;

    RapaioIoPub() throws Exception {
        int[] ports = freePorts(5);
        ConnectionProperties props = new ConnectionProperties(ports[0], ports[1], "tcp", "hmac-sha256", ports[2],
                ports[3], "127.0.0.1", ports[4], UUID.randomUUID().toString());
        channels = new Channels(props);
        channels.connect(MainApp.kernel);
        // the kernel publishes only while it handles a request (a cell being executed)
        channels.setMsgId(new MessageId<>(List.of(), new Header<>(null, MessageType.SHELL_EXECUTE_REQUEST)));
        iopubPort = props.iopubPort();
        try {
            awaitSubscription();
        } catch (RuntimeException e) {
            close(); // the kernel's channel threads would outlive the test
            throw e;
        }
    }

    /** A new SUB socket subscribed to everything on the kernel's IOPub port. */
    private ZMQ.Socket subscribe() {
        ZMQ.Socket s = context.socket(SocketType.SUB);
        s.connect("tcp://127.0.0.1:" + iopubPort);
        s.subscribe(new byte[0]);
        s.setReceiveTimeOut(200);
        return s;
    }

    /**
     * PUB drops what it sends before the subscription arrives: publish a probe until one is received. A subscriber
     * that has received nothing after {@value #PROBES_PER_SUBSCRIBER} probes is replaced by a new one: about one
     * jeromq 0.6.0 SUB connection in ten on loopback stalls in its handshake (the TCP connection is established and
     * the kernel's 10-byte ZMTP greeting waits unread in the subscriber's receive queue, seen with {@code ss}, while a
     * second SUB on the same port receives the next probe); the kernel's side is not involved.
     */
    private void awaitSubscription() {
        long deadline = System.currentTimeMillis() + 20_000;
        int subscribers = 0;
        while (System.currentTimeMillis() < deadline) {
            sub = subscribe();
            subscribers++;
            for (int probe = 0; probe < PROBES_PER_SUBSCRIBER; probe++) {
                channels.writeToStdOut("probe");
                Published p = receive();
                if (p != null && p.type().equals("stream")) {
                    while (receive() != null) {
                        // drain the other probes
                    }
                    return;
                }
            }
            sub.close();
        }
        sub = null;
        throw new IllegalStateException("rapaio's IOPub socket reached none of " + subscribers
                + " subscribers in 20 s (port " + iopubPort + ")");
    }

    /** The next {@code count} messages published (fails after 20 s without one). */
    List<Published> next(int count) {
        List<Published> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (out.size() < count && System.currentTimeMillis() < deadline) {
            Published p = receive();
            if (p != null) {
                out.add(p);
            }
        }
        if (out.size() < count) {
            throw new AssertionError("rapaio published " + out.size() + " of " + count + " messages: " + out);
        }
        return out;
    }

    /** One multipart Jupyter message (topic, delimiter, signature, header, parent, metadata, content), or null. */
    private Published receive() {
        byte[] frame = sub.recv();
        if (frame == null) {
            return null;
        }
        while (!new String(frame, StandardCharsets.UTF_8).equals(DELIMITER)) {
            frame = sub.recv();
        }
        sub.recv(); // signature
        String header = sub.recvStr();
        sub.recv(); // parent header
        sub.recv(); // metadata
        String content = sub.recvStr();
        while (sub.hasReceiveMore()) {
            sub.recv();
        }
        return Published.of(Published.of("header", header).content().path("msg_type").asText(), content);
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                open.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : open) {
                s.close();
            }
        }
        return ports;
    }

    @Override
    public void close() {
        channels.freeMsgId();
        if (sub != null) {
            sub.close();
        }
        context.close();
        channels.close();
    }
}
