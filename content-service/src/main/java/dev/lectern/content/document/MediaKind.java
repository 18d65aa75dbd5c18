package dev.lectern.content.document;

/** The kinds of document the service reads, each decided from the bytes (see {@link ContentSniffer}). */
enum MediaKind {
    PLAIN("text/plain", "txt"), MARKDOWN("text/markdown", "md"), PDF("application/pdf", "pdf");

    private final String mediaType;
    private final String extension;

    MediaKind(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }
}
