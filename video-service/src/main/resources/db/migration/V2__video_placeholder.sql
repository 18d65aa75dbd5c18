-- Video-specific tables arrive with the storyboard renderer; V1 (jobs, processed events, outbox) comes from
-- common-lib's classpath:db/jobs.
comment on table job is 'Video render jobs';
