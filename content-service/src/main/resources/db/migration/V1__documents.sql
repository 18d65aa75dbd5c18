-- Documents of the content service. Runs in the schema named by lectern.db.schema (default "content").
create table document (
    id          uuid         primary key,
    owner_id    varchar(255) not null,
    title       varchar(200) not null,
    media_type  varchar(100) not null,
    text        text         not null,
    size_bytes  bigint       not null,
    sha256      varchar(64)  not null,
    created_at  timestamptz  not null
);

-- The list path: a user's documents, newest first.
create index document_owner_created_idx on document (owner_id, created_at desc);
