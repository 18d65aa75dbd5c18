-- Uploads keep their sections (JSON) and point at the original in object storage by SHA-256; study material is
-- generated at upload and stored next to the document. Every list and lookup path has an index (docs/performance.md).
alter table document add column sections text not null default '[]';
alter table document alter column sections drop default;

-- Object deletion asks "does another document still use these bytes?": a lookup by hash.
create index document_sha256_idx on document (sha256);
-- The title filter runs inside one owner's documents, which document_owner_created_idx already narrows to.

create table flashcard (
    id          uuid         primary key,
    document_id uuid         not null references document (id) on delete cascade,
    position    int          not null,
    kind        varchar(20)  not null,
    front       text         not null,
    back        text         not null,
    src_start   int          not null,
    src_end     int          not null,
    unique (document_id, position)
);

create table quiz (
    id          uuid         primary key,
    document_id uuid         not null unique references document (id) on delete cascade,
    title       varchar(300) not null
);

create table quiz_question (
    id           uuid        primary key,
    quiz_id      uuid        not null references quiz (id) on delete cascade,
    position     int         not null,
    kind         varchar(20) not null,
    prompt       text        not null,
    options      text[]      not null,
    answer_index int         not null,
    src_start    int         not null,
    src_end      int         not null,
    unique (quiz_id, position)
);

create table quiz_attempt (
    id          uuid        primary key,
    quiz_id     uuid        not null references quiz (id) on delete cascade,
    user_id     varchar(255) not null,
    answers     int[]       not null,
    score       int         not null,
    total       int         not null,
    created_at  timestamptz not null
);
create index quiz_attempt_quiz_user_idx on quiz_attempt (quiz_id, user_id, created_at desc);
