package dev.lectern.common.jobs.ws;

import dev.lectern.common.jobs.JobNotFoundException;
import dev.lectern.common.jobs.JobResponse;
import dev.lectern.common.jobs.JobService;
import dev.lectern.common.jobs.JobState;
import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job-status stream ({@code /ws/videos}, {@code /ws/avatars}; docs/api/websocket.md). The handshake is
 * authenticated like any request (token in {@code Sec-WebSocket-Protocol: bearer, <jwt>} or {@code ?access_token=});
 * a client subscribes to its job ids, first receives each job's current state, then every change. Another user's job
 * is refused. The socket is closed when the token expires.
 */
public class JobStatusSocketHandler extends TextWebSocketHandler implements SubProtocolCapable {

    private static final Logger log = LoggerFactory.getLogger(JobStatusSocketHandler.class);
    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token expired");

    private final JobService jobs;
    private final JsonMapper json;
    private final ScheduledExecutorService expiries;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<UUID, Set<String>> subscribers = new ConcurrentHashMap<>();

    public JobStatusSocketHandler(JobService jobs, JsonMapper json, ScheduledExecutorService expiries) {
        this.jobs = jobs;
        this.json = json;
        this.expiries = expiries;
    }

    /** One connected client: its user, its subscriptions, and the last state it was sent per job. */
    private record Client(WebSocketSession session, String userId, Map<UUID, JobResponse> lastSent) {
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of("bearer");
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        Principal principal = session.getPrincipal();
        if (!(principal instanceof JwtAuthenticationToken token)) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("authentication required"));
            return;
        }
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, 5_000, 512 * 1024);
        clients.put(session.getId(), new Client(safe, token.getToken().getSubject(), new ConcurrentHashMap<>()));
        Instant expiresAt = token.getToken().getExpiresAt();
        if (expiresAt != null) {
            long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
            expiries.schedule(() -> close(session, TOKEN_EXPIRED), delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        Client client = clients.get(session.getId());
        if (client == null) {
            return;
        }
        JsonNode request;
        try {
            request = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            sendError(client, 400, "Messages are JSON: {\"action\": \"subscribe\", \"jobIds\": [\"...\"]}", null);
            return;
        }
        String action = request.path("action").asString("");
        JsonNode ids = request.path("jobIds");
        if (!(action.equals("subscribe") || action.equals("unsubscribe")) || !ids.isArray()) {
            sendError(client, 400, "action must be subscribe or unsubscribe, with a jobIds array", null);
            return;
        }
        for (JsonNode node : ids) {
            UUID jobId;
            try {
                jobId = UUID.fromString(node.asString(""));
            } catch (IllegalArgumentException e) {
                sendError(client, 400, "'" + node.asString("") + "' is not a job id", null);
                continue;
            }
            if (action.equals("subscribe")) {
                subscribe(client, jobId);
            } else {
                Set<String> sessions = subscribers.get(jobId);
                if (sessions != null) {
                    sessions.remove(session.getId());
                }
                client.lastSent().remove(jobId);
            }
        }
    }

    private void subscribe(Client client, UUID jobId) throws IOException {
        JobResponse current;
        try {
            current = JobResponse.from(jobs.get(client.userId(), jobId));
        } catch (JobNotFoundException e) {
            sendError(client, 404, e.getMessage(), jobId);
            return;
        }
        subscribers.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet()).add(client.session().getId());
        client.lastSent().remove(jobId);
        sendJob(client, current);
    }

    /** A job changed (on any replica): push it to this replica's subscribers of that job. */
    public void deliver(JobResponse job) {
        Set<String> sessions = subscribers.get(job.id());
        if (sessions == null) {
            return;
        }
        for (String sessionId : sessions) {
            Client client = clients.get(sessionId);
            if (client != null) {
                try {
                    sendJob(client, job);
                } catch (IOException e) {
                    log.debug("Could not push job {} to session {}: {}", job.id(), sessionId, e.getMessage());
                }
            }
        }
    }

    /** Sends unless the client already has this state or a later one (updates can arrive twice or out of order). */
    private void sendJob(Client client, JobResponse job) throws IOException {
        JobResponse[] previous = new JobResponse[1];
        boolean newer = client.lastSent().compute(job.id(), (id, last) -> {
            previous[0] = last;
            return last == null || isAhead(job, last) ? job : last;
        }) == job;
        if (!newer) {
            return;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "job");
        message.put("job", job);
        client.session().sendMessage(new TextMessage(json.writeValueAsString(message)));
    }

    static boolean isAhead(JobResponse candidate, JobResponse last) {
        int rank = rank(candidate.state()) - rank(last.state());
        if (rank != 0) {
            return rank > 0 && !last.state().isTerminal();
        }
        return candidate.progress() > last.progress() || candidate.attempts() > last.attempts();
    }

    private static int rank(JobState state) {
        return switch (state) {
            case QUEUED -> 0;
            case RUNNING -> 1;
            default -> 2;
        };
    }

    private void sendError(Client client, int status, String detail, UUID jobId) throws IOException {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "error");
        message.put("status", status);
        message.put("detail", detail);
        if (jobId != null) {
            message.put("jobId", jobId);
        }
        client.session().sendMessage(new TextMessage(json.writeValueAsString(message)));
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        clients.remove(session.getId());
        subscribers.values().forEach(sessions -> sessions.remove(session.getId()));
    }

    private void close(WebSocketSession session, CloseStatus status) {
        try {
            if (session.isOpen()) {
                session.close(status);
            }
        } catch (IOException e) {
            log.debug("Closing session {}: {}", session.getId(), e.getMessage());
        }
    }
}
