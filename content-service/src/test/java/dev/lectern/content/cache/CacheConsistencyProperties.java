package dev.lectern.content.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lectern.common.web.NotFoundException;
import dev.lectern.content.ContentInstances;
import dev.lectern.content.document.CreateDocumentRequest;
import dev.lectern.content.document.DocumentResponse;
import dev.lectern.content.document.DocumentService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * Cache consistency across two replicas on the real PostgreSQL and Redis: for any interleaving of writes, deletes and
 * reads, a read on the instance that wrote sees the write at once, and a read on the other instance sees it as soon as
 * the eviction message arrives. The in-process TTL is raised to 60 s here, so a replica that converges within the
 * 3 s allowed can only have done so through the eviction message, not by its entry expiring.
 */
class CacheConsistencyProperties {

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeContainer
    static void start() {
        Map<String, Object> shared = ContentInstances.sharedProperties();
        shared.put("lectern.content.cache.local.ttl", "60s");
        a = ContentInstances.start(shared);
        b = ContentInstances.start(shared);
    }

    @AfterContainer
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    sealed interface Action permits Create, Delete, ReadList, ReadOne {
    }

    record Create(int instance, String title) implements Action {
    }

    record Delete(int instance, int which) implements Action {
    }

    record ReadList(int instance) implements Action {
    }

    record ReadOne(int instance, int which) implements Action {
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Integer> instance = Arbitraries.integers().between(0, 1);
        Arbitrary<Action> create = Arbitraries.strings().alpha().ofLength(6).flatMap(t ->
                instance.map(i -> new Create(i, t)));
        Arbitrary<Action> delete = instance.flatMap(i -> Arbitraries.integers().between(0, 5).map(w -> new Delete(i, w)));
        Arbitrary<Action> list = instance.map(ReadList::new);
        Arbitrary<Action> one = instance.flatMap(i -> Arbitraries.integers().between(0, 5).map(w -> new ReadOne(i, w)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, create), net.jqwik.api.Tuple.of(2, delete),
                net.jqwik.api.Tuple.of(4, list), net.jqwik.api.Tuple.of(3, one)).list().ofMinSize(4).ofMaxSize(14);
    }

    @Property(tries = 25)
    void aReadAfterACommittedWriteNeverReturnsTheOldValue(@ForAll("actions") List<Action> actions) {
        String owner = "prop-" + UUID.randomUUID();
        List<DocumentResponse> model = new ArrayList<>();
        List<UUID> deleted = new ArrayList<>();
        int lastWriter = -1;
        for (Action action : actions) {
            switch (action) {
                case Create c -> {
                    model.addFirst(service(c.instance()).createText(owner, new CreateDocumentRequest(c.title(), "x")));
                    lastWriter = c.instance();
                }
                case Delete d -> {
                    if (!model.isEmpty()) {
                        DocumentResponse gone = model.remove(d.which() % model.size());
                        service(d.instance()).delete(owner, gone.id());
                        deleted.add(gone.id());
                        lastWriter = d.instance();
                    }
                }
                case ReadList r -> {
                    List<UUID> expected = model.stream().map(DocumentResponse::id).toList();
                    boolean sameInstance = r.instance() == lastWriter || lastWriter < 0;
                    if (sameInstance) {
                        assertThat(ids(list(r.instance(), owner))).isEqualTo(expected);
                    } else {
                        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                                .untilAsserted(() -> assertThat(ids(list(r.instance(), owner))).isEqualTo(expected));
                    }
                }
                case ReadOne o -> {
                    if (!model.isEmpty()) {
                        DocumentResponse live = model.get(o.which() % model.size());
                        assertThat(service(o.instance()).get(owner, live.id())).isEqualTo(live);
                    }
                    for (UUID id : deleted) {
                        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                                assertThatThrownBy(() -> service(o.instance()).get(owner, id))
                                        .isInstanceOf(NotFoundException.class));
                    }
                }
            }
        }
    }

    private static PageOf<DocumentResponse> list(int instance, String owner) {
        return service(instance).list(owner, null, PageRequest.of(0, 100, Sort.by(Sort.Direction.DESC, "createdAt")));
    }

    private static List<UUID> ids(PageOf<DocumentResponse> page) {
        return page.content().stream().map(DocumentResponse::id).toList();
    }

    private static DocumentService service(int instance) {
        return (instance == 0 ? a : b).getBean(DocumentService.class);
    }
}
