-- Portraits uploaded for avatar jobs (the re-encoded PNG is stored by SHA-256 in object storage; the row keeps what
-- was detected). V1 (jobs, processed events, outbox) comes from common-lib's classpath:db/jobs.
create table portrait (
    id           uuid         primary key,
    owner_id     varchar(255) not null,
    sha256       varchar(64)  not null,
    object_key   varchar(255) not null,
    width        int          not null,
    height       int          not null,
    faces_found  int          not null,
    face_x       int          not null,
    face_y       int          not null,
    face_width   int          not null,
    face_height  int          not null,
    created_at   timestamptz  not null
);

create index portrait_owner_created_idx on portrait (owner_id, created_at desc);
create index portrait_sha256_idx on portrait (sha256);
