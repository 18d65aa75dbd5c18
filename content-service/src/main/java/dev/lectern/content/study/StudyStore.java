package dev.lectern.content.study;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Study material rows (plain JDBC: batch inserts, and one {@code = any(?)} query per batch of documents so GraphQL's
 * batch loading costs one statement per kind of child, whatever the number of documents).
 */
@Repository
class StudyStore {

    private final JdbcTemplate jdbc;

    StudyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Ids are derived from the document id and position, so the same document always gets the same ids too. */
    static UUID idFor(UUID documentId, String what, int position) {
        return UUID.nameUUIDFromBytes((documentId + ":" + what + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    void save(UUID documentId, String title, StudyMaterial material) {
        List<StudyMaterial.Card> cards = material.flashcards();
        jdbc.batchUpdate("insert into flashcard (id, document_id, position, kind, front, back, src_start, src_end) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?)", new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        StudyMaterial.Card card = cards.get(i);
                        ps.setObject(1, idFor(documentId, "card", i));
                        ps.setObject(2, documentId);
                        ps.setInt(3, i);
                        ps.setString(4, card.kind().name());
                        ps.setString(5, card.front());
                        ps.setString(6, card.back());
                        ps.setInt(7, card.source().start());
                        ps.setInt(8, card.source().end());
                    }

                    @Override
                    public int getBatchSize() {
                        return cards.size();
                    }
                });
        UUID quizId = idFor(documentId, "quiz", 0);
        jdbc.update("insert into quiz (id, document_id, title) values (?, ?, ?)", quizId, documentId,
                truncate("Quiz: " + title, 300));
        List<StudyMaterial.Question> questions = material.questions();
        jdbc.batchUpdate("insert into quiz_question (id, quiz_id, position, kind, prompt, options, answer_index, "
                + "src_start, src_end) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        StudyMaterial.Question q = questions.get(i);
                        ps.setObject(1, idFor(documentId, "question", i));
                        ps.setObject(2, quizId);
                        ps.setInt(3, i);
                        ps.setString(4, q.kind().name());
                        ps.setString(5, q.prompt());
                        ps.setArray(6, ps.getConnection().createArrayOf("text", q.options().toArray()));
                        ps.setInt(7, q.answerIndex());
                        ps.setInt(8, q.source().start());
                        ps.setInt(9, q.source().end());
                    }

                    @Override
                    public int getBatchSize() {
                        return questions.size();
                    }
                });
    }

    List<FlashcardResponse> flashcards(UUID documentId) {
        return flashcards(List.of(documentId)).getOrDefault(documentId, List.of());
    }

    /** The flashcards of many documents in one statement. */
    Map<UUID, List<FlashcardResponse>> flashcards(Collection<UUID> documentIds) {
        Map<UUID, List<FlashcardResponse>> byDocument = new LinkedHashMap<>();
        documentIds.forEach(id -> byDocument.put(id, new ArrayList<>()));
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("select id, document_id, kind, front, back, src_start, src_end "
                    + "from flashcard where document_id = any(?) order by document_id, position");
            ps.setArray(1, con.createArrayOf("uuid", documentIds.toArray()));
            return ps;
        }, (ResultSet rs) -> {
            byDocument.get(rs.getObject("document_id", UUID.class)).add(new FlashcardResponse(
                    rs.getObject("id", UUID.class), rs.getString("front"), rs.getString("back"), rs.getString("kind"),
                    new FlashcardResponse.Source(rs.getInt("src_start"), rs.getInt("src_end"))));
        });
        return byDocument;
    }

    Optional<StoredQuiz> quiz(UUID documentId) {
        return Optional.ofNullable(quizzes(List.of(documentId)).get(documentId));
    }

    /** The quizzes (with questions) of many documents in one statement. */
    Map<UUID, StoredQuiz> quizzes(Collection<UUID> documentIds) {
        Map<UUID, UUID> quizIds = new LinkedHashMap<>();
        Map<UUID, String> titles = new LinkedHashMap<>();
        Map<UUID, List<StoredQuiz.Question>> questions = new LinkedHashMap<>();
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("select z.id as quiz_id, z.document_id, z.title, q.id, q.kind, "
                    + "q.prompt, q.options, q.answer_index, q.src_start, q.src_end from quiz z "
                    + "left join quiz_question q on q.quiz_id = z.id where z.document_id = any(?) "
                    + "order by z.document_id, q.position");
            ps.setArray(1, con.createArrayOf("uuid", documentIds.toArray()));
            return ps;
        }, (ResultSet rs) -> {
            UUID documentId = rs.getObject("document_id", UUID.class);
            quizIds.put(documentId, rs.getObject("quiz_id", UUID.class));
            titles.put(documentId, rs.getString("title"));
            List<StoredQuiz.Question> list = questions.computeIfAbsent(documentId, k -> new ArrayList<>());
            UUID questionId = rs.getObject("id", UUID.class);
            if (questionId != null) {
                list.add(new StoredQuiz.Question(questionId, rs.getString("kind"), rs.getString("prompt"),
                        options(rs.getArray("options")), rs.getInt("answer_index"), rs.getInt("src_start"),
                        rs.getInt("src_end")));
            }
        });
        Map<UUID, StoredQuiz> result = new LinkedHashMap<>();
        quizIds.forEach((documentId, quizId) -> result.put(documentId,
                new StoredQuiz(quizId, documentId, titles.get(documentId), questions.get(documentId))));
        return result;
    }

    /** The document of a quiz, if the quiz exists and that document is the owner's. */
    Optional<UUID> documentOfQuiz(UUID quizId, String ownerId) {
        return jdbc.query("select z.document_id from quiz z join document d on d.id = z.document_id "
                + "where z.id = ? and d.owner_id = ?", (rs, i) -> rs.getObject(1, UUID.class), quizId, ownerId)
                .stream().findFirst();
    }

    void saveAttempt(UUID id, UUID quizId, String userId, int[] answers, int score, int total, Instant at) {
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("insert into quiz_attempt (id, quiz_id, user_id, answers, "
                    + "score, total, created_at) values (?, ?, ?, ?, ?, ?, ?)");
            ps.setObject(1, id);
            ps.setObject(2, quizId);
            ps.setString(3, userId);
            ps.setArray(4, con.createArrayOf("int4", Arrays.stream(answers).boxed().toArray()));
            ps.setInt(5, score);
            ps.setInt(6, total);
            ps.setTimestamp(7, Timestamp.from(at));
            return ps;
        });
    }

    private static List<String> options(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
