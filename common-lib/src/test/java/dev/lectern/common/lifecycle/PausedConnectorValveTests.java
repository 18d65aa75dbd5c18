package dev.lectern.common.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.ResolvableType;

/**
 * The race a rolling restart hits, made deterministic: a real embedded Tomcat whose connector pauses (as graceful
 * shutdown does) after the processor's loop has checked for a pause and before it checks again behind the request
 * line — the window in which Tomcat 11 answers 400.
 */
class PausedConnectorValveTests {

    @TempDir
    Path baseDir;

    private Tomcat tomcat;

    @Test
    void withoutTheValveTomcatAnswersTheRaceWith400() throws Exception {
        // The reason the valve exists. Should a Tomcat upgrade answer 503 here itself, this fails: drop the valve.
        RacingPauseProtocol protocol = start(false);
        protocol.pauseAfterNextCheck();

        String response = exchange("GET /documents/1 HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(statusLine(response)).isEqualTo("HTTP/1.1 400 ");
    }

    @Test
    void aRequestCaughtByThePauseGets503ProblemAndTheConnectionCloses() throws Exception {
        RacingPauseProtocol protocol = start(true);
        protocol.pauseAfterNextCheck();

        String response = exchange("GET /documents/1 HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(statusLine(response)).isEqualTo("HTTP/1.1 503 ");
        assertThat(response).containsIgnoringCase("content-type: application/problem+json")
                .containsIgnoringCase("retry-after: 1")
                .containsIgnoringCase("connection: close")
                .contains("\"type\":\"https://lectern.dev/problems/service-unavailable\"")
                .contains("\"status\":503")
                .contains("\"detail\":\"" + PausedConnectorValve.DETAIL + "\"")
                .contains("\"instance\":\"/documents/1\"");
    }

    @Test
    void requestsWhileRunningReachTheApplication() throws Exception {
        start(true);

        String response = exchange("GET /documents/1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(statusLine(response)).isEqualTo("HTTP/1.1 200 ");
        assertThat(response).endsWith("served /documents/1");
    }

    @Test
    void aMalformedRequestWhileRunningStaysA400() throws Exception {
        start(true);

        // HTTP/1.1 without a Host header: a genuine bad request, not the shutdown race.
        String response = exchange("GET /documents/1 HTTP/1.1\r\nConnection: close\r\n\r\n");

        assertThat(statusLine(response)).isEqualTo("HTTP/1.1 400 ");
    }

    @Test
    void theServletServicesGetTheValve() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TomcatShutdownAutoConfiguration.class))
                .run(context -> {
                    TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
                    String[] customizers = context.getBeanNamesForType(ResolvableType.forClassWithGenerics(
                            WebServerFactoryCustomizer.class, ConfigurableTomcatWebServerFactory.class));
                    assertThat(customizers).hasSize(1);
                    @SuppressWarnings("unchecked")
                    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> customizer =
                            context.getBean(customizers[0], WebServerFactoryCustomizer.class);
                    customizer.customize(factory);
                    assertThat(factory.getEngineValves()).singleElement().isInstanceOf(PausedConnectorValve.class);
                });
    }

    @AfterEach
    void stop() throws LifecycleException {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private RacingPauseProtocol start(boolean withValve) throws LifecycleException {
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector(RacingPauseProtocol.class.getName());
        connector.setPort(0);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "documents", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.getWriter().write("served " + request.getRequestURI());
            }
        });
        context.addServletMappingDecoded("/*", "documents");
        if (withValve) {
            tomcat.getEngine().getPipeline().addValve(new PausedConnectorValve());
        }
        tomcat.start();
        return (RacingPauseProtocol) connector.getProtocolHandler();
    }

    /** Sends raw bytes (so a request can lack its Host header) and reads until the server closes the connection. */
    private String exchange(String request) throws IOException {
        int port = tomcat.getConnector().getLocalPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String statusLine(String response) {
        return response.substring(0, response.indexOf("\r\n") + 1).strip() + " ";
    }

    /**
     * Tomcat's HTTP/1.1 connector, except that once armed the pause lands right after the next check for it: the
     * processor's loop sees the connector running, reads the request line, then finds it paused.
     */
    public static class RacingPauseProtocol extends Http11NioProtocol {

        private final AtomicInteger checksSinceArmed = new AtomicInteger(-1);

        void pauseAfterNextCheck() {
            checksSinceArmed.set(0);
        }

        @Override
        public boolean isPaused() {
            if (super.isPaused()) {
                return true;
            }
            return checksSinceArmed.get() >= 0 && checksSinceArmed.incrementAndGet() > 1;
        }
    }
}
