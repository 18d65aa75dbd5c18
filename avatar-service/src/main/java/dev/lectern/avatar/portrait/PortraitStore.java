package dev.lectern.avatar.portrait;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PortraitStore {

    private final JdbcClient jdbc;

    PortraitStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Portrait p) {
        jdbc.sql("""
                insert into portrait (id, owner_id, sha256, object_key, width, height, faces_found,
                                      face_x, face_y, face_width, face_height, created_at)
                values (:id, :owner, :sha, :key, :w, :h, :faces, :fx, :fy, :fw, :fh, :at)
                """)
                .param("id", p.id()).param("owner", p.ownerId()).param("sha", p.sha256()).param("key", p.objectKey())
                .param("w", p.width()).param("h", p.height()).param("faces", p.facesFound())
                .param("fx", p.face().x()).param("fy", p.face().y()).param("fw", p.face().width())
                .param("fh", p.face().height()).param("at", Timestamp.from(p.createdAt()))
                .update();
    }

    Optional<Portrait> findOwned(UUID id, String owner) {
        return jdbc.sql("select * from portrait where id = :id and owner_id = :owner").param("id", id)
                .param("owner", owner)
                .query((rs, n) -> new Portrait(rs.getObject("id", UUID.class), rs.getString("owner_id"),
                        rs.getString("sha256"), rs.getString("object_key"), rs.getInt("width"), rs.getInt("height"),
                        rs.getInt("faces_found"), new PortraitFaceDetector.FaceBox(rs.getInt("face_x"),
                                rs.getInt("face_y"), rs.getInt("face_width"), rs.getInt("face_height")),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }
}
