package dev.lectern.common.jobs;

import dev.lectern.common.storage.ObjectStorage;
import dev.lectern.common.storage.StoredObjectResource;
import dev.lectern.common.web.FieldError;
import dev.lectern.common.web.NotFoundException;
import dev.lectern.common.web.RangeNotSatisfiableException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;

/**
 * Serves a finished job's MP4: {@code video/mp4}, a strong ETag (the file's SHA-256, so {@code If-None-Match} → 304),
 * and byte ranges (206) through Spring MVC's resource handling; a range it cannot serve is a 416 problem. A job that
 * has not succeeded has no content yet (409).
 */
public class JobContent {

    private final ObjectStorage storage;

    public JobContent(ObjectStorage storage) {
        this.storage = storage;
    }

    public ResponseEntity<Resource> serve(Job job, WebRequest request) throws IOException {
        if (job.state() != JobState.SUCCEEDED || job.result() == null || job.result().get("objectKey") == null) {
            throw new JobContentNotReadyException(job);
        }
        String key = (String) job.result().get("objectKey");
        String etag = "\"" + job.result().get("sha256") + "\"";
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).build();
        }
        long size = storage.size(key).orElseThrow(() -> new ContentGoneException(job));
        StoredObjectResource video = new StoredObjectResource(storage, key, size);
        String range = request.getHeader(HttpHeaders.RANGE);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(MediaType.valueOf("video/mp4"))
                .eTag(etag)
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate());
        if (range != null && !rangeApplies(range, request.getHeader(HttpHeaders.IF_RANGE), etag)) {
            // The whole video, as a body Spring MVC does not cut into ranges (it looks at the Range header itself).
            return answer.contentLength(size).body(new InputStreamResource(() -> storage.open(key)));
        }
        if (range != null && !satisfiable(range, video)) {
            throw new RangeNotSatisfiableException("The range '" + range + "' cannot be served from this " + size
                    + "-byte video: ranges are 'bytes=first-last', 'bytes=first-' or 'bytes=-suffixLength', starting"
                    + " before byte " + size + ".", size);
        }
        return answer.body(video);
    }

    /**
     * A range in another unit is ignored (RFC 9110 14.2), and so is any range when {@code If-Range} names another
     * version: an older ETag, or a date, since no Last-Modified is sent (13.1.5) — the client gets the whole video.
     */
    static boolean rangeApplies(String range, String ifRange, String etag) {
        return range.startsWith("bytes=") && (ifRange == null || ifRange.equals(etag));
    }

    /**
     * Checked here, with the same parsing Spring MVC's resource handling uses, because that handling answers an
     * unsatisfiable range with 416 <em>and then writes the whole file</em> as its body.
     */
    static boolean satisfiable(String range, Resource resource) {
        try {
            HttpRange.toResourceRegions(HttpRange.parseRanges(range), resource);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** 409: the job exists but has no video (yet, or ever). */
    public static class JobContentNotReadyException extends dev.lectern.common.web.ConflictException {
        JobContentNotReadyException(Job job) {
            super("Job " + job.id() + " is " + job.state() + "; its video is available once it has SUCCEEDED.",
                    List.of(new FieldError("state", job.state().name())));
        }
    }

    static class ContentGoneException extends NotFoundException {
        ContentGoneException(Job job) {
            super("The video of job " + job.id() + " is no longer stored.");
        }
    }
}
