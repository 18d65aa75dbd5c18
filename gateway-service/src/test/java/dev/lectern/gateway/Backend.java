package dev.lectern.gateway;

import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * A real downstream HTTP + WebSocket server on loopback (Reactor Netty) standing in for a Lectern service: answers
 * every path with a small JSON naming itself, records what it received, and serves {@code /ws/*} echoing the
 * Authorization header it saw. {@code .../slow} answers after 3 s; {@code .../status/NNN} answers with that status.
 */
public final class Backend {

    public record Received(String method, String uri, HttpHeaders headers) {
    }

    private final String name;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private volatile DisposableServer server;
    private volatile int port;

    private Backend(String name) {
        this.name = name;
    }

    public static Backend start(String name) {
        Backend backend = new Backend(name);
        backend.bind(0);
        return backend;
    }

    private void bind(int wanted) {
        server = HttpServer.create().host("127.0.0.1").port(wanted)
                .doOnConnection(connection -> {
                    Channel channel = connection.channel();
                    if (channels.add(channel)) {
                        channel.closeFuture().addListener(closed -> channels.remove(channel));
                    }
                })
                .route(routes -> routes
                        .route(request -> request.uri().startsWith("/ws/"), (request, response) -> {
                            HttpHeaders headers = new HttpHeaders();
                            request.requestHeaders().forEach(e -> headers.add(e.getKey(), e.getValue()));
                            received.add(new Received("WS", request.uri(), headers));
                            hits.incrementAndGet();
                            return response.sendWebsocket((in, out) -> out.sendString(Mono.just(name + " ok"))
                                    .then(in.receive().then()), headers.containsHeader("Sec-WebSocket-Protocol")
                                    ? WebsocketServerSpec.builder().protocols("bearer").build()
                                    : WebsocketServerSpec.builder().build());
                        })
                        .route(request -> true, (request, response) -> {
                            HttpHeaders headers = new HttpHeaders();
                            request.requestHeaders().forEach(e -> headers.add(e.getKey(), e.getValue()));
                            if (!request.uri().startsWith("/actuator/")) {
                                // The gateway's load balancer polls readiness; those probes are not traffic.
                                received.add(new Received(request.method().name(), request.uri(), headers));
                                hits.incrementAndGet();
                            }
                            String uri = request.uri();
                            int status = uri.contains("/status/")
                                    ? Integer.parseInt(uri.substring(uri.indexOf("/status/") + 8, uri.indexOf("/status/") + 11))
                                    : 200;
                            String body = "{\"service\":\"" + name + "\",\"path\":\"" + request.fullPath() + "\",\"padding\":\""
                                    + "x".repeat(uri.contains("big") ? 4096 : 0) + "\"}";
                            Mono<Void> delay = uri.contains("/slow") ? Mono.delay(Duration.ofSeconds(3)).then()
                                    : Mono.empty();
                            return delay.then(request.receive().aggregate().then())
                                    .then(response.status(status).header("Content-Type", "application/json")
                                            .sendString(Mono.just(body), StandardCharsets.UTF_8).then());
                        }))
                .bindNow();
        port = server.port();
    }

    /** Every request received; WebSocket upgrades as method {@code WS} with their handshake headers. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public int openConnections() {
        return channels.size();
    }

    public int hits() {
        return hits.get();
    }

    public void reset() {
        received.clear();
        hits.set(0);
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    /** Gone like a killed process: the listener and every open connection (keep-alive ones included) close. */
    public void stop() {
        server.disposeNow();
        channels.forEach(Channel::close);
    }

    /** Back on the same port, as a restarted instance would be. */
    public void restart() {
        bind(port);
    }
}
