package io.pgserve.server;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only child process: opens N connections to a server, authenticates each with a cleartext password, holds them
 * idle, and closes them when told. Run in its own JVM so that its sockets do not count against the test JVM's
 * file-descriptor limit. Protocol on stdout/stdin: prints {@code READY n}, waits for a line, closes every connection
 * (half with Terminate, half by just closing), prints {@code CLOSED}.
 */
public final class IdleClients {
    private IdleClients() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        String user = args[2];
        String password = args[3];
        List<Socket> sockets = new ArrayList<>(n);
        try {
            for (int i = 0; i < n; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
                s.setSoTimeout(60_000);
                authenticate(s, user, password);
                sockets.add(s);
            }
        } catch (IOException e) {
            System.out.println("FAILED after " + sockets.size() + ": " + e);
            System.out.flush();
            System.exit(2);
        }
        System.out.println("READY " + sockets.size());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        for (int i = 0; i < sockets.size(); i++) {
            Socket s = sockets.get(i);
            if (i % 2 == 0) {
                s.getOutputStream().write(new byte[] {'X', 0, 0, 0, 4});
            }
            s.close();
        }
        System.out.println("CLOSED");
        System.out.flush();
    }

    private static void authenticate(Socket s, String user, String password) throws IOException {
        OutputStream out = s.getOutputStream();
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
        byte[] params = ("user\0" + user + "\0\0").getBytes(StandardCharsets.UTF_8);
        out.write(ByteBuffer.allocate(8 + params.length).putInt(8 + params.length).putInt(196608).put(params).array());
        while (true) {
            char type = (char) in.readUnsignedByte();
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            if (type == 'R' && ByteBuffer.wrap(body).getInt() == 3) {
                byte[] pw = (password + "\0").getBytes(StandardCharsets.UTF_8);
                out.write(ByteBuffer.allocate(5 + pw.length).put((byte) 'p').putInt(4 + pw.length).put(pw).array());
            } else if (type == 'E') {
                throw new IOException("server error: " + new String(body, StandardCharsets.UTF_8));
            } else if (type == 'Z') {
                return;
            }
        }
    }
}
