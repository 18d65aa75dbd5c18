package dev.lectern.gateway.websocket;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;

/** The WebSocket service the gateway's {@code WebsocketRoutingFilter} proxies through: closes sockets at token expiry. */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

    @Bean
    @Primary
    WebSocketService expiringWebSocketService(RequestUpgradeStrategy upgradeStrategy) {
        return new ExpiringWebSocketService(new HandshakeWebSocketService(upgradeStrategy), Clock.systemUTC());
    }
}
