package dev.lectern.content.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lectern.content.ContentTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 10,000 documents (100 owners) with their study material on the real PostgreSQL, analysed; then every list and
 * lookup query the service runs is explained ({@code EXPLAIN (FORMAT JSON)}) and must reach its table through the
 * named index, never a sequential scan.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryPlanTests {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ContentTestSupport.register(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void load() {
        jdbc.execute("""
                insert into document (id, owner_id, title, media_type, text, sections, size_bytes, sha256, created_at)
                select md5('doc' || i)::uuid, 'owner-' || (i % 100), 'Title ' || i, 'text/plain', 'Text ' || i, '[]',
                       10, encode(sha256(('doc' || i)::bytea), 'hex'), now() - i * interval '1 minute'
                from generate_series(1, 10000) i""");
        jdbc.execute("""
                insert into flashcard (id, document_id, position, kind, front, back, src_start, src_end)
                select md5('card' || i || '-' || p)::uuid, md5('doc' || i)::uuid, p, 'DEFINITION', 'f', 'b', 0, 1
                from generate_series(1, 10000) i, generate_series(0, 4) p""");
        jdbc.execute("""
                insert into quiz (id, document_id, title)
                select md5('quiz' || i)::uuid, md5('doc' || i)::uuid, 'Quiz ' || i from generate_series(1, 10000) i""");
        jdbc.execute("""
                insert into quiz_question (id, quiz_id, position, kind, prompt, options, answer_index, src_start, src_end)
                select md5('q' || i || '-' || p)::uuid, md5('quiz' || i)::uuid, p, 'TRUE_FALSE', 'p',
                       array['True', 'False'], 0, 0, 1
                from generate_series(1, 10000) i, generate_series(0, 3) p""");
        jdbc.execute("""
                insert into quiz_attempt (id, quiz_id, user_id, answers, score, total, created_at)
                select md5('a' || i)::uuid, md5('quiz' || i)::uuid, 'owner-' || (i % 100), array[0, 1], 1, 2, now()
                from generate_series(1, 10000) i""");
        for (String table : List.of("document", "flashcard", "quiz", "quiz_question", "quiz_attempt")) {
            jdbc.execute("analyze " + table);
        }
        assertThat(jdbc.queryForObject("select count(*) from document", Long.class)).isEqualTo(10_000);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            list a user's documents, newest first | document_owner_created_idx | select id, title, created_at from document where owner_id = 'owner-7' order by created_at desc limit 20 offset 20
            count a user's documents (page metadata) | document_owner_created_idx | select count(*) from document where owner_id = 'owner-7'
            list filtered by title | document_owner_created_idx | select id from document where owner_id = 'owner-7' and upper(title) like upper('%title 1%') order by created_at desc limit 20
            get one document of its owner | document_pkey | select * from document where id = md5('doc42')::uuid and owner_id = 'owner-42'
            is an original still used (content hash) | document_sha256_idx | select 1 from document where sha256 = encode(sha256('doc42'::bytea), 'hex') limit 1
            flashcards of a batch of documents | flashcard_document_id_position_key | select * from flashcard where document_id = any(array[md5('doc1')::uuid, md5('doc2')::uuid, md5('doc3')::uuid]) order by document_id, position
            quiz of a batch of documents | quiz_document_id_key | select z.id from quiz z where z.document_id = any(array[md5('doc1')::uuid, md5('doc2')::uuid])
            questions of a quiz | quiz_question_quiz_id_position_key | select * from quiz_question where quiz_id = md5('quiz5')::uuid order by position
            the owner of a quiz | quiz_pkey | select z.document_id from quiz z join document d on d.id = z.document_id where z.id = md5('quiz5')::uuid and d.owner_id = 'owner-5'
            a user's attempts at a quiz | quiz_attempt_quiz_user_idx | select * from quiz_attempt where quiz_id = md5('quiz5')::uuid and user_id = 'owner-5' order by created_at desc
            cascade from a deleted document to its cards | flashcard_document_id_position_key | select 1 from flashcard where document_id = md5('doc9')::uuid
            """)
    void usesAnIndex(String path, String index, String sql) {
        String json = jdbc.queryForObject("explain (format json) " + sql, String.class);
        JsonNode plan = JsonMapper.shared().readTree(json).get(0).get("Plan");
        List<String> nodes = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        walk(plan, nodes, indexes);
        assertThat(nodes).as(path + ": " + json).doesNotContain("Seq Scan");
        assertThat(indexes).as(path + ": " + json).contains(index);
    }

    private static void walk(JsonNode node, List<String> nodes, List<String> indexes) {
        nodes.add(node.get("Node Type").asString());
        if (node.has("Index Name")) {
            indexes.add(node.get("Index Name").asString());
        }
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> walk(child, nodes, indexes));
        }
    }
}
