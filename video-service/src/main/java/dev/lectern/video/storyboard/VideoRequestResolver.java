package dev.lectern.video.storyboard;

import dev.lectern.common.video.RenderOptions;
import dev.lectern.common.video.Storyboard;
import dev.lectern.common.web.FieldError;
import dev.lectern.common.web.UnprocessableException;
import dev.lectern.video.job.CreateVideoRequest;
import java.util.List;

/** Turns a video request into what the worker renders: a checked storyboard and the render options. */
public class VideoRequestResolver {

    private final StoryboardValidator validator;
    private final DocumentStoryboards documents;

    public VideoRequestResolver(StoryboardValidator validator, DocumentStoryboards documents) {
        this.validator = validator;
        this.documents = documents;
    }

    public record ResolvedRequest(Storyboard storyboard, RenderOptions options) {
    }

    public ResolvedRequest resolve(CreateVideoRequest request, String bearerToken) {
        boolean fromDocument = request.documentId() != null;
        boolean fromStoryboard = request.storyboard() != null;
        if (fromDocument == fromStoryboard) {
            throw new UnprocessableException("Send either a documentId or a storyboard.",
                    List.of(new FieldError(fromDocument ? "storyboard" : "documentId",
                            fromDocument ? "must be absent when documentId is given" : "or storyboard is required")));
        }
        RenderOptions options = validator.options(request.options());
        Storyboard storyboard = fromStoryboard
                ? validator.storyboard(request.storyboard())
                : validator.check(documents.forDocument(request.documentId(), bearerToken));
        return new ResolvedRequest(storyboard, options);
    }
}
