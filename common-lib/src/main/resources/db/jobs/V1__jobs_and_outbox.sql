-- Shared by the job-owning services (video, avatar): each runs it in its own schema through its own Flyway
-- (spring.flyway.locations includes classpath:db/jobs). Service-specific migrations start at V2.

create table job (
    id               uuid         primary key,
    kind             varchar(16)  not null,
    owner_id         varchar(255) not null,
    state            varchar(16)  not null,
    progress         int          not null default 0 check (progress between 0 and 100),
    attempts         int          not null default 0,
    idempotency_key  varchar(200),
    request_json     text         not null,
    result_json      text,
    error_type       varchar(200),
    error_detail     text,
    created_at       timestamptz  not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    updated_at       timestamptz  not null
);

-- A user's jobs, newest first (the list path).
create index job_owner_created_idx on job (owner_id, created_at desc);
-- A repeated POST with the same Idempotency-Key finds the first job; the constraint settles concurrent repeats.
create unique index job_owner_idempotency_key_uq on job (owner_id, idempotency_key) where idempotency_key is not null;

-- Event ids already applied: consumers are idempotent on them (delivery is at least once).
create table processed_event (
    event_id      uuid        primary key,
    job_id        uuid        not null,
    processed_at  timestamptz not null default now()
);

-- Transactional outbox (see dev.lectern.common.outbox).
create table outbox (
    id            uuid         primary key,
    exchange      varchar(255) not null,
    routing_key   varchar(255) not null,
    message_type  varchar(255) not null,
    payload       text         not null,
    created_at    timestamptz  not null,
    published_at  timestamptz,
    attempts      int          not null default 0,
    last_error    text
);

create index outbox_unpublished_idx on outbox (created_at) where published_at is null;
